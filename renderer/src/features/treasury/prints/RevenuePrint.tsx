/**
 * 公共收益收支情况公示 for a period (Civil Code Art. 282; disclosed quarterly
 * in Shanghai): income, reasonable costs and net by kind with the totals, a
 * bar chart of the same, what went to the fund and what the community's rule
 * asks, then every entry. Data: revenue.summary. 打印 waits for the chart.
 */
import { useMemo, useState } from 'react';
import { Alert } from 'antd';
import { invoke } from '../../../api/client';
import { useAsync } from '../../../api/useAsync';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { PrintPage } from '../../print/PrintPage';
import { PrintTableHead } from '../../print/PrintTableHead';
import { FundChart } from './FundChart';
import { Offices, capitals, dayText, fenOf, isDate, loadCommunity, loadNotice, t, yuan } from './printShared';

type Revenue = Awaited<ReturnType<typeof loadRevenue>>;
function loadRevenue(communityId: string, from: string, to: string) {
  return invoke('revenue.summary', { communityId, from, to });
}

export function RevenuePrint({ communityId, from, to }: { communityId: string; from: string; to: string }) {
  const validPeriod = isDate(from) && isDate(to);
  const loaded = useAsync(async () => {
    if (!validPeriod) return null;
    const [community, revenue] = await Promise.all([loadCommunity(communityId), loadRevenue(communityId, from, to)]);
    return { community, revenue };
  }, [communityId, from, to, validPeriod]);
  const data = loaded.data ?? undefined;
  const [chartDone, setChartDone] = useState(false);
  const back = () => navigate({ name: 'revenue', communityId });

  const chart = useMemo(() => {
    if (!data) return null;
    const k = data.revenue.byKind;
    return {
      categories: k.map((x) => x.kind),
      series: [
        { name: t.revenueIncomeShort, values: k.map((x) => fenOf(x.income)) },
        { name: t.revenueCostShort, values: k.map((x) => fenOf(x.cost)) },
        { name: t.revenueNetShort, values: k.map((x) => fenOf(x.net)) },
      ],
    };
  }, [data]);

  const notice = validPeriod ? loadNotice(loaded.error, loaded.data !== undefined) : <Alert type="warning" showIcon title={t.badPeriod} />;
  const ready = notice === null && data !== undefined && chartDone;

  return (
    <PrintPage
      testId="revenue-print"
      title={data ? t.revenueTitle(data.community.name) : ''}
      subtitle={t.periodLine(dayText(from), dayText(to))}
      meta={<Offices community={data?.community} />}
      ready={ready}
      notice={notice ?? undefined}
      onBack={back}
      footer={<p className="print-note">{t.revenueBasis}</p>}
      signatures={[zhCN.print.preparer, zhCN.print.checker]}
    >
      {data && notice === null && chart && (
        <>
          <ByKind revenue={data.revenue} />
          <p className="fund-print-section">{t.revenueChart}</p>
          <div className="fund-chart-box">
            <FundChart kind="bar" testId="revenue-chart" heightMm={64} categories={chart.categories} series={chart.series} onRendered={() => setChartDone(true)} />
          </div>
          <Transfer revenue={data.revenue} />
          <Entries revenue={data.revenue} />
        </>
      )}
    </PrintPage>
  );
}

function ByKind({ revenue }: { revenue: Revenue }) {
  return (
    <>
      <p className="fund-print-section">{t.revenueByKind}</p>
      <table className="print-table fund-print-table" data-testid="revenue-by-kind">
        <PrintTableHead columns={[
          { label: t.revenueKind, width: 28 }, { label: t.revenueIncome, width: 24 }, { label: t.revenueCost, width: 24 }, { label: t.revenueNet, width: 24 },
        ]}
        />
        <tbody>
          {revenue.byKind.map((k) => (
            <tr key={k.kind} data-testid="revenue-kind" data-kind={k.kind}>
              <td>{k.kind}</td><td className="num">{yuan(k.income)}</td><td className="num">{yuan(k.cost)}</td><td className="num">{yuan(k.net)}</td>
            </tr>
          ))}
          <tr className="fund-print-total" data-testid="revenue-total">
            <td>{t.total}</td><td className="num">{yuan(revenue.income)}</td><td className="num">{yuan(revenue.cost)}</td><td className="num">{yuan(revenue.net)}</td>
          </tr>
        </tbody>
      </table>
    </>
  );
}

function Transfer({ revenue }: { revenue: Revenue }) {
  const p = revenue.proposal;
  return (
    <>
      <p className="fund-print-section">{t.revenueTransfer}</p>
      <p className="fund-print-p" data-testid="revenue-transferred">{t.revenueTransferred(yuan(revenue.transferred), capitals(revenue.transferred))}</p>
      <p className="fund-print-p">{t.revenueRule(p.rule)}</p>
      <p className="fund-print-p" data-testid="revenue-proposal">
        {p.required ? t.revenueProposal(p.why, yuan(p.amount)) : t.revenueNoProposal(p.why)}
        {p.required && fenOf(p.outstanding) > 0 && t.revenueOutstanding(yuan(p.outstanding))}
      </p>
    </>
  );
}

function Entries({ revenue }: { revenue: Revenue }) {
  return (
    <>
      <p className="fund-print-section">{t.revenueEntries}</p>
      {revenue.entries.length === 0
        ? <p className="fund-print-note">{t.revenueNoEntries}</p>
        : (
          <table className="print-table fund-print-table compact" data-testid="revenue-entries">
            <PrintTableHead columns={[
              { label: t.revenueDate, width: 13 }, { label: t.revenueNo, width: 8 }, { label: t.revenueKind, width: 10 },
              { label: t.revenueDirection, width: 7 }, { label: t.revenueParty, width: 16 }, { label: t.revenueContract, width: 12 },
              { label: t.revenueMemo, width: 20 }, { label: t.amountYuan, width: 14 },
            ]}
            />
            <tbody>
              {revenue.entries.map((e) => (
                <tr key={e.entryId} data-testid="revenue-entry">
                  <td className="center">{e.date}</td>
                  <td className="center">{e.number}</td>
                  <td className="center">{e.kind}</td>
                  <td className="center">{e.direction}</td>
                  <td>{e.counterparty}</td>
                  <td>{e.contract}</td>
                  <td>{e.memo}</td>
                  <td className="num">{yuan(e.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
    </>
  );
}
