/**
 * 决算分摊: the final cost is typed, previewed (repair.previewCharge: the
 * method and every share, adding up to the fen) and then charged in one entry
 * (repair.charge). The community's rule is checked as it is typed: above the
 * audit threshold an 审计意见 is required; an overrun of the estimate by the
 * re-approval share or more needs a 超支说明 (the overrun % is shown).
 * 确认分摊 stays disabled until the preview is of the cost typed and the
 * notes the rule asks for are written; main checks again and says why not.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input } from 'antd';
import { chargeInput } from '../../../../shared/contract/treasury';
import type { FundRules } from '../../../../shared/contract/fund';
import { invoke } from '../../api/client';
import { FormError } from '../../components/FormError';
import { useFormSubmit } from '../../components/useFormSubmit';
import { todayDate } from '../../format';
import { zhCN } from '../../i18n/zh-CN';
import { SharesTable } from '../fund/SharesTable';
import { checkCost, fenOf, yuanShown, type Apportionment, type ProjectDetail } from './repairShared';

const t = zhCN.repairs;

interface Values { finalCost?: string; date?: string; auditNote?: string; overrunReason?: string }

interface Props {
  project: ProjectDetail;
  rules: FundRules | undefined;
  onCharged: (project: ProjectDetail) => void;
}

export function ChargePanel({ project, rules, onCharged }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { busy, errors, submit } = useFormSubmit(form);
  const [preview, setPreview] = useState<{ cost: number; result: Apportionment } | null>(null);
  const typed = Form.useWatch('finalCost', form) as string | undefined;
  const auditNote = Form.useWatch('auditNote', form) as string | undefined;
  const overrunReason = Form.useWatch('overrunReason', form) as string | undefined;

  useEffect(() => {
    form.setFieldsValue({ finalCost: '', date: todayDate(), auditNote: '', overrunReason: '' });
  }, [project.id]);

  const rule = useMemo(() => ({ auditAbove: rules?.repairAuditAbove ?? null, reapprovalPercent: rules?.repairReapprovalPercent ?? null }), [rules]);
  const estimate = fenOf(project.estimate) ?? 0;
  const cost = fenOf(typed);
  const check = cost !== null && cost > 0 ? checkCost(cost, estimate, rule) : null;
  const stale = preview !== null && preview.cost !== cost;
  const sum = preview ? preview.result.shares.reduce((s, x) => s + (fenOf(x.amount) ?? 0), 0) : null;
  const sumOk = preview !== null && sum === preview.cost;
  const auditMissing = check?.audit === true && !auditNote?.trim();
  const overrunMissing = check?.reapproval === true && !overrunReason?.trim();
  const canCharge = preview !== null && !stale && sumOk && !auditMissing && !overrunMissing;

  const input = () => {
    const v = form.getFieldsValue(true) as Values;
    return { projectId: project.id, date: v.date ?? '', finalCost: v.finalCost ?? '', auditNote: v.auditNote ?? '', overrunReason: v.overrunReason ?? '' };
  };

  const showPreview = () => {
    const data = input();
    return submit(chargeInput.pick({ projectId: true, finalCost: true }), data, async (checked) => {
      setPreview({ cost: checked.finalCost, result: await invoke('repair.previewCharge', { projectId: data.projectId, finalCost: data.finalCost }) });
    });
  };

  const charge = () => {
    const data = input();
    return submit(chargeInput, data, async () => {
      const charged = await invoke('repair.charge', data);
      message.success(t.confirmed);
      onCharged(charged);
    });
  };

  const auditAbove = rule.auditAbove === null ? null : yuanShown(rule.auditAbove);
  return (
    <section className="panel" data-testid="repair-charge">
      <div className="repair-section-head"><h3 className="section-heading">{t.charge}</h3></div>
      <p className="repair-help">{t.chargeHelp}</p>
      <p className="repair-rules" data-testid="repair-rules">{t.rulesTitle}：{t.rulesLine(auditAbove, rule.reapprovalPercent)}</p>
      <Form form={form} layout="vertical" className="compact-form repair-charge-form" data-testid="charge-form">
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
            <Input type="date" data-testid="charge-date" />
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
          <Form.Item name="auditNote" label={t.auditNote} required>
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
        <Button loading={busy && (preview === null || stale)} onClick={() => void showPreview()} data-testid="charge-preview">{t.preview}</Button>
        <Button type="primary" disabled={!canCharge} loading={busy && canCharge} onClick={() => void charge()} data-testid="charge-confirm">{t.confirm}</Button>
        {preview && !stale && (auditMissing || overrunMissing) && (
          <span className="repair-rules" data-testid="charge-missing">{[auditMissing ? t.auditMissing : '', overrunMissing ? t.overrunMissing : ''].filter(Boolean).join('，')}</span>
        )}
      </div>
      <div data-testid="charge-errors"><FormError messages={errors} /></div>
      {stale && <Alert type="info" showIcon data-testid="charge-stale" title={t.previewStale} />}
      {preview && !stale && (
        <>
          <Alert
            className="repair-sum"
            type={sumOk ? 'success' : 'error'}
            showIcon
            data-testid="charge-sum"
            data-ok={sumOk ? 'true' : 'false'}
            title={(sumOk ? t.sumCheck : t.sumMismatch)(yuanShown(sum ?? 0), yuanShown(preview.cost))}
          />
          <SharesTable result={preview.result} testId="charge-shares" />
        </>
      )}
    </section>
  );
}
