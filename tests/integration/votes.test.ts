/** Owners' votes on a real SQLite file: the frozen electorate by scope, ballots, replacement, the tally, closing, amendments, import, matters. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { mainlandIdCheckChar } from '../../shared/domain/identity';
import { rosterCsv, type RosterExportRow } from '../fixtures/roster-generator';
import Database from 'better-sqlite3';
import type { App } from '../../main/app';
import { call, callError, loggedInApp, tempDir, testApp } from '../helpers';

const idNo = (first17: string) => first17 + mainlandIdCheckChar(first17);
const row = (building: string, room: string, area: string, owners: string, extra: Partial<RosterExportRow> = {}): RosterExportRow => ({
  building, entrance: null, room, type: '住宅', area, areaSource: '登记', deliveryStatus: '已交付', owners, documents: '', phones: '', ...extra,
});
/** docs/domain.md §4's worked roster: N_total 4, A_total 635.00 m². */
const WORKED: RosterExportRow[] = [
  row('1幢', '101', '90.00', '甲', { documents: idNo('33010519800101001') }),
  row('1幢', '102', '110.00', '甲', { documents: idNo('33010519800101001') }),
  row('2幢', '201', '100.00', '乙'),
  row('2幢', '202', '95.00', '丙、丁', { phones: '13800000001、13800000002' }),
  row('3幢', '301', '120.00', '某某置业', { deliveryStatus: '未售' }),
  row('3幢', '302', '120.00', '戊', { deliveryStatus: '已售未交付' }),
];

async function setup(dataDir?: string) {
  const { app, session } = await loggedInApp(dataDir);
  const csv = Buffer.from(rosterCsv(WORKED), 'utf8').toString('base64');
  const { communityId } = await call(app, 'roster.import', { file: { fileName: 'r.csv', base64: csv }, community: { name: '阳光小区', developer: '某某置业' } }, session);
  const buildings = await call(app, 'community.buildings', { id: communityId }, session);
  const b1 = buildings.find((b) => b.name === '1幢')!.id;
  const vote = await call(app, 'vote.create', {
    communityId, title: '2026年业主大会表决', opens: '2026-11-01', closes: '2026-11-20',
    items: [{ title: '续聘物业服务企业', category: 4 }, { title: '1幢电梯更新筹集维修资金', category: 6, scope: [{ buildingId: b1 }] }],
  }, session);
  const subjects = (await call(app, 'vote.subjects', { voteId: vote.id }, session)).rows;
  const byAddress = (a: string) => subjects.find((s) => s.addresses.split('、').includes(a))!;
  return { app, session, communityId, vote, subjects, byAddress, b1 };
}

