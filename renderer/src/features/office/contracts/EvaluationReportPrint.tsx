/**
 * 物业服务质量年度评价报告, for the owners' vote on renewal: the contract (company,
 * credit code, kind, term, the vote that chose it, fees, which rule applies
 * today), each quarter of the year with its checklist scores, weighted score,
 * band, satisfaction, complaints and fee collection rate, the year's average
 * and band, the trend chart, and the signature lines. A4 portrait on
 * PrintPage; 打印 is enabled once the chart is drawn.
 * Data: contract.get, contract.evaluations, community.get.
 */
import { useCallback, useMemo, useState } from 'react';
import { Alert } from 'antd';
import { invoke } from '../../../api/client';
import { useAsync } from '../../../api/useAsync';
import { navigate } from '../../../router';
import { FactsTable, loadNotice, Offices } from '../../treasury/prints/printShared';
import { PrintPage } from '../../print/PrintPage';
import { PrintTableHead } from '../../print/PrintTableHead';
import { EvaluationChart } from './EvaluationChart';
import { averageOf, rateText, ratePercent, t } from './contractShared';

export function EvaluationReportPrint({ contractId, year }: { contractId: string; year: number }) {
  const loaded = useAsync(async () => {
    const [contract, evaluations] = await Promise.all([invoke('contract.get', { id: contractId }), invoke('contract.evaluations', { contractId })]);
    const community = await invoke('community.get', { id: contract.communityId });
    return { contract, evaluations, community };
  }, [contractId]);
  const [drawn, setDrawn] = useState(false);
  const onRendered = useCallback(() => setDrawn(true), []);
  const data = loaded.data;
  const quarters = useMemo(() => (data?.evaluations ?? []).filter((e) => e.quarter.startsWith(`${year}-`)), [data, year]);
  const average = useMemo(() => averageOf(quarters), [quarters]);
  const back = () => (data ? navigate({ name: 'contract', communityId: data.contract.communityId, contractId }) : window.history.back());

  let notice = loadNotice(loaded.error, data !== undefined);
  if (!notice && data && quarters.length === 0) notice = <Alert type="info" showIcon title={t.reportNone(year)} data-testid="evaluation-report-none" />;
  const ready = notice === null && data !== undefined && drawn;
  // The checklist as the quarters were scored (the first quarter's; a later change of the checklist adds columns).
  const items = useMemo(() => {
    const seen = new Map<string, string>();
    for (const e of quarters) for (const i of e.items) if (!seen.has(i.key)) seen.set(i.key, i.name);
    return [...seen].map(([key, name]) => ({ key, name }));
  }, [quarters]);
  const complaints = quarters.reduce((s, e) => s + e.complaints, 0);
  const c = data?.contract;

  // Percent of the sheet: the checklist's items share 40, the figures the rest.
  const itemWidth = items.length > 0 ? Math.floor(40 / items.length) : 0;
  const quarterWidth = 100 - itemWidth * items.length - 47;
  const columns = [
    { label: t.colQuarter, width: quarterWidth },
    ...items.map((i) => ({ label: i.name, width: itemWidth })),
    { label: t.colScore, width: 8 },
    { label: t.colBand, width: 8 },
    { label: t.colSatisfaction, width: 11 },
    { label: t.colComplaints, width: 8 },
    { label: t.colCollectionShort, width: 12 },
  ];

  return (
    <PrintPage
      testId="evaluation-print"
      title={data ? t.reportTitle(data.community.name, year) : ''}
      subtitle={c ? t.reportSub(c.companyName) : undefined}
      meta={<Offices community={data?.community} />}
      ready={ready}
      notice={notice ?? undefined}
      onBack={back}
      footer={data && quarters.length > 0 && (
        <>
          <p className="print-note">{t.reportNote}</p>
          <p className="print-note">{t.reportFor}</p>
        </>
      )}
      signatures={[t.signCommittee, t.signPreparer, t.signChecker]}
    >
      {data && c && quarters.length > 0 && (
        <>
          <div className="fund-print-section">一、{t.reportContract}</div>
          <FactsTable
            testId="evaluation-contract"
            rows={[
              [t.colCompany, c.companyName],
              [t.colCreditCode, c.creditCode],
              [t.colKind, c.voteId ? `${c.kind}（${c.voteTitle ?? ''}）` : c.kind],
              [t.colTerm, t.term(c.startDate, c.endDate)],
              [t.feesShown, c.fees.length > 0 ? c.fees.map((f) => t.feeShown(f.partType, f.fee)).join('；') : t.none],
              [t.colState, c.state.message],
            ]}
          />
          <div className="fund-print-section">二、{t.reportQuarters}</div>
          <table className="print-table fund-print-table compact evaluation-print-table" data-testid="evaluation-quarters">
            <PrintTableHead columns={columns} />
            <tbody>
              {quarters.map((e) => (
                <tr key={e.id} data-testid="evaluation-quarter" data-quarter={e.quarter}>
                  <td>{t.quarterLabel(e.quarter)}</td>
                  {items.map((i) => <td key={i.key} className="num">{e.items.find((x) => x.key === i.key)?.score ?? t.none}</td>)}
                  <td className="num">{e.score}</td>
                  <td className="center">{e.band ?? t.none}</td>
                  <td className="num">{rateText(e.satisfaction)}</td>
                  <td className="num">{e.complaints}</td>
                  <td className="num">{rateText(e.collectionRate)}</td>
                </tr>
              ))}
              {average && (
                <tr className="evaluation-average" data-testid="evaluation-average">
                  <td>{t.reportAverage}</td>
                  {items.map((i) => <td key={i.key} />)}
                  <td className="num">{average.text}</td>
                  <td className="center">{average.band}</td>
                  <td />
                  <td className="num">{complaints}</td>
                  <td />
                </tr>
              )}
            </tbody>
          </table>
          {average && <p className="print-summary" data-testid="evaluation-average-text">{t.reportAverageText(average.text, average.band, quarters.length)}</p>}
          <div className="fund-print-section">三、{t.reportChart}</div>
          <div className="fund-chart-box">
            <EvaluationChart
              testId="evaluation-report-chart"
              quarters={quarters.map((e) => e.quarter)}
              scores={quarters.map((e) => Number(e.score))}
              satisfaction={quarters.map((e) => ratePercent(e.satisfaction))}
              onRendered={onRendered}
            />
          </div>
        </>
      )}
    </PrintPage>
  );
}
