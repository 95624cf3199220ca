/**
 * 决算分摊: the final cost is typed, then 预览分摊 opens the look before the
 * posting (PostingConfirm): every share (repair.previewCharge, adding up to
 * the fen), how many households, and what main says is missing — the notice
 * before the works (尚未公示), the audit above the community's threshold, the
 * owners' decision. Each missing one needs a written reason before 确认分摊;
 * main checks again, keeps the reason with the charge and audits it. An
 * overrun of the estimate by the re-approval share still needs its 超支说明
 * (the overrun % is shown as the cost is typed).
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input } from 'antd';
import { DateField } from '../../../components/DateField';
import { chargeInput } from '../../../../../shared/contract/treasury/repairs';
import type { FundRules } from '../../../../../shared/contract/treasury/fund';
import { invoke } from '../../../api/client';
import { FormError } from '../../../components/FormError';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { formatCount, todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { PostingConfirm } from '../fund/PostingConfirm';
import { SharesTable } from '../fund/SharesTable';
import { checkCost, fenOf, yuanShown, type Apportionment, type ProjectDetail } from './repairShared';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.repairs;

interface Values { finalCost?: string; date?: string; auditNote?: string; overrunReason?: string }

interface Props {
  project: ProjectDetail;
  rules: FundRules | undefined;
  onCharged: (project: ProjectDetail) => void;
}

export function ChargePanel({ project, rules, onCharged }: Props) {
  const can = useCan();
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const [preview, setPreview] = useState<{ cost: number; result: Apportionment } | null>(null);
  const typed = Form.useWatch('finalCost', form) as string | undefined;

  useEffect(() => {
    form.setFieldsValue({ finalCost: '', date: todayDate(), auditNote: '', overrunReason: '' });
  }, [project.id]);

  const rule = useMemo(() => ({ auditAbove: rules?.repairAuditAbove ?? null, reapprovalPercent: rules?.repairReapprovalPercent ?? null }), [rules]);
  const estimate = fenOf(project.estimate) ?? 0;
  const cost = fenOf(typed);
  const check = cost !== null && cost > 0 ? checkCost(cost, estimate, rule) : null;
  const sum = preview ? preview.result.shares.reduce((s, x) => s + (fenOf(x.amount) ?? 0), 0) : null;
  const sumOk = preview !== null && sum === preview.cost;

  const input = (overrideReason = '') => {
    const v = form.getFieldsValue(true) as Values;
    return { projectId: project.id, date: v.date ?? '', finalCost: v.finalCost ?? '', auditNote: v.auditNote ?? '', overrunReason: v.overrunReason ?? '', overrideReason };
  };

  // The overrun's note is the community's rule, checked before the look; everything else main says in the preview.
  const showPreview = () => {
    const data = input();
    const schema = check?.reapproval
      ? chargeInput.refine((v) => v.overrunReason !== '', { path: ['overrunReason'], error: t.overrunMissing })
      : chargeInput;
    return submit(schema, data, async (checked) => {
      const { overrunReason: _o, overrideReason: _r, ...asked } = data;
      setPreview({ cost: checked.finalCost, result: await invoke('repair.previewCharge', asked) });
    });
  };

  const charge = (reason: string) => {
    const data = input(reason);
    return submit(chargeInput, data, async () => {
      const charged = await invoke('repair.charge', data);
      setPreview(null);
      // With 复核 on nothing is charged yet: it waits for a second person.
      if (charged.review) message.info(zhCN.reviews.sent);
      else message.success(t.confirmed);
      onCharged(charged);
    });
  };

  const auditAbove = rule.auditAbove === null ? null : yuanShown(rule.auditAbove);
  const v = form.getFieldsValue(true) as Values;
  return (
    <section className="panel" data-testid="repair-charge">
      <div className="repair-section-head"><h3 className="section-heading">{t.charge}</h3></div>
      <p className="repair-help">{t.chargeHelp}</p>
      <p className="repair-rules" data-testid="repair-rules">{t.rulesTitle}：{t.rulesLine(auditAbove, rule.reapprovalPercent)}</p>
      {project.noticeDate === null && <Alert type="warning" showIcon className="repair-notice-missing" data-testid="charge-notice-missing" title={t.noticeMissing} />}
      <Form form={form} layout="vertical" className="compact-form repair-charge-form" data-testid="charge-form" onValuesChange={() => setErrors([])}>
        <div className="form-row">
          <Form.Item
            name="finalCost"
            label={t.finalCost}
            required
            extra={check && cost !== estimate && (
              <span data-testid="charge-overrun" data-percent={check.overrunPercent}>
                {check.over ? t.overrunShown(check.overrunPercent) : t.underShown(check.overrunPercent)}
              </span>
            )}
          >
            <Input inputMode="decimal" placeholder={t.finalCostPlaceholder} data-testid="charge-final-cost" />
          </Form.Item>
          <Form.Item name="date" label={t.chargeDate} required>
            <DateField data-testid="charge-date" />
          </Form.Item>
        </div>
        {check && (check.audit || check.reapproval) && (
          <div className="repair-warnings">
            {check.audit && auditAbove !== null && (
              <Alert type="warning" showIcon data-testid="charge-audit-warning" title={t.auditWarning(yuanShown(cost!), auditAbove)} />
            )}
            {check.reapproval && rule.reapprovalPercent !== null && (
              <Alert type="warning" showIcon data-testid="charge-overrun-warning" title={t.overrunWarning(check.overrunPercent, rule.reapprovalPercent)} />
            )}
          </div>
        )}
        {check?.audit && (
          <Form.Item name="auditNote" label={t.auditNote}>
            <Input.TextArea rows={2} maxLength={500} placeholder={t.auditNotePlaceholder} data-testid="charge-audit-note" />
          </Form.Item>
        )}
        {check?.reapproval && (
          <Form.Item name="overrunReason" label={t.overrunReason} required>
            <Input.TextArea rows={2} maxLength={500} placeholder={t.overrunReasonPlaceholder} data-testid="charge-overrun-reason" />
          </Form.Item>
        )}
      </Form>
      <div className="repair-charge-actions">
        {can('books.write') && <Button type="primary" loading={busy && preview === null} onClick={() => void showPreview()} data-testid="charge-preview">{t.preview}</Button>}
      </div>
      <div data-testid="charge-errors"><FormError messages={preview ? [] : errors} /></div>
      <PostingConfirm
        open={preview !== null}
        title={t.confirmTitle(project.title)}
        testId="charge-confirm"
        summary={preview && (
          <span className={sumOk ? undefined : 'fund-negative'} data-testid="charge-sum" data-ok={sumOk ? 'true' : 'false'}>
            {t.confirmSummary(formatCount(preview.result.shares.length), yuanShown(preview.cost))}
            {(sumOk ? t.sumCheck : t.sumMismatch)(yuanShown(sum ?? 0), yuanShown(preview.cost))}
          </span>
        )}
        facts={preview ? [
          { label: t.scope, value: `${project.scopeLabel}（${t.partsCount(formatCount(preview.result.shares.length))}）`, testId: 'charge-confirm-scope' },
          { label: t.chargeDate, value: v.date ?? '' },
        ] : []}
        warnings={preview?.result.warnings.map((w) => w.message)}
        reasonLabel={t.overrideReason}
        table={preview && <SharesTable result={preview.result} testId="charge-shares" />}
        confirmLabel={t.confirm}
        canConfirm={sumOk}
        busy={busy}
        errors={preview ? errors : []}
        onConfirm={(reason) => void charge(reason)}
        onCancel={() => setPreview(null)}
      />
    </section>
  );
}
