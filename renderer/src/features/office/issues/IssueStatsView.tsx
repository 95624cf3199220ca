/**
 * 统计 of a period (default this year; by the report's day): the count, by
 * category (a bar chart and the figures), by status, the on-time rates with
 * their counts — 83 %（5/6）, rounded down — and the median and mean times to
 * the plan and to closing. 打印台账 prints the ledger of the same period.
 */
import { Alert, Button } from 'antd';
import { DateField } from '../../../components/DateField';
import { ISSUE_STATUSES } from '../../../../../shared/domain/issue-ledger';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useAsync } from '../../../api/useAsync';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { lazyExport, OnDemand } from '../../../components/OnDemand';
import { t, type IssueStats } from './issueShared';

// ECharts loads with the chart, not with the page.
const IssueChart = lazyExport(() => import('./IssueChart'), 'IssueChart');

/** A label and its count; in main's order (by category the most first, by status the workflow's): nothing to sort. */
function countColumns<T extends { count: number }>(id: string, header: string, label: (row: T) => string): ColumnDef<T>[] {
  return [
    { id, header, size: 140, meta: { grow: true }, cell: ({ row }) => label(row.original) },
    { id: 'count', header: t.colCount, size: 80, meta: { align: 'right' }, cell: ({ row }) => <span className="num">{row.original.count}</span> },
  ];
}
const categoryColumns = countColumns<IssueStats['byCategory'][number]>('category', t.colCategory, (c) => c.category);
const statusColumns = countColumns<IssueStats['byStatus'][number]>('status', t.colStatus, (b) => b.status);

const isDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);

interface Props {
  communityId: string;
  from: string;
  to: string;
  version: number;
  onPeriod: (from: string, to: string) => void;
  onPrint: () => void;
}

export function IssueStatsView({ communityId, from, to, version, onPeriod, onPrint }: Props) {
  const valid = isDate(from) && isDate(to) && from <= to;
  const stats = useAsync(() => (valid ? invoke('issue.stats', { communityId, from, to }) : Promise.resolve(null)), [communityId, from, to, valid, version]);
  const s = stats.data;

  return (
    <div className="issue-stats" data-testid="issue-stats" data-ready={s ? 'true' : 'false'}>
      <div className="toolbar">
        <span className="toolbar-label">{t.statsPeriod}</span>
        <DateField className="issue-date" value={from} onChange={(v) => onPeriod(v, to)} aria-label={t.periodFrom} data-testid="stats-from" />
        <span>{t.periodSep}</span>
        <DateField className="issue-date" value={to} onChange={(v) => onPeriod(from, v)} aria-label={t.periodTo} data-testid="stats-to" />
        <span className="toolbar-spacer" />
        <Button onClick={onPrint} disabled={!valid} data-testid="stats-print">{t.print}</Button>
      </div>
      <p className="issue-help">{t.statsHelp}</p>
      {!valid && <Alert type="warning" showIcon title={t.statsPeriodBad} />}
      {stats.error !== null && <Alert type="error" showIcon title={errorMessage(stats.error)} />}
      {s && (
        <>
          <div className="issue-stat-cards">
            <StatCard label={t.statsTotal} value={t.countUnit(s.total)} testId="stats-total" />
            <StatCard label={t.statsPlanOnTime} value={t.statsRate(s.planOnTime.percent, s.planOnTime.onTime, s.planOnTime.counted)} testId="stats-plan-rate" />
            <StatCard label={t.statsResolvedOnTime} value={t.statsRate(s.resolvedOnTime.percent, s.resolvedOnTime.onTime, s.resolvedOnTime.counted)} testId="stats-resolved-rate" />
            <StatCard label={t.statsTimeToPlan} value={t.statsMedianMean(s.timeToPlan.median, s.timeToPlan.mean, s.timeToPlan.count)} testId="stats-time-plan" small />
            <StatCard label={t.statsTimeToClose} value={t.statsMedianMean(s.timeToClose.median, s.timeToClose.mean, s.timeToClose.count)} testId="stats-time-close" small />
          </div>
          {s.total === 0
            ? <div className="panel muted" data-testid="stats-none">{t.statsNone}</div>
            : (
              <div className="issue-stats-body">
                <section className="panel issue-stats-chart">
                  <h3 className="section-heading">{t.statsByCategory}</h3>
                  <OnDemand><IssueChart categories={s.byCategory.map((c) => c.category)} counts={s.byCategory.map((c) => c.count)} testId="stats-chart" /></OnDemand>
                  <div className="issue-stats-grid">
                    <DataGrid
                      testId="stats-by-category"
                      ariaLabel={t.statsByCategory}
                      columns={categoryColumns}
                      source={{ kind: 'local', rows: s.byCategory }}
                      getRowId={(c) => c.category}
                      rowAttributes={(c) => ({ 'data-category': c.category })}
                      autoHeightRows={20}
                    />
                  </div>
                </section>
                <section className="panel issue-stats-status">
                  <h3 className="section-heading">{t.statsByStatus}</h3>
                  <div className="issue-stats-grid">
                    <DataGrid
                      testId="stats-by-status"
                      ariaLabel={t.statsByStatus}
                      columns={statusColumns}
                      source={{ kind: 'local', rows: ISSUE_STATUSES.map((status) => ({ status, count: s.byStatus.find((b) => b.status === status)?.count ?? 0 })) }}
                      getRowId={(b) => b.status}
                      rowAttributes={(b) => ({ 'data-status': b.status })}
                      autoHeightRows={ISSUE_STATUSES.length}
                    />
                  </div>
                </section>
              </div>
            )}
        </>
      )}
    </div>
  );
}

function StatCard({ label, value, testId, small }: { label: string; value: string; testId: string; small?: boolean }) {
  return (
    <div className="issue-stat-card">
      <div className="issue-stat-label">{label}</div>
      <div className={`issue-stat-value${small ? ' small' : ''}`} data-testid={testId}>{value}</div>
    </div>
  );
}
