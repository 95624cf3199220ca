/**
 * 住宅专项维修资金收支情况 for a period: the fund's opening balance, deposits,
 * earnings, charges, transfers and closing (in 大写 too), the same by
 * building with its total, and a line chart of the balance at each month's
 * end (fund.summary's history, months without movement carried forward from
 * the opening balance). 打印 waits for the chart.
 */
import { useMemo, useState } from 'react';
import { Alert } from 'antd';
import { invoke } from '../../../api/client';
import { useAsync } from '../../../api/useAsync';
import { todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { PrintPage } from '../../print/PrintPage';
import { PrintTableHead } from '../../print/PrintTableHead';
import { ReconciliationPrintBlock } from '../reconciliation/ReconciliationPrintBlock';
import { FundChart } from './FundChart';
import { Offices, dayText, fenOf, isDate, loadCommunity, loadNotice, money, t, yuan } from './printShared';

type Summary = Awaited<ReturnType<typeof loadSummary>>;
function loadSummary(communityId: string, from: string, to: string) {
  return invoke('fund.summary', { communityId, from, to });
}

const MOVEMENT = ['opening', 'deposited', 'earnings', 'charges', 'transfers', 'closing'] as const;
const LABELS: Record<(typeof MOVEMENT)[number], string> = t.short;

/** YYYY-MM of each month from `from`'s to `to`'s (not past this month), with the balance at its end. */
export function monthEndBalances(summary: Pick<Summary, 'from' | 'to' | 'opening' | 'history'>, today: string): { month: string; balance: number }[] {
  const last = [summary.to.slice(0, 7), today.slice(0, 7)].sort()[0]!;
  const known = new Map(summary.history.map((h) => [h.month, fenOf(h.balance)]));
  const out: { month: string; balance: number }[] = [];
  let balance = fenOf(summary.opening);
  let [y, m] = summary.from.slice(0, 7).split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 240; guard++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) break;
    balance = known.get(month) ?? balance;
    out.push({ month, balance });
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

function monthLabel(month: string, years: boolean): string {
  const [y, m] = month.split('-');
  return years ? `${y!.slice(2)}年${Number(m)}月` : `${Number(m)}月`;
}

export function FundSummaryPrint({ communityId, from, to }: { communityId: string; from: string; to: string }) {
  const validPeriod = isDate(from) && isDate(to);
  const loaded = useAsync(async () => {
    if (!validPeriod) return null;
    const [community, summary, reconciliation] = await Promise.all([
      loadCommunity(communityId), loadSummary(communityId, from, to),
      // The bank's account as of the period's end (today at the latest): the reconciliation block.
      invoke('fund.reconciliation', { communityId, asOf: [to, todayDate()].sort()[0]! }),
    ]);
    return { community, summary, reconciliation };
  }, [communityId, from, to, validPeriod]);
  const data = loaded.data ?? undefined;
  const [chartDone, setChartDone] = useState(false);
  const back = () => navigate({ name: 'fund', communityId });

  const chart = useMemo(() => {
    if (!data) return null;
    const months = monthEndBalances(data.summary, todayDate());
    const years = new Set(months.map((x) => x.month.slice(0, 4))).size > 1;
    return {
      categories: months.map((x) => monthLabel(x.month, years)),
      series: [{ name: t.chartBalance, values: months.map((x) => x.balance) }],
    };
  }, [data]);

  const notice = validPeriod ? loadNotice(loaded.error, loaded.data !== undefined) : <Alert type="warning" showIcon title={t.badPeriod} />;
  const ready = notice === null && data !== undefined && chartDone;

  return (
    <PrintPage
      testId="fund-summary-print"
      title={data ? t.summaryTitle(data.community.name) : ''}
      subtitle={t.periodLine(dayText(from), dayText(to))}
      meta={<Offices community={data?.community} />}
      ready={ready}
      notice={notice ?? undefined}
      onBack={back}
      signatures={[zhCN.print.preparer, zhCN.print.checker]}
    >
      {data && notice === null && chart && (
        <>
          <Movement summary={data.summary} />
          <ByBuilding summary={data.summary} />
          <p className="fund-print-section">{t.summaryChart}</p>
          <div className="fund-chart-box">
            <FundChart kind="line" testId="fund-summary-chart" categories={chart.categories} series={chart.series} onRendered={() => setChartDone(true)} />
          </div>
          <p className="fund-print-note">{t.chartNote}</p>
          <ReconciliationPrintBlock data={data.reconciliation} />
        </>
      )}
    </PrintPage>
  );
}

function Movement({ summary }: { summary: Summary }) {
  return (
    <>
      <p className="fund-print-section">{t.summaryMovement}</p>
      <table className="print-table fund-print-table" data-testid="fund-summary-movement">
        <colgroup>{MOVEMENT.map((k) => <col key={k} style={{ width: `${100 / MOVEMENT.length}%` }} />)}</colgroup>
        <thead><tr>{MOVEMENT.map((k) => <th key={k}>{LABELS[k]}</th>)}</tr></thead>
        <tbody>
          <tr>{MOVEMENT.map((k) => <td key={k} className={k === 'closing' ? 'num strong' : 'num'} data-testid={`fund-summary-${k}`}>{yuan(summary[k])}</td>)}</tr>
        </tbody>
      </table>
      <p className="fund-print-line" data-testid="fund-summary-capitals">{t.closingInCapitals(summary.closingCapitals)}</p>
      <p className="fund-print-note">{t.summaryLegend}</p>
    </>
  );
}

function ByBuilding({ summary }: { summary: Summary }) {
  const columns = [
    { label: t.building, width: 10 }, { label: t.parts, width: 6 },
    ...MOVEMENT.map((k) => ({ label: LABELS[k], width: 84 / MOVEMENT.length })),
  ];
  const sum = (k: (typeof MOVEMENT)[number]) => summary.byBuilding.reduce((s, b) => s + fenOf(b[k]), 0);
  const parts = summary.byBuilding.reduce((s, b) => s + b.parts, 0);
  return (
    <>
      <p className="fund-print-section">{t.summaryByBuilding}</p>
      <table className="print-table fund-print-table compact" data-testid="fund-summary-buildings">
        <PrintTableHead columns={columns} />
        <tbody>
          {summary.byBuilding.map((b) => (
            <tr key={b.building} data-testid="fund-summary-building">
              <td className="center">{b.building}</td>
              <td className="num">{b.parts}</td>
              {MOVEMENT.map((k) => <td key={k} className="num">{yuan(b[k])}</td>)}
            </tr>
          ))}
          <tr className="fund-print-total">
            <td className="center">{t.total}</td>
            <td className="num">{parts}</td>
            {MOVEMENT.map((k) => <td key={k} className="num">{money(sum(k))}</td>)}
          </tr>
        </tbody>
      </table>
      {sum('closing') === fenOf(summary.closing) && <p className="fund-print-note">{t.summaryCheck(money(sum('closing')))}</p>}
    </>
  );
}
