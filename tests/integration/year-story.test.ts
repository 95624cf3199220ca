/**
 * A treasurer's year (issue 13's story) on docs/domain.md §4's worked roster, every
 * figure to the fen: the books opened with 150.00 more in the bank than the
 * sub-ledgers; a quarter's statement with deposits (an owner of two parts,
 * the developer), a stranger, the bank's interest and a charge; the same
 * statement again posts nothing; the interest shared once; a row classified
 * again; 待查明 claimed (the opening difference too); a deposit typed twice and
 * reversed; a repair previewed, paid from the statement and charged; common
 * revenue moved out, then back in as the fund's share; the committee's
 * budget; June closed. After each step bank = fund + 待查明 + other holds
 * against the bank's true balance and the reconciliation's difference is 0.00.
 *
 * Every sub-ledger is also kept here by hand (`model`), and each sharing's
 * shares recomputed from it (sharesByBalanceDays).
 */
import { describe, expect, it } from 'vitest';
import { apportion, fenToYuan } from '../../shared/domain/money';
import { fen, fundBooks, sharesByBalanceDays, statementFile, type StatementLine } from '../fixtures/fund-books';
import { call, callError, loggedInApp } from '../helpers';

const ADDRESSES = ['1幢101', '1幢102', '2幢201', '2幢202', '3幢301', '3幢302'] as const;
type Address = (typeof ADDRESSES)[number];
const AREA: Record<Address, number> = { '1幢101': 9000, '1幢102': 11000, '2幢201': 10000, '2幢202': 9500, '3幢301': 12000, '3幢302': 12000 };

/** Each sub-ledger's movements, kept by hand: [date, fen]. */
const model = new Map<Address, [string, number][]>(ADDRESSES.map((a) => [a, []]));
const move = (address: Address, date: string, amount: number) => model.get(address)!.push([date, amount]);
const balanceOf = (address: Address) => model.get(address)!.reduce((s, [, x]) => s + x, 0);

/** The shares of `total` by balance × days over [start, end], from the model. */
const expectedShares = (total: number, start: string, end: string) => sharesByBalanceDays(model, total, start, end);

