/**
 * Issue 6 on a real SQLite file: property-service contracts with their dated
 * events and quarterly evaluations, the community's bodies with the owners'
 * committee's rules and vetted candidates, coverage, the issue ledger with
 * dispatch, plan, escalation, statistics and its xlsx, and mediation records.
 * Where a rule depends on the day, the service is called with that day on a
 * second connection to the same file; the rest goes through the contract.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/connection';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import type { Actor, ServiceContext } from '../../main/services/context';
import { createIssue, escalateIssue, getIssue, issueStatistics, planIssue, setIssueStatus } from '../../main/services/office/issues';
import { getContract, recordContractEvent } from '../../main/services/office/service-contracts';
import { listBodies } from '../../main/services/office/bodies';
import { creditCodeCheckChar } from '../../shared/domain/credit-code';
import { JPEG } from '../fixtures/attachment-samples';
import { rosterCsv } from '../fixtures/roster-generator';
import { officeDay, WORKED_ROSTER } from '../fixtures/worked-roster';
import { call, callError, loggedInApp, tempDir } from '../helpers';
import { requireDataKeys } from '../../main/security/data-key';

const CODE_A = '91350100M000100Y43';
const CODE_B = `91110108MA01ABCD2${creditCodeCheckChar('91110108MA01ABCD2')}`;
const actor: Actor = { author: '测试', userId: null };

async function setup() {
  const { app, session } = await loggedInApp();
  const csv = Buffer.from(rosterCsv(WORKED_ROSTER), 'utf8').toString('base64');
  const { communityId } = await call(app, 'roster.import', { file: { fileName: 'r.csv', base64: csv }, community: { name: '阳光小区' } }, session);
  const opened = await openDatabase(app.dbPath, MIGRATIONS_DIR, path.join(tempDir(), 'b'));
  const ctx: ServiceContext = { ...opened, dataDir: '', backupDir: '', migrationsDir: MIGRATIONS_DIR, keys: requireDataKeys(opened.sqlite, app.dbPath) };
  return { app, session, communityId, ctx };
}

describe('property-service contracts', () => {
  it('registers the company by its credit code and computes the statutory dates (docs/domain.md §6)', async () => {
    const { app, session, communityId } = await setup();
    const c = await call(app, 'contract.create', {
      communityId, company: { name: '安居物业服务有限公司', creditCode: CODE_A.toLowerCase(), contact: '李经理', phone: '' },
      startDate: '2024-09-01', endDate: '2027-08-31', fees: [{ partType: '住宅', fee: '2.50' }], deposit: '50000',
    }, session);
    expect(c.creditCode).toBe(CODE_A);
    expect(c.nonRenewalNoticeBy.date).toBe('2027-06-02'); // 2027-08-31 − 90 days
    expect(c.renewalPreparationFrom).toBe('2027-02-28'); // 6 months before the 31st, clamped
    expect(c.fees).toEqual([{ partType: '住宅', fee: '2.50' }]);
    expect(c.deposit).toBe('50000.00');
    expect((await call(app, 'company.list', { text: '' }, session)).map((x) => [x.name, x.contracts])).toEqual([['安居物业服务有限公司', 1]]);

    const d = await call(app, 'contract.dismissal', { id: c.id, noticeDate: '2026-03-10' }, session);
    expect(d.earliestEnd).toBe('2026-05-09'); // + 60 days
    expect(d.days).toBe(60);

    // A wrong check character names the right one; a known code under another name is refused.
    const bad = await callError(app, 'contract.create', {
      communityId, company: { name: '某物业', creditCode: `${CODE_A.slice(0, 17)}X`, contact: '', phone: '' }, startDate: '2024-01-01', endDate: '2025-01-01',
    }, session);
    expect(bad.message).toContain('校验位错误（第18位应为 3');
    const renamed = await callError(app, 'contract.create', {
      communityId, company: { name: '别的物业', creditCode: CODE_A, contact: '', phone: '' }, startDate: '2024-01-01', endDate: '2025-01-01',
    }, session);
    expect(renamed.message).toContain('已登记为“安居物业服务有限公司”');
    const backwards = await callError(app, 'contract.create', { communityId, companyId: c.companyId, startDate: '2025-01-01', endDate: '2024-01-01' }, session);
    expect(backwards.message).toContain('早于起始日');
  });

  it('says which rule applies on a day, and records the events that end it once each', async () => {
    const { app, session, communityId, ctx } = await setup();
    const c = await call(app, 'contract.create', {
      communityId, company: { name: '安居物业', creditCode: CODE_B, contact: '', phone: '' }, startDate: '2023-01-01', endDate: '2025-12-31',
    }, session);
    expect(getContract(ctx, c.id, '2025-03-01').state.kind).toBe('in-term');
    expect(getContract(ctx, c.id, '2025-07-01').state.kind).toBe('renewal-preparation');
    expect(getContract(ctx, c.id, '2025-10-15').state.kind).toBe('notice-window-passed');
    const runsOn = getContract(ctx, c.id, '2026-02-01').state;
    expect(runsOn.kind).toBe('indefinite');
    expect(runsOn.message).toContain('不定期合同');

    // After expiry a notice ends the indefinite contract 60 days later; the company hands over within the community's 30 days.
    recordContractEvent(ctx, actor, { contractId: c.id, event: 'termination-notice', date: '2026-02-02', note: '' }, '2026-02-02');
    expect(getContract(ctx, c.id, '2026-02-03').state).toMatchObject({ kind: 'termination-noticed', date: '2026-04-03' });
    const handover = getContract(ctx, c.id, '2026-04-10').state;
    expect(handover.kind).toBe('handover-due');
    expect(handover.date).toBe('2026-05-06'); // 04-03 + 30 = 05-03, a Sunday in the 劳动节 break → the next working day
    expect(() => recordContractEvent(ctx, actor, { contractId: c.id, event: 'termination-notice', date: '2026-02-05', note: '' }, '2026-02-05'))
      .toThrow('已登记解除合同书面通知');
    expect(() => recordContractEvent(ctx, actor, { contractId: c.id, event: 'handed-over', date: '2026-05-01', note: '' }, '2026-04-30'))
      .toThrow('在今天之后');
    recordContractEvent(ctx, actor, { contractId: c.id, event: 'handed-over', date: '2026-04-20', note: '' }, '2026-04-20');
    expect(getContract(ctx, c.id, '2026-04-21').state.kind).toBe('handed-over');
    const log = await call(app, 'audit.list', { entity: 'service_contract', entityId: c.id }, session);
    expect(log.rows.map((r) => r.action).sort()).toEqual(['create', 'handed-over', 'termination-notice']);
  });

  it('scores a quarter by the weighted checklist, with complaints taken from the issue ledger', async () => {
    const { app, session, communityId } = await setup();
    const c = await call(app, 'contract.create', {
      communityId, company: { name: '安居物业', creditCode: CODE_A, contact: '', phone: '' }, startDate: '2024-01-01', endDate: officeDay(700),
    }, session);
    const quarterStart = officeDay(-100);
    const q = `${quarterStart.slice(0, 4)}-Q${Math.floor((Number(quarterStart.slice(5, 7)) - 1) / 3) + 1}`;
    const month = (Number(q.slice(6)) - 1) * 3 + 1;
    const inQuarter = `${q.slice(0, 4)}-${String(month).padStart(2, '0')}-15T09:30`;
    await call(app, 'issue.create', { communityId, title: '保洁不及时', category: '物业服务', reportedAt: inQuarter }, session);
    await call(app, 'issue.create', { communityId, title: '路灯坏了', category: '设施维修', reportedAt: inQuarter }, session);
    const e = await call(app, 'contract.evaluate', {
      contractId: c.id, quarter: q, scores: { cleaning: 90, security: 85, greening: 80, repairs: 70, service: 96 },
      satisfied: 187, surveyed: 200, feesDue: '100000', feesCollected: '93456.78',
    }, session);
    expect(e.score).toBe('84.2'); // (90 + 85 + 80 + 70 + 96) / 5 = 84.2
    expect(e.band).toBe('良好');
    expect(e.satisfaction).toBe(9350); // 187 / 200 = 93.50 %
    expect(e.collectionRate).toBe(9345); // 93.4567… % rounded down
    expect(e.complaints).toBe(1); // only the 物业服务 issue
    const missing = await callError(app, 'contract.evaluate', { contractId: c.id, quarter: q, scores: { cleaning: 90 } }, session);
    expect(missing.message).toContain('“秩序维护”未评分');
    // The same quarter again replaces the evaluation; the list keeps one per quarter.
    await call(app, 'contract.evaluate', { contractId: c.id, quarter: q, scores: { cleaning: 100, security: 100, greening: 100, repairs: 100, service: 100 } }, session);
    expect((await call(app, 'contract.evaluations', { contractId: c.id }, session)).map((x) => [x.quarter, x.score, x.band])).toEqual([[q, '100.0', '优秀']]);
  });
});

describe('the community’s bodies', () => {
  const member = (name: string, role: '主任' | '副主任' | '委员', partyMember = false) => ({ name, role, partyMember });

  it('holds the owners’ committee to its rules unless a reason is written, and shows its deadlines', async () => {
    const { app, session, communityId, ctx } = await setup();
    const four = [member('张伟', '主任', true), member('王芳', '副主任', true), member('李强', '委员'), member('赵敏', '委员')];
    const refused = await callError(app, 'body.create', { communityId, kind: '业主委员会', electedOn: '2026-03-02', termYears: 6, members: four }, session);
    expect(refused.code).toBe('REFUSED');
    // The worked roster has 6 households: 3 members would be allowed, 4 is even.
    expect(refused.message).toContain('4人为双数');
    expect(refused.message).toContain('不得超过5年');
    const body = await call(app, 'body.create', {
      communityId, kind: '业主委员会', electedOn: '2026-03-02', termYears: 5, members: [...four, member('钱进', '委员', true)], firstMeetingOn: '2026-03-06',
    }, session);
    expect(body.termEnd).toBe('2031-03-02');
    expect(body.firstMeetingBy).toEqual({ date: '2026-03-09', moved: false });
    expect(body.filingBy).toEqual({ date: '2026-04-01', moved: false });
    const later = listBodies(ctx, communityId, '2030-10-01')[0]!;
    expect(later.term.flagged).toBe(true);
    expect(later.warnings.join()).toContain('业委会备案应在选举后30日内完成');
    expect(later.warnings.join()).toContain('换届准备');

    const overridden = await call(app, 'body.create', {
      communityId, kind: '业主委员会', electedOn: '2026-04-01', termYears: 5, members: four, overrideReason: '一名委员辞职，补选前暂为4人',
    }, session);
    expect(overridden.warnings[0]).toContain('4人为双数');
    expect((await call(app, 'body.list', { communityId }, session)).filter((b) => b.current).map((b) => b.id)).toEqual([overridden.id]);
  });

  it('vets candidates check by check and reports coverage for the roll-up', async () => {
    const { app, session, communityId } = await setup();
    const owner = (await call(app, 'person.search', { communityId, search: '', limit: 50 }, session))[0]!;
    const cand = await call(app, 'candidate.create', {
      communityId, personId: owner.personId, name: owner.name, recommendedBy: '社区党组织', publicityStart: officeDay(-10), publicityEnd: officeDay(-3),
    }, session);
    expect(cand.ownsPartInRegister).toBe(true);
    expect(cand.cleared).toBe(false);
    let latest = cand;
    for (const check of ['owns_part', 'no_arrears', 'not_defaulter', 'no_conflict'] as const) {
      latest = await call(app, 'candidate.check', { candidateId: cand.id, check, passed: true }, session);
    }
    expect(latest.cleared).toBe(true);
    expect(latest.checks.every((c) => c.checkedBy === '王主任（admin）' && c.checkedAt !== null)).toBe(true);
    latest = await call(app, 'candidate.check', { candidateId: cand.id, check: 'no_arrears', passed: false, note: '欠缴物业费两年' }, session);
    expect(latest.cleared).toBe(false);
    const stranger = await call(app, 'candidate.create', { communityId, name: '外来人', recommendedBy: '本人自荐' }, session);
    expect(stranger.ownsPartInRegister).toBeNull();

    const before = (await call(app, 'coverage.list', {}, session)).find((c) => c.communityId === communityId)!;
    expect(before).toMatchObject({ partyMembers: 0, needsPartyOrganisation: false, hasPartyOrganisation: false, propertyManagement: false });
    await call(app, 'body.create', {
      communityId, kind: '业主委员会', electedOn: officeDay(-30), termYears: 5,
      members: [member('甲', '主任', true), member('乙', '副主任', true), member('丙', '委员', true)],
    }, session);
    await call(app, 'contract.create', {
      communityId, company: { name: '安居物业', creditCode: CODE_A, contact: '', phone: '' }, startDate: officeDay(-100), endDate: officeDay(600),
    }, session);
    const after = (await call(app, 'coverage.list', {}, session)).find((c) => c.communityId === communityId)!;
    expect(after.bodies['业主委员会']).toBe(true);
    expect(after.bodies['业主监事会']).toBe(false);
    expect(after).toMatchObject({ partyMembers: 3, needsPartyOrganisation: true, hasPartyOrganisation: false, propertyManagement: true });
  });
});

describe('the issue ledger', () => {
  it('numbers issues, sets the plan’s 24 hours, and moves them only along the workflow', async () => {
    const { app, session, communityId, ctx } = await setup();
    const first = await call(app, 'issue.create', { communityId, title: '地库积水', category: '设施维修', reportedAt: '2026-01-09T16:20', source: '院坝会' }, session);
    expect(first.number).toBe(1);
    expect(first.planDueAt).toBe('2026-01-10T16:20');
    expect(first.status).toBe('登记');
    expect(first.level).toBe('楼栋');
    const second = createIssue(ctx, actor, {
      communityId, title: '电梯异响', category: '电梯', reportedAt: '2026-02-27T10:00', source: '热线', reporter: '', buildingId: null, partId: null,
      place: '2幢', description: '', resolutionDue: '2026-03-05', matterId: null, meetingId: null,
    }, '2026-02-27T10:05');
    expect(second.number).toBe(2);

    const wrongStep = await callError(app, 'issue.status', { id: first.id, status: '处理中', at: '2026-01-09T17:00' }, session);
    expect(wrongStep.message).toContain('只能改为“已派单”或“已办结”');
    await call(app, 'issue.dispatch', { id: first.id, responsibleParty: '物业', responsiblePerson: '刘工', at: '2026-01-09T17:00' }, session);
    const planned = await call(app, 'issue.plan', { id: first.id, plan: '抽水并疏通排水沟', at: '2026-01-10T09:00', resolutionDue: '2026-01-20' }, session);
    expect(planned.status).toBe('处理中');
    expect(getIssue(ctx, first.id, '2026-01-12T09:00').overdue).toEqual([]);
    expect(getIssue(ctx, first.id, '2026-01-21T00:00').overdue.map((o) => o.deadline)).toEqual(['resolution']);
    await call(app, 'issue.status', { id: first.id, status: '已办结', at: '2026-01-15T11:00' }, session);
    const visited = await call(app, 'issue.feedback', { id: first.id, at: '2026-01-16T10:00', feedback: '已无积水', satisfaction: '满意' }, session);
    expect(visited.status).toBe('已回访');
    expect(visited.events.map((e) => e.kind)).toEqual(['created', 'dispatch', 'status', 'plan', 'status', 'status', 'status']);
    const final = await callError(app, 'issue.status', { id: first.id, status: '处理中', at: '2026-01-17T10:00', note: '又漏水' }, session);
    expect(final.message).toContain('不能再改为');

    // The second issue: no plan within 24 hours → flagged, escalated with a reason, up to 街道 and no further.
    expect(getIssue(ctx, second.id, '2026-02-28T10:00').flag).toBeNull();
    const late = getIssue(ctx, second.id, '2026-02-28T10:01');
    expect(late.overdue.map((o) => o.deadline)).toEqual(['plan']);
    expect(late.flag?.suggested).toBe('小区');
    const up = escalateIssue(ctx, actor, { id: second.id, reason: '物业未在24小时内答复', at: '2026-02-28T11:00', responsibleUnit: '小区党支部', responsiblePerson: '王书记' }, '2026-02-28T11:00');
    expect(up.level).toBe('小区');
    expect(up.flag).toBeNull();
    // The 小区's deadline: 7 days from 02-28 is Saturday 03-07, moved to Monday 03-09; its people answer for it; no longer 逾期.
    expect(up).toMatchObject({ resolutionDue: '2026-03-09', responsibleParty: '小区党支部', responsiblePerson: '王书记', escalatedAt: '2026-02-28T11:00', overdue: [] });
    // The history keeps the deadline and the people it replaced.
    expect(up.events.slice(-3).map((e) => [e.kind, e.from, e.to])).toEqual([
      ['escalate', '楼栋', '小区'], ['due', '2026-03-05', '2026-03-09'], ['dispatch', null, '小区党支部 王书记'],
    ]);
    expect(up.events.at(-2)!.reason).toContain('提级之日起7日');
    const audit = ctx.sqlite.prepare("select before, after from audit_log where entity = 'issue' and action = 'escalate'").get() as { before: string; after: string };
    expect(JSON.parse(audit.before)).toMatchObject({ level: '楼栋', resolutionDue: '2026-03-05' });
    expect(JSON.parse(audit.after)).toMatchObject({ level: '小区', resolutionDue: '2026-03-09', responsiblePerson: '王书记' });
    // The old due date (03-05) no longer makes it late: lateness restarts at the new level.
    expect(getIssue(ctx, second.id, '2026-03-06T00:00')).toMatchObject({ overdue: [], flag: null });
    // The 小区's date passes unmet: late again, flagged for the 社区.
    const lateAgain = getIssue(ctx, second.id, '2026-03-10T00:00');
    expect(lateAgain.overdue.map((o) => [o.deadline, o.due])).toEqual([['resolution', '2026-03-09']]);
    expect(lateAgain.flag?.suggested).toBe('社区');
    const toCommunity = escalateIssue(ctx, actor, { id: second.id, reason: '小区协调未果', at: '2026-03-10T09:00', responsibleUnit: '阳光社区居委会', responsiblePerson: '陈主任' }, '2026-03-10T09:00');
    expect(toCommunity).toMatchObject({ level: '社区', resolutionDue: '2026-03-25', overdue: [], flag: null });
    const toStreet = escalateIssue(ctx, actor, { id: second.id, reason: '涉及特种设备，需街道协调', at: '2026-03-10T10:00', responsibleUnit: '街道城管科', responsiblePerson: '张科长' }, '2026-03-10T10:00');
    expect(toStreet).toMatchObject({ level: '街道', resolutionDue: '2026-04-09', responsibleParty: '街道城管科' });
    const again = { reason: '再提级', at: '2026-03-10T11:00', responsibleUnit: '区住建局', responsiblePerson: '赵' };
    expect(() => escalateIssue(ctx, actor, { id: second.id, ...again }, '2026-03-10T11:00')).toThrow('不能再向上提级');
    expect(() => escalateIssue(ctx, actor, { id: first.id, ...again }, '2026-03-10T11:00')).toThrow('不再提级');
    const noReason = await callError(app, 'issue.escalate', { id: second.id, reason: '', responsibleUnit: '街道', responsiblePerson: '张' }, session);
    expect(noReason.code).toBe('VALIDATION');
    const noPerson = await callError(app, 'issue.escalate', { id: second.id, reason: '再提级', responsibleUnit: '街道', responsiblePerson: ' ' }, session);
    expect(noPerson.details).toEqual([expect.objectContaining({ field: 'responsiblePerson', message: '请填写新层级责任人' })]);

    planIssue(ctx, actor, { id: second.id, plan: '更换曳引机轴承', at: '2026-03-10T12:00', resolutionDue: null }, '2026-03-10T12:00');
    setIssueStatus(ctx, actor, { id: second.id, status: '已办结', at: '2026-03-13T12:00', note: '' }, '2026-03-13T12:00');
    const stats = issueStatistics(ctx, { communityId, from: '2026-01-01', to: '2026-03-31' }, '2026-04-01T00:00');
    expect(stats.total).toBe(2);
    expect(stats.byCategory).toEqual([{ category: '电梯', count: 1 }, { category: '设施维修', count: 1 }]); // ties in the list's order
    expect(stats.planOnTime).toEqual({ onTime: 1, counted: 2, percent: 50 });
    // Both closed by the deadline of the level they were at (the second by the street's 04-09).
    expect(stats.resolvedOnTime).toEqual({ onTime: 2, counted: 2, percent: 100 });
    // To plan: 16 h 40 min (1,000 min) and 11 days 2 h (15,960 min) → the median of two is their mean, 8,480 min.
    expect(stats.timeToPlan.median).toBe('5天21小时20分');

    const file = await call(app, 'issue.export', { communityId }, session);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('问题台账')!;
    expect(sheet.getRow(2).getCell(6).value).toBe('地库积水');
    expect(sheet.getRow(3).getCell(16).value).toBe('街道');
    expect(wb.getWorksheet('办理记录')!.rowCount).toBeGreaterThan(8);
  });

  it('refuses a report in the future, a part of another community, and editing its history', async () => {
    const { app, session, communityId, ctx } = await setup();
    const future = await callError(app, 'issue.create', { communityId, title: 'x', category: '其他', reportedAt: `${officeDay(2)}T09:00` }, session);
    expect(future.message).toContain('在现在之后');
    const badTime = await callError(app, 'issue.create', { communityId, title: 'x', category: '其他', reportedAt: '2026-02-30T09:00' }, session);
    expect(badTime.message).toContain('反映时间应为有效的日期时间');
    const badCategory = await callError(app, 'issue.create', { communityId, title: 'x', category: '噪音' as '其他', reportedAt: '2026-01-01T09:00' }, session);
    expect(badCategory.message).toContain('类别应为停车');
    const i = await call(app, 'issue.create', { communityId, title: '噪音扰民', category: '邻里纠纷', reportedAt: '2026-01-01T09:00' }, session);
    expect(() => ctx.sqlite.prepare('delete from issue_events where issue_id = ?').run(i.id)).toThrow('办理记录不能删除');
    // Photos are attachments of the issue, stored once under their SHA-256 like a meeting's scans.
    const photo = { fileName: '现场.jpg', base64: JPEG.toString('base64') };
    await call(app, 'attachment.add', { ownerType: 'issue', ownerId: i.id, file: photo }, session);
    expect((await call(app, 'attachment.list', { ownerType: 'issue', ownerId: i.id }, session)).map((a) => a.fileName)).toEqual(['现场.jpg']);
    const stray = await callError(app, 'attachment.add', { ownerType: 'contract', ownerId: i.id, file: photo }, session);
    expect(stray.code).toBe('NOT_FOUND');
  });
});

describe('mediation', () => {
  it('keeps sessions and locks the record once it has an outcome', async () => {
    const { app, session, communityId } = await setup();
    const noAgreement = await callError(app, 'mediation.create', {
      communityId, parties: '业主张伟；安居物业', mediator: '调解员老周', sessions: [{ date: '2026-01-05', summary: '双方陈述' }], outcome: '调解成功',
    }, session);
    expect(noAgreement.message).toContain('应填写调解协议');
    expect(noAgreement.details).toEqual([{ kind: 'field', field: 'agreement', message: noAgreement.message }]);
    const future = await callError(app, 'mediation.create', {
      communityId, parties: '业主张伟；安居物业', mediator: '调解员老周', sessions: [{ date: '2026-01-05', summary: '双方陈述' }, { date: '2999-01-01', summary: '复谈' }],
    }, session);
    expect(future.details).toEqual([{ kind: 'field', field: 'sessions.1.date', label: '第2次调解日期', message: '在今天之后' }]);
    const m = await call(app, 'mediation.create', { communityId, parties: '业主张伟；安居物业', mediator: '调解员老周' }, session);
    const done = await call(app, 'mediation.update', {
      id: m.id, parties: m.parties, mediator: m.mediator, sessions: [{ date: '2026-01-05', summary: '双方陈述' }, { date: '2026-01-12', summary: '达成一致' }],
      outcome: '调解成功', agreement: '物业于一月底前修复漏水，业主补缴物业费',
    }, session);
    expect(done.sessions).toHaveLength(2);
    const locked = await callError(app, 'mediation.update', { id: m.id, parties: m.parties, mediator: '另一人', outcome: '调解成功', agreement: 'x', sessions: done.sessions }, session);
    expect(locked.message).toContain('不能再修改');
  });
});
