/**
 * The issue ledger (问题台账, issue 6, docs/domain.md §7): residents' problems with
 * the handling plan's deadline, a resolution due date, status and escalation
 * 楼栋 → 小区 → 社区 → 街道. The rules are shared/domain/issue-ledger.ts; every
 * dispatch, plan, status change, escalation and return visit is also an
 * insert-only row of issue_events, so the ledger shows who did what when.
 */
import type { z } from 'zod';
import { AppError, fieldProblem } from '../../../shared/contract/errors';
import {
  ISSUE_CATEGORIES, type dispatchInput, type escalateInput, type feedbackInput, type issueDetail, type issueFields, type issueQuery, type issueStats,
  type issueSummary, type issueUpdate, type planInput, type statusInput,
} from '../../../shared/contract/office';
import {
  ISSUE_STATUSES, checkIssueFacts, type IssueFactProblem, checkTransition, durationStats, escalate, escalationFlag, formatMinutes, isClosedStatus, minutesToClose, minutesToPlan,
  overdueAt, planDueAt, planOnTimeRate, resolutionOnTimeRate, type EscalationLevel, type IssueFacts, type IssueStatus,
} from '../../../shared/domain/issue-ledger';
import { nowInOffice, nowIso } from '../../db/clock';
import { newId } from '../../db/ids';
import { addSafeRow } from '../../files/safe-cells';
import { getCommunity } from '../register/communities';
import { write, type Actor, type ServiceContext, type WriteScope } from '../context';

type IssueDetail = z.output<typeof issueDetail>;
type IssueSummary = z.output<typeof issueSummary>;

interface IssueRow {
  id: string; community_id: string; number: number; title: string; reported_at: string; source: string; reporter: string; category: string;
  building_id: string | null; part_id: string | null; place: string; description: string; responsible_party: string; responsible_person: string;
  plan_due_at: string; plan: string; planned_at: string | null; resolution_due: string | null; status: IssueStatus; level: EscalationLevel;
  closed_at: string | null; feedback: string; satisfaction: string | null; visited_at: string | null; matter_id: string | null; meeting_id: string | null;
}
interface EventRow { issue_id: string; at: string; kind: string; from_value: string | null; to_value: string | null; reason: string; author: string }

function issueRow(ctx: ServiceContext, id: string): IssueRow {
  const row = ctx.sqlite.prepare('select * from issues where id = ?').get(id) as IssueRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到这条问题记录');
  return row;
}

function escalationsOf(events: readonly EventRow[]) {
  return events.filter((e) => e.kind === 'escalate').map((e) => ({ at: e.at, to: e.to_value as EscalationLevel, reason: e.reason }));
}

function factsOf(row: IssueRow, events: readonly EventRow[]): IssueFacts {
  return {
    reportedAt: row.reported_at, planDueAt: row.plan_due_at, planAt: row.planned_at, resolutionDue: row.resolution_due,
    closedAt: row.closed_at, status: row.status, level: row.level, escalations: escalationsOf(events),
  };
}

function summaryOf(row: IssueRow, events: readonly EventRow[], now: string): IssueSummary {
  const facts = factsOf(row, events);
  return {
    id: row.id, communityId: row.community_id, number: row.number, title: row.title, reportedAt: row.reported_at, source: row.source,
    category: row.category, place: row.place, responsibleParty: row.responsible_party, status: row.status, level: row.level,
    planDueAt: row.plan_due_at, resolutionDue: row.resolution_due, responsiblePerson: row.responsible_person, plan: row.plan,
    plannedAt: row.planned_at, closedAt: row.closed_at, satisfaction: row.satisfaction,
    overdue: overdueAt(facts, now), flag: escalationFlag(facts, now),
  };
}

const eventsOf = (ctx: ServiceContext, issueId: string) =>
  ctx.sqlite.prepare('select * from issue_events where issue_id = ? order by at, rowid').all(issueId) as EventRow[];

export function getIssue(ctx: ServiceContext, id: string, now = nowInOffice()): IssueDetail {
  const row = issueRow(ctx, id);
  const events = eventsOf(ctx, id);
  const link = (table: 'matters' | 'meetings', linkId: string | null) =>
    linkId === null ? null : ((ctx.sqlite.prepare(`select title from ${table} where id = ?`).get(linkId) as { title: string } | undefined)?.title ?? null);
  return {
    ...summaryOf(row, events, now),
    reporter: row.reporter, buildingId: row.building_id, partId: row.part_id, description: row.description, responsiblePerson: row.responsible_person,
    plan: row.plan, plannedAt: row.planned_at, closedAt: row.closed_at, feedback: row.feedback, satisfaction: row.satisfaction, visitedAt: row.visited_at,
    matterId: row.matter_id, matterTitle: link('matters', row.matter_id), meetingId: row.meeting_id, meetingTitle: link('meetings', row.meeting_id),
    events: events.map((e) => ({ at: e.at, kind: e.kind, from: e.from_value, to: e.to_value, reason: e.reason, author: e.author })),
  };
}

