/**
 * 一小区一档 (issue 18) through the real router on a real SQLite file: a community with a record in every section
 * (tests/fixtures/dossier-world.ts). The dossier's figures are the features' own — a vote's as vote.tally counts
 * it, the fund's as fund.balance gives it — and no ID number, phone, proxy or reporter appears anywhere in it or in
 * its workbook, which is read back with ExcelJS: a sheet per section in the contents' order, Chinese headers, rows.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DOSSIER_NONE, DOSSIER_SECTIONS } from '../../shared/contract/dossier';
import { dossierCommunity, SECRETS } from '../fixtures/dossier-world';
import { rosterCsv } from '../fixtures/roster-generator';
import { rosterRow } from '../fixtures/worked-roster';
import { call, loggedInApp } from '../helpers';

async function workbookOf(file: { base64: string }) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  return workbook;
}

/** Every cell's text, sheet by sheet: what a reader of the file could find. */
function allText(workbook: ExcelJS.Workbook): string {
  const out: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value)))));
  return out.join('\n');
}

const rowsOf = (sheet: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

describe('一小区一档', () => {
  it('gathers every section with the features’ own figures, and nothing personal', async () => {
    const { app, session } = await loggedInApp();
    const w = await dossierCommunity((m, i) => call(app, m, i, session));
    const d = await call(app, 'community.dossier', { communityId: w.communityId }, session);

    expect(d.community).toMatchObject({ name: '和平小区', address: '南湖路88号', streetOffice: '南湖街道', communityOffice: '和平社区' });
    expect(d.madeOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // 组织: names and roles only.
    expect(d.bodies).toEqual([{
      kind: '业主委员会', electedOn: '2026-03-02', termYears: 5, termEnd: '2031-03-02', current: true,
      members: [{ name: '张伟', role: '主任' }, { name: '王芳', role: '副主任' }, { name: '李强', role: '委员' }],
    }]);

    // 会议与纪要: three listed, two present, the approved minutes' text; the vote's written assembly has none.
    const joint = d.meetings.find((m) => m.title === '电梯更新联席会议')!;
    expect(joint).toMatchObject({ date: '2026-11-02', kind: '联席会议', held: true, listed: 3, present: 2, minutes: { version: 1 } });
    // The owners' assembly the vote was held in: its ballots are its attendance (3 returned of 4 voting subjects).
    expect(d.meetings.find((m) => m.kind === '业主大会')).toMatchObject({ title: '电梯更新表决', ballots: { returned: 3, subjects: 4 }, minutes: null });
    expect(joint.ballots).toBeNull();
    const approved = (await call(app, 'minutes.list', { meetingId: w.meeting }, session)).find((v) => v.status === 'approved')!;
    expect(joint.minutes!.text).toBe(approved.text);
    expect(joint.minutes!.text).toContain('原则同意更新，提请业主表决');

    // 议事事项: each step with its date and evidence, the attachment by name.
    const [matter] = d.matters;
    expect(matter!.steps[0]).toMatchObject({ state: 'done', date: '2026-11-01' });
    expect(matter!.steps[1]).toMatchObject({ state: 'done', date: '2026-11-02', evidence: '会议：电梯更新联席会议；文件：电梯更新方案' });
    expect(matter!.steps.slice(2).every((s) => s.state === 'waiting' && s.date === null)).toBe(true);
    expect(matter!.attachments).toEqual(['电梯报价单.pdf']);

    // 表决结果: exactly the tally's figures.
    const tally = await call(app, 'vote.tally', { id: w.vote }, session);
    const item = tally.items[0]!;
    expect(d.votes).toHaveLength(1);
    expect(d.votes[0]).toMatchObject({ title: '电梯更新表决', closed: true, returned: tally.ballots.returned, valid: tally.ballots.valid });
    expect(d.votes[0]!.items).toEqual([{
      title: item.title, categoryName: item.categoryName, scopeLabel: item.scopeLabel, electorate: item.electorate,
      participants: item.participants, yes: item.yes, no: item.no, abstain: item.abstain, passed: item.passed,
    }]);
    // And by hand (docs/domain.md §4's roster): A (200 m²) and B (100 m²) yes, C and D's 202 (95 m²) no.
    expect(d.votes[0]!.items[0]).toMatchObject({
      electorate: { count: 4, area: '635.00' }, participants: { count: 3, area: '395.00' }, yes: { count: 2, area: '300.00' }, no: { count: 1, area: '95.00' },
      abstain: { count: 0, area: '0.00' }, passed: false,
    });

    // 维修资金: fund.balance's figures, the repairs and revenue.
    const balance = await call(app, 'fund.balance', { communityId: w.communityId }, session);
    expect(d.fund).toMatchObject(balance);
    expect(d.fund).toMatchObject({ fund: '3000.00', householdCount: 6, repairs: { projects: 1, paid: '0.00' }, revenue: { income: '1200.50', net: '1200.50' } });

    // 物业服务合同: the statutory dates and the quarter's score.
    expect(d.contracts).toEqual([expect.objectContaining({
      companyName: '安居物业服务有限公司', startDate: '2024-09-01', endDate: '2027-08-31', nonRenewalNoticeBy: '2027-06-02',
      renewalPreparationFrom: '2027-02-28', evaluations: [{ quarter: '2026-Q3', score: '84.2', band: '良好' }],
    })]);
    expect(d.contracts[0]!.state).toContain('2027-08-31');

    // 问题台账: without its reporter.
    expect(d.issues).toEqual([{
      number: 1, reportedAt: '2026-11-20T09:00', category: '电梯', title: '电梯停运', status: '登记', level: '楼栋', resolutionDue: null, closedAt: null,
    }]);

    const json = JSON.stringify(d);
    for (const secret of SECRETS) expect(json, secret).not.toContain(secret);

    // The workbook: a cover, then a sheet per section in the contents' order, the same rows.
    const workbook = await workbookOf(await call(app, 'community.dossierXlsx', { communityId: w.communityId }, session));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['封面', ...DOSSIER_SECTIONS]);
    const sheet = (name: string) => rowsOf(workbook.getWorksheet(name)!);
    expect(sheet('封面')).toContainEqual(['小区', '和平小区']);
    expect(sheet('组织')[0]).toEqual(['组织', '选举日期', '任期（年）', '任期届满', '本届/往届', '姓名', '职务']);
    expect(sheet('组织')[1]).toEqual(['业主委员会', '2026-03-02', 5, '2031-03-02', '本届', '张伟', '主任']);
    expect(sheet('会议与纪要')[1]!.slice(0, 9)).toEqual(['2026-11-02', '联席会议', '电梯更新联席会议', '已召开', 3, 2, undefined, undefined, '第1版']); // empty cells: no ballots at a joint meeting
    expect(sheet('议事事项')).toContainEqual(['1幢电梯更新', '其他', '2026-11-01', '小区党组织提议', '已办理', '2026-11-02', '会议：电梯更新联席会议；文件：电梯更新方案']);
    expect(sheet('表决结果')[1]).toEqual([
      '电梯更新表决', '2026-11-05至2026-11-25', '使用维修资金更新1幢电梯', item.categoryName, '全体业主', 4, 635, 3, 395, 2, 300, 1, 95, 0, 0, '未通过',
    ]);
    expect(sheet('维修资金')[1]).toEqual(['维修资金余额', 3000]);
    expect(sheet('物业服务合同')[1]!.slice(7)).toEqual(['2026-Q3', 84.2, '良好']);
    expect(sheet('问题台账')[1]).toEqual([1, '2026-11-20 09:00', '电梯', '电梯停运', '登记', '楼栋', '', '']);
    const text = allText(workbook);
    for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
  }, 60_000);

  it('says 暂无记录 for the sections without records, and keeps formula-like text as text', async () => {
    const { app, session } = await loggedInApp();
    const csv = Buffer.from(rosterCsv([rosterRow('1幢', '101', '90.00', '甲')]), 'utf8').toString('base64');
    const { communityId } = await call(app, 'roster.import', { file: { fileName: 'r.csv', base64: csv }, community: { name: '空白小区' } }, session);
    const d = await call(app, 'community.dossier', { communityId }, session);
    expect([d.bodies, d.meetings, d.matters, d.votes, d.contracts, d.issues].map((s) => s.length)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(d.fund).toMatchObject({ fund: '0.00', householdCount: 1, repairs: { projects: 0 } });
    const workbook = await workbookOf(await call(app, 'community.dossierXlsx', { communityId }, session));
    for (const name of ['组织', '会议与纪要', '议事事项', '表决结果', '物业服务合同', '问题台账']) expect(sheet2(workbook, name)).toEqual([DOSSIER_NONE]);

    // Formula-like text stays text, as in every export (main/files/safe-cells.ts).
    const HYPERLINK = '=HYPERLINK("http://example.invalid/x","点此查看")';
    await call(app, 'issue.create', { communityId, title: HYPERLINK, category: '其他', reportedAt: '2026-01-01T09:00' }, session);
    const again = await workbookOf(await call(app, 'community.dossierXlsx', { communityId }, session));
    const cell = again.getWorksheet('问题台账')!.getRow(2).getCell(4);
    expect([cell.value, cell.type, cell.numFmt]).toEqual([HYPERLINK, ExcelJS.ValueType.String, '@']);

  }, 60_000);
});

const sheet2 = (workbook: ExcelJS.Workbook, name: string) => rowsOf(workbook.getWorksheet(name)!)[1];
