/**
 * 业主维修资金对账单 for one part, one building or every part of the
 * community, two to an A4 page: each with the part's address, area and
 * owners, every dated movement of the period (deposit, interest with its
 * balance × days basis, a repair by its project's name, revenue transferred
 * in, a reversal with its reason) between the opening and the closing balance,
 * the closing in 大写, the committee's seal dated at the period's end (what
 * the statement vouches for), and a tear-off 回执 below a dashed line for the
 * owner to sign and return. Data: fund.statements.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Space } from 'antd';
import { invoke } from '../../../api/client';
import { useAsync } from '../../../api/useAsync';
import { groupedArea, todayDate } from '../../../format';
import { navigate } from '../../../router';
import { PrintPage } from '../../print/PrintPage';
import { PrintTableHead } from '../../print/PrintTableHead';
import { CONFIRM_ABOVE_HOUSEHOLDS, ManyHouseholds, Offices, dayText, fenOf, isDate, loadCommunity, loadNotice, money, t, yuan, type CommunityHead } from './printShared';

type Statements = Awaited<ReturnType<typeof loadStatements>>;
type Statement = Statements['statements'][number];
type Movement = Statement['movements'][number];

interface Scope { communityId: string; from: string; to: string; partId?: string; buildingId?: string }

function loadStatements({ communityId, from, to, partId, buildingId }: Scope) {
  return invoke('fund.statements', { communityId, from, to, ...(partId ? { partId } : buildingId ? { buildingId } : {}) });
}

export function StatementsPrint(scope: Scope) {
  const { communityId, from, to, partId, buildingId } = scope;
  const validPeriod = isDate(from) && isDate(to);
  const today = todayDate();
  const loaded = useAsync(async () => {
    if (!validPeriod) return null;
    const [community, statements] = await Promise.all([loadCommunity(communityId), loadStatements(scope)]);
    return { community, statements };
  }, [communityId, from, to, partId, buildingId, validPeriod]);
  const data = loaded.data ?? undefined;
  const back = () => (partId ? navigate({ name: 'subLedger', communityId, partId }) : navigate({ name: 'fund', communityId }));
  const [confirmed, setConfirmed] = useState(false);

  let notice: ReactNode = validPeriod ? loadNotice(loaded.error, loaded.data !== undefined) : <Alert type="warning" showIcon title={t.badPeriod} />;
  // Stamped at the period's end: a period not over yet has no statement to stamp.
  if (!notice && to > today) notice = <FutureEnd to={to} today={today} onToday={() => navigate({ name: 'printStatements', ...scope, to: today })} />;
  const count = data?.statements.statements.length ?? 0;
  if (!notice && data && count === 0) notice = <Alert type="info" showIcon title={t.statementNoParts} />;
  if (!notice && count > CONFIRM_ABOVE_HOUSEHOLDS && !confirmed) {
    notice = <ManyHouseholds count={count} perPage={2} onPrint={() => setConfirmed(true)} onBack={back} />;
  }
  const ready = notice === null && data !== undefined;

  return (
    <PrintPage
      testId="statements-print"
      title={data ? t.statementTitle(data.community.name) : ''}
      titleBlock={false}
      ready={ready}
      notice={notice ?? undefined}
      onBack={back}
    >
      {data && ready && data.statements.statements.map((s) => (
        <StatementSheet key={s.partId} s={s} community={data.community} from={from} to={to} />
      ))}
    </PrintPage>
  );
}

function FutureEnd({ to, today, onToday }: { to: string; today: string; onToday: () => void }) {
  return (
    <Space direction="vertical" data-testid="statement-future">
      <Alert type="warning" showIcon title={t.statementFuture(dayText(to), dayText(today))} />
      <Button type="primary" onClick={onToday} data-testid="statement-to-today">{t.statementToToday}</Button>
    </Space>
  );
}

/** One household's half of an A4 page: the statement, then the receipt below the dashed line. */
function StatementSheet({ s, community, from, to }: { s: Statement; community: CommunityHead; from: string; to: string }) {
  const owners = s.owners || (community.developer ? t.developerHeld(community.developer) : t.noOwner);
  const period = t.period(dayText(from), dayText(to));
  const sums = s.movements.reduce((acc, m) => {
    const fen = fenOf(m.amount);
    return fen > 0 ? { in: acc.in + fen, out: acc.out } : { in: acc.in, out: acc.out - fen };
  }, { in: 0, out: 0 });
  return (
    <section className="statement" data-testid="statement" data-address={s.address}>
      <header className="statement-head">
        <div className="statement-title" role="heading" aria-level={1}>{t.statementTitle(community.name)}</div>
        <div className="statement-meta">
          <span>{t.statementPeriodLine(dayText(from), dayText(to))}</span>
          <span><Offices community={community} /></span>
        </div>
      </header>
      <table className="print-table statement-facts">
        <colgroup><col style={{ width: '13%' }} /><col style={{ width: '22%' }} /><col style={{ width: '15%' }} /><col style={{ width: '13%' }} /><col style={{ width: '9%' }} /><col style={{ width: '28%' }} /></colgroup>
        <tbody>
          <tr>
            <th scope="row">{t.statementAddress}</th><td data-testid="statement-address">{s.address}</td>
            <th scope="row">{t.statementArea}</th><td className="num">{groupedArea(s.area)} ㎡</td>
            <th scope="row">{t.statementOwners}</th><td>{owners}</td>
          </tr>
        </tbody>
      </table>
      <table className="print-table statement-table" data-testid="statement-movements">
        <PrintTableHead columns={[
          { label: t.statementDate, width: 13 }, { label: t.statementNo, width: 7 }, { label: t.statementMemo, width: 44 },
          { label: t.statementIn, width: 12 }, { label: t.statementOut, width: 12 }, { label: t.statementBalance, width: 12 },
        ]}
        />
        <tbody>
          <tr data-testid="statement-opening">
            <td className="center">{from}</td><td /><td>{t.opening}</td><td /><td /><td className="num">{yuan(s.opening)}</td>
          </tr>
          {s.movements.map((m, i) => <MovementRow key={`${m.number}/${i}`} m={m} />)}
          {s.movements.length === 0 && <tr><td /><td /><td>{t.statementNone}</td><td /><td /><td /></tr>}
          <tr className="fund-print-total" data-testid="statement-closing">
            <td className="center">{to}</td><td /><td>{t.closing}</td>
            <td className="num">{money(sums.in)}</td><td className="num">{money(sums.out)}</td><td className="num">{yuan(s.closing)}</td>
          </tr>
        </tbody>
      </table>
      <p className="statement-line" data-testid="statement-capitals">
        {t.closingCapitals}：<span className="fund-print-capitals">{s.closingCapitals}</span>
      </p>
      <p className="statement-line statement-small">{t.statementTotals(yuan(s.deposited), yuan(s.earnings), yuan(s.charges), yuan(s.transfers))}</p>
      <div className="statement-foot">
        <p className="statement-small">{t.statementNote}</p>
        <div className="statement-issuer" data-testid="statement-issuer">
          <div className="statement-seal">{t.seal}</div>
          <div>{t.committee(community.name)}</div>
          <div>{dayText(to)}</div>
        </div>
      </div>
      <Receipt community={community.name} address={s.address} owners={owners} period={period} closing={yuan(s.closing)} />
    </section>
  );
}