/** Every issue of the community with its events, for the board, the overdue list and statistics. */
function issuesWithEvents(ctx: ServiceContext, communityId: string): { row: IssueRow; events: EventRow[] }[] {
  const rows = ctx.sqlite.prepare('select * from issues where community_id = ? order by number desc').all(communityId) as IssueRow[];
  const events = new Map<string, EventRow[]>();
  for (const e of ctx.sqlite.prepare(`select e.* from issue_events e join issues i on i.id = e.issue_id where i.community_id = ? order by e.at, e.rowid`)
    .all(communityId) as EventRow[]) {
    const list = events.get(e.issue_id) ?? [];
    list.push(e);
    events.set(e.issue_id, list);
  }
  return rows.map((row) => ({ row, events: events.get(row.id) ?? [] }));
}

export function listIssues(ctx: ServiceContext, q: z.output<typeof issueQuery>, now = nowInOffice()): IssueSummary[] {
  getCommunity(ctx, q.communityId);
  const text = q.text.trim();
  return issuesWithEvents(ctx, q.communityId)
    .filter(({ row }) => q.status === undefined || row.status === q.status)
    .filter(({ row }) => (q.matterId === undefined || row.matter_id === q.matterId) && (q.meetingId === undefined || row.meeting_id === q.meetingId))
    .filter(({ row }) => text === '' || [row.title, row.place, row.reporter, row.description, String(row.number)].some((v) => v.includes(text)))
    .map(({ row, events }) => summaryOf(row, events, now))
    .filter((s) => !q.overdueOnly || s.overdue.length > 0);
}