describe('creating a vote freezes its electorate', () => {
  it('the whole community is docs/domain.md §4’s worked roster; an item of 1幢 counts only 1幢’s owners', async () => {
    const { vote, subjects, byAddress, app, session } = await setup();
    expect(vote.items.map((i) => [i.scopeLabel, i.electorate])).toEqual([
      ['全体业主', { count: 4, area: '635.00' }],
      ['1幢', { count: 1, area: '200.00' }],
    ]);
    expect(vote.items[0]!.breakdown).toMatchObject({
      partsInScope: 6, countedParts: 6, developer: { parts: 2, area: '240.00' }, coOwnedParts: 1, multiPartSubjects: { subjects: 1, parts: 2 }, mergedParts: 2,
    });
    expect(vote.items[1]!.breakdown).toMatchObject({ partsInScope: 2, developer: { parts: 0, area: '0.00' }, mergedParts: 1 });
    expect(subjects).toHaveLength(4);
    expect(byAddress('1幢101')).toMatchObject({ addresses: '1幢101、1幢102', area: '200.00', code: '0001' });
    expect(byAddress('3幢301')).toMatchObject({ kind: 'developer', area: '240.00' });
    expect(byAddress('2幢201').items.map((i) => i.area)).toEqual(['100.00']);
    // A written solicitation was created with the vote, its items in the notice.
    const meeting = await call(app, 'meeting.get', { id: vote.meetingId }, session);
    expect(meeting).toMatchObject({ kind: '业主大会', form: '书面征求意见', date: '2026-11-20', noticeDate: '2026-11-01' });
    expect(meeting.agenda.map((a) => [a.title, a.forVote, a.inNotice])).toEqual([['续聘物业服务企业', true, true], ['1幢电梯更新筹集维修资金', true, true]]);
  });

  it('later register changes do not move it; refreezing needs a reason and is refused after the first ballot', async () => {
    const { app, session, communityId, vote } = await setup();
    await call(app, 'part.create', { communityId, building: '2幢', room: '203', area: '80.00' }, session);
    expect((await call(app, 'vote.get', { id: vote.id }, session)).items[0]!.electorate).toEqual({ count: 4, area: '635.00' });
    const refrozen = await call(app, 'vote.refreeze', { id: vote.id, reason: '补登2幢203' }, session);
    expect(refrozen.items[0]!.electorate).toEqual({ count: 5, area: '715.00' });
    expect(refrozen.freezeReason).toBe('补登2幢203');
    const subject = (await call(app, 'vote.subjects', { voteId: vote.id, search: '201' }, session)).rows[0]!;
    await call(app, 'ballot.record', { voteId: vote.id, subjectId: subject.id, choices: [{ itemId: vote.items[0]!.id, choice: 'yes' }] }, session);
    expect((await callError(app, 'vote.refreeze', { id: vote.id, reason: '再改' }, session)).message).toContain('表决权人已锁定');
  });

  it('refuses items that were not in a given assembly’s notice', async () => {
    const { app, session, communityId } = await setup();
    const m = await call(app, 'meeting.create', { communityId, kind: '业主大会', title: '年度大会', date: '2026-12-20', noticeDate: '2026-12-01', agenda: [{ title: '选举业委会', forVote: true }] }, session);
    const e = await callError(app, 'vote.create', { communityId, meetingId: m.id, title: 'x', opens: '2026-12-20', closes: '2026-12-20', items: [{ title: '更换物业', category: 4 }] }, session);
    expect(e.message).toContain('议题“更换物业”未列入该会议的通知，不得表决');
    const ok = await call(app, 'vote.create', { communityId, meetingId: m.id, title: '年度大会表决', opens: '2026-12-20', closes: '2026-12-20', items: [{ title: '选举业委会', category: 3 }] }, session);
    expect(ok.meetingId).toBe(m.id);
  });
});

