/**
 * 业委会预算执行情况 for a year: each line's budget, what was spent, what is
 * left and the percent, with a bar ticked at 90 % and 100 % and a mark on the
 * lines that reached them (shared/domain/treasury.ts budgetState); the totals.
 * Data: budget.get.
 */
import { Alert } from 'antd';
import { invoke } from '../../../api/client';
import { useAsync } from '../../../api/useAsync';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { PrintPage } from '../../print/PrintPage';
import { PrintTableHead } from '../../print/PrintTableHead';
import { Offices, fenOf, loadCommunity, loadNotice, money, t, yuan } from './printShared';

type Report = Awaited<ReturnType<typeof loadBudget>>;
type Line = Report['lines'][number];
function loadBudget(communityId: string, year: number) {
  return invoke('budget.get', { communityId, year });
}

/** Where 100 % sits on the bar (the rest shows an overrun up to 125 %). */
const FULL_AT = 80;

export function BudgetPrint({ communityId, year }: { communityId: string; year: number }) {
  const loaded = useAsync(async () => {
    const [community, report] = await Promise.all([loadCommunity(communityId), loadBudget(communityId, year)]);
    return { community, report };
  }, [communityId, year]);
  const data = loaded.data;
  const back = () => navigate({ name: 'budget', communityId, year });

  let notice = loadNotice(loaded.error, data !== undefined);
  if (!notice && data && data.report.lines.length === 0) notice = <Alert type="info" showIcon title={t.budgetNone(year)} data-testid="budget-none" />;
  const ready = notice === null && data !== undefined;
  const budget = data ? fenOf(data.report.budget) : 0;
  const spent = data ? fenOf(data.report.spent) : 0;

  return (
    <PrintPage
      testId="budget-print"
      title={data ? t.budgetTitle(data.community.name, year) : ''}
      meta={<Offices community={data?.community} />}
      ready={ready}
      notice={notice ?? undefined}
      onBack={back}
      footer={data && ready && (
        <>
          <p className="print-summary" data-testid="budget-totals">
            {t.budgetTotals(money(budget), money(spent), money(budget - spent), budget > 0 ? `${Math.floor((spent * 100) / budget)}%` : '—')}
          </p>
          <p className="print-note">{t.budgetLegend}</p>
        </>
      )}
      signatures={[zhCN.print.preparer, zhCN.print.checker]}
    >
      {data && ready && (
        <table className="print-table fund-print-table" data-testid="budget-lines">
          <PrintTableHead columns={[
            { label: t.no, width: 6 }, { label: t.budgetLine, width: 18 }, { label: t.budgetAmount, width: 13 }, { label: t.budgetSpent, width: 13 },
            { label: t.budgetLeft, width: 13 }, { label: t.budgetPercent, width: 8 }, { label: t.budgetBar, width: 18 }, { label: t.budgetState, width: 11 },
          ]}
          />
          <tbody>
            {data.report.lines.map((l, i) => <BudgetRow key={l.id} line={l} no={i + 1} />)}
            <tr className="fund-print-total">
              <td colSpan={2} className="center">{t.total}</td>
              <td className="num">{money(budget)}</td>
              <td className="num">{money(spent)}</td>
              <td className="num">{money(budget - spent)}</td>
              <td className="num">{budget > 0 ? `${Math.floor((spent * 100) / budget)}%` : '—'}</td>
              <td />
              <td />
            </tr>
          </tbody>
        </table>
      )}
    </PrintPage>
  );
}

function BudgetRow({ line: l, no }: { line: Line; no: number }) {
  const width = Math.min(100, (l.percent * FULL_AT) / 100);
  return (
    <tr className={`budget-${l.state}`} data-testid="budget-line" data-state={l.state} data-name={l.name}>
      <td className="center">{no}</td>
      <td>{l.name}</td>
      <td className="num">{yuan(l.budget)}</td>
      <td className="num">{yuan(l.spent)}</td>
      <td className="num">{yuan(l.left)}</td>
      <td className="num" data-testid="budget-percent">{l.percent}%</td>
      <td>
        <div className="budget-bar" aria-hidden="true">
          <div className={`budget-bar-fill ${l.state}`} style={{ width: `${width}%` }} />
          <div className="budget-bar-tick t90" />
          <div className="budget-bar-tick t100" />
        </div>
      </td>
      <td className="center budget-mark">{l.state === 'over' ? t.budgetOver : l.state === 'near' ? t.budgetNear : ''}</td>
    </tr>
  );
}
