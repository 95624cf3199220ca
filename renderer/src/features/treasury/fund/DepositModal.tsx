/**
 * 缴存: one deposit into one part's sub-ledger (fund.deposit) — the part found
 * by its address, the date, the amount in yuan, who paid, memo and receipt
 * number. main refuses a future date or a closed month; its words show above
 * the buttons.
 */
import { useEffect, useState } from 'react';
import { App as AntApp, Form, Input } from 'antd';
import { DateField } from '../../../components/DateField';
import { z } from 'zod';
import { depositInput } from '../../../../../shared/contract/treasury/fund';
import type { MethodInput } from '../../../../../shared/contract/methods';
import { invoke } from '../../../api/client';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { PartPicker } from './PartPicker';
import { groupedYuan, type HouseholdRow } from './fundShared';
import { FormModal } from '../../../components/FormModal';

const t = zhCN.fund;

/** The contract's schema, with the part's absence said in words rather than as a missing id. */
const depositForm = depositInput.extend({ partId: z.string({ error: t.partRequired }).min(1, { error: t.partRequired }) });

interface Values { partId?: string | null; date?: string; amount?: string; payer?: string; memo?: string; reference?: string }

interface Props {
  communityId: string;
  open: boolean;
  onClose: () => void;
  onPosted: () => void;
}

export function DepositModal({ communityId, open, onClose, onPosted }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const [household, setHousehold] = useState<HouseholdRow | null>(null);

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    setHousehold(null);
    form.resetFields();
    form.setFieldsValue({ partId: null, date: todayDate(), amount: '', payer: '', memo: '', reference: '' });
  }, [open]);

  const picked = (h: HouseholdRow | null) => {
    setHousehold(h);
    // Most deposits are paid by the owners themselves: offer their names, keep what was typed.
    if (h && !form.getFieldValue('payer')) form.setFieldValue('payer', h.owners);
  };

  const save = () => {
    const v = form.getFieldsValue(true) as Values;
    const input = { partId: v.partId ?? '', date: v.date ?? '', amount: v.amount ?? '', payer: v.payer, memo: v.memo, reference: v.reference };
    // The schema checks the form; main gets the amount as typed (yuan text), as the contract takes it.
    return submit(depositForm, input, () => send(input));
  };

  const send = async (input: MethodInput<'fund.deposit'>) => {
    const entry = await invoke('fund.deposit', input);
    message.success(t.deposited(entry.number));
    onPosted();
    onClose();
  };

  return (
    <FormModal
      open={open}
      title={t.depositTitle}
      onCancel={onClose}
      width={560}
      save={{ busy, onSave: save, testId: 'deposit-save', label: t.deposit }}
      errors={errors}
      errorsTestId="deposit-errors"
    >
      <Form form={form} layout="vertical" data-testid="deposit-form" className="compact-form">
        <Form.Item
          name="partId"
          label={t.part}
          required
          extra={household && <span className="fund-part-hint" data-testid="deposit-part-hint">
            {t.partHint(groupedYuan(household.initialDue), groupedYuan(household.deposited), groupedYuan(household.balance))}
          </span>}
        >
          <PartPicker communityId={communityId} onPicked={picked} testId="deposit-part" />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="date" label={t.date} required>
            <DateField data-testid="deposit-date" />
          </Form.Item>
          <Form.Item name="amount" label={t.amount} required>
            <Input inputMode="decimal" placeholder={t.amountPlaceholder} data-testid="deposit-amount" />
          </Form.Item>
        </div>
        <div className="form-row">
          <Form.Item name="payer" label={t.payer}>
            <Input maxLength={100} data-testid="deposit-payer" />
          </Form.Item>
          <Form.Item name="reference" label={t.reference}>
            <Input maxLength={60} data-testid="deposit-reference" />
          </Form.Item>
        </div>
        <Form.Item name="memo" label={t.memo}>
          <Input maxLength={200} placeholder={t.memoPlaceholder} data-testid="deposit-memo" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
