/**
 * The treasurer's books on a real SQLite file: the chart, the three forms,
 * deposits, reversals, closed months, earnings by balance × days, shares by
 * area, the top-up list, and the invariants (`ledgerProblems`) — including
 * that they catch a tampered cache.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { rosterCsv } from '../fixtures/roster-generator';
import { WORKED_ROSTER } from '../fixtures/worked-roster';
import { ledgerProblems } from '../../main/services/treasury/ledger';
import { DEFAULT_CHART } from '../../shared/domain/ledger';
import { call, callError, loggedInApp } from '../helpers';

async function setup(fundRules: Record<string, number> = {}) {
  const { app, session } = await loggedInApp();
  const csv = Buffer.from(rosterCsv(WORKED_ROSTER), 'utf8').toString('base64');
  const { communityId } = await call(app, 'roster.import', { file: { fileName: 'r.csv', base64: csv }, community: { name: '阳光小区' } }, session);
  if (Object.keys(fundRules).length > 0) {
    const c = await call(app, 'community.get', { id: communityId }, session);
    await call(app, 'community.update', { ...c, settings: { ...c.settings, fundRules: { ...c.settings.fundRules, ...fundRules } } }, session);
  }
  const books = await call(app, 'ledger.books', { communityId }, session);
  const account = (role: string) => books.accounts.find((a) => a.role === role)!;
  const households = (await call(app, 'fund.households', { communityId, limit: 100 }, session)).rows;
  const part = (address: string) => households.find((h) => h.address === address)!.partId;
  const deposit = (address: string, amount: string, date: string) =>
    call(app, 'fund.deposit', { partId: part(address), amount, date, payer: '业主' }, session);
  const problems = () => {
    const db = new Database(app.dbPath, { readonly: true });
    try {
      return ledgerProblems(db);
    } finally {
      db.close();
    }
  };
  return { app, session, communityId, account, part, deposit, problems };
}

describe('the books of a new community', () => {
  it('start with the default chart at zero, the fund with its sub-ledgers', async () => {
    const { app, session, communityId } = await setup();
    const books = await call(app, 'ledger.books', { communityId }, session);
    expect(books.accounts.map((a) => [a.code, a.role, a.balance])).toContainEqual(['2001', 'fund', '0.00']);
    expect(books.accounts.filter((a) => a.subLedger).map((a) => a.role)).toEqual(['fund']);
    // The migration's chart is shared/domain/ledger.ts's.
    expect(books.accounts.map(({ code, name, kind, role }) => ({ code, name, kind, role }))).toEqual(DEFAULT_CHART);
    expect(books.closedThrough).toBeNull();
    expect(await call(app, 'fund.balance', { communityId }, session)).toEqual({ fund: '0.00', households: '0.00', belowTopUp: 0, bank: '0.00' });
  });
});

describe('deposits and the three forms', () => {
  it('a deposit moves the bank and one sub-ledger together, numbered and audited', async () => {
    const { app, session, communityId, part, deposit, problems } = await setup();
    const e = await deposit('1幢101', '8,950.00', '2026-03-02');
    expect(e).toMatchObject({ number: 1, kind: 'deposit', amount: '8950.00', counterparty: '业主' });
    // In the treasurer's words: the bank and the household both 收入 8,950.00; the voucher's amount is that, once.
    expect(e.lines.map((l) => [l.accountCode, l.address, l.category, l.direction, l.amount])).toEqual([
      ['1001', null, null, '收入', '8950.00'],
      ['2001', '1幢101', 'deposit', '收入', '8950.00'],
    ]);
    expect(e).toMatchObject({ form: 'income', labels: { amount: '收入金额', counterparty: '缴款人' } });
    expect((await deposit('2幢201', '100.01', '2026-03-05')).number).toBe(2);
    expect(await call(app, 'fund.balance', { communityId }, session)).toMatchObject({ fund: '9050.01', households: '9050.01', bank: '9050.01' });
    const ledger = await call(app, 'fund.subLedger', { partId: part('1幢101') }, session);
    expect(ledger.household).toMatchObject({ deposited: '8950.00', balance: '8950.00' });
    expect(ledger.owners).toEqual([{ names: 'A', from: null, to: null }]);
    const audit = await call(app, 'audit.list', { entity: 'journal_entry', entityId: e.id }, session);
    expect(audit.rows.map((r) => r.action)).toEqual(['post']);
    expect(problems()).toEqual([]);
  });

  it('收入 to the fund needs a part; a common-revenue expense and a transfer post one debit and one credit', async () => {
    const { app, session, communityId, account, part } = await setup();
    const base = { communityId, date: '2026-04-01', memo: '测试' };
    const noPart = await callError(app, 'ledger.record', { ...base, form: 'income', amount: '100', debitAccountId: account('fund-bank').id, creditAccountId: account('fund').id }, session);
    expect(noPart.message).toContain('分户账');
    const same = await callError(app, 'ledger.record', { ...base, form: 'transfer', amount: '1', debitAccountId: account('fund').id, creditAccountId: account('fund').id }, session);
    expect(same.message).toContain('同一个科目');
    const zero = await callError(app, 'ledger.record', { ...base, form: 'income', amount: '0', debitAccountId: account('revenue-bank').id, creditAccountId: account('revenue').id }, session);
    expect(zero.details ?? zero.message).toBeTruthy();
    expect(JSON.stringify(zero)).toContain('金额应大于零');

    const income = await call(app, 'ledger.record', { ...base, form: 'income', amount: '100', debitAccountId: account('fund-bank').id, creditAccountId: account('fund').id, partId: part('2幢202') }, session);
    expect(income.lines.map((l) => l.category)).toEqual([null, 'deposit']);
    await call(app, 'ledger.record', { ...base, form: 'income', amount: '5000', debitAccountId: account('revenue-bank').id, creditAccountId: account('revenue').id, counterparty: '某广告公司' }, session);
    await call(app, 'ledger.record', { ...base, form: 'expense', amount: '300.50', debitAccountId: account('revenue-cost').id, creditAccountId: account('revenue-bank').id }, session);
    const books = await call(app, 'ledger.books', { communityId }, session);
    const balance = (role: string) => books.accounts.find((a) => a.role === role)!.balance;
    expect([balance('revenue-bank'), balance('revenue'), balance('revenue-cost'), balance('fund')]).toEqual(['4699.50', '5000.00', '300.50', '100.00']);
  });
});

describe('posted entries are never edited', () => {
  it('a reversal negates every line, links both ways and is allowed once; the database refuses updates and deletes', async () => {
    const { app, session, communityId, deposit, problems } = await setup();
    const e = await deposit('1幢102', '500.00', '2026-05-10');
    const early = await callError(app, 'ledger.reverse', { id: e.id, date: '2026-05-09', reason: '录错' }, session);
    expect(early.message).toContain('早于原凭证日期');
    const r = await call(app, 'ledger.reverse', { id: e.id, date: '2026-05-11', reason: '房号录错' }, session);
    expect(r).toMatchObject({ kind: 'reversal', reversesId: e.id, reversesNumber: e.number, reason: '房号录错' });
    // Red ink: the original's words, every amount negative; the voucher's reason is labelled 冲销原因.
    expect(r.lines.map((l) => [l.direction, l.amount])).toEqual([['收入', '-500.00'], ['收入', '-500.00']]);
    expect(r).toMatchObject({ amount: '-500.00', labels: { note: '冲销原因', amount: '冲销金额' } });
    expect((await call(app, 'ledger.entries', { communityId }, session)).rows.map((x) => [x.number, x.amount])).toEqual([[r.number, '-500.00'], [e.number, '500.00']]);
    expect(await call(app, 'ledger.entry', { id: e.id }, session)).toMatchObject({ reversedById: r.id, reversedByNumber: r.number });
    expect((await callError(app, 'ledger.reverse', { id: e.id, date: '2026-05-12', reason: '再冲' }, session)).message).toContain('已由第');
    expect((await callError(app, 'ledger.reverse', { id: r.id, date: '2026-05-12', reason: '冲冲销' }, session)).message).toContain('本身是冲销凭证');
    expect(await call(app, 'fund.balance', { communityId }, session)).toMatchObject({ fund: '0.00', households: '0.00' });

    const db = new Database(app.dbPath);
    expect(() => db.prepare('update journal_lines set amount = 1').run()).toThrow(/不能修改/);
    expect(() => db.prepare('delete from journal_lines').run()).toThrow(/不能删除/);
    expect(() => db.prepare("update journal_entries set memo = 'x'").run()).toThrow(/不能修改/);
    expect(() => db.prepare('delete from journal_entries').run()).toThrow(/不能删除/);
    // A fund line without its part cannot be written even by hand.
    const fundId = db.prepare("select id from ledger_accounts where role = 'fund'").pluck().get();
    expect(() => db.prepare("insert into journal_lines (entry_id, community_id, account_id, date, number, amount) values (?, ?, ?, '2026-05-11', 1, 1)").run(e.id, communityId, fundId)).toThrow(/分户账/);
    db.close();
    expect(problems()).toEqual([]);
  });

  it('a closed month refuses entries dated in it and before; an unfinished month cannot be closed', async () => {
    const { app, session, communityId, deposit } = await setup();
    await deposit('1幢101', '10.00', '2026-06-30');
    expect((await callError(app, 'ledger.closeMonth', { communityId, month: '2099-01' }, session)).message).toContain('还没有结束');
    expect((await call(app, 'ledger.closeMonth', { communityId, month: '2026-06' }, session)).closedThrough).toBe('2026-06');
    expect((await callError(app, 'fund.deposit', { partId: (await setupPart(app, session, communityId)), amount: '1', date: '2026-06-30' }, session)).message).toContain('已结账');
    expect((await callError(app, 'fund.deposit', { partId: (await setupPart(app, session, communityId)), amount: '1', date: '2026-02-01' }, session)).message).toContain('已结账');
    expect((await callError(app, 'ledger.closeMonth', { communityId, month: '2026-05' }, session)).message).toContain('已结账');
    expect((await deposit('1幢101', '10.00', '2026-07-01')).number).toBe(2);
    const future = await callError(app, 'fund.deposit', { partId: await setupPart(app, session, communityId), amount: '1', date: '2099-01-01' }, session);
    expect(future.message).toContain('晚于今天');
  });
});

async function setupPart(app: Parameters<typeof call>[0], session: string, communityId: string) {
  return (await call(app, 'fund.households', { communityId, text: '2幢201' }, session)).rows[0]!.partId;
}

describe('earnings shared by balance × days (docs/domain.md §5)', () => {
  it('shares the interest received, a balance held all period weighing twice one deposited halfway; shares add up to the fen', async () => {
    const { app, session, communityId, account, deposit, part, problems } = await setup();
    // Interest the bank credited, booked by hand into 待分配增值收益 (a statement's 结息 row does the same).
    const interest = (amount: string, date: string) => call(app, 'ledger.record', {
      communityId, form: 'income', date, amount, debitAccountId: account('fund-bank').id, creditAccountId: account('interest').id, memo: '银行结息',
    }, session);
    await deposit('1幢101', '1000.00', '2026-08-01');
    await deposit('1幢102', '1000.00', '2026-09-01'); // before the period: held all 30 days
    await deposit('2幢201', '1000.00', '2026-09-16'); // 15 days of 30
    const input = { communityId, start: '2026-09-01', end: '2026-09-30' };
    expect((await callError(app, 'fund.previewEarnings', input, session)).message).toContain('没有尚未分配的利息收入');

    // 0.11 by weights 2:2:1 leaves one fen, remainders tie 2:2:1 → larger weight, then address.
    const small = await interest('0.11', '2026-09-21');
    const eleven = await call(app, 'fund.previewEarnings', input, session);
    expect(eleven.shares.map((s) => s.amount)).toEqual(['0.05', '0.04', '0.02']);
    expect(eleven.method).toContain('余下的 1 分');
    expect(eleven.receipts.map((r) => [r.number, r.amount])).toEqual([[small.number, '0.11']]);
    await call(app, 'ledger.reverse', { id: small.id, date: '2026-09-22', reason: '误记' }, session);

    const received = await interest('100.00', '2026-09-21');
    const preview = await call(app, 'fund.previewEarnings', input, session);
    expect(preview.entryId).toBeNull();
    // The reversed receipt and its reversal are no longer there to share: 100.00 × 2/5, 2/5, 1/5.
    expect(preview.receipts.map((r) => [r.number, r.amount])).toEqual([[received.number, '100.00']]);
    expect(preview.shares.map((s) => [s.address, s.amount])).toEqual([['1幢101', '40.00'], ['1幢102', '40.00'], ['2幢201', '20.00']]);
    expect(preview.totalWeight).toBe('75000.00 元·天');

    expect((await callError(app, 'fund.shareEarnings', { ...input, date: '2026-09-29' }, session)).message).toContain('期末以后');
    const posted = await call(app, 'fund.shareEarnings', { ...input, date: '2026-10-08' }, session);
    const entry = await call(app, 'ledger.entry', { id: posted.entryId! }, session);
    // No second bank receipt: 待分配增值收益 to three sub-ledgers.
    expect(entry.lines.map((l) => [l.accountCode, l.direction, l.amount])).toEqual([
      ['2002', '转出', '100.00'], ['2001', '收入', '40.00'], ['2001', '收入', '40.00'], ['2001', '收入', '20.00'],
    ]);
    expect((await call(app, 'fund.subLedger', { partId: part('2幢201') }, session)).household).toMatchObject({ earnings: '20.00', balance: '1020.00' });
    expect(await call(app, 'fund.balance', { communityId }, session)).toMatchObject({ fund: '3100.00', households: '3100.00', bank: '3100.00' });
    // What was shared cannot be shared again, nor the receipt reversed while its sharing stands.
    expect((await callError(app, 'fund.shareEarnings', input, session)).message).toContain('没有尚未分配的利息收入');
    expect((await callError(app, 'ledger.reverse', { id: received.id, date: '2026-10-09', reason: 'x' }, session)).message)
      .toContain(`已由第 ${entry.number} 号凭证分配到各户`);
    // Reversing the sharing gives the receipt back to be shared.
    await call(app, 'ledger.reverse', { id: posted.entryId!, date: '2026-10-09', reason: '期间有误' }, session);
    expect((await call(app, 'fund.previewEarnings', input, session)).receipts.map((r) => r.number)).toEqual([received.number]);
    expect(problems()).toEqual([]);
  });
});

describe('shares by area and the top-up list', () => {
  it('shares a repair over a building by area, adding up to the fen', async () => {
    const { app, session, communityId } = await setup();
    const buildings = await call(app, 'community.buildings', { id: communityId }, session);
    const b1 = buildings.find((b) => b.name === '1幢')!.id;
    // 1幢: 90.00 and 110.00 m². 1000.01 × 90/200 = 450.0045 → 450.00; × 110/200 = 550.0055 → 550.00; the fen left goes to the larger remainder (110).
    const a = await call(app, 'fund.apportion', { communityId, buildingId: b1, amount: '1000.01' }, session);
    expect(a.shares.map((s) => [s.address, s.area, s.amount])).toEqual([['1幢101', '90.00', '450.00'], ['1幢102', '110.00', '550.01']]);
    expect(a).toMatchObject({ total: '1000.01', basis: '专有部分面积', totalWeight: '200.00 平方米' });
    const all = await call(app, 'fund.apportion', { communityId, amount: '12345.67' }, session);
    expect(all.shares).toHaveLength(6);
    expect(all.shares.reduce((s, x) => s + Math.round(Number(x.amount) * 100), 0)).toBe(1234567);
  });

  it('lists parts below 30 % of their initial deposit (area × rate) with what tops them up', async () => {
    // 100.00 yuan per m²: 1幢101 (90 m²) owes 9,000.00; 30 % is 2,700.00.
    const { app, session, communityId, deposit } = await setup({ depositRatePerM2: 10000 });
    await deposit('1幢101', '2700.00', '2026-03-01'); // exactly 30 %: not below
    await deposit('1幢102', '3299.99', '2026-03-01'); // 110 m² owes 11,000.00; 30 % is 3,300.00: below by a fen
    const page = await call(app, 'fund.households', { communityId, belowTopUpOnly: true }, session);
    expect(page.rows.map((h) => h.address)).not.toContain('1幢101');
    expect(page.rows.find((h) => h.address === '1幢102')).toMatchObject({ initialDue: '11000.00', belowTopUp: true, topUp: '0.01' });
    // Parts with nothing deposited are below too: 4 more.
    expect(page.total).toBe(5);
    expect((await call(app, 'fund.balance', { communityId }, session)).belowTopUp).toBe(5);
  });

  it('Shanghai tops up to 50 %', async () => {
    const { app, session, communityId, deposit } = await setup({ depositRatePerM2: 10000, topUpTargetPercent: 50 });
    await deposit('1幢101', '2000.00', '2026-03-01');
    const row = (await call(app, 'fund.households', { communityId, text: '1幢101' }, session)).rows[0]!;
    expect(row).toMatchObject({ belowTopUp: true, topUp: '2500.00' });
  });
});

describe('the invariants catch a damaged cache', () => {
  it('reports a tampered sub-ledger balance and a tampered account balance', async () => {
    const { app, deposit, problems } = await setup();
    await deposit('1幢101', '10.00', '2026-03-01');
    expect(problems()).toEqual([]);
    const db = new Database(app.dbPath);
    db.prepare('update part_fund_balances set balance = balance + 1').run();
    db.close();
    expect(problems()).toEqual(expect.arrayContaining([expect.stringContaining('分户账余额缓存'), expect.stringContaining('分户账合计不一致')]));
    const db2 = new Database(app.dbPath);
    db2.prepare('update part_fund_balances set balance = balance - 1').run();
    db2.prepare("update account_balances set debit_sum = debit_sum + 5 where account_id = (select id from ledger_accounts where role = 'fund-bank')").run();
    db2.close();
    expect(problems()).toEqual([expect.stringContaining('科目的余额缓存')]);
  });
});

describe('the ledger table', () => {
  it('filters by account, part, dates and words, newest first, with the account’s movement and the right totals', async () => {
    const { app, session, communityId, account, part, deposit } = await setup();
    await deposit('1幢101', '100.00', '2026-03-01');
    await deposit('1幢102', '200.00', '2026-03-02');
    await call(app, 'ledger.record', { communityId, form: 'income', date: '2026-03-03', amount: '50', debitAccountId: account('revenue-bank').id, creditAccountId: account('revenue').id, memo: '电梯广告费', counterparty: '某传媒公司' }, session);
    await call(app, 'ledger.record', { communityId, form: 'income', date: '2026-03-31', amount: '1.00', debitAccountId: account('fund-bank').id, creditAccountId: account('interest').id, memo: '银行结息' }, session);
    await call(app, 'fund.shareEarnings', { communityId, start: '2026-03-01', end: '2026-03-31', date: '2026-04-01' }, session);
    const page = (input: Record<string, unknown>) => call(app, 'ledger.entries', { communityId, ...input }, session);
    const all = await page({});
    expect(all.total).toBe(5);
    expect(all.rows.map((r) => [r.number, r.date, r.amount, r.address])).toEqual([
      [5, '2026-04-01', '1.00', '2 户'], [4, '2026-03-31', '1.00', null], [3, '2026-03-03', '50.00', null], [2, '2026-03-02', '200.00', '1幢102'], [1, '2026-03-01', '100.00', '1幢101'],
    ]);
    expect(all.rows[2]!.accounts).toBe('公共收益账户存款、公共收益');
    const bank = await page({ accountId: account('fund-bank').id });
    expect([bank.total, bank.rows.map((r) => r.number)]).toEqual([3, [4, 2, 1]]);
    // The fund account (credit-normal): the earnings entry's movement there is +1.00 although it has two lines.
    const fund = await page({ accountId: account('fund').id });
    expect([fund.total, fund.rows[0]!.amount]).toEqual([3, '1.00']);
    // 1.00 by balance × days: 100.00 × 31 against 200.00 × 30 → 34.07 and 65.93 fen; the fen left goes to 65.93.
    expect((await page({ partId: part('1幢102') })).rows.map((r) => [r.number, r.amount])).toEqual([[5, '0.66'], [2, '200.00']]);
    expect((await page({ text: '传媒' })).rows.map((r) => r.number)).toEqual([3]);
    expect((await page({ text: '1幢102' })).rows.map((r) => r.number)).toEqual([2]);
    expect((await page({ accountId: account('fund-bank').id, text: '1幢101' })).total).toBe(1);
    expect((await page({ from: '2026-03-02', to: '2026-03-03' })).rows.map((r) => r.number)).toEqual([3, 2]);
    expect((await page({ accountId: account('fund-bank').id, from: '2026-03-02' })).total).toBe(2);
    expect((await page({ limit: 2, offset: 3 })).rows.map((r) => r.number)).toEqual([2, 1]);
    expect(await page({ offset: 10 })).toEqual({ total: 5, rows: [] });
  });
});
