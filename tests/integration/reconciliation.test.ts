/**
 * Issue 13 on a real SQLite file: statement rows remembered by identity and
 * never posted twice (the same file, an overlapping one, after a reversal),
 * payments and the 余额 column, classes suggested and chosen, a row booked by
 * hand matched, re-classification as reversal + new entry; 待查明款项 as
 * claimable items (the opening difference too) split to parts and revenue;
 * interest shared once; the reconciliation and what explains a difference.
 * After every step the identities of tests/fixtures/fund-books.ts hold.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ledgerProblems } from '../../main/services/treasury/ledger';
import { fen, fundBooks, statementFile, type StatementLine } from '../fixtures/fund-books';
import { call, callError, loggedInApp } from '../helpers';

/** The columns named by a refusal's row errors, with their rows. */
const cells = (e: { details?: unknown }) => (e.details as { row: number | null; column?: string }[]).map((d) => [d.row, d.column]);

async function setup() {
  const { app, session } = await loggedInApp();
  const books = await fundBooks(app, session, '阳光小区');
  return { app, session, ...books };
}

describe('statement rows are remembered by identity', () => {
  it('the same file, an overlapping file and a reversed entry never post a row twice; the preview and the result say so row by row', async () => {
    const { app, session, communityId, holds } = await setup();
    const january: StatementLine[] = [
      ['2026-01-05', '900.00', 'A', '1幢101维修资金', '900.00'],
      ['2026-01-06', '100.00', 'B', '缴款', '1000.00'],
      // Two identical receipts on one day are two receipts.
      ['2026-01-07', '20.00', '李四', '不明款项', '1020.00'],
      ['2026-01-07', '20.00', '李四', '不明款项', '1040.00'],
    ];
    const first = await call(app, 'fund.importStatement', { communityId, file: statementFile('1月.csv', january) }, session);
    expect(first).toMatchObject({ posted: 4, skipped: 0, deposits: 2, unidentified: 2, leftOut: 0 });
    expect(first.rows.map((r) => [r.row, r.outcome, r.postedAs])).toEqual([[2, 'posted', 1], [3, 'posted', 2], [4, 'posted', 3], [5, 'posted', 4]]);
    let bank = 104_000;
    await holds(bank);

    // The same file again: every row skipped, each saying where it was posted.
    const again = await call(app, 'fund.previewStatement', { communityId, file: statementFile('1月.csv', january) }, session);
    expect(again.rows.every((r) => r.duplicate)).toBe(true);
    expect(again.rows[0]!.postedBefore).toMatch(/^已于 \d{4}-\d{2}-\d{2} 从“1月\.csv”第 2 行入账（第 1 号凭证），不再重复记账$/);
    expect(again.closing).toEqual({ date: '2026-01-07', balance: '1040.00' });
    expect(await call(app, 'fund.importStatement', { communityId, file: statementFile('1月.csv', january) }, session)).toMatchObject({ posted: 0, skipped: 4 });

    // B's deposit is reversed; the statement says it arrived, so it stays posted: an overlapping statement skips it.
    await call(app, 'ledger.reverse', { id: await entryOf(first.rows[1]!.postedAs!), date: '2026-01-08', reason: '测试：原凭证冲销' }, session);
    bank -= 10_000;
    const overlap: StatementLine[] = [
      ...january.slice(1),
      // A third identical receipt is a new one.
      ['2026-01-07', '20.00', '李四', '不明款项', '1060.00'],
      ['2026-01-09', '50.00', 'E', '', '1110.00'],
    ];
    const preview = await call(app, 'fund.previewStatement', { communityId, file: statementFile('1月至今.csv', overlap) }, session);
    expect(preview.rows.map((r) => [r.row, r.duplicate])).toEqual([[2, true], [3, true], [4, true], [5, false], [6, false]]);
    expect(preview.rows[0]!.postedBefore).toContain('“1月.csv”第 3 行');
    const result = await call(app, 'fund.importStatement', { communityId, file: statementFile('1月至今.csv', overlap) }, session);
    expect(result).toMatchObject({ posted: 2, skipped: 3, deposits: 1, unidentified: 1 });
    bank += 2_000 + 5_000;
    await holds(bank);

    async function entryOf(number: number) {
      const page = await call(app, 'ledger.entries', { communityId, limit: 100 }, session);
      return page.rows.find((r) => r.number === number)!.id;
    }
  });

  it('reads payments as negative amounts or from a 支出 column, keeps the 余额, and refuses what is not an amount by row', async () => {
    const { app, session, communityId, account } = await setup();
    // 1幢101's deposit booked by hand first: the statement's row is that entry, not a new one.
    const byHand = await call(app, 'fund.deposit', { partId: (await call(app, 'fund.households', { communityId, text: '1幢101' }, session)).rows[0]!.partId, amount: '300', date: '2026-02-02' }, session);
    const text = '\uFEFF摘要,付款人,日期,金额,支出,余额\r\n'
      + '维修资金,A,2026-02-03,300.00,,300.00\r\n'
      + '短信服务费,银行,2026-02-04,,2.00,298.00\r\n'
      + '结息,银行,2026-03-21,"1,234.56",,1532.56\r\n'
      + '转账,某人,2026-03-22,5,5,1537.56\r\n'
      + '手续费,银行,2026-03-23,-0.5,,abc\r\n';
    const file = { fileName: '流水.csv', base64: Buffer.from(text).toString('base64') };
    const preview = await call(app, 'fund.previewStatement', { communityId, file }, session);
    expect(preview.errors.map((e) => [e.row, e.column])).toEqual([[5, '金额'], [6, '余额']]);
    expect(preview.rows.map((r) => [r.row, r.amount, r.class, r.entryNumber, r.balance])).toEqual([
      [2, '300.00', 'booked', byHand.number, '300.00'], [3, '-2.00', 'bank-charge', null, '298.00'], [4, '1234.56', 'interest', null, '1532.56'],
    ]);
    expect(preview.rows[0]!.how).toContain(`第 ${byHand.number} 号凭证`);
    const refused = await callError(app, 'fund.importStatement', { communityId, file }, session);
    expect(refused.code).toBe('VALIDATION');
    expect((await call(app, 'ledger.entries', { communityId }, session)).total).toBe(1);

    const good = { fileName: '流水.csv', base64: Buffer.from(text.split('\r\n').slice(0, 4).join('\r\n')).toString('base64') };
    const posted = await call(app, 'fund.importStatement', { communityId, file: good }, session);
    expect(posted).toMatchObject({ posted: 3, booked: 1, payments: 1, interest: 1 });
    const books = await call(app, 'ledger.books', { communityId }, session);
    const balance = (role: string) => books.accounts.find((a) => a.id === account(role))!.balance;
    expect([balance('fund-bank'), balance('fund'), balance('interest')]).toEqual(['1532.56', '300.00', '1232.56']);
    // The bank's figure is the file's closing balance, on its last day.
    const r = await call(app, 'fund.reconciliation', { communityId }, session);
    expect(r).toMatchObject({ asOf: '2026-03-21', bank: { amount: '1532.56', source: 'statement' }, difference: '0.00' });
    expect(r.other.accounts.find((a) => a.role === 'interest')).toMatchObject({ amount: '1232.56' });
  });
});

