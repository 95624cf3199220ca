/**
 * 登记支出 (budget.spend): the committee's spending against one of the year's
 * lines, paid from the common-revenue account. The form says what share of
 * the line the spending would reach; main refuses a date outside the year.
 */
import { useEffect } from 'react';
import { App as AntApp, Form, Input, Select } from 'antd';
import { DateField } from '../../../components/DateField';
import { z } from 'zod';
import { spendInput } from '../../../../../shared/contract/treasury/revenue';
import type { MethodInput, MethodOutput } from '../../../../../shared/contract/methods';
import { parseYuan } from '../../../../../shared/domain/money';
import { invoke } from '../../../api/client';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { decimal2ToHundredths } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { groupedYuan } from '../fund/fundShared';
import { FormModal } from '../../../components/FormModal';

const t = zhCN.revenue.budget;

type Report = MethodOutput<'budget.get'>;
interface Values { budgetLineId?: string; date?: string; amount?: string; counterparty?: string; memo?: string }

/** The contract's schema, with an unchosen line said in words. */
const spendForm = spendInput.extend({ budgetLineId: z.string({ error: t.lineRequired }).min(1, { error: t.lineRequired }) });

interface Props {
  communityId: string;
  report: Report;
  defaultDate: string;
  open: boolean;
  onClose: () => void;
  onPosted: () => void;
}

export function SpendModal({ communityId, report, defaultDate, open, onClose, onPosted }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const lineId = Form.useWatch('budgetLineId', form);
  const amount = Form.useWatch('amount', form);

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    form.resetFields();
    form.setFieldsValue({ budgetLineId: undefined, date: defaultDate, amount: '', counterparty: '', memo: '' });
  }, [open]);

  const save = () => {
    const v = form.getFieldsValue(true) as Values;
    const input = { communityId, budgetLineId: v.budgetLineId ?? '', date: v.date ?? '', amount: v.amount ?? '', counterparty: v.counterparty, memo: v.memo ?? '' };
    return submit(spendForm, input, () => send(input));
  };

  const send = async (input: MethodInput<'budget.spend'>) => {
    const entry = await invoke('budget.spend', input);
    message.success(t.spent(entry.number));
    onPosted();
    onClose();
  };

  // What the line would reach: floor((spent + amount) × 100 / budget), as main counts.
  const line = report.lines.find((l) => l.id === lineId);
  const typed = parseYuan(amount ?? '');
  const budget = line ? decimal2ToHundredths(line.budget) : 0;
  const reach = line && typed !== null && typed > 0 && budget > 0
    ? Math.floor(((decimal2ToHundredths(line.spent) + typed) * 100) / budget) : null;

  return (
    <FormModal
      open={open}
      title={t.spendTitle}
      onCancel={onClose}
      width={560}
      save={{ busy, onSave: save, testId: 'budget-spend-save', label: t.spend }}
      errors={errors}
      errorsTestId="budget-spend-errors"
    >
      <p className="fund-modal-help">{t.spendHelp}</p>
      <Form form={form} layout="vertical" className="compact-form" data-testid="budget-spend-form">
        <Form.Item
          name="budgetLineId"
          label={t.line}
          required
          extra={reach !== null && <span className={reach >= 90 ? 'budget-spend-hint warn' : 'budget-spend-hint'} data-testid="budget-spend-reach">{t.wouldReach(reach)}</span>}
        >
          <Select
            data-testid="budget-spend-line"
            placeholder={t.lineRequired}
            options={report.lines.map((l) => ({ value: l.id, label: t.lineOption(l.name, groupedYuan(l.left)) }))}
          />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="date" label={t.date} required>
            <DateField data-testid="budget-spend-date" />
          </Form.Item>
          <Form.Item name="amount" label={t.amount} required>
            <Input inputMode="decimal" placeholder={t.amountPlaceholder} data-testid="budget-spend-amount" />
          </Form.Item>
        </div>
        <Form.Item name="counterparty" label={t.payee}>
          <Input maxLength={100} data-testid="budget-spend-payee" />
        </Form.Item>
        <Form.Item name="memo" label={t.memo} required>
          <Input maxLength={200} placeholder={t.memoPlaceholder} data-testid="budget-spend-memo" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