function event(ctx: ServiceContext, actor: Actor, issueId: string, at: string, kind: string, from: string | null, to: string | null, reason = ''): void {
  ctx.sqlite.prepare('insert into issue_events (id, issue_id, at, kind, from_value, to_value, reason, author) values (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(newId(), issueId, at, kind, from, to, reason, actor.author);
}

/** The place must be of the community: a building of it, a part of it (and of that building). */
function checkPlace(ctx: ServiceContext, communityId: string, buildingId: string | null, partId: string | null): void {
  if (buildingId !== null) {
    const b = ctx.sqlite.prepare('select community_id from buildings where id = ?').get(buildingId) as { community_id: string } | undefined;
    if (!b || b.community_id !== communityId) throw AppError.field('VALIDATION', 'buildingId', '所选楼栋不属于本小区');
  }
  if (partId !== null) {
    const p = ctx.sqlite.prepare('select community_id, building_id from parts where id = ?').get(partId) as { community_id: string; building_id: string } | undefined;
    if (!p || p.community_id !== communityId) throw AppError.field('VALIDATION', 'partId', '所选房屋不属于本小区');
    if (buildingId !== null && p.building_id !== buildingId) throw AppError.field('VALIDATION', 'partId', '所选房屋不在所选楼栋');
  }
}

function checkLinks(ctx: ServiceContext, communityId: string, matterId: string | null, meetingId: string | null): void {
  for (const [table, linkId, name, field] of [['matters', matterId, '事项', 'matterId'], ['meetings', meetingId, '会议', 'meetingId']] as const) {
    if (linkId === null) continue;
    const r = ctx.sqlite.prepare(`select community_id from ${table} where id = ?`).get(linkId) as { community_id: string } | undefined;
    if (!r || r.community_id !== communityId) throw AppError.field('VALIDATION', field, `所关联的${name}不属于本小区`);
  }
}

export function createIssue(ctx: ServiceContext, actor: Actor, input: z.output<typeof issueFields>, now = nowInOffice()): IssueDetail {
  const rules = getCommunity(ctx, input.communityId).settings.officeRules;
  if (input.reportedAt > now) throw AppError.field('VALIDATION', 'reportedAt', `反映时间 ${input.reportedAt.replace('T', ' ')} 在现在之后`);
  checkPlace(ctx, input.communityId, input.buildingId, input.partId);
  checkLinks(ctx, input.communityId, input.matterId, input.meetingId);
  const due = planDueAt(input.reportedAt, { planHours: rules.issuePlanHours });
  refuseFacts(checkIssueFacts({ reportedAt: input.reportedAt, planDueAt: due, planAt: null, resolutionDue: input.resolutionDue, closedAt: null, status: '登记', level: '楼栋', escalations: [] }),
    { reportedAt: 'reportedAt', resolutionDue: 'resolutionDue' });
  const id = write(ctx, actor, (scope) => {
    const id = newId();
    const stamp = nowIso();
    const number = (ctx.sqlite.prepare('select coalesce(max(number), 0) + 1 as n from issues where community_id = ?').get(input.communityId) as { n: number }).n;
    ctx.sqlite.prepare(`insert into issues (id, community_id, number, title, reported_at, source, reporter, category, building_id, part_id, place, description,
        plan_due_at, resolution_due, status, level, matter_id, meeting_id, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '登记', '楼栋', ?, ?, ?, ?)`).run(
      id, input.communityId, number, input.title, input.reportedAt, input.source, input.reporter, input.category, input.buildingId, input.partId, input.place,
      input.description, due, input.resolutionDue, input.matterId, input.meetingId, stamp, stamp);
    event(ctx, actor, id, input.reportedAt, 'created', null, '登记');
    scope.audit({ action: 'create', entity: 'issue', entityId: id, after: { ...input, number, planDueAt: due } });
    return id;
  });
  return getIssue(ctx, id, now);
}

export function updateIssue(ctx: ServiceContext, actor: Actor, input: z.output<typeof issueUpdate>, now = nowInOffice()): IssueDetail {
  write(ctx, actor, (scope) => {
    const before = issueRow(ctx, input.id);
    checkPlace(ctx, before.community_id, input.buildingId, input.partId);
    checkLinks(ctx, before.community_id, input.matterId, input.meetingId);
    refuseFacts(checkIssueFacts({ ...factsOf(before, []), resolutionDue: input.resolutionDue }), { resolutionDue: 'resolutionDue' });
    ctx.sqlite.prepare(`update issues set title = ?, source = ?, reporter = ?, category = ?, building_id = ?, part_id = ?, place = ?, description = ?,
        resolution_due = ?, matter_id = ?, meeting_id = ?, updated_at = ? where id = ?`).run(
      input.title, input.source, input.reporter, input.category, input.buildingId, input.partId, input.place, input.description, input.resolutionDue,
      input.matterId, input.meetingId, nowIso(), input.id);
    scope.audit({ action: 'update', entity: 'issue', entityId: input.id, before, after: input });
  });
  return getIssue(ctx, input.id, now);
}

/** A handling step's time: not before the report, not in the future. */
function checkAt(row: IssueRow, at: string, what: string, now: string): void {
  if (at < row.reported_at) throw AppError.field('VALIDATION', 'at', `${what} ${at.replace('T', ' ')} 早于反映时间 ${row.reported_at.replace('T', ' ')}`);
  if (at > now) throw AppError.field('VALIDATION', 'at', `${what} ${at.replace('T', ' ')} 在现在之后`);
}

/**
 * Refuse facts that cannot all be true, each on the field of the form that
 * gave it (`fields`: the issue's fact → the input's field); a fact the form
 * did not give stays a problem of the input as a whole.
 */
function refuseFacts(problems: IssueFactProblem[], fields: Partial<Record<IssueFactProblem['fact'], string>>): void {
  if (problems.length === 0) return;
  throw new AppError('VALIDATION', problems.map((p) => p.message).join('；'),
    problems.map((p) => { const field = fields[p.fact]; return field ? fieldProblem(field, p.message) : { kind: 'input' as const, message: p.message }; }));
}

function moveStatus(ctx: ServiceContext, actor: Actor, scope: WriteScope, row: IssueRow, to: IssueStatus, at: string, note: string): void {
  const problem = checkTransition(row.status, to);
  if (problem) throw new AppError('REFUSED', problem);
  const closedAt = to === '已办结' ? at : to === '处理中' ? null : row.closed_at;
  ctx.sqlite.prepare('update issues set status = ?, closed_at = ?, updated_at = ? where id = ?').run(to, closedAt, nowIso(), row.id);
  event(ctx, actor, row.id, at, 'status', row.status, to, note);
  scope.audit({ action: 'status', entity: 'issue', entityId: row.id, before: { status: row.status }, after: { status: to, at, note } });
}

export function dispatchIssue(ctx: ServiceContext, actor: Actor, input: z.output<typeof dispatchInput>, now = nowInOffice()): IssueDetail {
  write(ctx, actor, (scope) => {
    const row = issueRow(ctx, input.id);
    checkAt(row, input.at, '派单时间', now);
    ctx.sqlite.prepare('update issues set responsible_party = ?, responsible_person = ? where id = ?').run(input.responsibleParty, input.responsiblePerson, input.id);
    event(ctx, actor, input.id, input.at, 'dispatch', row.responsible_party || null, [input.responsibleParty, input.responsiblePerson].filter(Boolean).join(' '));
    // Handing it to another party later is a re-dispatch, not a status change.
    if (row.status === '登记') moveStatus(ctx, actor, scope, row, '已派单', input.at, '');
    else scope.audit({ action: 'dispatch', entity: 'issue', entityId: input.id, before: { responsibleParty: row.responsible_party }, after: input });
  });
  return getIssue(ctx, input.id, now);
}

export function planIssue(ctx: ServiceContext, actor: Actor, input: z.output<typeof planInput>, now = nowInOffice()): IssueDetail {
  write(ctx, actor, (scope) => {
    const row = issueRow(ctx, input.id);
    checkAt(row, input.at, '方案时间', now);
    if (isClosedStatus(row.status)) throw new AppError('REFUSED', `问题已${row.status}，不再制定处理方案`);
    const resolutionDue = input.resolutionDue ?? row.resolution_due;
    refuseFacts(checkIssueFacts({ ...factsOf(row, []), planAt: row.planned_at ?? input.at, resolutionDue }), { planAt: 'at', resolutionDue: 'resolutionDue' });
    // The first plan's time is the one the 24-hour rule is judged by; a revised plan keeps it.
    ctx.sqlite.prepare('update issues set plan = ?, planned_at = coalesce(planned_at, ?), resolution_due = ?, updated_at = ? where id = ?')
      .run(input.plan, input.at, resolutionDue, nowIso(), input.id);
    event(ctx, actor, input.id, input.at, 'plan', null, null, input.plan);
    if (row.status === '已派单') moveStatus(ctx, actor, scope, row, '处理中', input.at, '');
    scope.audit({ action: 'plan', entity: 'issue', entityId: input.id, before: { plan: row.plan, plannedAt: row.planned_at }, after: input });
  });
  return getIssue(ctx, input.id, now);
}

export function setIssueStatus(ctx: ServiceContext, actor: Actor, input: z.output<typeof statusInput>, now = nowInOffice()): IssueDetail {
  write(ctx, actor, (scope) => {
    const row = issueRow(ctx, input.id);
    checkAt(row, input.at, '时间', now);
    if (input.status === '已回访') throw new AppError('REFUSED', '回访请登记回访意见和满意度');
    if (row.status === '已办结' && input.status === '处理中' && input.note.trim() === '') throw AppError.field('VALIDATION', 'note', '重新办理须写明原因');
    moveStatus(ctx, actor, scope, row, input.status, input.at, input.note);
  });
  return getIssue(ctx, input.id, now);
}

export function recordFeedback(ctx: ServiceContext, actor: Actor, input: z.output<typeof feedbackInput>, now = nowInOffice()): IssueDetail {
  write(ctx, actor, (scope) => {
    const row = issueRow(ctx, input.id);
    checkAt(row, input.at, '回访时间', now);
    if (row.status !== '已办结') throw new AppError('REFUSED', `问题办结后才能回访，现为“${row.status}”`);
    if (row.closed_at !== null && input.at < row.closed_at) throw AppError.field('VALIDATION', 'at', `回访时间早于办结时间 ${row.closed_at.replace('T', ' ')}`);
    ctx.sqlite.prepare('update issues set feedback = ?, satisfaction = ?, visited_at = ? where id = ?').run(input.feedback, input.satisfaction, input.at, input.id);
    moveStatus(ctx, actor, scope, row, '已回访', input.at, `${input.satisfaction}：${input.feedback}`);
  });
  return getIssue(ctx, input.id, now);
}

export function escalateIssue(ctx: ServiceContext, actor: Actor, input: z.output<typeof escalateInput>, now = nowInOffice()): IssueDetail {
  const at = input.at ?? now;
  write(ctx, actor, (scope) => {
    const row = issueRow(ctx, input.id);
    checkAt(row, at, '提级时间', now);
    if (isClosedStatus(row.status)) throw new AppError('REFUSED', `问题已${row.status}，不再提级`);
    const result = escalate(row.level, input.reason);
    if (!result.ok) throw result.field ? AppError.field('REFUSED', result.field, result.message) : new AppError('REFUSED', result.message);
    ctx.sqlite.prepare('update issues set level = ?, updated_at = ? where id = ?').run(result.level, nowIso(), input.id);
    event(ctx, actor, input.id, at, 'escalate', row.level, result.level, input.reason);
    scope.audit({ action: 'escalate', entity: 'issue', entityId: input.id, before: { level: row.level }, after: { level: result.level, reason: input.reason } });
  });
  return getIssue(ctx, input.id, now);
}

/** Statistics of the issues reported in a period, judged at `now`. */
export function issueStatistics(ctx: ServiceContext, q: { communityId: string; from: string; to: string }, now = nowInOffice()): z.output<typeof issueStats> {
  getCommunity(ctx, q.communityId);
  const all = issuesWithEvents(ctx, q.communityId).filter(({ row }) => row.reported_at.slice(0, 10) >= q.from && row.reported_at.slice(0, 10) <= q.to);
  const facts = all.map(({ row, events }) => factsOf(row, events));
  // Most first; ties in the order the lists are shown everywhere else.
  const countBy = (key: (r: IssueRow) => string, order: readonly string[]) => {
    const m = new Map<string, number>();
    for (const { row } of all) m.set(key(row), (m.get(key(row)) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]));
  };
  const durations = (values: (number | null)[]) => {
    const s = durationStats(values.filter((v): v is number => v !== null));
    return { count: s.count, median: s.median === null ? null : formatMinutes(s.median), mean: s.mean === null ? null : formatMinutes(s.mean) };
  };
  return {
    communityId: q.communityId, from: q.from, to: q.to, total: all.length,
    byCategory: countBy((r) => r.category, ISSUE_CATEGORIES).map(([category, count]) => ({ category, count })),
    byStatus: countBy((r) => r.status, ISSUE_STATUSES).map(([status, count]) => ({ status, count })),
    planOnTime: planOnTimeRate(facts, now),
    resolvedOnTime: resolutionOnTimeRate(facts, now),
    timeToPlan: durations(facts.map(minutesToPlan)),
    timeToClose: durations(facts.map(minutesToClose)),
  };
}

