/**
 * The treasurer's year on a real SQLite file: opening the books from last
 * year's balances (reconciled against the bank), a bank statement of
 * deposits with unmatched receipts settled later, a repair from its vote to
 * the charged shares, common revenue and its transfer to the fund, the
 * committee's budget, the statements and the xlsx export.
 */
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ledgerProblems } from '../../main/services/treasury/ledger';
import { apportion, parseYuan } from '../../shared/domain/money';
import { rosterCsv } from '../fixtures/roster-generator';
import { encodeGbk } from '../fixtures/table-files';
import { WORKED_ROSTER } from '../fixtures/worked-roster';
import { call, callError, loggedInApp } from '../helpers';

async function xlsx(rows: (string | number | Date | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  return { fileName: 'f.xlsx', base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

async function setup(fundRules: Record<string, unknown> = {}) {
  const { app, session } = await loggedInApp();
  const csv = Buffer.from(rosterCsv(WORKED_ROSTER), 'utf8').toString('base64');
  const { communityId } = await call(app, 'roster.import', { file: { fileName: 'r.csv', base64: csv }, community: { name: '阳光小区' } }, session);
  const c = await call(app, 'community.get', { id: communityId }, session);
  await call(app, 'community.update', { ...c, settings: { ...c.settings, fundRules: { ...c.settings.fundRules, depositRatePerM2: 10000, ...fundRules } } }, session);
  const households = async () => (await call(app, 'fund.households', { communityId }, session)).rows;
  const part = async (address: string) => (await households()).find((h) => h.address === address)!;
  const problems = () => {
    const db = new Database(app.dbPath, { readonly: true });
    try {
      return ledgerProblems(db);
    } finally {
      db.close();
    }
  };
  return { app, session, communityId, households, part, problems };
}

/** Where a refusal's problems are: a file's columns, a form's fields. */
const columns = (e: { details?: unknown }) => (e.details as { column?: string; field?: string }[]).map((d) => d.column ?? d.field);

const HEADER = ['楼栋', '单元', '房号', '应缴首期', '已缴存', '增值收益', '已使用', '余额'];

describe('opening the books from last year’s balances', () => {
  it('lists every row problem and writes nothing', async () => {
    const { app, session, communityId } = await setup();
    const file = await xlsx([HEADER,
      ['1幢', '', '101', '9000', '9000', '120.5', '0', '9120.50'],
      ['1幢', '', '101', '11000', '11000', '0', '0', '11000'],
      ['9幢', '', '901', '1', '1', '0', '0', '1'],
      ['2幢', '', '201', '10000', '10000', '0', '500', '9600'],
      ['2幢', '', '202', '9500', 'abc', '0', '0', '5'],
    ]);
    const preview = await call(app, 'fund.previewOpening', { communityId, asOf: '2025-12-31', bankBalance: '0', file }, session);
    expect(preview.errors.map((e) => [e.row, e.column])).toEqual([[3, '房号'], [4, '房号'], [5, '余额'], [6, '已缴存']]);
    expect(preview.errors[2]!.message).toContain('不等于 已缴存 10000.00 + 增值收益 0.00 − 已使用 500.00 = 9500.00');
    const refused = await callError(app, 'fund.importOpening', { communityId, asOf: '2025-12-31', bankBalance: '0', file }, session);
    expect(refused.details).toHaveLength(4);
    expect((await call(app, 'ledger.entries', { communityId }, session)).total).toBe(0);
  });

  it('reconciles against the bank: a difference needs a note and goes to 待查明款项; then the books are open once', async () => {
    const { app, session, communityId, part, problems } = await setup();
    const file = await xlsx([HEADER,
      ['1幢', '', '101', '9000', '9000', '120.5', '0', '9120.50'],
      ['1幢', '', '102', 11000, 11000, 0, 2000, 9000],
      ['2幢', '', '201', '10000', '10000', '', '', '10000'],
    ]);
    const base = { communityId, asOf: '2025-12-31', bankBalance: '28,200.50', file };
    const preview = await call(app, 'fund.previewOpening', base, session);
    expect(preview).toMatchObject({ rows: 3, missingParts: 3, errors: [], bankBalance: '28200.50', difference: '80.00' });
    expect(preview.totals).toEqual({ initialDue: '30000.00', deposited: '30000.00', earnings: '120.50', used: '2000.00', balance: '28120.50' });
    expect((await callError(app, 'fund.importOpening', base, session)).message).toContain('相差 80.00 元');
    const opened = await call(app, 'fund.importOpening', { ...base, suspenseNote: '2025年12月两笔缴款未查明' }, session);
    expect(opened).toMatchObject({ rows: 3, suspense: '80.00' });
    expect(await part('1幢102')).toMatchObject({ initialDue: '11000.00', deposited: '11000.00', charges: '2000.00', balance: '9000.00' });
    // 1幢101's due came from the file, not from area × rate (90 m² × 100.00 = 9,000.00 either way); 2幢202 from area × rate.
    expect((await part('2幢202')).initialDue).toBe('9500.00');
    const books = await call(app, 'ledger.books', { communityId }, session);
    expect(books.accounts.find((a) => a.role === 'suspense')!.balance).toBe('80.00');
    expect(await call(app, 'fund.balance', { communityId }, session)).toMatchObject({ fund: '28120.50', households: '28120.50', bank: '28200.50' });
    expect((await callError(app, 'fund.importOpening', { ...base, suspenseNote: 'x' }, session)).message).toContain('只能在开账前导入一次');
    expect(problems()).toEqual([]);
  });
});

describe('opening balances and statements as CSV, columns found by header', () => {
  const csvFile = (name: string, bytes: Buffer) => ({ fileName: name, base64: bytes.toString('base64') });

  it('reads an opening-balance CSV in UTF-8 or GBK with its columns in any order', async () => {
    const { app, session, communityId } = await setup();
    // 余额 first, the address last; amounts with thousands grouping.
    const text = '余额,已使用,增值收益,已缴存,应缴首期,房号,单元,楼栋\r\n"9,120.50",0,120.5,"9,000",9000,101,,1幢\r\n9000,2000,0,11000,11000,102,,1幢\r\n';
    const base = { communityId, asOf: '2025-12-31', bankBalance: '18120.50' };
    for (const file of [csvFile('期初.csv', Buffer.from(`\uFEFF${text}`)), csvFile('期初.csv', encodeGbk(text))]) {
      const preview = await call(app, 'fund.previewOpening', { ...base, file }, session);
      expect(preview).toMatchObject({ rows: 2, errors: [], difference: '0.00' });
      expect(preview.totals).toEqual({ initialDue: '20000.00', deposited: '20000.00', earnings: '120.50', used: '2000.00', balance: '18120.50' });
    }
    expect(await call(app, 'fund.importOpening', { ...base, file: csvFile('期初.csv', encodeGbk(text)) }, session)).toMatchObject({ rows: 2, suspense: '0.00' });
  });

  it('refuses a missing, unknown or repeated column by name, and a comma that is not thousands grouping by row', async () => {
    const { app, session, communityId } = await setup();
    const preview = (text: string) => call(app, 'fund.previewOpening', { communityId, asOf: '2025-12-31', bankBalance: '0', file: csvFile('期初.csv', Buffer.from(text)) }, session);
    expect((await preview('楼栋,单元,房号,应缴首期,已缴存,增值收益,已使用\n1幢,,101,1,1,0,0\n')).errors)
      .toEqual([{ row: 1, column: '余额', message: expect.stringMatching(/^缺少列“余额”/) }]);
    expect((await preview('楼栋,单元,房号,应缴首期,已缴存,增值收益,已使用,余额,结余\n')).errors)
      .toEqual([{ row: 1, column: '结余', message: expect.stringContaining('“结余”不是期初余额文件的列') }]);
    expect((await preview('楼栋,单元,房号,应缴首期,已缴存,增值收益,已使用,余额,余额\n')).errors)
      .toEqual([{ row: 1, column: '余额', message: expect.stringContaining('出现了两次') }]);
    expect((await preview('楼栋,单元,房号,应缴首期,已缴存,增值收益,已使用,余额\n1幢,,101,"1,2,3.5","1,2,3.5",0,0,"1,2,3.5"\n')).errors.map((e) => [e.row, e.column]))
      .toEqual([[2, '应缴首期'], [2, '已缴存'], [2, '余额']]);
  });

  it('reads a GBK bank statement with its columns in any order and dates as banks write them', async () => {
    const { app, session, communityId } = await setup();
    const text = '摘要,付款人,金额,日期\r\n1幢101维修资金,张三,"9,000.00",2026/1/5\r\n缴款,B,100,2026年1月6日 10:23:45\r\n';
    const file = csvFile('流水.csv', encodeGbk(text));
    const preview = await call(app, 'fund.previewStatement', { communityId, file }, session);
    expect(preview.errors).toEqual([]);
    expect(preview.rows.map((r) => [r.row, r.date, r.amount, r.address])).toEqual([[2, '2026-01-05', '9000.00', '1幢101'], [3, '2026-01-06', '100.00', '2幢201']]);
    expect(await call(app, 'fund.importStatement', { communityId, file: csvFile('流水.csv', Buffer.from(text)) }, session)).toMatchObject({ deposits: 2, skipped: 0 });
  });
});

describe('deposits from a bank statement', () => {
  it('matches by address and by sole owner, books the rest to 待查明款项, skips what was imported before, and settles later', async () => {
    const { app, session, communityId, part, problems } = await setup();
    const statement = await xlsx([['日期', '金额', '付款人', '摘要'],
      [new Date(Date.UTC(2026, 0, 5)), 9000, '张三', '1幢101维修资金'],
      ['2026-01-06', '100.00', 'B', '缴款'],
      ['2026-01-07', '50.00', 'A', '维修资金'], // A owns 101 and 102: ambiguous
      ['2026-01-08', '20.00', '李四', '不明款项'],
    ]);
    const preview = await call(app, 'fund.previewStatement', { communityId, file: statement }, session);
    expect(preview.rows.map((r) => [r.row, r.date, r.address, r.how])).toEqual([
      [2, '2026-01-05', '1幢101', '摘要中的地址'],
      [3, '2026-01-06', '2幢201', '付款人为该户业主'],
      [4, '2026-01-07', null, '付款人名下有 2 户，无法确定'],
      [5, '2026-01-08', null, '未找到对应的房屋或业主'],
    ]);
    expect(await call(app, 'fund.importStatement', { communityId, file: statement }, session)).toMatchObject({ posted: 4, deposits: 2, unidentified: 2, skipped: 0 });
    expect(await call(app, 'fund.importStatement', { communityId, file: statement }, session)).toMatchObject({ posted: 0, deposits: 0, unidentified: 0, skipped: 4 });
    expect((await part('1幢101')).deposited).toBe('9000.00');
    const open = await call(app, 'fund.unidentified', { communityId }, session);
    expect(open.map((r) => [r.payer, r.amount, r.remaining])).toEqual([['A', '50.00', '50.00'], ['李四', '20.00', '20.00']]);
    const settled = await call(app, 'fund.claimUnidentified', { entryId: open[0]!.id, date: '2026-01-20', targets: [{ partId: (await part('1幢102')).partId, amount: '50', note: '电话核实' }] }, session);
    expect(settled.lines.map((l) => [l.accountCode, l.direction, l.amount])).toEqual([['2003', '转出', '50.00'], ['2001', '收入', '50.00']]);
    expect((await part('1幢102')).deposited).toBe('50.00');
    expect((await call(app, 'fund.unidentified', { communityId }, session)).map((r) => r.payer)).toEqual(['李四']);
    expect((await callError(app, 'fund.claimUnidentified', { entryId: open[0]!.id, date: '2026-01-21', targets: [{ partId: (await part('1幢102')).partId, amount: '1', note: 'x' }] }, session)).message).toContain('已全部认领');
    const bad = await callError(app, 'fund.importStatement', { communityId, file: await xlsx([['日期', '金额', '付款人', '摘要'], ['2026-13-01', '-5x', 'x', '']]) }, session);
    expect(columns(bad)).toEqual(['日期', '金额']);
    expect(problems()).toEqual([]);
  });
});

async function passedRepairVote(app: Parameters<typeof call>[0], session: string, communityId: string, category: number) {
  const vote = await call(app, 'vote.create', {
    communityId, title: '使用维修资金维修外墙', opens: '2026-10-01', closes: '2026-10-20', items: [{ title: '1幢外墙维修', category }],
  }, session);
  const subjects = (await call(app, 'vote.subjects', { voteId: vote.id }, session)).rows;
  for (const s of subjects) await call(app, 'ballot.record', { voteId: vote.id, subjectId: s.id, choices: [{ itemId: vote.items[0]!.id, choice: 'yes' }] }, session);
  await call(app, 'vote.close', { id: vote.id }, session);
  return vote.id;
}

describe('a repair from its vote to the charged shares', () => {
  it('needs a passed item-5 vote or the emergency path; charges the final cost by area over the scope', async () => {
    const { app, session, communityId, part, problems } = await setup({ repairAuditAbove: 100_000, repairReapprovalPercent: 10 });
    const b1 = (await call(app, 'community.buildings', { id: communityId }, session)).find((b) => b.name === '1幢')!.id;
    const fields = { communityId, title: '1幢外墙维修', scope: { kind: 'places' as const, places: [{ buildingId: b1 }] }, estimate: '1000.00', contractor: '某建筑公司' };
    const wrongVote = await passedRepairVote(app, session, communityId, 4);
    expect((await callError(app, 'repair.create', { ...fields, approval: 'vote', voteId: wrongVote }, session)).message).toContain('第5项');
    expect(columns(await callError(app, 'repair.create', { ...fields, approval: 'emergency', emergencyNote: '外墙脱落' }, session))).toEqual(['emergencyReviewDate', 'emergencyStreetDate']);
    const voteId = await passedRepairVote(app, session, communityId, 5);
    const project = await call(app, 'repair.create', { ...fields, approval: 'vote', voteId }, session);
    expect(project).toMatchObject({ scopeLabel: '1幢', parts: 2, status: 'approved', voteTitle: '使用维修资金维修外墙', auditRequired: false });

    await call(app, 'fund.deposit', { partId: (await part('1幢101')).partId, amount: '5000', date: '2026-10-01' }, session);
    await call(app, 'fund.deposit', { partId: (await part('1幢102')).partId, amount: '5000', date: '2026-10-01' }, session);
    await call(app, 'repair.notice', { projectId: project.id, date: '2026-10-22' }, session);
    const paid = await call(app, 'repair.pay', { projectId: project.id, date: '2026-11-02', amount: '1100.00' }, session);
    expect(paid.paid).toBe('1100.00');
    // 1,100.00 is 10 % over 1,000.00: a re-approval is needed; above 1,000.00 an audit too.
    const charge = { projectId: project.id, date: '2026-11-03', finalCost: '1100.01' };
    expect((await callError(app, 'repair.charge', charge, session)).message).toContain('超过本小区审计起点 1,000.00 元，尚未填写审计意见');
    expect((await callError(app, 'repair.charge', { ...charge, auditNote: '审计报告 2026-18 号' }, session)).message).toContain('须重新表决');
    const preview = await call(app, 'repair.previewCharge', { projectId: project.id, finalCost: '1100.01' }, session);
    // 90 : 110 → 495.0045 and 605.0055: the fen left goes to the larger remainder (110 m²).
    expect(preview.shares.map((s) => [s.address, s.amount])).toEqual([['1幢101', '495.00'], ['1幢102', '605.01']]);
    const charged = await call(app, 'repair.charge', { ...charge, auditNote: '审计报告 2026-18 号', overrunReason: '2026-11-01 业主大会重新表决通过' }, session);
    expect(charged).toMatchObject({ status: 'charged', finalCost: '1100.01', auditRequired: true });
    expect(charged.charge!.shares.map((s) => s.amount)).toEqual(['495.00', '605.01']);
    expect(await part('1幢102')).toMatchObject({ charges: '605.01', balance: '4394.99' });
    expect((await callError(app, 'repair.charge', { ...charge, auditNote: 'x', overrunReason: 'y' }, session)).message).toContain('已分摊');
    // Reversing the charge lets it be charged again, by the same rule.
    await call(app, 'ledger.reverse', { id: charged.charge!.entryId, date: '2026-11-04', reason: '决算金额有误' }, session);
    expect((await call(app, 'repair.get', { id: project.id }, session)).status).toBe('approved');
    expect((await part('1幢102')).balance).toBe('5000.00');
    expect(problems()).toEqual([]);
  });
});

describe('a repair charge while the notice, the audit or the owners’ decision is missing', () => {
  it('is previewed with what is missing, refused without a written reason, accepted with one: kept with the charge and audited', async () => {
    const { app, session, communityId, part, households, problems } = await setup({ repairAuditAbove: 100_000, repairReapprovalPercent: null });
    const b1 = (await call(app, 'community.buildings', { id: communityId }, session)).find((b) => b.name === '1幢')!.id;
    const voteId = await passedRepairVote(app, session, communityId, 5);
    const project = await call(app, 'repair.create', {
      communityId, title: '1幢屋面防水', scope: { kind: 'places', places: [{ buildingId: b1 }] }, estimate: '1500.00', contractor: '某防水公司', approval: 'vote', voteId,
    }, session);
    for (const address of ['1幢101', '1幢102']) await call(app, 'fund.deposit', { partId: (await part(address)).partId, amount: '5000', date: '2026-10-01' }, session);
    const charge = { projectId: project.id, date: '2026-11-03', finalCost: '1500.00' };

    // Not posted (尚未公示) and above the audit threshold without an audit: both said before anything is written.
    const preview = await call(app, 'repair.previewCharge', charge, session);
    expect(preview.warnings.map((w) => w.rule)).toEqual(['repair-notice', 'repair-audit']);
    expect(preview.warnings.map((w) => w.message)).toEqual([
      '尚未记录使用公示（事前）：使用维修资金应在施工前公示',
      '决算 1,500.00 元超过本小区审计起点 1,000.00 元，尚未填写审计意见',
    ]);
    expect(preview.shares.reduce((s, x) => s + parseYuan(x.amount)!, 0)).toBe(150_000);
    const entriesBefore = (await call(app, 'ledger.entries', { communityId }, session)).total;
    const refused = await callError(app, 'repair.charge', charge, session);
    expect(refused.code).toBe('REFUSED');
    expect(refused.message).toContain('尚未记录使用公示');
    expect(refused.message).toContain('请写明理由');
    expect(refused.details).toMatchObject([{ kind: 'rule', rule: 'repair-notice' }, { kind: 'rule', rule: 'repair-audit' }]);
    expect((await call(app, 'ledger.entries', { communityId }, session)).total).toBe(entriesBefore);
    expect((await households()).map((h) => h.charges)).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
    // A blank reason is no reason.
    expect((await callError(app, 'repair.charge', { ...charge, overrideReason: '   ' }, session)).details).toMatchObject([{ kind: 'rule' }, { kind: 'rule' }]);

    // The audit written removes that warning; the notice posted after the charge's date is still missing then.
    await call(app, 'repair.notice', { projectId: project.id, date: '2026-11-05' }, session);
    const later = await call(app, 'repair.previewCharge', { ...charge, auditNote: '审计报告 2026-20 号' }, session);
    expect(later.warnings.map((w) => w.message)).toEqual(['使用公示日期 2026-11-05 晚于分摊日期 2026-11-03：分摊时尚未公示']);

    // With the reason: charged, the reason on the voucher (labelled by its kind) and beside the charge, each rule audited.
    const reason = '渗漏严重须立即施工，公示与施工同步进行，经业委会会议同意';
    const charged = await call(app, 'repair.charge', { ...charge, overrideReason: reason }, session);
    expect(charged.status).toBe('charged');
    expect(charged.charge!.overrides.map((o) => [o.rule, o.reason])).toEqual([['repair-notice', reason], ['repair-audit', reason]]);
    const voucher = await call(app, 'ledger.entry', { id: charged.charge!.entryId }, session);
    expect(voucher).toMatchObject({ reason, labels: { note: '先行分摊的理由', amount: '分摊金额', counterparty: '施工单位' }, amount: '1500.00', form: 'transfer' });
    expect(voucher.accounts.map((a) => [a.accountCode, a.direction, a.amount, a.households])).toEqual([['2001', '支出', '1500.00', 2], ['2101', '转入', '1500.00', 0]]);
    const audit = await call(app, 'audit.list', { entity: 'journal_entry', entityId: charged.charge!.entryId }, session);
    expect(audit.rows.map((r) => r.action).sort()).toEqual(['override', 'post']);
    expect(JSON.stringify(audit.rows.find((r) => r.action === 'override'))).toContain(reason);
    expect((await part('1幢101')).charges).toBe('675.00'); // 90 : 110 of 1,500.00
    // The books' table shows the charge's cost once: no bank money moved, the amount is what went from the households to 应付维修款.
    expect((await call(app, 'ledger.entries', { communityId }, session)).rows[0]).toMatchObject({ id: voucher.id, kind: 'charge', amount: '1500.00' });
    expect(problems()).toEqual([]);
  });

  it('an emergency charged before the street confirmed it lacks the owners’ decision', async () => {
    const { app, session, communityId, part } = await setup();
    const project = await call(app, 'repair.create', {
      communityId, title: '3幢电梯抢修', scope: { kind: 'community' }, estimate: '600.00', approval: 'emergency',
      emergencyNote: '电梯困人', emergencyReviewDate: '2026-10-02', emergencyStreetDate: '2026-10-20',
    }, session);
    await call(app, 'fund.deposit', { partId: (await part('3幢301')).partId, amount: '5000', date: '2026-10-01' }, session);
    await call(app, 'repair.notice', { projectId: project.id, date: '2026-10-01' }, session);
    const preview = await call(app, 'repair.previewCharge', { projectId: project.id, finalCost: '600.00', date: '2026-10-10' }, session);
    expect(preview.warnings).toEqual([{ rule: 'repair-decision', message: '应急维修的批准不完整：街道确认日期 2026-10-20 晚于分摊日期' }]);
    expect((await call(app, 'repair.previewCharge', { projectId: project.id, finalCost: '600.00', date: '2026-10-20' }, session)).warnings).toEqual([]);
    expect((await callError(app, 'repair.charge', { projectId: project.id, finalCost: '600.00', date: '2026-10-10' }, session)).message).toContain('街道确认日期');
    expect((await call(app, 'repair.charge', { projectId: project.id, finalCost: '600.00', date: '2026-10-20' }, session)).charge!.overrides).toEqual([]);
  });
});

describe('common revenue and its transfer to the fund', () => {
  it('sums by kind, proposes the Shanghai share and shares the transfer to every part by area', async () => {
    const { app, session, communityId, households, problems } = await setup({ revenueTransferPercent: 50, revenueTransferStrict: true });
    const rec = (kind: string, direction: 'income' | 'cost', amount: string, date: string) =>
      call(app, 'revenue.record', { communityId, date, kind: kind as never, direction, amount, counterparty: '某公司', contract: '合同 2026-1', memo: `${kind}${direction}` }, session);
    await rec('电梯广告', 'income', '6000', '2026-07-10');
    await rec('停车', 'income', '4000.01', '2026-08-10');
    await rec('电梯广告', 'cost', '600', '2026-07-11');
    await rec('场地租金', 'income', '999', '2026-10-01'); // outside the quarter
    const q = { communityId, from: '2026-07-01', to: '2026-09-30' };
    const summary = await call(app, 'revenue.summary', q, session);
    expect(summary.byKind.map((k) => [k.kind, k.income, k.cost, k.net])).toEqual([
      ['电梯广告', '6000.00', '600.00', '5400.00'], ['停车', '4000.01', '0.00', '4000.01'], ['场地租金', '0.00', '0.00', '0.00'], ['其他', '0.00', '0.00', '0.00'],
    ]);
    // Net 9,400.01: more than half is ceil(4,700.005) = 4,700.01.
    expect(summary.proposal).toMatchObject({ required: true, amount: '4700.01', outstanding: '4700.01' });
    expect(summary.entries).toHaveLength(3);
    expect((await callError(app, 'revenue.transfer', { ...q, date: '2026-10-10', amount: '9400.02' }, session)).message).toContain('9400.01');
    const t = await call(app, 'revenue.transfer', { ...q, date: '2026-10-10', amount: '4700.01' }, session);
    expect(t.lines).toHaveLength(9); // revenue-transfer, 6 parts, fund bank, revenue bank
    const rows = await households();
    expect(rows.reduce((s, h) => s + parseYuan(h.transfers)!, 0)).toBe(470001);
    const after = await call(app, 'revenue.summary', q, session);
    expect(after).toMatchObject({ transferred: '4700.01', proposal: { outstanding: '0.00' } });
    const books = await call(app, 'ledger.books', { communityId }, session);
    // 6,000.00 + 4,000.01 + 999.00 − 600.00 − 4,700.01
    expect(books.accounts.find((a) => a.role === 'revenue-bank')!.balance).toBe('5699.00');
    expect(problems()).toEqual([]);
  });
});

describe('the revenue page: the rule’s condition, the transfer previewed, every movement of the account', () => {
  const beijing = { revenueTransferPercent: 50, revenueTransferStrict: false, revenueTransferOnlyBelowPercent: 30 };

  it('Beijing: nothing proposed for a fund at 99 % of its initial deposits, the ratio shown; half the net below 30 %', async () => {
    const { app, session, communityId, households } = await setup(beijing);
    // 100 yuan per m²: the initial deposits are 63,500.00 (635 m²); each part deposits 99 % of its own.
    for (const h of await households()) {
      await call(app, 'fund.deposit', { partId: h.partId, amount: (parseYuan(h.initialDue)! * 99 / 10000).toFixed(2), date: '2026-06-01' }, session);
    }
    await call(app, 'revenue.record', { communityId, date: '2026-07-10', kind: '停车', direction: 'income', amount: '1000', memo: '停车费' }, session);
    const q = { communityId, from: '2026-07-01', to: '2026-09-30' };
    const full = (await call(app, 'revenue.summary', q, session)).proposal;
    expect(full).toMatchObject({ required: false, amount: '0.00', outstanding: '0.00', conditionHolds: false, fundRatio: '99.00%' });
    expect(full.condition).toBe('仅在维修资金余额低于首期应缴总额的 30% 时转入；维修资金余额 62,865.00 元 ÷ 首期应缴总额 63,500.00 元 = 99.00%，不低于 30%，条件不成立');
    expect(full.why).toContain('99.00%');

    // A repair brings the fund to 29.99 %: the condition holds and half the net is proposed.
    const fund = await call(app, 'fund.balance', { communityId }, session);
    const spend = parseYuan(fund.fund)! - 1_904_365; // 29.99 % of 6,350,000 fen is 1,904,365
    const bank = (await call(app, 'ledger.books', { communityId }, session)).accounts;
    const id = (role: string) => bank.find((a) => a.role === role)!.id;
    await call(app, 'ledger.record', {
      communityId, form: 'expense', date: '2026-06-02', amount: (spend / 100).toFixed(2), debitAccountId: id('fund'), creditAccountId: id('payable'),
      partId: (await households())[0]!.partId, memo: '维修',
    }, session);
    const low = (await call(app, 'revenue.summary', q, session)).proposal;
    expect(low).toMatchObject({ required: true, amount: '500.00', conditionHolds: true, fundRatio: '29.99%' });
    expect(low.condition).toContain('低于 30%，条件成立');
  });

  it('the transfer’s preview shares it by area to the fen, and the transfer posts exactly those shares; the page lists the transfer and budget spending', async () => {
    const { app, session, communityId, households, problems } = await setup({ revenueTransferPercent: 50, revenueTransferStrict: true });
    await call(app, 'revenue.record', { communityId, date: '2026-06-30', kind: '其他', direction: 'income', amount: '100', memo: '上期收益' }, session);
    await call(app, 'revenue.record', { communityId, date: '2026-07-10', kind: '电梯广告', direction: 'income', amount: '10000.03', counterparty: '某传媒', memo: '广告费' }, session);
    await call(app, 'revenue.record', { communityId, date: '2026-07-11', kind: '电梯广告', direction: 'cost', amount: '600', counterparty: '某物业', memo: '维护费' }, session);
    const q = { communityId, from: '2026-07-01', to: '2026-09-30' };
    const input = { ...q, date: '2026-09-01', amount: '4700.02' };

    // 4,700.02 over 635.00 m²: floors, then the fen left to the largest remainders; the shares add up to the fen.
    const preview = await call(app, 'revenue.previewTransfer', input, session);
    expect(preview).toMatchObject({ total: '4700.02', basis: '专有部分面积', totalWeight: '635.00 平方米' });
    expect(preview.shares.map((s) => s.address)).toEqual(['1幢101', '1幢102', '2幢201', '2幢202', '3幢301', '3幢302']);
    expect(preview.shares.reduce((s, x) => s + parseYuan(x.amount)!, 0)).toBe(470_002);
    const byRule = apportion(470_002, preview.shares.map((s) => ({ key: s.partId, weight: Math.round(Number(s.area) * 100) })));
    expect(preview.shares.map((s) => parseYuan(s.amount))).toEqual(preview.shares.map((s) => byRule.get(s.partId)));
    // The preview refuses what the transfer refuses, and writes nothing.
    expect((await callError(app, 'revenue.previewTransfer', { ...input, amount: '9400.04' }, session)).message).toContain('9400.03');
    expect((await households()).every((h) => h.transfers === '0.00')).toBe(true);

    const posted = await call(app, 'revenue.transfer', input, session);
    expect(Object.fromEntries((await households()).map((h) => [h.partId, h.transfers]))).toEqual(Object.fromEntries(preview.shares.map((s) => [s.partId, s.amount])));
    // The voucher and the books' table: the money moved once (not the 9,400.04 of its debits).
    expect(posted).toMatchObject({ amount: '4700.02', form: 'transfer', labels: { amount: '转账金额' } });
    expect((await call(app, 'ledger.entries', { communityId }, session)).rows[0]).toMatchObject({ id: posted.id, amount: '4700.02' });

    // Budget spending and its reversal come out of the same account.
    const line = (await call(app, 'budget.set', { communityId, year: 2026, lines: [{ name: '办公费', amount: '1000' }] }, session)).lines[0]!.id;
    const spent = await call(app, 'budget.spend', { communityId, budgetLineId: line, date: '2026-09-02', amount: '80', counterparty: '文具店', memo: '购买文具' }, session);
    await call(app, 'ledger.reverse', { id: spent.id, date: '2026-09-03', reason: '重复报销' }, session);

    const summary = await call(app, 'revenue.summary', q, session);
    expect(summary).toMatchObject({ accountOpening: '100.00', accountClosing: '4800.01' });
    expect(summary.entries.map((e) => [e.date, e.kind, e.direction, e.amount, e.balance, e.reversal])).toEqual([
      ['2026-07-10', '电梯广告', '收入', '10000.03', '10100.03', false],
      ['2026-07-11', '电梯广告（合理成本）', '支出', '600.00', '9500.03', false],
      ['2026-09-01', '转入维修资金', '转出', '4700.02', '4800.01', false],
      ['2026-09-02', '业委会经费（办公费）', '支出', '80.00', '4720.01', false],
      ['2026-09-03', '业委会经费（办公费）', '支出', '-80.00', '4800.01', true],
    ]);
    const books = await call(app, 'ledger.books', { communityId }, session);
    expect(books.accounts.find((a) => a.role === 'revenue-bank')!.balance).toBe(summary.accountClosing);
    expect(problems()).toEqual([]);
  });
});

describe('the committee’s budget', () => {
  it('warns at 90 % and 100 %, nets reversals, refuses removing a line spent against', async () => {
    const { app, session, communityId } = await setup();
    const report = await call(app, 'budget.set', { communityId, year: 2026, lines: [{ name: '办公费', amount: '1000' }, { name: '会议费', amount: '500' }] }, session);
    const office = report.lines[0]!.id;
    const spend = (amount: string, date = '2026-03-01') => call(app, 'budget.spend', { communityId, budgetLineId: office, date, amount, memo: '购买文具' }, session);
    await spend('899.99');
    expect((await call(app, 'budget.get', { communityId, year: 2026 }, session)).lines[0]).toMatchObject({ spent: '899.99', percent: 89, state: 'ok' });
    const e = await spend('0.01');
    expect((await call(app, 'budget.get', { communityId, year: 2026 }, session)).lines[0]).toMatchObject({ percent: 90, state: 'near' });
    await spend('100');
    expect((await call(app, 'budget.get', { communityId, year: 2026 }, session)).lines[0]).toMatchObject({ spent: '1000.00', state: 'over', left: '0.00' });
    await call(app, 'ledger.reverse', { id: e.id, date: '2026-03-02', reason: '重复报销' }, session);
    expect((await call(app, 'budget.get', { communityId, year: 2026 }, session)).lines[0]).toMatchObject({ spent: '999.99', state: 'near' });
    expect((await callError(app, 'budget.spend', { communityId, budgetLineId: office, date: '2025-12-31', amount: '1', memo: 'x' }, session)).message).toContain('不在预算年度');
    expect((await callError(app, 'budget.set', { communityId, year: 2026, lines: [{ name: '会议费', amount: '500' }] }, session)).message).toContain('已有');
    const changed = await call(app, 'budget.set', { communityId, year: 2026, lines: [{ name: '办公费', amount: '2000' }] }, session);
    expect(changed.lines.map((l) => [l.name, l.budget, l.state])).toEqual([['办公费', '2000.00', 'ok']]);
  });
});

describe('statements, the fund summary and the export', () => {
  it('prints each household’s period with the closing balance in capitals; the summary adds up; the xlsx holds every ledger', async () => {
    const { app, session, communityId, part } = await setup();
    const p101 = (await part('1幢101')).partId;
    await call(app, 'fund.deposit', { partId: p101, amount: '1000', date: '2025-12-01' }, session);
    await call(app, 'fund.deposit', { partId: p101, amount: '234.56', date: '2026-02-01' }, session);
    const books = await call(app, 'ledger.books', { communityId }, session);
    const account = (role: string) => books.accounts.find((a) => a.role === role)!.id;
    await call(app, 'ledger.record', { communityId, form: 'income', date: '2026-03-21', amount: '10', debitAccountId: account('fund-bank'), creditAccountId: account('interest'), memo: '银行结息' }, session);
    await call(app, 'fund.shareEarnings', { communityId, start: '2026-01-01', end: '2026-03-31', date: '2026-04-01' }, session);
    const one = await call(app, 'fund.statements', { communityId, from: '2026-01-01', to: '2026-12-31', partId: p101 }, session);
    expect(one.statements).toEqual([expect.objectContaining({
      address: '1幢101', opening: '1000.00', deposited: '234.56', earnings: '10.00', charges: '0.00', closing: '1244.56', closingCapitals: '壹仟贰佰肆拾肆元伍角陆分',
    })]);
    expect((await call(app, 'fund.statements', { communityId, from: '2026-01-01', to: '2026-12-31' }, session)).statements).toHaveLength(6);
    const summary = await call(app, 'fund.summary', { communityId, from: '2026-01-01', to: '2026-12-31' }, session);
    expect(summary).toMatchObject({ opening: '1000.00', deposited: '234.56', earnings: '10.00', closing: '1244.56' });
    expect(summary.byBuilding.map((b) => [b.building, b.closing])).toEqual([['1幢', '1244.56'], ['2幢', '0.00'], ['3幢', '0.00']]);
    expect(summary.history).toEqual([{ month: '2026-02', balance: '1234.56' }, { month: '2026-04', balance: '1244.56' }]);

    const file = await call(app, 'ledger.export', { communityId }, session);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['凭证明细', '会计分录（借贷）', '分户账', '科目余额', '维修项目']);
    // The treasurer's sheet in the screens' words, one amount a line; debit and credit only in the accountant's sheet.
    const journal = wb.getWorksheet('凭证明细')!;
    expect(journal.rowCount).toBe(1 + 2 + 2 + 2 + 2);
    const cells = (sheet: ExcelJS.Worksheet) => sheet.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(JSON.stringify(cells(journal))).not.toMatch(/[借贷]/);
    expect(cells(journal).slice(1).map((r) => [r[0], r[7], r[9], r[10]])).toEqual([
      [1, '维修资金专户存款', '收入', 1000], [1, '住宅专项维修资金（分户）', '收入', 1000],
      [2, '维修资金专户存款', '收入', 234.56], [2, '住宅专项维修资金（分户）', '收入', 234.56],
      [3, '维修资金专户存款', '收入', 10], [3, '待分配增值收益', '收入', 10],
      [4, '待分配增值收益', '转出', 10], [4, '住宅专项维修资金（分户）', '收入', 10],
    ]);
    const accountant = wb.getWorksheet('会计分录（借贷）')!;
    expect(cells(accountant)[0]).toEqual(expect.arrayContaining(['借方', '贷方']));
    expect(cells(accountant).slice(1, 3).map((r) => [r[0], r[7] ?? null, r[8] ?? null])).toEqual([[1, 1000, null], [1, null, 1000]]);
    expect(wb.getWorksheet('分户账')!.getRow(2).values).toEqual(expect.arrayContaining(['1幢101', 1244.56]));
  });
});

describe('household statements: each dated movement', () => {
  it('deposits, interest with its basis as the sharing saw it, a repair by name, its reversal, revenue; by part, building or all', async () => {
    const { app, session, communityId, part } = await setup();
    const id = async (address: string) => (await part(address)).partId;
    const [p101, p102, p201, p202] = [await id('1幢101'), await id('1幢102'), await id('2幢201'), await id('2幢202')];
    const deposit = (partId: string, amount: string, date: string) => call(app, 'fund.deposit', { partId, amount, date }, session);
    await deposit(p101, '9000', '2024-12-10');
    await deposit(p102, '3000', '2025-03-10');
    await deposit(p201, '10000', '2025-03-10');
    // 1 Jan – 30 Jun, 181 days: 101 9,000.00 × 181 = 1,629,000.00; 102 and 201 from 10 Mar, 113 days: 339,000.00 and 1,130,000.00;
    // 3,098,000.00 元·天 in all. 200.00 → 105.16|46, 21.88|51, 72.95|03 (floors 199.99): the fen to 102's largest remainder → 21.89.
    const books = await call(app, 'ledger.books', { communityId }, session);
    const account = (role: string) => books.accounts.find((a) => a.role === role)!.id;
    await call(app, 'ledger.record', { communityId, form: 'income', date: '2025-06-21', amount: '200', debitAccountId: account('fund-bank'), creditAccountId: account('interest'), memo: '银行结息' }, session);
    await call(app, 'fund.shareEarnings', { communityId, start: '2025-01-01', end: '2025-06-30', date: '2025-07-01' }, session);
    // Posted after the sharing, dated inside its period: the basis printed is still what the sharing saw.
    await deposit(p202, '5000', '2025-05-01');
    const project = await call(app, 'repair.create', {
      communityId, title: '2幢外墙修缮', scope: { kind: 'parts', partIds: [p201, p202] }, basis: 'area', estimate: '390', approval: 'emergency',
      emergencyNote: '外墙瓷砖脱落', emergencyReviewDate: '2025-07-20', emergencyStreetDate: '2025-07-22',
    }, session);
    // 390.00 by area 100 : 95 → 200.00 and 190.00.
    const first = await call(app, 'repair.charge', { projectId: project.id, date: '2025-08-01', finalCost: '390', overrideReason: '外墙抢修，事后公示' }, session);
    const reversal = await call(app, 'ledger.reverse', { id: first.charge!.entryId, date: '2025-08-05', reason: '分摊日期有误' }, session);
    await call(app, 'repair.charge', { projectId: project.id, date: '2025-08-06', finalCost: '390', overrideReason: '外墙抢修，事后公示' }, session);
    await call(app, 'revenue.record', { communityId, date: '2025-04-01', kind: '电梯广告', direction: 'income', amount: '1000', memo: '广告位租金' }, session);
    // 635.00 by area, 1.00 a m²: 101 90.00, 201 100.00, 202 95.00.
    await call(app, 'revenue.transfer', { communityId, from: '2025-04-01', to: '2025-06-30', date: '2025-09-01', amount: '635' }, session);

    const statements = (q: { partId?: string; buildingId?: string }) => call(app, 'fund.statements', { communityId, from: '2025-01-01', to: '2025-12-31', ...q }, session);
    const [s201] = (await statements({ partId: p201 })).statements;
    expect(s201).toMatchObject({ address: '2幢201', building: '2幢', opening: '0.00', closing: '9972.95', closingCapitals: '玖仟玖佰柒拾贰元玖角伍分' });
    const basis = { days: 181, part: '1130000.00', total: '3098000.00', amount: '200.00' };
    expect(s201!.movements.map((m) => [m.date, m.kind, m.amount, m.balance])).toEqual([
      ['2025-03-10', 'deposit', '10000.00', '10000.00'],
      ['2025-07-01', 'interest', '72.95', '10072.95'],
      ['2025-08-01', 'repair', '-200.00', '9872.95'],
      ['2025-08-05', 'repair', '200.00', '10072.95'],
      ['2025-08-06', 'repair', '-200.00', '9872.95'],
      ['2025-09-01', 'revenue', '100.00', '9972.95'],
    ]);
    const [dep, interest, charge, undo, , revenue] = s201!.movements;
    expect(dep).toMatchObject({ basis: null, reverses: null, project: null });
    expect(interest).toMatchObject({ period: { from: '2025-01-01', to: '2025-06-30' }, basis });
    expect(charge).toMatchObject({ project: '2幢外墙修缮', reverses: null });
    expect(undo).toMatchObject({ project: '2幢外墙修缮', reverses: { number: charge!.number, date: '2025-08-01' }, reason: '分摊日期有误', number: reversal.number });
    expect(revenue).toMatchObject({ period: { from: '2025-04-01', to: '2025-06-30' } });

    const [s101] = (await statements({ partId: p101 })).statements;
    expect(s101).toMatchObject({ opening: '9000.00', earnings: '105.16', transfers: '90.00', closing: '9195.16' });
    expect(s101!.movements.map((m) => [m.kind, m.amount, m.balance])).toEqual([['interest', '105.16', '9105.16'], ['revenue', '90.00', '9195.16']]);
    expect(s101!.movements[0]!.basis).toEqual({ ...basis, part: '1629000.00' });
    expect((await statements({ partId: p102 })).statements[0]!.movements[1]).toMatchObject({ kind: 'interest', amount: '21.89', basis: { ...basis, part: '339000.00' } });

    // 202 held nothing when the interest was shared: no interest line, its back-dated deposit first.
    const building = (await call(app, 'community.buildings', { id: communityId }, session)).find((b) => b.name === '2幢')!;
    const two = (await statements({ buildingId: building.id })).statements;
    expect(two.map((s) => s.address)).toEqual(['2幢201', '2幢202']);
    expect(two[1]!.movements.map((m) => [m.date, m.kind, m.amount])).toEqual([
      ['2025-05-01', 'deposit', '5000.00'], ['2025-08-01', 'repair', '-190.00'], ['2025-08-05', 'repair', '190.00'],
      ['2025-08-06', 'repair', '-190.00'], ['2025-09-01', 'revenue', '95.00'],
    ]);
    expect(two[1]!.closing).toBe('4905.00');
    // Every statement's movements run from its opening to its closing, to the fen.
    const all = (await statements({})).statements;
    expect(all).toHaveLength(6);
    for (const s of all) {
      const moved = s.movements.reduce((sum, m) => sum + parseYuan(m.amount)!, 0);
      expect(parseYuan(s.opening)! + moved, s.address).toBe(parseYuan(s.closing));
      expect(s.movements.at(-1)?.balance ?? s.opening).toBe(s.closing);
    }
    expect((await callError(app, 'fund.statements', { communityId, from: '2025-01-01', to: '2025-12-31', buildingId: p101 }, session)).message).toContain('楼栋');
  });

  it('the books\' opening: each figure of the file as a movement on its date, or the opening balance of a later period', async () => {
    const { app, session, communityId, part } = await setup();
    const file = await xlsx([HEADER, ['1幢', '', '101', '9000', '9000', '120.5', '0', '9120.50'], ['1幢', '', '102', 11000, 11000, 0, 2000, 9000]]);
    await call(app, 'fund.importOpening', { communityId, asOf: '2024-12-31', bankBalance: '18120.50', file }, session);
    const statement = async (address: string, from: string) =>
      (await call(app, 'fund.statements', { communityId, from, to: '2025-12-31', partId: (await part(address)).partId }, session)).statements[0]!;
    const s101 = await statement('1幢101', '2024-12-01');
    expect(s101.movements.map((m) => [m.date, m.kind, m.category, m.amount, m.balance])).toEqual([
      ['2024-12-31', 'opening', 'deposit', '9000.00', '9000.00'], ['2024-12-31', 'opening', 'earning', '120.50', '9120.50'],
    ]);
    // Not an interest sharing: no basis.
    expect(s101.movements[1]!.basis).toBeNull();
    expect((await statement('1幢102', '2024-12-01')).movements.map((m) => [m.category, m.amount])).toEqual([['deposit', '11000.00'], ['charge', '-2000.00']]);
    expect(await statement('1幢101', '2025-01-01')).toMatchObject({ opening: '9120.50', closing: '9120.50', movements: [] });
  });
});