describe('classifying statement rows', () => {
  it('suggests by memo, address, owner and contractor; the treasurer chooses otherwise row by row; a payment nobody can tell is refused by row', async () => {
    const { app, session, communityId, part, holds } = await setup();
    const project = await call(app, 'repair.create', {
      communityId, title: '1幢屋面防水', scope: { kind: 'community' }, basis: 'area', estimate: '500', contractor: '某防水公司',
      approval: 'emergency', voteId: null, emergencyReviewDate: '2026-03-01', emergencyStreetDate: '2026-03-02', emergencyNote: '屋面渗漏',
    }, session);
    const lines: StatementLine[] = [
      ['2026-03-10', '1000.00', '张三', '2幢201维修资金'],
      ['2026-03-11', '80.00', '某广告公司', '电梯广告费'],
      ['2026-03-12', '-300.00', '某防水公司', '工程款'],
      ['2026-03-13', '-10.00', '某人', '退款'],
      ['2026-03-21', '12.34', '银行', '利息'],
    ];
    const file = statementFile('3月.csv', lines);
    const preview = await call(app, 'fund.previewStatement', { communityId, file }, session);
    expect(preview.rows.map((r) => [r.row, r.class, r.address ?? r.project])).toEqual([
      [2, 'deposit', '2幢201'], [3, 'unidentified', null], [4, 'repair', '1幢屋面防水'], [5, null, null], [6, 'interest', null],
    ]);
    const unknown = await callError(app, 'fund.importStatement', { communityId, file }, session);
    expect(cells(unknown)).toEqual([[5, '分类']]);
    expect(unknown.details).toEqual([expect.objectContaining({ message: expect.stringContaining('第 5 行是一笔支出（10.00 元，某人）') })]);
    // A class that does not fit the row, or a deposit without a part of this community, is refused by row.
    const misfit = await callError(app, 'fund.importStatement', { communityId, file, classes: [{ row: 5, class: 'interest' }, { row: 3, class: 'deposit' }] }, session);
    expect(cells(misfit)).toEqual([[3, '分类'], [5, '分类']]);

    const result = await call(app, 'fund.importStatement', {
      communityId, file, classes: [{ row: 3, class: 'revenue' }, { row: 5, class: 'skip' }, { row: 2, class: 'deposit', partId: part('2幢202') }],
    }, session);
    expect(result).toMatchObject({ posted: 4, deposits: 1, revenue: 1, interest: 1, payments: 1, leftOut: 1 });
    expect(result.rows.find((r) => r.row === 5)).toMatchObject({ outcome: 'left-out', postedAs: null });
    expect((await call(app, 'fund.households', { communityId, text: '2幢202' }, session)).rows[0]!.deposited).toBe('1000.00');
    expect((await call(app, 'repair.get', { id: project.id }, session)).paid).toBe('300.00');
    await holds(100_000 + 8_000 - 30_000 + 1_234);
    // The row left out is not remembered: imported again, it can be posted (here left out again by the unmatched choice).
    expect((await call(app, 'fund.previewStatement', { communityId, file }, session)).rows.filter((r) => !r.duplicate).map((r) => r.row)).toEqual([5]);
    const leftOut = await call(app, 'fund.importStatement', { communityId, file, unmatched: 'skip' }, session);
    expect(leftOut).toMatchObject({ posted: 0, skipped: 4, leftOut: 1 });
  });

  it('classifies a posted row again as a reversal and a new entry; the row stays posted once', async () => {
    const { app, session, communityId, part, holds } = await setup();
    const file = statementFile('4月.csv', [['2026-04-02', '66.00', '王五', '代缴']]);
    const imported = await call(app, 'fund.importStatement', { communityId, file }, session);
    expect(imported).toMatchObject({ unidentified: 1 });
    const [row] = (await call(app, 'fund.statementRows', { communityId }, session)).rows;
    expect(row).toMatchObject({ class: 'unidentified', entryNumber: 1, fileName: '4月.csv', position: 2, target: '待查明款项' });
    const refused = await callError(app, 'fund.reclassifyStatementRow', { id: row!.id, class: 'repair', reason: '核实' }, session);
    expect(refused.message).toContain('不能分类为“维修付款”');
    const moved = await call(app, 'fund.reclassifyStatementRow', { id: row!.id, class: 'deposit', partId: part('2幢202'), reason: '王五为2幢202租户' }, session);
    expect(moved).toMatchObject({ class: 'deposit', entryNumber: 3, target: '2幢202' });
    const reversal = await call(app, 'ledger.entries', { communityId }, session);
    expect(reversal.rows.map((r) => [r.number, r.kind, r.date])).toEqual([[3, 'deposit', '2026-04-02'], [2, 'reversal', '2026-04-02'], [1, 'unidentified', '2026-04-02']]);
    await holds(6_600);
    expect(await call(app, 'fund.importStatement', { communityId, file }, session)).toMatchObject({ posted: 0, skipped: 1 });
    // Reversed by hand: the row has no entry in force; the reconciliation names it; a new class books it anew.
    await call(app, 'ledger.reverse', { id: moved.entryId!, date: '2026-04-03', reason: '误冲' }, session);
    expect((await call(app, 'fund.statementRows', { communityId }, session)).rows[0]).toMatchObject({ class: null, entryId: null });
    const r = await call(app, 'fund.reconciliation', { communityId, bankBalance: '66.00' }, session);
    expect(r.difference).toBe('66.00');
    expect(r.explanation.unexplained).toBe('66.00');
    await call(app, 'fund.reclassifyStatementRow', { id: row!.id, class: 'unidentified', date: '2026-04-04', reason: '重新记待查明' }, session);
    await holds(6_600);
  });
});

