/**
 * 编辑预算 (budget.set): a year's lines, name and amount, added and removed
 * in a list. The contract's schema puts its words on the line's field; main
 * refuses a repeated name or the removal of a line already spent against, and
 * its words show above the buttons.
 */
import { useEffect } from 'react';
import { App as AntApp, Button, Form, Input } from 'antd';
import { budgetInput } from '../../../../../shared/contract/treasury/revenue';
import type { MethodInput, MethodOutput } from '../../../../../shared/contract/methods';
import { fenToYuan, parseYuan } from '../../../../../shared/domain/money';
import { invoke } from '../../../api/client';
import { FormModal } from '../../../components/FormModal';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { zhCN } from '../../../i18n/zh-CN';
import { groupedYuan } from '../fund/fundShared';

const t = zhCN.revenue.budget;

type Report = MethodOutput<'budget.get'>;
interface Line { name?: string; amount?: string }
interface Values { lines?: Line[] }

interface Props {
  communityId: string;
  year: number;
  report: Report | undefined;
  open: boolean;
  onClose: () => void;
  onSaved: (report: Report) => void;
}

export function BudgetLinesModal({ communityId, year, report, open, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const lines = Form.useWatch('lines', form);
  const total = (lines ?? []).reduce((sum, l) => sum + Math.max(0, parseYuan(l?.amount ?? '') ?? 0), 0);

  // A line already spent against says so: main refuses to remove it.
  const spentOn = (name: string | undefined) => {
    const line = report?.lines.find((l) => l.name === name?.trim());
    return line && line.spent !== '0.00' ? <span data-testid="budget-line-spent">{t.lineSpent(groupedYuan(line.spent))}</span> : undefined;
  };

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    form.resetFields();
    const existing = report?.lines ?? [];
    form.setFieldsValue({ lines: existing.length > 0 ? existing.map((l) => ({ name: l.name, amount: l.budget })) : [{ name: '', amount: '' }] });
  }, [open]);

  const save = () => {
    const v = form.getFieldsValue(true) as Values;
    const input = { communityId, year, lines: (v.lines ?? []).map((l) => ({ name: l?.name ?? '', amount: l?.amount ?? '' })) };
    return submit(budgetInput, input, () => send(input));
  };

  const send = async (input: MethodInput<'budget.set'>) => {
    const saved = await invoke('budget.set', input);
    message.success(t.saved);
    onSaved(saved);
    onClose();
  };

  return (
    <FormModal
      open={open}
      title={t.editTitle(year)}
      onCancel={onClose}
      width={600}
      save={{ busy, onSave: save, testId: 'budget-lines-save', label: zhCN.common.save }}
      errors={errors}
      errorsTestId="budget-lines-errors"
    >
      <p className="fund-modal-help">{t.editHelp}</p>
      <Form form={form} layout="vertical" className="compact-form budget-lines-form" data-testid="budget-lines-form">
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <div key={field.key} className="budget-line-row" data-testid="budget-line">
                  <Form.Item name={[field.name, 'name']} label={index === 0 ? t.lineName : undefined} required>
                    <Input maxLength={60} placeholder={t.lineNamePlaceholder} data-testid="budget-line-name" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'amount']}
                    label={index === 0 ? t.lineAmount : undefined}
                    required
                    extra={spentOn(lines?.[index]?.name)}
                  >
                    <Input inputMode="decimal" placeholder={t.lineAmountPlaceholder} data-testid="budget-line-amount" />
                  </Form.Item>
                  <Form.Item label={index === 0 ? ' ' : undefined}>
                    <Button type="link" danger disabled={fields.length === 1} onClick={() => remove(field.name)} data-testid="budget-line-remove">{t.removeLine}</Button>
                  </Form.Item>
                </div>
              ))}
              <div className="budget-lines-total" data-testid="budget-lines-total">{t.linesTotal(groupedYuan(fenToYuan(total)))}</div>
              <Button onClick={() => add({ name: '', amount: '' })} data-testid="budget-line-add">{t.addLine}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </FormModal>
  );
}