describe('a treasurer’s year', () => {
  it('keeps bank = fund + 待查明 + other to the fen after every step', async () => {
    const { app, session } = await loggedInApp();
    const { communityId, part, holds } = await fundBooks(app, session, '阳光小区');
    const households = async () => new Map((await call(app, 'fund.households', { communityId, limit: 10 }, session)).rows.map((h) => [h.address, fen(h.balance)]));
    const sameAsModel = async () => {
      const shown = await households();
      for (const a of ADDRESSES) expect(shown.get(a), a).toBe(balanceOf(a));
    };
    const statementRecon = async () => call(app, 'fund.reconciliation', { communityId }, session);

    // ── the books opened: 150.00 more in the bank than the sub-ledgers, explained, to 待查明 ──
    const opening: Record<Address, number> = { '1幢101': 900_000, '1幢102': 1_100_000, '2幢201': 1_000_000, '2幢202': 500_000, '3幢301': 0, '3幢302': 1_200_000 };
    const openingCsv = `\uFEFF楼栋,单元,房号,应缴首期,已缴存,增值收益,已使用,余额\n${ADDRESSES.map((a) => `${a.slice(0, 2)},,${a.slice(2)},${opening[a] / 100},${opening[a] / 100},0,0,${opening[a] / 100}`).join('\n')}\n`;
    const opened = await call(app, 'fund.importOpening', {
      communityId, asOf: '2025-12-31', bankBalance: '47150.00', suspenseNote: '上年12月两笔缴款未查明',
      file: { fileName: '期初.csv', base64: Buffer.from(openingCsv).toString('base64') },
    }, session);
    expect(opened).toMatchObject({ rows: 6, total: '47000.00', suspense: '150.00' });
    for (const a of ADDRESSES) if (opening[a]) move(a, '2025-12-31', opening[a]);
    let bank = 4_715_000;
    await holds(bank);
    expect(await statementRecon()).toMatchObject({ bank: { source: 'opening', amount: '47150.00' }, unidentified: { amount: '150.00' }, difference: '0.00' });

    // ── the first quarter's statement ──
    const q1: StatementLine[] = [
      ['2026-01-10', '1200.00', 'A', '维修资金', '48350.00'], // A owns 1幢101 and 1幢102: the treasurer says which
      ['2026-01-12', '500.00', 'B', '维修资金', '48850.00'],
      ['2026-01-15', '3000.00', '某某置业', '3幢301首期维修资金', '51850.00'], // the developer, by the address in the memo
      ['2026-02-03', '88.88', '李四', '来款', '51938.88'], // a stranger
      ['2026-03-21', '47.60', '银行', '结息', '51986.48'],
      ['2026-03-25', '-1.20', '银行', '短信服务费', '51985.28'],
    ];
    const q1File = statementFile('2026年一季度.csv', q1);
    const preview = await call(app, 'fund.previewStatement', { communityId, file: q1File }, session);
    expect(preview.rows.map((r) => [r.row, r.class, r.address])).toEqual([
      [2, 'unidentified', null], [3, 'deposit', '2幢201'], [4, 'deposit', '3幢301'], [5, 'unidentified', null], [6, 'interest', null], [7, 'bank-charge', null],
    ]);
    expect(preview.rows[0]!.how).toBe('付款人名下有 2 户，无法确定');
    expect(preview.closing).toEqual({ date: '2026-03-25', balance: '51985.28' });
    const q1Result = await call(app, 'fund.importStatement', { communityId, file: q1File, classes: [{ row: 2, class: 'deposit', partId: part('1幢102') }] }, session);
    expect(q1Result).toMatchObject({ posted: 6, skipped: 0, deposits: 3, unidentified: 1, interest: 1, payments: 1 });
    move('1幢102', '2026-01-10', 120_000);
    move('2幢201', '2026-01-12', 50_000);
    move('3幢301', '2026-01-15', 300_000);
    bank = 5_198_528;
    let r = await holds(bank);
    expect(r).toMatchObject({ fund: { amount: '51700.00' }, unidentified: { amount: '238.88' }, other: { amount: '46.40' } });
    await sameAsModel();
    expect(await statementRecon()).toMatchObject({ asOf: '2026-03-25', bank: { source: 'statement', amount: '51985.28' }, difference: '0.00' });

    // ── the same statement again posts nothing ──
    expect(await call(app, 'fund.importStatement', { communityId, file: q1File }, session)).toMatchObject({ posted: 0, skipped: 6 });
    await holds(bank);

    // ── the quarter's interest, less the bank's charge, shared by balance × days: no second receipt ──
    const q1Share = { communityId, start: '2026-01-01', end: '2026-03-31' };
    const shared = await call(app, 'fund.previewEarnings', q1Share, session);
    expect(shared.receipts.map((x) => [x.kind, x.amount])).toEqual([['interest', '47.60'], ['bank-charge', '-1.20']]);
    expect(shared.total).toBe('46.40');
    const q1Expected = expectedShares(4_640, '2026-01-01', '2026-03-31');
    expect(shared.shares.map((s) => [s.address, fen(s.amount)])).toEqual(ADDRESSES.map((a) => [a, q1Expected.get(a)]));
    expect(shared.shares.reduce((s, x) => s + fen(x.amount), 0)).toBe(4_640);
    await call(app, 'fund.shareEarnings', q1Share, session);
    for (const a of ADDRESSES) move(a, '2026-03-31', q1Expected.get(a)!);
    r = await holds(bank);
    expect(r.other.amount).toBe('0.00');
    await sameAsModel();
    expect((await callError(app, 'fund.shareEarnings', q1Share, session)).message).toContain('没有尚未分配的利息收入');

    // ── B's 500.00 was for 2幢202 (B paid for C and D): classified again, a reversal and a new entry ──
    const bRow = (await call(app, 'fund.statementRows', { communityId, text: '维修资金' }, session)).rows.find((x) => x.payer === 'B')!;
    const moved = await call(app, 'fund.reclassifyStatementRow', { id: bRow.id, class: 'deposit', partId: part('2幢202'), reason: 'B代C、D缴纳' }, session);
    expect(moved).toMatchObject({ class: 'deposit', target: '2幢202' });
    move('2幢201', '2026-01-12', -50_000);
    move('2幢202', '2026-01-12', 50_000);
    await holds(bank);
    await sameAsModel();

    // ── 待查明 claimed: the stranger split to two parts, the opening difference to a part and to common revenue ──
    const items = await call(app, 'fund.unidentified', { communityId }, session);
    expect(items.map((i) => [i.kind, i.remaining])).toEqual([['opening', '150.00'], ['unidentified', '88.88']]);
    await call(app, 'fund.claimUnidentified', { entryId: items[1]!.id, date: '2026-04-01', targets: [
      { partId: part('2幢202'), amount: '50.00', note: '李四为2幢202租户，代缴' }, { partId: part('3幢302'), amount: '38.88', note: '同一笔中代E缴纳的部分' },
    ] }, session);
    move('2幢202', '2026-04-01', 5_000);
    move('3幢302', '2026-04-01', 3_888);
    await holds(bank);
    await call(app, 'fund.claimUnidentified', { entryId: items[0]!.id, date: '2026-04-01', targets: [
      { partId: part('1幢101'), amount: '100.00', note: '回单已找到' }, { partId: null, amount: '50.00', note: '停车费误汇入专户' },
    ] }, session);
    move('1幢101', '2026-04-01', 10_000);
    r = await holds(bank);
    expect(r).toMatchObject({ unidentified: { amount: '0.00', items: [] }, other: { amount: '50.00' } });
    await sameAsModel();

    // ── a deposit booked by hand, then typed twice by mistake and reversed ──
    await call(app, 'fund.deposit', { partId: part('2幢202'), amount: '300', date: '2026-04-02', payer: 'C' }, session);
    move('2幢202', '2026-04-02', 30_000);
    bank += 30_000;
    await holds(bank);
    const twice = await call(app, 'fund.deposit', { partId: part('2幢202'), amount: '300', date: '2026-04-02', payer: 'C' }, session);
    const wrong = await call(app, 'fund.reconciliation', { communityId, bankBalance: fenToYuan(bank) }, session);
    expect(wrong).toMatchObject({ difference: '-300.00', explanation: { unexplained: '-300.00' } });
    await call(app, 'ledger.reverse', { id: twice.id, date: '2026-04-02', reason: '重复录入' }, session);
    await holds(bank);

    // ── a repair: approved on the emergency path, previewed, paid from the statement, charged by area ──
    const project = await call(app, 'repair.create', {
      communityId, title: '1幢屋面防水', scope: { kind: 'places', places: [{ buildingId: (await call(app, 'community.buildings', { id: communityId }, session)).find((b) => b.name === '1幢')!.id }] },
      basis: 'area', estimate: '3600', contractor: '某防水公司', approval: 'emergency', voteId: null,
      emergencyReviewDate: '2026-04-15', emergencyStreetDate: '2026-04-16', emergencyNote: '1幢屋面渗漏',
    }, session);
    await call(app, 'repair.notice', { projectId: project.id, date: '2026-04-20' }, session);
    const chargePreview = await call(app, 'repair.previewCharge', { projectId: project.id, finalCost: '3700' }, session);
    expect(chargePreview.shares.map((s) => [s.address, s.amount])).toEqual([['1幢101', '1665.00'], ['1幢102', '2035.00']]);
    await holds(bank);

    const q2: StatementLine[] = [
      ['2026-04-02', '300.00', 'C', '2幢202维修资金', '52285.28'], // booked by hand already
      ['2026-05-20', '-3700.00', '某防水公司', '屋面工程款', '48585.28'],
      ['2026-05-28', '-50.00', '本小区公共收益账户', '代收公共收益转出', '48535.28'],
      ['2026-06-21', '20.10', '银行', '结息', '48555.38'],
    ];
    const q2File = statementFile('2026年二季度.csv', q2);
    const q2Preview = await call(app, 'fund.previewStatement', { communityId, file: q2File }, session);
    expect(q2Preview.rows.map((x) => [x.row, x.class, x.project])).toEqual([[2, 'booked', null], [3, 'repair', '1幢屋面防水'], [4, null, null], [5, 'interest', null]]);
    expect(await call(app, 'fund.importStatement', { communityId, file: q2File, classes: [{ row: 4, class: 'revenue-out' }] }, session))
      .toMatchObject({ posted: 4, booked: 1, payments: 2, interest: 1 });
    bank = 4_855_538;
    r = await holds(bank);
    expect(r.other.accounts.map((a) => [a.role, a.amount])).toEqual([['interest', '20.10'], ['payable', '-3700.00'], ['revenue-due', '0.00']]);
    expect((await call(app, 'repair.get', { id: project.id }, session)).paid).toBe('3700.00');
    await call(app, 'repair.charge', { projectId: project.id, date: '2026-06-01', finalCost: '3700', auditNote: '', overrunReason: '' }, session);
    move('1幢101', '2026-06-01', -166_500);
    move('1幢102', '2026-06-01', -203_500);
    r = await holds(bank);
    expect(r.other.accounts.map((a) => [a.role, a.amount])).toEqual([['interest', '20.10'], ['payable', '0.00'], ['revenue-due', '0.00']]);
    await sameAsModel();

    // ── common revenue: its own account; the fund's share moved in, and it arrives on the fund's statement ──
    const revenue = (date: string, kind: '电梯广告' | '停车', direction: 'income' | 'cost', amount: string, memo: string) =>
      call(app, 'revenue.record', { communityId, date, kind, direction, amount, memo }, session);
    await revenue('2026-04-10', '电梯广告', 'income', '6000', '电梯广告位租金');
    await revenue('2026-04-15', '电梯广告', 'cost', '500', '广告位维护费');
    await revenue('2026-05-29', '停车', 'income', '50', '停车费（由维修资金专户转来）');
    await holds(bank);
    const summary = await call(app, 'revenue.summary', { communityId, from: '2026-04-01', to: '2026-06-30' }, session);
    expect(summary).toMatchObject({ income: '6050.00', cost: '500.00', net: '5550.00', proposal: { required: true, amount: '2775.00' } });
    await call(app, 'revenue.transfer', { communityId, from: '2026-04-01', to: '2026-06-30', date: '2026-07-05', amount: '2775.00' }, session);
    const byArea = apportion(277_500, ADDRESSES.map((a) => ({ key: a, weight: AREA[a] })));
    for (const a of ADDRESSES) move(a, '2026-07-05', byArea.get(a)!);
    bank += 277_500;
    await holds(bank);
    await sameAsModel();

    // ── the committee's budget, spent from the revenue account: the fund's bank is not touched ──
    const budget = await call(app, 'budget.set', { communityId, year: 2026, lines: [{ name: '办公费', amount: '2000' }] }, session);
    await call(app, 'budget.spend', { communityId, budgetLineId: budget.lines[0]!.id, date: '2026-07-06', amount: '300', memo: '打印纸' }, session);
    await holds(bank);

    // ── June closed; the second quarter's interest shared after it ──
    await call(app, 'ledger.closeMonth', { communityId, month: '2026-06' }, session);
    const q2Share = { communityId, start: '2026-04-01', end: '2026-06-30', date: '2026-07-01' };
    const q2Shared = await call(app, 'fund.shareEarnings', q2Share, session);
    const q2Expected = expectedShares(2_010, '2026-04-01', '2026-06-30');
    expect(q2Shared.shares.map((s) => [s.address, fen(s.amount)])).toEqual(ADDRESSES.map((a) => [a, q2Expected.get(a)]));
    for (const a of ADDRESSES) move(a, '2026-07-01', q2Expected.get(a)!);
    await holds(bank);
    await sameAsModel();

    // ── the third quarter so far: the revenue's transfer arrives (booked already), E's deposit ──
    const q3File = statementFile('2026年7月.csv', [
      ['2026-07-05', '2775.00', '本小区公共收益账户', '公共收益转入维修资金', '51330.38'],
      ['2026-07-20', '600.00', 'E', '3幢302维修资金', '51930.38'],
    ]);
    expect(await call(app, 'fund.importStatement', { communityId, file: q3File }, session)).toMatchObject({ posted: 2, booked: 1, deposits: 1 });
    move('3幢302', '2026-07-20', 60_000);
    bank += 60_000;
    expect(bank).toBe(5_193_038);
    await holds(bank);
    await sameAsModel();
    // A statement row in the closed June is refused by row; the first quarter again posts nothing, closed or not.
    const june = await callError(app, 'fund.importStatement', { communityId, file: statementFile('6月补.csv', [['2026-06-30', '1.00', 'B', '维修资金']]) }, session);
    expect(june.details).toEqual([expect.objectContaining({ row: 2, column: '日期', message: expect.stringContaining('已结账至 2026-06') })]);
    expect(await call(app, 'fund.importStatement', { communityId, file: q1File }, session)).toMatchObject({ posted: 0, skipped: 6 });

    // The reconciliation from the bank's own latest figure, to the fen.
    const final = await statementRecon();
    const fundTotal = ADDRESSES.reduce((s, a) => s + balanceOf(a), 0);
    expect(fundTotal).toBe(5_193_038);
    expect(final).toMatchObject({
      asOf: '2026-07-20', bank: { source: 'statement', amount: '51930.38' }, booksBank: '51930.38', fund: { amount: fenToYuan(fundTotal), households: 6 },
      unidentified: { amount: '0.00' }, other: { amount: '0.00' }, difference: '0.00',
      explanation: { outsideFund: { entries: [] }, notOnStatement: { entries: [] }, notInBooks: { entries: [] }, unexplained: '0.00' },
    });
  });
});
