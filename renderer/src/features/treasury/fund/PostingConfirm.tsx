/**
 * The look before every posting to many sub-ledgers (issue 13): a repair's
 * charge, the revenue transfer, earnings, the opening balances. The dialog
 * states what will be posted — how many households, the total — shows the
 * per-part table (SharesTable, or the caller's grid) and only then offers
 * 确认. When main says something is missing (a repair not yet posted, not
 * audited, not decided), each warning is listed and 确认 waits for a written
 * reason, which goes to main with the posting and is kept with it.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Descriptions, Form, Input, Space } from 'antd';
import { FormError } from '../../../components/FormError';
import { GuardedModal } from '../../../components/GuardedModal';
import { zhCN } from '../../../i18n/zh-CN';

const t = zhCN.fund.confirmPosting;

export interface PostingFact {
  label: string;
  value: ReactNode;
  testId?: string;
}

interface Props {
  open: boolean;
  title: string;
  /** One sentence: what will be posted to how many households, for how much. */
  summary: ReactNode;
  facts: PostingFact[];
  /** What main says is missing; each needs the written reason. */
  warnings?: readonly string[];
  /** The reason's label, when this posting can be asked for one. */
  reasonLabel?: string;
  /** The per-part table (SharesTable for shares; the caller's grid otherwise). */
  table: ReactNode;
  confirmLabel: string;
  /** False keeps 确认 disabled (e.g. shares that do not add up). */
  canConfirm?: boolean;
  busy: boolean;
  /** main's refusal, if the posting was refused after all. */
  errors: string[];
  onConfirm: (reason: string) => void;
  onCancel: () => void;
  testId: string;
}

export function PostingConfirm({
  open, title, summary, facts, warnings = [], reasonLabel, table, confirmLabel, canConfirm = true, busy, errors, onConfirm, onCancel, testId,
}: Props) {
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (open) setReason('');
  }, [open]);
  const needsReason = warnings.length > 0;
  const missingReason = needsReason && reason.trim() === '';

  return (
    <GuardedModal
      open={open}
      busy={busy}
      title={title}
      onClose={onCancel}
      destroyOnHidden
      width={760}
      footer={(cancel) => (
        <Space>
          <Button onClick={cancel} data-testid={`${testId}-back`}>{t.back}</Button>
          <Button
            type="primary"
            danger={needsReason}
            loading={busy}
            disabled={missingReason || !canConfirm}
            onClick={() => onConfirm(reason.trim())}
            data-testid={`${testId}-ok`}
          >
            {confirmLabel}
          </Button>
        </Space>
      )}
    >
      <div data-testid={testId} data-warnings={warnings.length}>
        <p className="posting-summary" data-testid={`${testId}-summary`}>{summary}</p>
        <Descriptions size="small" column={2} bordered className="fund-descriptions posting-facts">
          {facts.map((f) => (
            <Descriptions.Item key={f.label} label={f.label}><span data-testid={f.testId}>{f.value}</span></Descriptions.Item>
          ))}
        </Descriptions>
        {needsReason && (
          <Alert
            type="warning"
            showIcon
            className="posting-warnings"
            data-testid={`${testId}-warnings`}
            title={t.warningsTitle}
            description={<ul className="plain-list">{warnings.map((w) => <li key={w} data-testid={`${testId}-warning`}>{w}</li>)}</ul>}
          />
        )}
        {needsReason && (
          <Form layout="vertical" className="compact-form">
            <Form.Item label={reasonLabel ?? t.reason} required extra={t.reasonHelp}>
              <Input.TextArea
                rows={2}
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                placeholder={t.reasonPlaceholder}
                data-testid={`${testId}-reason`}
              />
            </Form.Item>
          </Form>
        )}
        <div data-testid={`${testId}-errors`}><FormError messages={errors} /></div>
        {table}
      </div>
    </GuardedModal>
  );
}