describe('ballots and the tally', () => {
  it('counts by the Civil Code: participation, majority of those who took part, three quarters for item 6', async () => {
    const { app, session, vote, byAddress } = await setup();
    const [general, lift] = vote.items;
    const rec = (address: string, choices: [string, 'yes' | 'no' | 'abstain' | 'blank'][], extra = {}) =>
      call(app, 'ballot.record', { voteId: vote.id, subjectId: byAddress(address).id, choices: choices.map(([itemId, choice]) => ({ itemId, choice })), ...extra }, session);
    await rec('1幢102', [[general!.id, 'yes'], [lift!.id, 'yes']]);
    await rec('2幢201', [[general!.id, 'yes']]);
    const p = await rec('2幢202', [[general!.id, 'no']]);
    expect(p).toMatchObject({ returned: 3, subjects: 4 });

    const t = await call(app, 'vote.tally', { id: vote.id }, session);
    const [g, l] = t.items;
    expect(g).toMatchObject({ participants: { count: 3, area: '395.00' }, yes: { count: 2, area: '300.00' }, no: { count: 1, area: '95.00' } });
    // 3 × 395.00 < 2 × 635.00: participation not met, so the item fails although most said yes.
    expect(g!.comparisons.participationArea).toEqual({ text: '3 × 395.00 < 2 × 635.00', met: false, share: { percent: '62.20%', beyond: null } });
    expect(g).toMatchObject({ participationMet: false, passed: false });
    expect(g!.percents).toEqual({ participationArea: '62.20%', participationCount: '75.00%', yesArea: '75.95%', yesCount: '66.67%' });
    expect(l).toMatchObject({ threshold: 'three-quarters', participants: { count: 1, area: '200.00' }, passed: true });
    expect(l!.legalBasis).toContain('四分之三以上');

    // A second ballot of the same subject is refused and must be resolved.
    const dup = await callError(app, 'ballot.record', { voteId: vote.id, subjectId: byAddress('1幢101').id, choices: [{ itemId: general!.id, choice: 'no' }] }, session);
    expect(dup.code).toBe('REFUSED');
    expect(dup.details).toMatchObject([{ kind: 'conflict', entity: 'ballot', id: expect.any(String) }]);
    // A choice on an item outside the subject's scope is refused.
    expect((await callError(app, 'ballot.record', { voteId: vote.id, subjectId: byAddress('3幢301').id, choices: [{ itemId: lift!.id, choice: 'yes' }] }, session)).message)
      .toContain('没有专有部分');
    // The developer's parts vote once; with it, participation is met (3 × 635 ≥ 2 × 635).
    await rec('3幢302', [[general!.id, 'abstain']]);
    const t2 = await call(app, 'vote.tally', { id: vote.id }, session);
    expect(t2.items[0]).toMatchObject({ participationMet: true, participants: { count: 4, area: '635.00' } });
    expect(t2.items[0]!.comparisons.approvalCount.text).toBe('2 × 2 ≤ 4');
    expect(t2.items[0]!.comparisons.approvalArea.text).toBe('2 × 300.00 ≤ 635.00');
    expect(t2.items[0]!.passed).toBe(false);
  });

  it('an invalid ballot needs a reason and does not take part by default; a proxy needs the document', async () => {
    const { app, session, vote, byAddress } = await setup();
    const g = vote.items[0]!.id;
    expect((await callError(app, 'ballot.record', { voteId: vote.id, subjectId: byAddress('2幢201').id, valid: false, choices: [] }, session)).message).toContain('无效票须写明原因');
    await call(app, 'ballot.record', { voteId: vote.id, subjectId: byAddress('2幢201').id, valid: false, invalidReason: '未签名', choices: [{ itemId: g, choice: 'yes' }] }, session);
    expect((await callError(app, 'ballot.record', { voteId: vote.id, subjectId: byAddress('2幢202').id, proxyHolder: '王某', choices: [] }, session)).message).toContain('授权委托书');
    await call(app, 'ballot.record', { voteId: vote.id, subjectId: byAddress('2幢202').id, proxyHolder: '王某', proxyDocument: '授权委托书第3号', choices: [{ itemId: g, choice: 'yes' }] }, session);
    const t = await call(app, 'vote.tally', { id: vote.id }, session);
    expect(t.ballots).toMatchObject({ returned: 2, valid: 1, invalid: 1 });
    expect(t.items[0]).toMatchObject({ participants: { count: 1, area: '95.00' }, yes: { count: 1, area: '95.00' } });
  });

  it('closing locks the vote; a misread ballot is an amendment that keeps the original and both tallies', async () => {
    const { app, session, vote, byAddress } = await setup();
    const g = vote.items[0]!.id;
    for (const a of ['1幢101', '2幢201', '2幢202', '3幢301']) {
      await call(app, 'ballot.record', { voteId: vote.id, subjectId: byAddress(a).id, choices: [{ itemId: g, choice: a === '2幢202' ? 'no' : 'yes' }] }, session);
    }
    // The list carries each item's category and, once closed, its outcome (what the repair and contract pickers need).
    const listed = async () => (await call(app, 'vote.list', { communityId: vote.communityId }, session)).find((v) => v.id === vote.id)!.outcomes;
    expect(await listed()).toEqual([{ category: 4, passed: null }, { category: 6, passed: null }]);
    const closed = await call(app, 'vote.close', { id: vote.id }, session);
    expect(closed.status).toBe('closed');
    expect((await call(app, 'vote.tally', { id: vote.id }, session)).items[0]!.passed).toBe(true);
    expect(await listed()).toEqual([{ category: 4, passed: true }, { category: 6, passed: false }]);
    expect((await callError(app, 'ballot.record', { voteId: vote.id, subjectId: byAddress('3幢302').id, choices: [] }, session)).message).toContain('表决已结束');
    expect((await callError(app, 'vote.close', { id: vote.id }, session)).code).toBe('REFUSED');

    const wrong = (await call(app, 'vote.subjects', { voteId: vote.id, search: '201' }, session)).rows[0]!.ballot!;
    await call(app, 'ballot.replace', { ballotId: wrong.id, reason: '复核原票：实为反对', choices: [{ itemId: g, choice: 'no' }] }, session);
    const after = await call(app, 'vote.get', { id: vote.id }, session);
    expect(after.amendments).toHaveLength(1);
    expect(after.amendments[0]).toMatchObject({ reason: '复核原票：实为反对' });
    const t = await call(app, 'vote.tally', { id: vote.id }, session);
    expect(t.items[0]).toMatchObject({ yes: { count: 2, area: '440.00' }, no: { count: 2, area: '195.00' }, passed: false });
    expect(await listed()).toEqual([{ category: 4, passed: false }, { category: 6, passed: false }]);
    expect((await callError(app, 'ballot.replace', { ballotId: wrong.id, reason: '再改', choices: [] }, session)).message).toContain('已被替换');
  });

  it('the result list shows addresses, areas and choices — never names', async () => {
    const { app, session, vote, byAddress } = await setup();
    const [g, l] = vote.items;
    await call(app, 'ballot.record', { voteId: vote.id, subjectId: byAddress('1幢101').id, choices: [{ itemId: g!.id, choice: 'yes' }, { itemId: l!.id, choice: 'no' }] }, session);
    const parts = await call(app, 'vote.resultParts', { id: vote.id }, session);
    expect(parts.rows.slice(0, 3)).toEqual([
      { address: '1幢101', area: '90.00', choices: ['yes', 'no'] },
      { address: '1幢102', area: '110.00', choices: ['yes', 'no'] },
      { address: '2幢201', area: '100.00', choices: ['none', 'none'] },
    ]);
    expect(JSON.stringify(parts)).not.toMatch(/甲|乙|丙|丁|戊|置业/);
  });
});

