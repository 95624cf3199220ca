/**
 * The database's personal data is sealed with a key this PC does not hold (a backup from another
 * PC): the start screen says so and takes the administrator's recovery code, which unlocks the key
 * in main and keeps it on this PC.
 */
import { App as AntApp, Form, Input, Typography } from 'antd';
import type { z } from 'zod';
import { recoveryCodeInput, type health as healthSchema } from '../../../../../shared/contract/system';
import { invoke } from '../../../api/client';
import { zhCN } from '../../../i18n/zh-CN';
import { AuthForm } from '../auth/AuthForm';

const t = zhCN.health;

export function UnlockScreen({ health, onUnlocked }: { health: z.output<typeof healthSchema>; onUnlocked: () => void }) {
  const { message } = AntApp.useApp();
  return (
    <AuthForm
      title={t.unlockTitle}
      intro={
        <span data-testid="unlock-intro">
          {t.unlockIntro}
          {health.dbPath && <Typography.Text type="secondary" className="unlock-file">{t.dbPath}：<span className="mono">{health.dbPath}</span></Typography.Text>}
        </span>
      }
      testId="unlock-form"
      initialValues={{ recoveryCode: '' }}
      schema={recoveryCodeInput}
      send={async (input) => {
        await invoke('dataKey.unlock', input);
        message.success(t.unlocked);
        onUnlocked();
      }}
      submitText={t.unlock}
      wide
    >
      <Form.Item name="recoveryCode" label={zhCN.auth.recoveryCode} extra={t.unlockCodeHint}>
        <Input autoComplete="off" className="mono" spellCheck={false} autoFocus />
      </Form.Item>
    </AuthForm>
  );
}
