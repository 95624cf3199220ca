/**
 * 登记付款: a payment to the contractor out of the fund's bank account
 * (repair.pay) — date, amount in yuan, memo. main refuses a future date or a
 * closed month; its words show above the buttons.
 */
import { useEffect } from 'react';
import { App as AntApp, Form, Input } from 'antd';
import { DateField } from '../../../components/DateField';
import { projectPayment } from '../../../../../shared/contract/treasury/repairs';
import { invoke } from '../../../api/client';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import type { ProjectDetail } from './repairShared';
import { FormModal } from '../../../components/FormModal';

const t = zhCN.repairs;

interface Values { date?: string; amount?: string; memo?: string }

interface Props {
  project: ProjectDetail;
  open: boolean;
  onClose: () => void;
  onPaid: (project: ProjectDetail) => void;
}

export function PayModal({ project, open, onClose, onPaid }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    form.resetFields();
    form.setFieldsValue({ date: todayDate(), amount: '', memo: '' });
  }, [open]);

  const save = () => {
    const v = form.getFieldsValue(true) as Values;
    // main gets the amount as typed (yuan text), as the contract takes it.
    const input = { projectId: project.id, date: v.date ?? '', amount: v.amount ?? '', memo: v.memo ?? '' };
    return submit(projectPayment, input, async () => {
      const before = new Set(project.payments.map((p) => p.entryId));
      const paid = await invoke('repair.pay', input);
      const entry = paid.payments.find((p) => !before.has(p.entryId));
      message.success(entry ? t.paidSaved(entry.number) : zhCN.common.saved);
      onPaid(paid);
      onClose();
    });
  };

  return (
    <FormModal
      open={open}
      title={t.payTitle}
      onCancel={onClose}
      width={520}
      save={{ busy, onSave: save, testId: 'pay-save', label: t.pay }}
      errors={errors}
      errorsTestId="pay-errors"
    >
      <p className="repair-help">{t.paymentsHelp}</p>
      <Form form={form} layout="vertical" className="compact-form" data-testid="pay-form">
        <div className="form-row">
          <Form.Item name="date" label={t.payDate} required>
            <DateField data-testid="pay-date" />
          </Form.Item>
          <Form.Item name="amount" label={t.payAmount} required>
            <Input inputMode="decimal" placeholder={t.payAmountPlaceholder} data-testid="pay-amount" />
          </Form.Item>
        </div>
        <Form.Item name="memo" label={t.payMemo}>
          <Input maxLength={200} placeholder={t.payMemoPlaceholder} data-testid="pay-memo" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