async function ballotsXlsx(rows: (string | null)[][], header = ['楼栋', '单元', '房号', '议题1', '议题2', '有效', '备注']): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表决票');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('importing ballots from xlsx', () => {
  it('is all or nothing, with every problem by row and column', async () => {
    const { app, session, vote } = await setup();
    const bad = await ballotsXlsx([
      ['1幢', '', '101', '同意', '同意'],
      ['1幢', '', '102', '反对', ''], // the same subject as row 2
      ['2幢', '', '201', '同意', '同意'], // 2幢 has no say in the 1幢 item
      ['9幢', '', '901', '同意', ''],
      ['2幢', '', '202', '也许', '', '否', ''],
    ]);
    const e = await callError(app, 'ballot.import', { voteId: vote.id, file: { fileName: 'b.xlsx', base64: bad } }, session);
    const details = e.details as { row: number; column: string; message: string }[];
    expect(details.map((d) => [d.row, d.column])).toEqual([[3, '房号'], [4, '议题2'], [5, '房号'], [6, '备注'], [6, '议题1']]);
    expect(details.find((d) => d.row === 3)!.message).toContain('与第2行是同一表决权人');
    expect(details.find((d) => d.row === 4)!.message).toContain('此格应留空');
    expect(details.find((d) => d.row === 5)!.message).toContain('不在本次表决的表决权人名单中');
    expect(details.find((d) => d.column === '议题1')!.message).toContain('“也许”');
    expect((await call(app, 'vote.get', { id: vote.id }, session)).ballots.returned).toBe(0);

    const good = await ballotsXlsx([
      ['1幢', '', '101', '同意', '同意'],
      ['2幢', '', '201', '同意', ''],
      ['2幢', '', '202', '', '', '否', '字迹无法辨认'],
      ['3幢', '', '302', null, null],
    ]);
    expect(await call(app, 'ballot.previewImport', { voteId: vote.id, file: { fileName: 'b.xlsx', base64: good } }, session)).toEqual({ ok: true, errors: [], rows: 4 });
    expect(await call(app, 'ballot.import', { voteId: vote.id, file: { fileName: 'b.xlsx', base64: good } }, session)).toEqual({ recorded: 4 });
    const t = await call(app, 'vote.tally', { id: vote.id }, session);
    expect(t.ballots).toMatchObject({ returned: 4, valid: 3, invalid: 1 });
    // Row 5: a returned ballot with every item blank — an abstention by default.
    expect(t.items[0]).toMatchObject({ yes: { count: 2, area: '300.00' }, abstain: { count: 1, area: '240.00' }, participants: { count: 3, area: '540.00' } });
    const again = await callError(app, 'ballot.import', { voteId: vote.id, file: { fileName: 'b.xlsx', base64: good } }, session);
    expect((again.details as { message: string }[])[0]!.message).toContain('已有表决票');
  });

  it('refuses a file whose header does not follow the vote’s items', async () => {
    const { app, session, vote } = await setup();
    const e = await callError(app, 'ballot.import', { voteId: vote.id, file: { fileName: 'b.xlsx', base64: await ballotsXlsx([['1幢', '', '101', '同意']], ['楼栋', '单元', '房号', '议题1']) } }, session);
    expect((e.details as { row: number; message: string }[])[0]).toMatchObject({ row: 1 });
    expect(e.message).toContain('未导入任何表决票');
  });
});

