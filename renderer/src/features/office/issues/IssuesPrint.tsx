/**
 * 问题台账 of a period (issues reported in it) on A4 landscape: number,
 * reported at, source, category, title, place, responsible party, the plan
 * and its time, status, level, closed at, satisfaction and the overdue marks;
 * at the foot the totals by status, the on-time rates with their counts and
 * the median/mean times (issue.stats of the same period). Data: issue.list,
 * issue.stats, community.get.
 */
import { Alert } from 'antd';
import { ISSUE_STATUSES } from '../../../../../shared/domain/issue-ledger';
import { invoke } from '../../../api/client';
import { useAsync } from '../../../api/useAsync';
import { navigate } from '../../../router';
import { loadNotice, Offices } from '../../treasury/prints/printShared';
import { PrintPage } from '../../print/PrintPage';
import { PrintTableHead } from '../../print/PrintTableHead';
import { shown, t, type IssueSummary } from './issueShared';

const isDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);

export function IssuesPrint({ communityId, from, to }: { communityId: string; from: string; to: string }) {
  const valid = isDate(from) && isDate(to) && from <= to;
  const loaded = useAsync(async () => {
    if (!valid) return null;
    const [community, issues, stats] = await Promise.all([
      invoke('community.get', { id: communityId }),
      invoke('issue.list', { communityId, overdueOnly: false, text: '' }),
      invoke('issue.stats', { communityId, from, to }),
    ]);
    const rows = issues.filter((i) => i.reportedAt.slice(0, 10) >= from && i.reportedAt.slice(0, 10) <= to).sort((a, b) => a.number - b.number);
    return { community, rows, stats };
  }, [communityId, from, to, valid]);
  const data = loaded.data ?? undefined;
  const back = () => navigate({ name: 'issues', communityId });

  let notice = valid ? loadNotice(loaded.error, data !== undefined) : <Alert type="error" showIcon title={t.printBadPeriod} />;
  if (!notice && data && data.rows.length === 0) notice = <Alert type="info" showIcon title={t.printNone} data-testid="issues-print-none" />;
  const ready = notice === null && data !== undefined;
  const s = data?.stats;
  const rate = (r: { percent: number | null; onTime: number; counted: number }) => t.statsRate(r.percent, r.onTime, r.counted);
  const time = (d: { median: string | null; mean: string | null; count: number }) => t.statsMedianMean(d.median, d.mean, d.count);

  return (
    <PrintPage
      testId="issues-print"
      orientation="landscape"
      title={data ? t.printTitle(data.community.name) : ''}
      subtitle={t.printPeriod(from, to)}
      meta={<Offices community={data?.community} />}
      ready={ready}
      notice={notice ?? undefined}
      onBack={back}
      footer={s && ready && (
        <>
          <p className="print-summary" data-testid="issues-print-totals">
            {t.printTotals(s.total, ISSUE_STATUSES.map((st) => `${st} ${s.byStatus.find((b) => b.status === st)?.count ?? 0}`).join('，'))}
          </p>
          <p className="print-summary" data-testid="issues-print-rates">{t.printRates(rate(s.planOnTime), rate(s.resolvedOnTime))}</p>
          <p className="print-note" data-testid="issues-print-times">{t.printTimes(time(s.timeToPlan), time(s.timeToClose))}</p>
          <p className="print-note">{t.printLegend}</p>
        </>
      )}
      signatures={[t.printSignPreparer, t.printSignChecker]}
    >
      {data && ready && (
        <table className="print-table issues-print-table" data-testid="issues-print-table">
          <PrintTableHead columns={[
            { label: t.pNo, width: 3.5 }, { label: t.pReportedAt, width: 8.5 }, { label: t.pSource, width: 7 }, { label: t.pCategory, width: 6.5 },
            { label: t.pTitle, width: 12 }, { label: t.pPlace, width: 8 }, { label: t.pResponsible, width: 8 }, { label: t.pPlan, width: 15.5 },
            { label: t.pStatus, width: 5.5 }, { label: t.pLevel, width: 4 }, { label: t.pClosedAt, width: 8.5 }, { label: t.pSatisfaction, width: 6.5 },
            { label: t.pOverdue, width: 6.5 },
          ]}
          />
          <tbody>
            {data.rows.map((i) => <PrintRow key={i.id} issue={i} />)}
          </tbody>
        </table>
      )}
    </PrintPage>
  );
}

function PrintRow({ issue: i }: { issue: IssueSummary }) {
  const overdue = i.overdue.length > 0;
  return (
    <tr data-testid="issues-print-row" data-number={i.number} className={overdue ? 'issues-print-overdue' : undefined}>
      <td className="center">{i.number}</td>
      <td className="center">{shown(i.reportedAt)}</td>
      <td className="center">{i.source}</td>
      <td className="center">{i.category}</td>
      <td>{i.title}</td>
      <td>{i.place}</td>
      <td className="center">{[i.responsibleParty, i.responsiblePerson].filter(Boolean).join(' ')}</td>
      <td>
        {i.plan}
        {i.plannedAt && <div className="issues-print-sub">{shown(i.plannedAt)}</div>}
      </td>
      <td className="center">{i.status}</td>
      <td className="center">{i.level}</td>
      <td className="center">{shown(i.closedAt)}</td>
      <td className="center">{i.satisfaction ?? ''}</td>
      <td className="center issues-print-marks">
        {i.overdue.map((o) => <div key={o.deadline}>{o.deadline === 'plan' ? t.pOverduePlan : t.pOverdueResolution}</div>)}
      </td>
    </tr>
  );
}