describe('待查明款项 as claimable items', () => {
  it('lists the opening difference with the receipts; claims split an item to parts and revenue, the list adding up after every step', async () => {
    const { app, session, communityId, part, holds } = await setup();
    const opening = '\uFEFF楼栋,单元,房号,应缴首期,已缴存,增值收益,已使用,余额\n1幢,,101,9000,9000,0,0,9000\n';
    await call(app, 'fund.importOpening', {
      communityId, asOf: '2025-12-31', bankBalance: '9120.50', suspenseNote: '两笔缴款未查明',
      file: { fileName: '期初.csv', base64: Buffer.from(opening).toString('base64') },
    }, session);
    let bank = 912_050;
    await holds(bank);
    await call(app, 'fund.importStatement', { communityId, file: statementFile('1月.csv', [['2026-01-09', '300.00', '赵六', '不明']]) }, session);
    bank += 30_000;
    await holds(bank);
    const items = await call(app, 'fund.unidentified', { communityId }, session);
    expect(items.map((i) => [i.kind, i.amount, i.claimed, i.remaining, i.note])).toEqual([
      ['opening', '120.50', '0.00', '120.50', '两笔缴款未查明'], ['unidentified', '300.00', '0.00', '300.00', ''],
    ]);

    // The opening's difference: 100.00 to 1幢102 and 20.50 to 2幢201, each with its note.
    const claim = await call(app, 'fund.claimUnidentified', {
      entryId: items[0]!.id, date: '2026-01-10',
      targets: [{ partId: part('1幢102'), amount: '100', note: '12月缴款，回单已找到' }, { partId: part('2幢201'), amount: '20.50', note: '12月缴款' }],
    }, session);
    expect(claim.lines.map((l) => [l.accountCode, l.address, l.direction, l.amount])).toEqual([
      ['2003', null, '转出', '120.50'], ['2001', '1幢102', '收入', '100.00'], ['2001', '2幢201', '收入', '20.50'],
    ]);
    await holds(bank);
    expect((await call(app, 'fund.unidentified', { communityId }, session)).map((i) => i.remaining)).toEqual(['300.00']);

    // The receipt: part of it now, to revenue; more than is left is refused; the rest later to a part.
    const receipt = items[1]!.id;
    const over = await callError(app, 'fund.claimUnidentified', { entryId: receipt, date: '2026-01-11', targets: [{ partId: part('1幢101'), amount: '300.01', note: 'x' }] }, session);
    expect(over.message).toContain('超过第 2 号待查明款项尚未认领的 300.00 元');
    const toRevenue = await call(app, 'fund.claimUnidentified', { entryId: receipt, date: '2026-01-11', targets: [{ partId: null, amount: '50', note: '电梯广告费误汇入专户' }] }, session);
    await holds(bank);
    expect((await call(app, 'fund.unidentified', { communityId }, session))[0]).toMatchObject({ claimed: '50.00', remaining: '250.00' });
    const reversing = await callError(app, 'ledger.reverse', { id: receipt, date: '2026-01-12', reason: 'x' }, session);
    expect(reversing.message).toContain(`已由第 ${toRevenue.number} 号凭证认领`);
    // A claim reversed gives its amount back to the item.
    await call(app, 'ledger.reverse', { id: toRevenue.id, date: '2026-01-12', reason: '核实不是广告费' }, session);
    await holds(bank);
    expect((await call(app, 'fund.unidentified', { communityId }, session))[0]).toMatchObject({ remaining: '300.00' });
    await call(app, 'fund.claimUnidentified', { entryId: receipt, date: '2026-01-13', targets: [{ partId: part('2幢202'), amount: '300', note: '租户代缴' }] }, session);
    await holds(bank);
    expect(await call(app, 'fund.unidentified', { communityId }, session)).toEqual([]);
    expect((await callError(app, 'fund.claimUnidentified', { entryId: receipt, date: '2026-01-14', targets: [{ partId: part('2幢202'), amount: '1', note: 'x' }] }, session)).message)
      .toContain('已全部认领');
  });
});

