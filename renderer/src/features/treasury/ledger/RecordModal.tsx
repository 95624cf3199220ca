/**
 * The treasurer's three forms (ledger.record), in plain words: 收入 — money
 * into a bank account from a source; 支出 — money out of a bank account for a
 * purpose; 转账 — from one account to another. The form's fields keep the
 * contract's names (debitAccountId, creditAccountId) so that main's and the
 * schema's messages land on them, but their labels say what they mean in
 * each form. An account kept per household (the fund) asks for the part.
 */
import { useEffect, useState } from 'react';
import { App as AntApp, Form, Input, Select } from 'antd';
import { DateField } from '../../../components/DateField';
import { z } from 'zod';
import { recordInput } from '../../../../../shared/contract/treasury/fund';
import { invoke } from '../../../api/client';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { PartPicker } from '../fund/PartPicker';
import { accountLabel, type Account, type RecordForm } from './ledgerShared';
import { FormModal } from '../../../components/FormModal';

const t = zhCN.ledger;

interface Values {
  debitAccountId?: string; creditAccountId?: string; partId?: string | null;
  date?: string; amount?: string; memo?: string; counterparty?: string; reference?: string;
}

/** The contract's schema with an unchosen account or part said in this form's words. */
function schemaFor(form: RecordForm, needsPart: boolean) {
  const labels = t.accountLabels[form];
  const chosen = (label: string) => z.string({ error: t.chooseAccount(label) }).min(1, { error: t.chooseAccount(label) });
  return recordInput
    .extend({ debitAccountId: chosen(labels.debit), creditAccountId: chosen(labels.credit) })
    .superRefine((v, ctx) => {
      if (needsPart && !v.partId) ctx.addIssue({ code: 'custom', path: ['partId'], message: zhCN.fund.partRequired });
    });
}

/** Which accounts each side offers: a bank account is an asset; the other side is anything else. */
function optionsFor(form: RecordForm, accounts: readonly Account[]) {
  const toOption = (a: Account) => ({ value: a.id, label: accountLabel(a) });
  const banks = accounts.filter((a) => a.kind === 'asset').map(toOption);
  const others = accounts.filter((a) => a.kind !== 'asset').map(toOption);
  const all = accounts.map(toOption);
  if (form === 'income') return { debit: banks, credit: others };
  if (form === 'expense') return { debit: others, credit: banks };
  return { debit: all, credit: all };
}

interface Props {
  communityId: string;
  /** The form shown, or null when closed. */
  form: RecordForm | null;
  accounts: readonly Account[];
  onClose: () => void;
  onPosted: () => void;
}

export function RecordModal({ communityId, form: asked, accounts, onClose, onPosted }: Props) {
  // The last form asked for stays drawn while the dialog closes.
  const [lastAsked, setLastAsked] = useState<RecordForm>('income');
  const kind = asked ?? lastAsked;
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const debitId = Form.useWatch('debitAccountId', form);
  const creditId = Form.useWatch('creditAccountId', form);
  const subLedger = accounts.find((a) => a.subLedger && (a.id === debitId || a.id === creditId)) ?? null;

  useEffect(() => {
    if (asked === null) return;
    setLastAsked(asked);
    setErrors([]);
    form.resetFields();
    form.setFieldsValue({ date: todayDate(), amount: '', memo: '', counterparty: '', reference: '', partId: null });
  }, [asked]);

  const labels = t.accountLabels[kind];
  const options = optionsFor(kind, accounts);

  const save = () => {
    const v = form.getFieldsValue(true) as Values;
    // A part chosen for an account that was then changed is not sent: main would refuse it on a plain account.
    const input = {
      communityId, form: kind, date: v.date ?? '', amount: v.amount ?? '',
      debitAccountId: v.debitAccountId ?? '', creditAccountId: v.creditAccountId ?? '',
      partId: subLedger ? (v.partId ?? null) : null,
      memo: v.memo ?? '', counterparty: v.counterparty, reference: v.reference,
    };
    // The schema checks the form; main gets the amount as typed (yuan text), as the contract takes it.
    return submit(schemaFor(kind, subLedger !== null), input, async () => {
      const entry = await invoke('ledger.record', input);
      message.success(t.recorded(entry.number));
      onPosted();
      onClose();
    });
  };

  const accountField = (side: 'debit' | 'credit') => (
    <Form.Item name={side === 'debit' ? 'debitAccountId' : 'creditAccountId'} label={labels[side]} required>
      <Select
        data-testid={`record-${side === 'debit' ? 'to' : 'from'}`}
        placeholder={t.chooseAccount(labels[side])}
        options={options[side]}
        showSearch={{ optionFilterProp: 'label' }}
      />
    </Form.Item>
  );

  return (
    <FormModal
      open={asked !== null}
      title={t.formTitle[kind]}
      onCancel={onClose}
      width={600}
      save={{ busy, onSave: save, testId: 'record-save', label: t.save }}
      errors={errors}
      errorsTestId="record-errors"
    >
      <p className="fund-modal-help">{t.formHelp[kind]}</p>
      <Form form={form} layout="vertical" className="compact-form" data-testid="record-form" data-form={kind}>
        {/* The bank account first (the one the treasurer holds the statement of); a transfer reads from → to. */}
        <div className="form-row">
          {kind === 'income' ? accountField('debit') : accountField('credit')}
          {kind === 'income' ? accountField('credit') : accountField('debit')}
        </div>
        {subLedger && (
          <Form.Item name="partId" label={t.part} required extra={t.partHelp(subLedger.name)}>
            <PartPicker communityId={communityId} testId="record-part" />
          </Form.Item>
        )}
        <div className="form-row">
          <Form.Item name="amount" label={t.amount} required>
            <Input inputMode="decimal" placeholder={t.amountPlaceholder} data-testid="record-amount" />
          </Form.Item>
          <Form.Item name="date" label={t.date} required>
            <DateField data-testid="record-date" />
          </Form.Item>
        </div>
        <Form.Item name="memo" label={t.memo} required>
          <Input maxLength={200} placeholder={t.memoPlaceholder[kind]} data-testid="record-memo" />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="counterparty" label={kind === 'income' ? t.payer : kind === 'expense' ? t.payee : t.counterparty}>
            <Input maxLength={100} data-testid="record-counterparty" />
          </Form.Item>
          <Form.Item name="reference" label={t.reference}>
            <Input maxLength={60} data-testid="record-reference" />
          </Form.Item>
        </div>
      </Form>
    </FormModal>
  );
}
