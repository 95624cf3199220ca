/**
 * The printed 汇总 (issue 18) on A4 landscape: the table of rollup.screen as on the screen, then a chart per
 * indicator — 业委会成立率 against 80 %, 党组织 covered of required, 小区 without property management, issues open
 * and overdue — and the quarters' trend of the totals (rollup_quarters).
 */
import { Alert } from 'antd';
import { invoke } from '../../api/client';
import { useAsync } from '../../api/useAsync';
import { todayDate } from '../../format';
import { zhCN } from '../../i18n/zh-CN';
import { navigate } from '../../router';
import { PrintPage } from '../print/PrintPage';
import { PrintTableHead } from '../print/PrintTableHead';
import { loadNotice } from '../treasury/prints/printShared';
import { RollupChart } from './RollupChart';
import './levels.css';

const t = zhCN.levels;

export function RollupPrint({ by }: { by: '社区' | '类型' }) {
  const loaded = useAsync(async () => {
    const [screen, overview] = await Promise.all([invoke('rollup.screen', { by }), invoke('office.overview', {})]);
    return { screen, office: overview.self?.name ?? '' };
  }, [by]);
  const data = loaded.data;
  const notice = loadNotice(loaded.error, data !== undefined);
  const rows = data?.screen.rows ?? [];
  const labels = rows.map((r) => r.name);
  const trend = data?.screen.trend ?? [];
  const headers: string[] = [t.colName[by] ?? '', t.colCommunities, t.colCommittees, t.colRate, t.colParty, t.colNoManagement, t.colOpen, t.colOverdue, t.colEscalated,
    t.colOnTime, t.colBelowTopUp, t.colContractsDue, t.colMattersStalled, t.colReElection];
  const pct = (rate: string) => (rate === '—' ? rate : `${rate}%`);
  const cells = (r: (typeof rows)[number] | NonNullable<typeof data>['screen']['total'], extra: { belowTopUp: number | string; contractsDue: number | string; stalled: number | string; reElection: number | string }) => [
    r.name, r.communities, r.committeesFormed, `${r.committeeRate}%`, `${r.partyCovered}/${r.partyRequired}`, r.noManagement, r.issuesOpen, r.issuesOverdue, r.escalatedHere,
    `${pct(r.planOnTimeRate)} / ${pct(r.resolvedOnTimeRate)}`, extra.belowTopUp, extra.contractsDue, extra.stalled, extra.reElection,
  ];
  const sum = (of: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + of(r), 0);
  return (
    <PrintPage
      testId="rollup-print"
      orientation="landscape"
      title={data ? t.printTitle(data.office) : ''}
      subtitle={`（${t.by[by]}）`}
      meta={<span>{t.printAsOf(todayDate())}</span>}
      ready={notice === null && data !== undefined}
      notice={notice ?? (rows.length === 0 && data ? <Alert type="info" showIcon title={t.empty} /> : undefined)}
      onBack={() => navigate({ name: 'rollup' })}
      signatures={['制表人', '审核人']}
    >
      {data && (
        <>
          <table className="print-table levels-print-table">
            <PrintTableHead columns={headers.map((h, i) => ({ label: h, width: i === 0 ? 13 : i === 9 ? 11 : 76 / 12 }))} />
            <tbody>
              {rows.map((r) => (
                <tr key={r.name} data-testid="rollup-print-row">
                  {cells(r, { belowTopUp: r.fundsBelowTopUp, contractsDue: r.contractsDue, stalled: r.mattersStalled, reElection: r.reElectionDue }).map((c, i) => <td key={i} className={i === 0 ? '' : 'num'}>{c}</td>)}
                </tr>
              ))}
              <tr className="print-total-row">
                {cells(data.screen.total, { belowTopUp: sum((r) => r.fundsBelowTopUp), contractsDue: sum((r) => r.contractsDue), stalled: sum((r) => r.mattersStalled), reElection: sum((r) => r.reElectionDue) })
                  .map((c, i) => <td key={i} className={i === 0 ? 'strong' : 'num strong'}>{i === 0 ? t.total : c}</td>)}
              </tr>
            </tbody>
          </table>
          <div className="levels-charts" data-testid="rollup-charts">
            <RollupChart testId="chart-committee" title={t.chartCommittee} kind="bar" labels={labels} target={80} max={100} series={[{ name: t.colRate, values: rows.map((r) => Number(r.committeeRate)) }]} />
            <RollupChart testId="chart-party" title={t.chartParty} kind="bar" labels={labels}
              series={[{ name: '应建', values: rows.map((r) => r.partyRequired) }, { name: '已建', values: rows.map((r) => r.partyCovered) }]} />
            <RollupChart testId="chart-no-management" title={t.chartNoManagement} kind="bar" labels={labels} target={0} series={[{ name: t.colNoManagement, values: rows.map((r) => r.noManagement) }]} />
            <RollupChart testId="chart-issues" title={t.chartIssues} kind="bar" labels={labels}
              series={[{ name: t.colOpen, values: rows.map((r) => r.issuesOpen) }, { name: t.colOverdue, values: rows.map((r) => r.issuesOverdue) }]} />
            {trend.length > 0
              ? <RollupChart testId="chart-trend" title={t.chartTrend} kind="line" labels={trend.map((q) => q.quarter)} width={660}
                  series={[{ name: t.colRate, values: trend.map((q) => Number(q.total.committeeRate)) }, { name: t.colOpen, values: trend.map((q) => q.total.issuesOpen) }, { name: t.colNoManagement, values: trend.map((q) => q.total.noManagement) }]} />
              : <p className="print-note">{t.trendNone}</p>}
          </div>
        </>
      )}
    </PrintPage>
  );
}