describe('the reconciliation', () => {
  it('holds term by term, and names what explains a difference: entries outside the fund, entries not on the statement, the rest', async () => {
    const { app, session, communityId, account, holds } = await setup();
    await call(app, 'fund.importStatement', { communityId, file: statementFile('5月.csv', [
      ['2026-05-06', '500.00', 'B', '缴款', '500.00'],
      ['2026-05-21', '3.21', '银行', '结息', '503.21'],
    ]) }, session);
    await holds(50_321);
    const clean = await call(app, 'fund.reconciliation', { communityId }, session);
    expect(clean).toMatchObject({
      asOf: '2026-05-21', bank: { amount: '503.21', source: 'statement' }, booksBank: '503.21',
      fund: { amount: '500.00', households: 1 }, unidentified: { amount: '0.00', items: [] }, other: { amount: '3.21' }, difference: '0.00',
      explanation: { outsideFund: { total: '0.00', entries: [] }, notOnStatement: { total: '0.00' }, notInBooks: { total: '0.00' }, unexplained: '0.00' },
    });

    // A receipt booked by hand into the fund's bank account against common revenue: the bank still agrees with the
    // fund's side, but the books' bank account does not: the entry is outside the fund and not on the statement.
    const stray = await call(app, 'ledger.record', { communityId, form: 'income', date: '2026-05-10', amount: '40', debitAccountId: account('fund-bank'), creditAccountId: account('revenue'), memo: '停车费误记专户' }, session);
    const r = await call(app, 'fund.reconciliation', { communityId }, session);
    expect([r.difference, r.booksBank]).toEqual(['0.00', '543.21']);
    expect(r.explanation.outsideFund).toMatchObject({ total: '40.00', entries: [expect.objectContaining({ number: stray.number, amount: '40.00' })] });
    expect(r.explanation.notOnStatement).toMatchObject({ total: '40.00', entries: [expect.objectContaining({ number: stray.number })] });
    expect(r.explanation.unexplained).toBe('0.00');
    // A balance typed for another day: the entry outside the fund explains 40.00 of the difference, the rest is unexplained.
    const typed = await call(app, 'fund.reconciliation', { communityId, bankBalance: '600.00', asOf: '2026-05-31' }, session);
    expect(typed).toMatchObject({ bank: { source: 'typed' }, booksBank: '543.21', difference: '96.79', explanation: { unexplained: '56.79', notOnStatement: { entries: [] } } });
    expect((await callError(app, 'fund.reconciliation', { communityId, bankBalance: '1', asOf: '2099-01-01' }, session)).message).toContain('晚于今天');
    // Reversed, the books agree again.
    await call(app, 'ledger.reverse', { id: stray.id, date: '2026-05-11', reason: '记错账户' }, session);
    await holds(50_321);
  });

  it('takes the bank’s figure from the opening until a statement with a 余额 column, and from the books when there is neither', async () => {
    const { app, session, communityId } = await setup();
    expect(await call(app, 'fund.reconciliation', { communityId }, session)).toMatchObject({ bank: { source: 'books', amount: '0.00' }, difference: '0.00' });
    const opening = '\uFEFF楼栋,单元,房号,应缴首期,已缴存,增值收益,已使用,余额\n2幢,,201,1000,1000,0,0,1000\n';
    await call(app, 'fund.importOpening', {
      communityId, asOf: '2025-12-31', bankBalance: '1000', suspenseNote: '',
      file: { fileName: '期初.csv', base64: Buffer.from(opening).toString('base64') },
    }, session);
    expect(await call(app, 'fund.reconciliation', { communityId }, session)).toMatchObject({ asOf: '2025-12-31', bank: { source: 'opening', amount: '1000.00' }, fund: { amount: '1000.00' }, difference: '0.00' });
    // A statement without 余额 changes nothing of the bank's figure; its rows after the opening are what the books hold more.
    await call(app, 'fund.importStatement', { communityId, file: statementFile('无余额.csv', [['2026-01-05', '10.00', 'B', '']]) }, session);
    expect(await call(app, 'fund.reconciliation', { communityId }, session)).toMatchObject({ asOf: '2025-12-31', difference: '0.00' });
    expect(fen((await call(app, 'fund.reconciliation', { communityId, asOf: '2026-01-31' }, session)).bank.amount)).toBe(100_000);
  });
});