function MovementRow({ m }: { m: Movement }) {
  const fen = fenOf(m.amount);
  return (
    <tr data-testid="statement-movement" data-kind={m.kind}>
      <td className="center">{m.date}</td>
      <td className="center">{m.number}</td>
      <td>
        {memoOf(m)}
        {m.basis && <div className="statement-basis" data-testid="statement-basis">{t.movement.interestBasis(yuan(m.basis.part), yuan(m.basis.total), yuan(m.basis.amount), m.basis.days)}</div>}
      </td>
      <td className="num">{fen > 0 ? money(fen) : ''}</td>
      <td className="num">{fen < 0 ? money(-fen) : ''}</td>
      <td className="num">{yuan(m.balance)}</td>
    </tr>
  );
}

/** 摘要: what the movement was, in the owner's words; a reversal names the entry it undoes and why. */
function memoOf(m: Movement): string {
  const w = t.movement;
  const period = m.period ? t.period(m.period.from, m.period.to) : null;
  const what = {
    opening: () => w.opening[m.category ?? ''] ?? w.openingOther,
    deposit: () => w.deposit,
    claim: () => w.claim,
    interest: () => (period ? w.interest(period) : w.interestNoPeriod),
    repair: () => w.repair(m.project ?? ''),
    charge: () => w.charge(m.memo),
    revenue: () => (period ? w.revenue(period) : w.revenueNoPeriod),
    transfer: () => w.transfer(m.memo),
  }[m.kind]();
  return m.reverses ? w.reversal(m.reverses.number, m.reverses.date, what, m.reason) : what;
}

/** The part the owner signs and returns, below a dashed cut line. */
function Receipt({ community, address, owners, period, closing }: { community: string; address: string; owners: string; period: string; closing: string }) {
  return (
    <div className="statement-receipt" data-testid="statement-receipt">
      <div className="statement-cut"><span>✂ {t.receiptCut}</span></div>
      <div className="statement-receipt-title">{t.receiptTitle}</div>
      <p className="statement-line">{t.receiptText(community, address, period, closing)}</p>
      <p className="statement-line">{t.receiptAgree}　　{t.receiptObject}<span className="print-blank statement-blank-long" /></p>
      <p className="statement-line statement-receipt-sign">
        <span>{t.statementOwners}：{owners}</span>
        <span>{t.receiptSign}<span className="print-blank" /></span>
        <span>{t.receiptDate}</span>
      </p>
    </div>
  );
}
