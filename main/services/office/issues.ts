/**
 * The issue ledger (问题台账, issue 6, docs/domain.md §7): residents' problems with
 * the handling plan's deadline, a resolution due date, status and escalation
 * 楼栋 → 小区 → 社区 → 街道. The rules are shared/domain/issue-ledger.ts; every
 * dispatch, plan, status change, escalation and return visit is also an
 * insert-only row of issue_events, so the ledger shows who did what when.
 */
import { asc, desc, eq, getTableColumns, max, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, fieldProblem } from '../../../shared/contract/errors';
import {
  ISSUE_CATEGORIES, type dispatchInput, type escalateInput, type feedbackInput, type issueDetail, type issueFields, type issueQuery, type issueStats,
  type issueSummary, type issueUpdate, type planInput, type statusInput,
} from '../../../shared/contract/office';
import {
  ESCALATION_LEVELS, ISSUE_STATUSES, checkIssueFacts, levelResolutionDue, type IssueFactProblem, checkTransition, durationStats, escalate, escalationFlag, formatMinutes, isClosedStatus, minutesToClose, minutesToPlan,
  overdueAt, planDueAt, planOnTimeRate, resolutionOnTimeRate, type EscalationLevel, type IssueFacts, type IssueStatus,
} from '../../../shared/domain/issue-ledger';
import { nowInOffice, nowIso } from '../../db/clock';
import { newId } from '../../db/ids';
import { oneOf, storedRow } from '../../db/rows';
import { matters, meetings } from '../../db/schema/meetings';
import { issueEvents, issues } from '../../db/schema/office';
import { buildings, parts } from '../../db/schema/register';
import { addSafeRow } from '../../files/safe-cells';
import { getCommunity } from '../register/communities';
import { officeCalendar } from '../system/holidays';
import { write, type Actor, type ServiceContext, type WriteScope } from '../context';
import { indexIssue } from '../system/search-sources';
import { refuseStale } from '../record-revisions';

type IssueDetail = z.output<typeof issueDetail>;
type IssueSummary = z.output<typeof issueSummary>;

/** An issue as stored, its status and level as the ledger's own lists. */
type IssueRow = Omit<typeof issues.$inferSelect, 'status' | 'level'> & { status: IssueStatus; level: EscalationLevel };
type EventRow = typeof issueEvents.$inferSelect;

const toIssueRow = (row: typeof issues.$inferSelect): IssueRow => ({
  ...row, status: oneOf(ISSUE_STATUSES, row.status, 'issues.status'), level: oneOf(ESCALATION_LEVELS, row.level, 'issues.level'),
});