/** The ledger as xlsx: one row per issue, as offices keep it in Excel, and its history on a second sheet. */
export async function exportIssues(ctx: ServiceContext, communityId: string, now = nowInOffice()) {
  const community = getCommunity(ctx, communityId);
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('问题台账');
  sheet.addRow(['编号', '反映时间', '来源', '反映人', '类别', '问题', '地点', '描述', '责任方', '责任人', '方案时限', '处理方案', '方案时间', '办结期限', '状态', '层级',
    '办结时间', '回访意见', '满意度', '逾期']);
  sheet.getRow(1).font = { bold: true };
  const all = issuesWithEvents(ctx, communityId).reverse();
  for (const { row, events } of all) {
    const overdue = overdueAt(factsOf(row, events), now).map((o) => o.message).join('；');
    const t = (v: string | null) => (v ?? '').replace('T', ' ');
    addSafeRow(sheet, [row.number, t(row.reported_at), row.source, row.reporter, row.category, row.title, row.place, row.description, row.responsible_party,
      row.responsible_person, t(row.plan_due_at), row.plan, t(row.planned_at), row.resolution_due ?? '', row.status, row.level, t(row.closed_at), row.feedback,
      row.satisfaction ?? '', overdue]);
  }
  sheet.columns.forEach((c, i) => { c.width = [6, 17, 10, 10, 10, 24, 14, 30, 10, 10, 17, 30, 17, 12, 8, 6, 17, 24, 8, 30][i] ?? 12; });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const history = workbook.addWorksheet('办理记录');
  history.addRow(['编号', '时间', '事项', '从', '到', '说明', '经办人']);
  history.getRow(1).font = { bold: true };
  const KIND: Record<string, string> = { created: '登记', dispatch: '派单', plan: '处理方案', status: '状态', escalate: '提级' };
  for (const { row, events } of all) {
    for (const e of events) addSafeRow(history, [row.number, e.at.replace('T', ' '), KIND[e.kind] ?? e.kind, e.from_value ?? '', e.to_value ?? '', e.reason, e.author]);
  }
  return { fileName: `${community.name}问题台账.xlsx`, base64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
}