describe('a vote that decides a matter', () => {
  it('records the matter’s resolution step when it closes, or waits for the missing steps', async () => {
    const { app, session, communityId } = await setup();
    const matter = await call(app, 'matter.create', { communityId, title: '续聘物业', raisedOn: '2026-10-01' }, session);
    const vote = await call(app, 'vote.create', {
      communityId, title: '续聘物业表决', opens: '2026-11-01', closes: '2026-11-10', items: [{ title: '续聘物业服务企业', category: 4, matterId: matter.id }],
    }, session);
    for (const subject of (await call(app, 'vote.subjects', { voteId: vote.id }, session)).rows) {
      await call(app, 'ballot.record', { voteId: vote.id, subjectId: subject.id, choices: [{ itemId: vote.items[0]!.id, choice: 'yes' }] }, session);
    }
    await call(app, 'vote.close', { id: vote.id }, session);
    const waiting = await call(app, 'matter.get', { id: matter.id }, session);
    expect(waiting.pendingVote).toMatchObject({ voteId: vote.id, stepName: '业主(代表)大会决议', missing: ['小区党组织提议', '联席会议商议', '党员大会审议'] });
    expect(waiting.steps[4]!.done).toBe(false);
    // The 决议公告 is drafted from what the vote's own tally says about the matter's items.
    const tally = await call(app, 'vote.tally', { id: vote.id }, session);
    expect(waiting.decision).toEqual({
      kind: 'vote', voteId: vote.id, title: '续聘物业表决', closedOn: expect.any(String) as string,
      items: [{
        title: '续聘物业服务企业', passed: true, threshold: 'majority',
        participation: '参与表决的专有部分面积占总面积100.00%，达到三分之二以上；参与表决人数占总人数100.00%，达到三分之二以上。',
        approval: expect.stringMatching(/^同意的专有部分面积占参与表决专有部分面积.*，达到过半数；同意人数占参与表决人数.*，达到过半数。$/) as string,
      }],
    });
    expect(tally.items[0]!.percents.participationArea).toBe('100.00%');
    for (const [key, date] of [['propose', '2026-10-05'], ['joint', '2026-10-08'], ['party', '2026-10-12']] as const) {
      await call(app, 'matter.advance', { id: matter.id, key, date }, session);
    }
    const resolved = await call(app, 'matter.get', { id: matter.id }, session);
    expect(resolved.steps[4]).toMatchObject({ done: true, voteId: vote.id, meetingId: vote.meetingId });
    expect(resolved.pendingVote).toBeNull();
    expect(resolved.position.currentKey).toBe('publish-resolution');
  });

  it('a vote that fails does not resolve the matter', async () => {
    const { app, session, communityId } = await setup();
    const matter = await call(app, 'matter.create', { communityId, title: '更换物业', raisedOn: '2026-10-01' }, session);
    for (const [key, date] of [['propose', '2026-10-05'], ['joint', '2026-10-08'], ['party', '2026-10-12']] as const) {
      await call(app, 'matter.advance', { id: matter.id, key, date }, session);
    }
    const vote = await call(app, 'vote.create', { communityId, title: '更换物业表决', opens: '2026-11-01', closes: '2026-11-10', items: [{ title: '更换物业', category: 4, matterId: matter.id }] }, session);
    const closed = await call(app, 'vote.close', { id: vote.id }, session); // nobody voted: participation not met
    expect(closed.status).toBe('closed');
    const after = await call(app, 'matter.get', { id: matter.id }, session);
    expect(after.steps[4]!.done).toBe(false);
    expect(after.pendingVote).toBeNull();
    expect(after.decision).toMatchObject({ kind: 'vote', voteId: vote.id, items: [{ title: '更换物业', passed: false, participation: expect.stringContaining('参与表决的专有部分面积占总面积0.00%，未达到三分之二以上') }] });
  });
});

