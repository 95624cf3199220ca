import type { MethodOutput } from '../../../../../shared/contract/methods';
import { zhCN } from '../../../i18n/zh-CN';

const t = zhCN.audit;

type AuditRow = MethodOutput<'audit.list'>['rows'][number];

/** Before and after of one audited change, as compact JSON side by side. */
export function AuditChange({ row }: { row: AuditRow }) {
  return (
    <div className="audit-change" data-testid="audit-change">
      <div className="audit-side">
        <div className="audit-side-title">{t.before}</div>
        <pre className="audit-json">{pretty(row.before)}</pre>
      </div>
      <div className="audit-side">
        <div className="audit-side-title">{t.after}</div>
        <pre className="audit-json">{pretty(row.after)}</pre>
      </div>
      {row.entityId && <div className="audit-id">{t.entityId}：<span className="mono">{row.entityId}</span></div>}
    </div>
  );
}

function pretty(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ');
}
