/**
 * 登记收益 / 登记成本 (revenue.record): income from a payer into the revenue
 * account, or a reasonable cost paid out of it — by kind, with the payer or
 * payee and the contract. The contract's schema checks the form; main's
 * refusal (a closed month, a future date) shows above the buttons.
 */
import { useEffect } from 'react';
import { App as AntApp, Form, Input, Select } from 'antd';
import { DateField } from '../../../components/DateField';
import { z } from 'zod';
import { revenueInput } from '../../../../../shared/contract/treasury/revenue';
import type { MethodInput } from '../../../../../shared/contract/methods';
import { REVENUE_KINDS } from '../../../../../shared/domain/treasury';
import { invoke } from '../../../api/client';
import { FormModal } from '../../../components/FormModal';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { zhCN } from '../../../i18n/zh-CN';

const t = zhCN.revenue;

export type Direction = 'income' | 'cost';

/** The contract's schema, with an unchosen kind said in words. */
const recordForm = revenueInput.extend({ kind: z.enum(REVENUE_KINDS, { error: t.kindRequired }) });

interface Values { date?: string; kind?: string; amount?: string; counterparty?: string; contract?: string; memo?: string }

interface Props {
  communityId: string;
  /** null: closed. */
  direction: Direction | null;
  /** A date inside the period shown, offered when today is not in it. */
  defaultDate: string;
  onClose: () => void;
  onPosted: () => void;
}

export function RecordRevenueModal({ communityId, direction, defaultDate, onClose, onPosted }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const income = direction !== 'cost';

  useEffect(() => {
    if (direction === null) return;
    setErrors([]);
    form.resetFields();
    form.setFieldsValue({ date: defaultDate, kind: undefined, amount: '', counterparty: '', contract: '', memo: '' });
  }, [direction]);

  const save = () => {
    const v = form.getFieldsValue(true) as Values;
    const input = {
      communityId, date: v.date ?? '', kind: v.kind, direction: direction ?? 'income', amount: v.amount ?? '',
      counterparty: v.counterparty, contract: v.contract, memo: v.memo ?? '',
    };
    // The schema checks the form; main gets the amount as typed (yuan text), as the contract takes it.
    return submit(recordForm, input, () => send(input as MethodInput<'revenue.record'>));
  };

  const send = async (input: MethodInput<'revenue.record'>) => {
    const entry = await invoke('revenue.record', input);
    message.success(t.recorded(entry.number));
    onPosted();
    onClose();
  };

  return (
    <FormModal
      open={direction !== null}
      title={income ? t.incomeTitle : t.costTitle}
      onCancel={onClose}
      width={580}
      save={{ busy, onSave: save, testId: 'revenue-record-save', label: income ? t.recordIncome : t.recordCost }}
      errors={errors}
      errorsTestId="revenue-record-errors"
    >
      <p className="fund-modal-help">{income ? t.incomeHelp : t.costHelp}</p>
      <Form form={form} layout="vertical" className="compact-form" data-testid="revenue-record-form" data-direction={direction ?? ''}>
        <div className="form-row">
          <Form.Item name="date" label={t.date} required>
            <DateField data-testid="revenue-record-date" />
          </Form.Item>
          <Form.Item name="kind" label={t.kind} required>
            <Select data-testid="revenue-record-kind" placeholder={t.kindRequired} options={REVENUE_KINDS.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
        </div>
        <div className="form-row">
          <Form.Item name="amount" label={t.amount} required>
            <Input inputMode="decimal" placeholder={t.amountPlaceholder} data-testid="revenue-record-amount" />
          </Form.Item>
          <Form.Item name="counterparty" label={income ? t.payer : t.payee}>
            <Input maxLength={100} placeholder={income ? t.payerPlaceholder : t.payeePlaceholder} data-testid="revenue-record-counterparty" />
          </Form.Item>
        </div>
        <Form.Item name="contract" label={t.contract}>
          <Input maxLength={100} placeholder={t.contractPlaceholder} data-testid="revenue-record-contract" />
        </Form.Item>
        <Form.Item name="memo" label={t.memo} required>
          <Input maxLength={200} placeholder={income ? t.incomeMemoPlaceholder : t.costMemoPlaceholder} data-testid="revenue-record-memo" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