describe('closing before the announced end', () => {
  it('is refused while ballots are outstanding, allowed once every subject has returned one', async () => {
    const { app, session, communityId } = await setup();
    const vote = await call(app, 'vote.create', { communityId, title: '未到期表决', opens: '2026-11-01', closes: '2099-12-31', items: [{ title: '续聘物业', category: 4 }] }, session);
    expect((await callError(app, 'vote.close', { id: vote.id }, session)).message).toContain('尚有4位表决权人未交回表决票');
    for (const subject of (await call(app, 'vote.subjects', { voteId: vote.id }, session)).rows) {
      await call(app, 'ballot.record', { voteId: vote.id, subjectId: subject.id, choices: [] }, session);
    }
    expect((await call(app, 'vote.close', { id: vote.id }, session)).status).toBe('closed');
    // The written solicitation dated at the vote's end is held on the day it closed, not "upcoming" until 2099.
    const closedOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect(await call(app, 'meeting.get', { id: vote.meetingId }, session)).toMatchObject({ status: 'held', date: closedOn });
    const listed = (await call(app, 'meeting.list', { communityId, from: closedOn, to: closedOn }, session)).find((m) => m.id === vote.meetingId);
    expect(listed).toMatchObject({ status: 'held', date: closedOn });
    expect((await call(app, 'meeting.list', { communityId, from: '2099-12-31' }, session)).map((m) => m.id)).not.toContain(vote.meetingId);
  });

  it('the import and the result list use the addresses as frozen, not the register corrected later', async () => {
    const { app, session, vote } = await setup();
    const part = (await call(app, 'roster.page', { communityId: vote.communityId, search: '1幢101' }, session)).rows[0]!;
    await call(app, 'part.update', { id: part.partId, building: '2幢', entrance: '', room: '103', area: '90.00' }, session);
    const xlsx = await ballotsXlsx([['1幢', '', '101', '同意', '同意']]);
    expect(await call(app, 'ballot.import', { voteId: vote.id, file: { fileName: 'b.xlsx', base64: xlsx } }, session)).toEqual({ recorded: 1 });
    const rows = (await call(app, 'vote.resultParts', { id: vote.id }, session)).rows;
    expect(rows.find((r) => r.address === '1幢101')).toEqual({ address: '1幢101', area: '90.00', choices: ['yes', 'yes'] });
  });
});

/**
 * The second clerk, made as the office makes one (user.create, then the temporary password changed): a
 * 业委会秘书 of the community, whose session enters the second pass.
 */
