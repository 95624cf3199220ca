/**
 * 结账: closes a finished month and every month before it (ledger.closeMonth).
 * The dialog says plainly what follows — entries dated in those months,
 * reversals included, are refused from then on — before it is confirmed.
 */
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Form, Input } from 'antd';
import { closeMonthInput } from '../../../../../shared/contract/treasury/fund';
import { addDays } from '../../../../../shared/domain/dates';
import { invoke } from '../../../api/client';
import { FormModal } from '../../../components/FormModal';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';

const t = zhCN.ledger;

/** The month before this one: the latest that can be closed. */
const previousMonth = () => addDays(`${todayDate().slice(0, 7)}-01`, -1).slice(0, 7);

interface Props {
  communityId: string;
  open: boolean;
  closedThrough: string | null;
  onClose: () => void;
  onClosed: () => void;
}

export function CloseMonthModal({ communityId, open, closedThrough, onClose, onClosed }: Props) {
  const [form] = Form.useForm<{ month: string }>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const [month, setMonth] = useState('');

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    form.resetFields();
    const initial = previousMonth();
    form.setFieldsValue({ month: initial });
    setMonth(initial);
  }, [open]);

  const save = () => submit(closeMonthInput, { communityId, month: form.getFieldValue('month') ?? '' }, async (input) => {
    const books = await invoke('ledger.closeMonth', input);
    // With 复核 on the month is not closed yet: it waits for a second person.
    if (books.review) message.info(zhCN.reviews.sent);
    else message.success(t.closed(books.closedThrough ?? input.month));
    onClosed();
    onClose();
  });

  return (
    <FormModal
      open={open}
      title={t.closeTitle}
      onCancel={onClose}
      width={520}
      save={{ busy, onSave: save, testId: 'close-month-save', label: t.closeOk, danger: true, disabled: !month }}
      errors={errors}
      errorsTestId="close-month-errors"
    >
      <p className="fund-modal-help">{t.closeHelp(closedThrough)}</p>
      <Form form={form} layout="vertical" data-testid="close-month-form" onValuesChange={(v: { month?: string }) => setMonth(v.month ?? '')}>
        <Form.Item name="month" label={t.closeMonthLabel} required>
          <Input type="month" data-testid="close-month-month" />
        </Form.Item>
      </Form>
      {month && <Alert type="warning" showIcon data-testid="close-month-confirm" title={t.closeConfirm(month)} />}
    </FormModal>
  );
}
