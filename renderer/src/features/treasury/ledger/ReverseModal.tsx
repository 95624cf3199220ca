/**
 * 冲销: a new entry with every line negated, dated in an open month, with the
 * reason (required) kept on it. Reversing a posting to many households says
 * how many sub-ledgers it moves back, and by how much: their lines are in the
 * voucher behind the dialog.
 */
import { useEffect } from 'react';
import { Alert, App as AntApp, Form, Input } from 'antd';
import { DateField } from '../../../components/DateField';
import { reverseInput } from '../../../../../shared/contract/treasury/fund';
import { invoke } from '../../../api/client';
import { FormModal } from '../../../components/FormModal';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { formatCount, todayDate } from '../../../format';
import { groupedYuan } from '../fund/fundShared';
import { zhCN } from '../../../i18n/zh-CN';
import type { Entry } from './ledgerShared';

const t = zhCN.ledger;

interface Props {
  entry: Entry;
  open: boolean;
  onClose: () => void;
  onReversed: (reversal: Entry) => void;
  /** With 复核 on: nothing reversed yet, the reversal waits for a second person. */
  onWaiting?: () => void;
}

export function ReverseModal({ entry, open, onClose, onReversed, onWaiting }: Props) {
  const [form] = Form.useForm<{ date: string; reason: string }>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const households = new Set(entry.lines.flatMap((l) => (l.partId ? [l.partId] : []))).size;

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    form.resetFields();
    form.setFieldsValue({ date: todayDate(), reason: '' });
  }, [open]);

  const save = () => submit(reverseInput, { ...form.getFieldsValue(true), id: entry.id }, async (input) => {
    const reversal = await invoke('ledger.reverse', input);
    if (reversal.review) {
      message.info(zhCN.reviews.sent);
      (onWaiting ?? onClose)();
      return;
    }
    message.success(t.reversed(reversal.number));
    onReversed(reversal);
  });

  return (
    <FormModal
      open={open}
      title={t.reverseTitle(entry.number)}
      onCancel={onClose}
      width={520}
      save={{ busy, onSave: save, testId: 'reverse-save', label: t.reverse, danger: true }}
      errors={errors}
      errorsTestId="reverse-errors"
    >
      <p className="fund-modal-help">{t.reverseHelp}</p>
      {households > 0 && <Alert type="warning" showIcon className="posting-warnings" data-testid="reverse-households" title={t.reverseHouseholds(formatCount(households), groupedYuan(entry.amount))} />}
      <Form form={form} layout="vertical" data-testid="reverse-form">
        <Form.Item name="date" label={t.reverseDate} required>
          <DateField data-testid="reverse-date" />
        </Form.Item>
        <Form.Item name="reason" label={t.reverseReason} required>
          <Input.TextArea rows={3} maxLength={500} placeholder={t.reverseReasonPlaceholder} data-testid="reverse-reason" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