async function secondClerk(app: App, session: string, communityId: string): Promise<string> {
  const made = await call(app, 'user.create', { username: 'li', displayName: '李秘书', grants: [{ role: 'secretary', communities: [communityId] }], companyId: null }, session);
  const login = await call(app, 'auth.login', { username: 'li', password: made.temporaryPassword });
  await call(app, 'auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: 'second pass clerk' }, login.session);
  return login.session;
}

describe('double entry', () => {
  it('lists every difference between the two passes and refuses to close until each is settled', async () => {
    const { app, session, communityId } = await setup();
    const clerk = await secondClerk(app, session, communityId);
    const vote = await call(app, 'vote.create', { communityId, title: '双人录入表决', opens: '2026-11-01', closes: '2026-11-10', doubleEntry: true, items: [{ title: '续聘物业', category: 4 }] }, session);
    const subjects = (await call(app, 'vote.subjects', { voteId: vote.id }, session)).rows;
    const g = vote.items[0]!.id;
    const [s1, s2, s3] = subjects;
    await call(app, 'ballot.record', { voteId: vote.id, subjectId: s1!.id, choices: [{ itemId: g, choice: 'yes' }] }, session);
    await call(app, 'ballot.record', { voteId: vote.id, subjectId: s2!.id, choices: [{ itemId: g, choice: 'yes' }] }, session);
    await call(app, 'ballot.check', { voteId: vote.id, subjectId: s1!.id, choices: [{ itemId: g, choice: 'yes' }] }, clerk);
    const left = await call(app, 'ballot.check', { voteId: vote.id, subjectId: s2!.id, choices: [{ itemId: g, choice: 'no' }] }, clerk);
    await call(app, 'ballot.check', { voteId: vote.id, subjectId: s3!.id, choices: [{ itemId: g, choice: 'abstain' }] }, clerk);
    expect(left.differences).toBe(1);
    const diffs = await call(app, 'vote.differences', { id: vote.id }, session);
    expect(diffs.map((d) => [d.code, d.problems])).toEqual([
      [s2!.code, ['议题“续聘物业”：第一遍同意，第二遍反对']],
      [s3!.code, ['只有第二遍录入']],
    ]);
    expect((await call(app, 'vote.get', { id: vote.id }, session)).differences).toBe(2);
    expect((await callError(app, 'vote.close', { id: vote.id }, session)).message).toContain('双人录入尚有2处不一致');

    // Settle: the second pass was right for s2 (the ballot is replaced, with the reason); s3's ballot is entered.
    expect(await call(app, 'ballot.settle', { voteId: vote.id, subjectId: s2!.id, keep: 'second', reason: '核对原票为反对' }, session)).toEqual({ differences: 1 });
    expect((await callError(app, 'ballot.settle', { voteId: vote.id, subjectId: s3!.id, keep: 'second', reason: 'x' }, session)).message).toContain('第一遍没有录入');
    await call(app, 'ballot.record', { voteId: vote.id, subjectId: s3!.id, choices: [{ itemId: g, choice: 'abstain' }] }, session);
    expect(await call(app, 'vote.differences', { id: vote.id }, session)).toEqual([]);
    const t = await call(app, 'vote.tally', { id: vote.id }, session);
    expect(t.items[0]).toMatchObject({ yes: { count: 1 }, no: { count: 1 }, abstain: { count: 1 } });
    expect((await call(app, 'vote.close', { id: vote.id }, session)).status).toBe('closed');
  });

  it('the settlement list: counts of 不一致 / 缺第二遍 / 已核对, a page per state, settled rows marked', async () => {
    const { app, session, communityId } = await setup();
    const clerk = await secondClerk(app, session, communityId);
    const vote = await call(app, 'vote.create', { communityId, title: '双人录入核对', opens: '2026-11-01', closes: '2026-11-10', doubleEntry: true, items: [{ title: '续聘物业', category: 4 }] }, session);
    const [s1, s2, s3, s4] = (await call(app, 'vote.subjects', { voteId: vote.id }, session)).rows;
    const g = vote.items[0]!.id;
    for (const s of [s1, s2, s3, s4]) await call(app, 'ballot.record', { voteId: vote.id, subjectId: s!.id, choices: [{ itemId: g, choice: 'yes' }] }, session);
    await call(app, 'ballot.check', { voteId: vote.id, subjectId: s1!.id, choices: [{ itemId: g, choice: 'yes' }] }, clerk);
    const saved = await call(app, 'ballot.check', { voteId: vote.id, subjectId: s2!.id, choices: [{ itemId: g, choice: 'no' }] }, clerk);
    expect(saved).toEqual({ differences: 3, checked: 2 });
    const differ = await call(app, 'vote.settlement', { id: vote.id }, session);
    expect(differ.counts).toEqual({ differ: 1, missing: 2, agreed: 1 });
    expect(differ.rows.map((r) => [r.code, r.state, r.entered, r.problems])).toEqual([[s2!.code, 'differ', 'both', ['议题“续聘物业”：第一遍同意，第二遍反对']]]);
    const missing = await call(app, 'vote.settlement', { id: vote.id, state: 'missing', limit: 1 }, session);
    expect([missing.total, missing.rows.map((r) => [r.code, r.entered])]).toEqual([2, [[s3!.code, 'first']]]);
    expect((await call(app, 'vote.settlement', { id: vote.id, state: 'missing', offset: 1 }, session)).rows.map((r) => r.code)).toEqual([s4!.code]);
    // Agreeing passes are checked at once; a settled row joins them, marked with the pass kept.
    await call(app, 'ballot.settle', { voteId: vote.id, subjectId: s2!.id, keep: 'second', reason: '核对原票为反对' }, session);
    const agreed = await call(app, 'vote.settlement', { id: vote.id, state: 'agreed' }, session);
    expect(agreed.counts).toEqual({ differ: 0, missing: 2, agreed: 2 });
    expect(agreed.rows.map((r) => [r.code, r.settled])).toEqual([[s1!.code, null], [s2!.code, 'second']]);
  });

  it('the two passes of a ballot are two people\'s: one\'s own other pass is refused with nothing written; another person and the CLI may', async () => {
    const dir = tempDir();
    const { app, session, communityId } = await setup(dir);
    const clerk = await secondClerk(app, session, communityId);
    const vote = await call(app, 'vote.create', { communityId, title: '双人录入分工', opens: '2026-11-01', closes: '2026-11-10', doubleEntry: true, items: [{ title: '续聘物业', category: 4 }] }, session);
    const [s1, s2, s3] = (await call(app, 'vote.subjects', { voteId: vote.id }, session)).rows;
    const yes = [{ itemId: vote.items[0]!.id, choice: 'yes' as const }];
    const db = new Database(app.dbPath, { readonly: true });
    const written = () => ({
      checks: (db.prepare('select count(*) as n from ballot_checks').get() as { n: number }).n,
      ballots: (db.prepare('select count(*) as n from ballots').get() as { n: number }).n,
      audit: (db.prepare("select count(*) as n from audit_log where entity = 'ballot'").get() as { n: number }).n,
    });
    try {
      // 王主任 entered s1's first pass: his own second pass is refused, in words naming him, and leaves no row.
      await call(app, 'ballot.record', { voteId: vote.id, subjectId: s1!.id, choices: yes }, session);
      const before = written();
      const own = await callError(app, 'ballot.check', { voteId: vote.id, subjectId: s1!.id, choices: yes }, session);
      expect(own).toMatchObject({ code: 'REFUSED', message: '双人录入的第二遍须由另一人录入：这张票的第一遍是您录入的（王主任（admin）），请由另一位工作人员录入第二遍' });
      expect(written()).toEqual(before);
      // 李秘书's is accepted.
      expect(await call(app, 'ballot.check', { voteId: vote.id, subjectId: s1!.id, choices: yes }, clerk)).toEqual({ differences: 0, checked: 1 });

      // The second clerk may be ahead: 李秘书's second pass of s2 with no first yet is accepted; then the first pass
      // is not hers to enter either, and is 王主任's.
      await call(app, 'ballot.check', { voteId: vote.id, subjectId: s2!.id, choices: yes }, clerk);
      const ahead = written();
      expect(await callError(app, 'ballot.record', { voteId: vote.id, subjectId: s2!.id, choices: yes }, clerk)).toMatchObject({
        code: 'REFUSED', message: '双人录入的第一遍须由另一人录入：这张票的第二遍是您录入的（李秘书（li）），请由另一位工作人员录入第一遍',
      });
      expect(written()).toEqual(ahead);
      await call(app, 'ballot.record', { voteId: vote.id, subjectId: s2!.id, choices: yes }, session);

      // Renamed in between, still the same person: the username decides, not the display name.
      await call(app, 'ballot.record', { voteId: vote.id, subjectId: s3!.id, choices: yes }, clerk);
      const li = (await call(app, 'user.list', {}, session)).find((u) => u.username === 'li')!;
      await call(app, 'user.update', { id: li.id, displayName: '李干事', grants: li.grants, companyId: null }, session);
      expect((await callError(app, 'ballot.check', { voteId: vote.id, subjectId: s3!.id, choices: yes }, clerk)).message).toContain('第一遍是您录入的（李秘书（li））');

      // The CLI (a trusted local caller, no account) is not asked: it enters s3's second pass over 李秘书's first, on the same file.
      const cli = await testApp(dir, { fixedAuthor: 'CLI:tester' });
      expect(await call(cli, 'ballot.check', { voteId: vote.id, subjectId: s3!.id, choices: yes })).toEqual({ differences: 0, checked: 3 });
      const rows = db.prepare('select subject_id as subject, entered_by as author from ballot_checks').all() as { subject: string; author: string }[];
      expect(Object.fromEntries(rows.map((r) => [r.subject, r.author]))).toEqual({ [s1!.id]: '李秘书（li）', [s2!.id]: '李秘书（li）', [s3!.id]: 'CLI:tester' });
    } finally {
      db.close();
    }
  });

  it('is refused on a vote without double entry', async () => {
    const { app, session, vote, subjects } = await setup();
    expect((await callError(app, 'ballot.check', { voteId: vote.id, subjectId: subjects[0]!.id, choices: [] }, session)).message).toContain('未设定双人录入');
  });
});

describe('local extra items', () => {
  it('a community enables items beyond Art. 278 (Hangzhou); the vote keeps the name and threshold it was created with', async () => {
    const { app, session, communityId } = await setup();
    const refused = await callError(app, 'vote.create', { communityId, title: 'x', opens: '2026-11-01', closes: '2026-11-10', items: [{ title: '电梯广告收益分配', category: 10 }] }, session);
    expect(refused.message).toContain('类别 10 不是民法典第278条第1–9项');
    const c = await call(app, 'community.get', { id: communityId }, session);
    await call(app, 'community.update', { ...c, settings: { ...c.settings, voteRules: { ...c.settings.voteRules, extraItems: [{ number: 10, name: '共有部分收益分配', threshold: 'majority' }] } } }, session);
    const vote = await call(app, 'vote.create', { communityId, title: '收益分配', opens: '2026-11-01', closes: '2026-11-10', items: [{ title: '电梯广告收益分配', category: 10 }] }, session);
    expect(vote.items[0]).toMatchObject({ category: 10, categoryName: '共有部分收益分配', threshold: 'majority' });
    await call(app, 'community.update', { ...c, settings: { ...c.settings, voteRules: { ...c.settings.voteRules, extraItems: [] } } }, session);
    const t = await call(app, 'vote.tally', { id: vote.id }, session);
    expect(t.items[0]!.legalBasis).toContain('本小区依地方规定增列的表决事项“共有部分收益分配”');
    expect(t.items[0]!.legalBasis).toContain('过半数');
  });
});