describe('check', () => {
  it('names a statement row booked twice and interest shared twice (written behind the app’s back)', async () => {
    const { app, session, communityId, part } = await setup();
    await call(app, 'fund.importStatement', { communityId, file: statementFile('1月.csv', [['2026-01-21', '9.00', '银行', '结息']]) }, session);
    const shared = await call(app, 'fund.shareEarnings', { communityId, start: '2026-01-01', end: '2026-01-31' }, session).catch(() => null);
    expect(shared).toBeNull(); // nobody holds money in January: nothing to share it by
    const deposit = await call(app, 'fund.deposit', { partId: part('1幢101'), amount: '100', date: '2026-01-02' }, session);
    const share = await call(app, 'fund.shareEarnings', { communityId, start: '2026-01-01', end: '2026-01-31' }, session);
    const db = new Database(app.dbPath);
    try {
      expect(ledgerProblems(db)).toEqual([]);
      const row = db.prepare('select id from statement_rows').pluck().get() as string;
      db.prepare("insert into statement_postings (entry_id, statement_row_id, class, created_at) values (?, ?, 'deposit', '2026-01-03T00:00:00Z')").run(deposit.id, row);
      const item = db.prepare('select item_entry_id from interest_shares').pluck().get() as string;
      db.prepare('insert into interest_shares (share_entry_id, item_entry_id) values (?, ?)').run(deposit.id, item);
      expect(ledgerProblems(db)).toEqual(['1 笔银行流水重复入账', '1 笔利息收入重复分配']);
      expect(() => db.prepare('delete from statement_postings').run()).toThrow('银行流水的入账记录不能删除');
    } finally {
      db.close();
    }
    expect(share.total).toBe('9.00');
  });
});
