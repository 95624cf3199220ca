/**
 * 业主维修资金对账单: for one part, or for every part of the community in one
 * document with each household on its own page — the part's address, area
 * and owners, the period's opening balance, deposits, earnings, charges,
 * transfers and closing balance, the closing in 大写, a note on objections
 * and the committee's sign-off. Data: fund.statements.
 */
import { useState } from 'react';
import { Alert } from 'antd';
import { invoke } from '../../api/client';
import { useAsync } from '../../api/useAsync';
import { groupedArea, todayChinese } from '../../format';
import { navigate } from '../../router';
import { PrintPage } from '../print/PrintPage';
import { CONFIRM_ABOVE_HOUSEHOLDS, FactsTable, Issuer, ManyHouseholds, Offices, RepeatedTitle, dayText, isDate, loadCommunity, loadNotice, t, yuan, type CommunityHead } from './fundPrintShared';

type Statements = Awaited<ReturnType<typeof loadStatements>>;
type Statement = Statements['statements'][number];
function loadStatements(communityId: string, from: string, to: string, partId: string | undefined) {
  return invoke('fund.statements', { communityId, from, to, ...(partId ? { partId } : {}) });
}

export function StatementsPrint({ communityId, from, to, partId }: { communityId: string; from: string; to: string; partId?: string }) {
  const validPeriod = isDate(from) && isDate(to);
  const loaded = useAsync(async () => {
    if (!validPeriod) return null;
    const [community, statements] = await Promise.all([loadCommunity(communityId), loadStatements(communityId, from, to, partId)]);
    return { community, statements };
  }, [communityId, from, to, partId, validPeriod]);
  const data = loaded.data ?? undefined;
  const back = () => (partId ? navigate({ name: 'subLedger', communityId, partId }) : navigate({ name: 'fund', communityId }));

  let notice = validPeriod ? loadNotice(loaded.error, loaded.data !== undefined) : <Alert type="warning" showIcon title={t.badPeriod} />;
  if (!notice && data && data.statements.statements.length === 0) notice = <Alert type="info" showIcon title={t.statementNoParts} />;
  const [confirmed, setConfirmed] = useState(false);
  if (!notice && data && data.statements.statements.length > CONFIRM_ABOVE_HOUSEHOLDS && !confirmed) {
    notice = <ManyHouseholds count={data.statements.statements.length} onPrint={() => setConfirmed(true)} onBack={back} />;
  }
  const ready = notice === null && data !== undefined;
  const title = data ? t.statementTitle(data.community.name) : '';
  const subtitle = t.periodLine(dayText(from), dayText(to));

  return (
    <PrintPage
      testId="statements-print"
      title={title}
      subtitle={subtitle}
      meta={<Offices community={data?.community} />}
      ready={ready}
      notice={notice ?? undefined}
      onBack={back}
    >
      {data && ready && data.statements.statements.map((s, i) => (
        <section key={s.partId} className="fund-print-sheet" data-testid="statement" data-address={s.address}>
          {i > 0 && <RepeatedTitle title={title} subtitle={subtitle} meta={<Offices community={data.community} />} />}
          <StatementBody s={s} community={data.community} from={from} to={to} />
        </section>
      ))}
    </PrintPage>
  );
}

function StatementBody({ s, community, from, to }: { s: Statement; community: CommunityHead; from: string; to: string }) {
  const rows: [string, string, string][] = [
    ['opening', t.opening, s.opening],
    ['deposited', t.deposited, s.deposited],
    ['earnings', t.earnings, s.earnings],
    ['charges', t.charges, s.charges],
    ['transfers', t.transfers, s.transfers],
  ];
  return (
    <>
      <p className="fund-print-section">{t.statementHead}</p>
      <FactsTable
        testId="statement-part"
        rows={[
          [t.statementAddress, s.address],
          [t.statementArea, `${groupedArea(s.area)} ㎡`],
          [t.statementOwners, s.owners || (community.developer ? t.developerHeld(community.developer) : t.noOwner)],
          [t.statementPeriod, t.period(dayText(from), dayText(to))],
        ]}
      />
      <table className="print-table fund-print-table" data-testid="statement-movement">
        <colgroup><col style={{ width: '60%' }} /><col style={{ width: '40%' }} /></colgroup>
        <thead><tr><th>{t.statementItem}</th><th>{t.amountYuan}</th></tr></thead>
        <tbody>
          {rows.map(([key, label, value]) => (
            <tr key={key} data-testid={`statement-${key}`}><td>{label}</td><td className="num">{yuan(value)}</td></tr>
          ))}
          <tr className="fund-print-total" data-testid="statement-closing"><td>{t.closing}</td><td className="num">{yuan(s.closing)}</td></tr>
          <tr data-testid="statement-capitals">
            <td>{t.closingCapitals}</td><td className="fund-print-capitals">{s.closingCapitals}</td>
          </tr>
        </tbody>
      </table>
      <p className="fund-print-note">{t.statementFormula}</p>
      <p className="fund-print-note">{t.statementNote}</p>
      <Issuer community={community.name} date={todayChinese()} />
    </>
  );
}