function issueRow(ctx: ServiceContext, id: string): IssueRow {
  const row = ctx.db.select().from(issues).where(eq(issues.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', '找不到这条问题记录');
  return toIssueRow(row);
}

function escalationsOf(events: readonly EventRow[]) {
  return events.filter((e) => e.kind === 'escalate')
    .map((e) => ({ at: e.at, to: oneOf(ESCALATION_LEVELS, e.toValue ?? '', 'issue_events.to_value'), reason: e.reason }));
}

function factsOf(row: IssueRow, events: readonly EventRow[]): IssueFacts {
  return {
    reportedAt: row.reportedAt, planDueAt: row.planDueAt, planAt: row.plannedAt, resolutionDue: row.resolutionDue,
    closedAt: row.closedAt, status: row.status, level: row.level, escalations: escalationsOf(events),
  };
}

function summaryOf(row: IssueRow, events: readonly EventRow[], now: string): IssueSummary {
  const facts = factsOf(row, events);
  return {
    id: row.id, communityId: row.communityId, number: row.number, title: row.title, reportedAt: row.reportedAt, source: row.source,
    category: row.category, place: row.place, responsibleParty: row.responsibleParty, status: row.status, level: row.level,
    planDueAt: row.planDueAt, resolutionDue: row.resolutionDue, responsiblePerson: row.responsiblePerson, plan: row.plan,
    plannedAt: row.plannedAt, closedAt: row.closedAt, satisfaction: row.satisfaction,
    overdue: overdueAt(facts, now), flag: escalationFlag(facts, now),
    escalatedAt: facts.escalations.reduce<string | null>((m, e) => (m === null || e.at > m ? e.at : m), null),
  };
}

/** The issue's history in the order it happened (rowid: the order it was written, for events at the same minute). */
const eventsOf = (ctx: ServiceContext, issueId: string) =>
  ctx.db.select().from(issueEvents).where(eq(issueEvents.issueId, issueId)).orderBy(asc(issueEvents.at), sql`${issueEvents}.rowid`).all();

export function getIssue(ctx: ServiceContext, id: string, now = nowInOffice()): IssueDetail {
  const row = issueRow(ctx, id);
  const events = eventsOf(ctx, id);
  const matterTitle = row.matterId === null ? null
    : ctx.db.select({ title: matters.title }).from(matters).where(eq(matters.id, row.matterId)).get()?.title ?? null;
  const meetingTitle = row.meetingId === null ? null
    : ctx.db.select({ title: meetings.title }).from(meetings).where(eq(meetings.id, row.meetingId)).get()?.title ?? null;
  return {
    ...summaryOf(row, events, now),
    reporter: row.reporter, buildingId: row.buildingId, partId: row.partId, description: row.description, responsiblePerson: row.responsiblePerson, revision: row.revision,
    plan: row.plan, plannedAt: row.plannedAt, closedAt: row.closedAt, feedback: row.feedback, satisfaction: row.satisfaction, visitedAt: row.visitedAt,
    matterId: row.matterId, matterTitle, meetingId: row.meetingId, meetingTitle,
    events: events.map((e) => ({ at: e.at, kind: e.kind, from: e.fromValue, to: e.toValue, reason: e.reason, author: e.author })),
  };
}

/** Every issue of the community with its events, for the board, the overdue list and statistics. */
function issuesWithEvents(ctx: ServiceContext, communityId: string): { row: IssueRow; events: EventRow[] }[] {
  const rows = ctx.db.select().from(issues).where(eq(issues.communityId, communityId)).orderBy(desc(issues.number)).all().map(toIssueRow);
  const events = new Map<string, EventRow[]>();
  for (const e of ctx.db.select(getTableColumns(issueEvents)).from(issueEvents).innerJoin(issues, eq(issues.id, issueEvents.issueId))
    .where(eq(issues.communityId, communityId)).orderBy(asc(issueEvents.at), sql`${issueEvents}.rowid`).all()) {
    const list = events.get(e.issueId) ?? [];
    list.push(e);
    events.set(e.issueId, list);
  }
  return rows.map((row) => ({ row, events: events.get(row.id) ?? [] }));
}

export function listIssues(ctx: ServiceContext, q: z.output<typeof issueQuery>, now = nowInOffice()): IssueSummary[] {
  getCommunity(ctx, q.communityId);
  const text = q.text.trim();
  return issuesWithEvents(ctx, q.communityId)
    .filter(({ row }) => q.status === undefined || row.status === q.status)
    .filter(({ row }) => (q.matterId === undefined || row.matterId === q.matterId) && (q.meetingId === undefined || row.meetingId === q.meetingId))
    .filter(({ row }) => text === '' || [row.title, row.place, row.reporter, row.description, String(row.number)].some((v) => v.includes(text)))
    .map(({ row, events }) => summaryOf(row, events, now))
    .filter((s) => !q.overdueOnly || s.overdue.length > 0);
}

function event(ctx: ServiceContext, actor: Actor, issueId: string, at: string, kind: string, from: string | null, to: string | null, reason = ''): void {
  ctx.db.insert(issueEvents).values({ id: newId(), issueId, at, kind, fromValue: from, toValue: to, reason, author: actor.author }).run();
}

/** The place must be of the community: a building of it, a part of it (and of that building). */
function checkPlace(ctx: ServiceContext, communityId: string, buildingId: string | null, partId: string | null): void {
  if (buildingId !== null) {
    const b = ctx.db.select({ communityId: buildings.communityId }).from(buildings).where(eq(buildings.id, buildingId)).get();
    if (!b || b.communityId !== communityId) throw AppError.field('VALIDATION', 'buildingId', '所选楼栋不属于本小区');
  }
  if (partId !== null) {
    const p = ctx.db.select({ communityId: parts.communityId, buildingId: parts.buildingId }).from(parts).where(eq(parts.id, partId)).get();
    if (!p || p.communityId !== communityId) throw AppError.field('VALIDATION', 'partId', '所选房屋不属于本小区');
    if (buildingId !== null && p.buildingId !== buildingId) throw AppError.field('VALIDATION', 'partId', '所选房屋不在所选楼栋');
  }
}

function checkLinks(ctx: ServiceContext, communityId: string, matterId: string | null, meetingId: string | null): void {
  const communityOf = {
    matterId: (id: string) => ctx.db.select({ communityId: matters.communityId }).from(matters).where(eq(matters.id, id)).get(),
    meetingId: (id: string) => ctx.db.select({ communityId: meetings.communityId }).from(meetings).where(eq(meetings.id, id)).get(),
  };
  for (const [linkId, name, field] of [[matterId, '事项', 'matterId'], [meetingId, '会议', 'meetingId']] as const) {
    if (linkId === null) continue;
    const r = communityOf[field](linkId);
    if (!r || r.communityId !== communityId) throw AppError.field('VALIDATION', field, `所关联的${name}不属于本小区`);
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
    const [last] = ctx.db.select({ number: max(issues.number) }).from(issues).where(eq(issues.communityId, input.communityId)).all();
    const number = (last?.number ?? 0) + 1;
    ctx.db.insert(issues).values({
      id, communityId: input.communityId, number, title: input.title, reportedAt: input.reportedAt, source: input.source, reporter: input.reporter,
      category: input.category, buildingId: input.buildingId, partId: input.partId, place: input.place, description: input.description, planDueAt: due,
      resolutionDue: input.resolutionDue, status: '登记', level: '楼栋', matterId: input.matterId, meetingId: input.meetingId, createdAt: stamp, updatedAt: stamp,
    }).run();
    event(ctx, actor, id, input.reportedAt, 'created', null, '登记');
    indexIssue(ctx, id);
    scope.audit({ action: 'create', entity: 'issue', entityId: id, after: { ...input, number, planDueAt: due } });
    return id;
  });
  return getIssue(ctx, id, now);
}

export function updateIssue(ctx: ServiceContext, actor: Actor, input: z.output<typeof issueUpdate>, now = nowInOffice()): IssueDetail {
  write(ctx, actor, (scope) => {
    const before = issueRow(ctx, input.id);
    refuseStale(ctx, 'issue', before, input.expectedRevision);
    checkPlace(ctx, before.communityId, input.buildingId, input.partId);
    checkLinks(ctx, before.communityId, input.matterId, input.meetingId);
    refuseFacts(checkIssueFacts({ ...factsOf(before, []), resolutionDue: input.resolutionDue }), { resolutionDue: 'resolutionDue' });
    ctx.db.update(issues).set({
      title: input.title, source: input.source, reporter: input.reporter, category: input.category, buildingId: input.buildingId, partId: input.partId,
      place: input.place, description: input.description, resolutionDue: input.resolutionDue, matterId: input.matterId, meetingId: input.meetingId,
      updatedAt: nowIso(),
    }).where(eq(issues.id, input.id)).run();
    indexIssue(ctx, input.id);
    const { expectedRevision: _opened, ...after } = input;
    scope.audit({ action: 'update', entity: 'issue', entityId: input.id, before: storedRow(issues, before), after });
  });
  return getIssue(ctx, input.id, now);
}

/** A handling step's time: not before the report, not in the future. */
function checkAt(row: IssueRow, at: string, what: string, now: string): void {
  if (at < row.reportedAt) throw AppError.field('VALIDATION', 'at', `${what} ${at.replace('T', ' ')} 早于反映时间 ${row.reportedAt.replace('T', ' ')}`);
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
  const closedAt = to === '已办结' ? at : to === '处理中' ? null : row.closedAt;
  ctx.db.update(issues).set({ status: to, closedAt, updatedAt: nowIso() }).where(eq(issues.id, row.id)).run();
  event(ctx, actor, row.id, at, 'status', row.status, to, note);
  scope.audit({ action: 'status', entity: 'issue', entityId: row.id, before: { status: row.status }, after: { status: to, at, note } });
}

export function dispatchIssue(ctx: ServiceContext, actor: Actor, input: z.output<typeof dispatchInput>, now = nowInOffice()): IssueDetail {
  write(ctx, actor, (scope) => {
    const row = issueRow(ctx, input.id);
    checkAt(row, input.at, '派单时间', now);
    ctx.db.update(issues).set({ responsibleParty: input.responsibleParty, responsiblePerson: input.responsiblePerson }).where(eq(issues.id, input.id)).run();
    event(ctx, actor, input.id, input.at, 'dispatch', row.responsibleParty || null, [input.responsibleParty, input.responsiblePerson].filter(Boolean).join(' '));
    // Handing it to another party later is a re-dispatch, not a status change.
    if (row.status === '登记') moveStatus(ctx, actor, scope, row, '已派单', input.at, '');
    else scope.audit({ action: 'dispatch', entity: 'issue', entityId: input.id, before: { responsibleParty: row.responsibleParty }, after: input });
  });
  return getIssue(ctx, input.id, now);
}

export function planIssue(ctx: ServiceContext, actor: Actor, input: z.output<typeof planInput>, now = nowInOffice()): IssueDetail {
  write(ctx, actor, (scope) => {
    const row = issueRow(ctx, input.id);
    checkAt(row, input.at, '方案时间', now);
    if (isClosedStatus(row.status)) throw new AppError('REFUSED', `问题已${row.status}，不再制定处理方案`);
    const resolutionDue = input.resolutionDue ?? row.resolutionDue;
    refuseFacts(checkIssueFacts({ ...factsOf(row, []), planAt: row.plannedAt ?? input.at, resolutionDue }), { planAt: 'at', resolutionDue: 'resolutionDue' });
    // The first plan's time is the one the 24-hour rule is judged by; a revised plan keeps it.
    ctx.db.update(issues).set({ plan: input.plan, plannedAt: sql`coalesce(${issues.plannedAt}, ${input.at})`, resolutionDue, updatedAt: nowIso() })
      .where(eq(issues.id, input.id)).run();
    event(ctx, actor, input.id, input.at, 'plan', null, null, input.plan);
    if (row.status === '已派单') moveStatus(ctx, actor, scope, row, '处理中', input.at, '');
    indexIssue(ctx, input.id);
    scope.audit({ action: 'plan', entity: 'issue', entityId: input.id, before: { plan: row.plan, plannedAt: row.plannedAt }, after: input });
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
    if (row.closedAt !== null && input.at < row.closedAt) throw AppError.field('VALIDATION', 'at', `回访时间早于办结时间 ${row.closedAt.replace('T', ' ')}`);
    ctx.db.update(issues).set({ feedback: input.feedback, satisfaction: input.satisfaction, visitedAt: input.at }).where(eq(issues.id, input.id)).run();
    indexIssue(ctx, input.id);
    moveStatus(ctx, actor, scope, row, '已回访', input.at, `${input.satisfaction}：${input.feedback}`);
  });
  return getIssue(ctx, input.id, now);
}

/**
 * One level up (docs/domain.md §7): the new level's resolution deadline from the
 * community's days for that level, and its responsible unit and person. The
 * history keeps what they replace: the escalation, the deadline moved (from →
 * to) and the hand-over of responsibility are each an event.
 */
export function escalateIssue(ctx: ServiceContext, actor: Actor, input: z.output<typeof escalateInput>, now = nowInOffice()): IssueDetail {
  const at = input.at ?? now;
  write(ctx, actor, (scope) => {
    const row = issueRow(ctx, input.id);
    checkAt(row, at, '提级时间', now);
    if (isClosedStatus(row.status)) throw new AppError('REFUSED', `问题已${row.status}，不再提级`);
    const result = escalate(row.level, input.reason);
    if (!result.ok) throw result.field ? AppError.field('REFUSED', result.field, result.message) : new AppError('REFUSED', result.message);
    const level = result.level;
    const rules = getCommunity(ctx, row.communityId).settings.officeRules;
    const due = levelResolutionDue(at, level, rules.issueLevelDays, officeCalendar(ctx));
    const responsible = `${input.responsibleUnit} ${input.responsiblePerson}`;
    ctx.db.update(issues).set({
      level, resolutionDue: due.date, responsibleParty: input.responsibleUnit, responsiblePerson: input.responsiblePerson, updatedAt: nowIso(),
    }).where(eq(issues.id, input.id)).run();
    event(ctx, actor, input.id, at, 'escalate', row.level, level, input.reason);
    const moved = due.moved ? `，第${due.days}日 ${due.plainEnd} 为休息日，顺延` : '';
    event(ctx, actor, input.id, at, 'due', row.resolutionDue, due.date, `${level}层级办结期限：提级之日起${due.days}日${moved}`);
    event(ctx, actor, input.id, at, 'dispatch', [row.responsibleParty, row.responsiblePerson].filter(Boolean).join(' ') || null, responsible, `提级至${level}`);
    scope.audit({
      action: 'escalate', entity: 'issue', entityId: input.id,
      before: { level: row.level, resolutionDue: row.resolutionDue, responsibleParty: row.responsibleParty, responsiblePerson: row.responsiblePerson },
      after: { level, reason: input.reason, at, resolutionDue: due.date, responsibleParty: input.responsibleUnit, responsiblePerson: input.responsiblePerson },
    });
  });
  return getIssue(ctx, input.id, now);
}

/** Statistics of the issues reported in a period, judged at `now`. */
export function issueStatistics(ctx: ServiceContext, q: { communityId: string; from: string; to: string }, now = nowInOffice()): z.output<typeof issueStats> {
  getCommunity(ctx, q.communityId);
  const all = issuesWithEvents(ctx, q.communityId).filter(({ row }) => row.reportedAt.slice(0, 10) >= q.from && row.reportedAt.slice(0, 10) <= q.to);
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
    addSafeRow(sheet, [row.number, t(row.reportedAt), row.source, row.reporter, row.category, row.title, row.place, row.description, row.responsibleParty,
      row.responsiblePerson, t(row.planDueAt), row.plan, t(row.plannedAt), row.resolutionDue ?? '', row.status, row.level, t(row.closedAt), row.feedback,
      row.satisfaction ?? '', overdue]);
  }
  sheet.columns.forEach((c, i) => { c.width = [6, 17, 10, 10, 10, 24, 14, 30, 10, 10, 17, 30, 17, 12, 8, 6, 17, 24, 8, 30][i] ?? 12; });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const history = workbook.addWorksheet('办理记录');
  history.addRow(['编号', '时间', '事项', '从', '到', '说明', '经办人']);
  history.getRow(1).font = { bold: true };
  const KIND: Record<string, string> = { created: '登记', dispatch: '派单', plan: '处理方案', status: '状态', escalate: '提级', due: '办结期限' };
  for (const { row, events } of all) {
    for (const e of events) addSafeRow(history, [row.number, e.at.replace('T', ' '), KIND[e.kind] ?? e.kind, e.fromValue ?? '', e.toValue ?? '', e.reason, e.author]);
  }
  return { fileName: `${community.name}问题台账.xlsx`, base64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
}
