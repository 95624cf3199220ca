/**
 * The footer of every dialog that saves: 取消, then the primary action, busy
 * while main is working. One place for its order, spacing and loading state.
 */
import { Button, Space } from 'antd';
import { zhCN } from '../i18n/zh-CN';

export interface SaveCancelProps {
  onCancel: () => void;
  onSave: () => unknown;
  busy: boolean;
  /** The action's name: 保存, 登记, 确认分摊 … */
  label: string;
  testId?: string;
  disabled?: boolean;
  /** An action that cannot be taken back (a reversal, closing a month): the primary button in red. */
  danger?: boolean;
}

export function SaveCancel({ onCancel, onSave, busy, label, testId, disabled, danger }: SaveCancelProps) {
  return (
    <Space>
      <Button onClick={onCancel}>{zhCN.common.cancel}</Button>
      <Button type="primary" danger={danger} loading={busy} disabled={disabled} onClick={() => void onSave()} data-testid={testId}>{label}</Button>
    </Space>
  );
}
