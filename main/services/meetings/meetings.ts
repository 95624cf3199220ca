/**
 * Meetings: calling them (with the notice rules), their agenda, who attends,
 * what happened (presence, committee votes), and posting the decisions.
 * Every procedural rule is checked on save; an override needs a reason.
 */
import { and, eq, exists, gte, isNull, lte, max, notExists, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import {
  attendeeParty, meeting as meetingSchema, meetingKind, meetingStatus, minutesSummary,
  type attendeeInput, type meetingFields, type meetingListItem,
} from '../../../shared/contract/meetings';
import { isRestDay } from '../../../shared/domain/dates';
import {
  checkMeetingNotice, checkPosting, COMMITTEE_KINDS, committeeDecision, committeeMeetingDue, committeeQuorum, MEETING_BODY, postingDeadline,
  requiredNoticeDays, type MeetingKind, type MeetingRules, type RuleViolation,
} from '../../../shared/domain/meetings';
import { addDays } from '../../../shared/domain/dates';
import { nowIso, officeDayOf, todayInOffice } from '../../db/clock';
import { newId } from '../../db/ids';
import { agendaItems, attendees as attendeesTable, matters, meetings, minutes } from '../../db/schema/meetings';
import { votes } from '../../db/schema/votes';
import { meetingBodyAsOf, membersDiffer } from './meetings-body';
import { getCommunity } from '../register/communities';
import { write, type Actor, type ServiceContext } from '../context';
import { officeCalendar } from '../system/holidays';
import { indexAgenda } from '../system/search-sources';
import { overridesOf, recordOverrides, requireOverride } from '../rule-overrides';
import { refuseStale } from '../record-revisions';

type MeetingFields = z.output<typeof meetingFields>;
type Meeting = z.output<typeof meetingSchema>;

/**
 * A written solicitation (书面征求意见) is held by its vote: dated at the vote's last day when created, it is
 * held once the vote is closed, on the day it closed if that came first (an early close when every ballot is in).
 * Asia/Shanghai has kept UTC+8 without summer time since 1991, so SQL's +8 hours is the office's day (officeDayOf).
 */
const closedVote = and(eq(votes.meetingId, meetings.id), eq(votes.status, 'closed'), eq(meetings.form, '书面征求意见'));
const heldOn = sql<string>`case when ${votes.closedAt} is null then ${meetings.date} else min(${meetings.date}, date(${votes.closedAt}, '+8 hours')) end`;

/** The meeting's row, its kind, form and status checked against the contract's lists; a closed written vote's meeting held. */
function meetingRow(ctx: ServiceContext, id: string) {
  const row = ctx.db.select().from(meetings).where(eq(meetings.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', '找不到这个会议，可能已被删除');
  const closedAt = row.form === '书面征求意见'
    ? ctx.db.select({ closedAt: votes.closedAt }).from(votes).where(and(eq(votes.meetingId, id), eq(votes.status, 'closed'))).get()?.closedAt ?? null
    : null;
  const closedOn = closedAt === null ? null : officeDayOf(closedAt);
  return {
    ...row, kind: meetingKind.parse(row.kind), form: meetingSchema.shape.form.parse(row.form),
    status: closedOn === null ? meetingStatus.parse(row.status) : 'held' as const,
    date: closedOn !== null && closedOn < row.date ? closedOn : row.date,
  };
}

export function meetingRules(ctx: ServiceContext, communityId: string): MeetingRules {
  return getCommunity(ctx, communityId).settings.meetingRules;
}

function agendaRows(ctx: ServiceContext, meetingId: string) {
  return ctx.db.select({
    id: agendaItems.id, position: agendaItems.position, title: agendaItems.title, matterId: agendaItems.matterId, matterTitle: matters.title,
    forVote: agendaItems.forVote, inNotice: agendaItems.inNotice, yesVotes: agendaItems.yesVotes,
  }).from(agendaItems).leftJoin(matters, eq(matters.id, agendaItems.matterId))
    .where(eq(agendaItems.meetingId, meetingId)).orderBy(agendaItems.position).all();
}

function attendeeRows(ctx: ServiceContext, meetingId: string) {
  return ctx.db.select({
    id: attendeesTable.id, party: attendeesTable.party, name: attendeesTable.name, role: attendeesTable.role,
    isMember: attendeesTable.isMember, present: attendeesTable.present,
  }).from(attendeesTable).where(eq(attendeesTable.meetingId, meetingId)).orderBy(attendeesTable.position).all()
    .map((a) => ({ ...a, party: attendeeParty.parse(a.party) }));
}

function isCommittee(kind: MeetingKind): boolean {
  return COMMITTEE_KINDS.includes(kind);
}

export function getMeeting(ctx: ServiceContext, id: string): Meeting {
  const row = meetingRow(ctx, id);
  const community = getCommunity(ctx, row.communityId);
  const rules = community.settings.meetingRules;
  const calendar = officeCalendar(ctx);
  const attendees = attendeeRows(ctx, id);
  const members = row.membersTotal;
  const committee = isCommittee(row.kind) && members !== null;
  const noticeDays = requiredNoticeDays(row.kind, rules);
  const latest = noticeDays === null ? null : addDays(row.date, -noticeDays);
  const presentMembers = attendees.filter((a) => a.isMember && a.present === true).length;
  const quorum = committee ? { members, present: presentMembers, ...committeeQuorum(members, presentMembers) } : null;
  return {
    id: row.id, communityId: row.communityId, communityName: community.name, kind: row.kind, form: row.form, title: row.title,
    date: row.date, startTime: row.startTime, place: row.place, convener: row.convener, noticeDate: row.noticeDate,
    membersTotal: row.membersTotal, status: row.status, postedDate: row.postedDate, revision: row.revision,
    agenda: agendaRows(ctx, id).map((a) => ({
      ...a,
      passed: committee && a.forVote && a.yesVotes !== null ? committeeDecision(members, a.yesVotes, rules.committeeDecisionRule).passed : null,
    })),
    attendees,
    overrides: overridesOf(ctx, 'meeting', id),
    minutes: ctx.db.select({ id: minutes.id, version: minutes.version, status: minutes.status, approvedAt: minutes.approvedAt, approvedBy: minutes.approvedBy })
      .from(minutes).where(eq(minutes.meetingId, id)).orderBy(minutes.version).all()
      .map((m) => ({ ...m, status: minutesSummary.shape.status.parse(m.status) })),
    checks: {
      notice: noticeDays === null || latest === null ? null : { days: noticeDays, latest, onRestDay: isRestDay(latest, calendar) },
      postingDeadline: postingDeadline(row.date, rules, calendar),
      quorum,
    },
  };
}

export function listMeetings(ctx: ServiceContext, q: { communityId: string; from?: string; to?: string; limit: number }): z.output<typeof meetingListItem>[] {
  const anyMinutes = ctx.db.select({ one: sql<number>`1` }).from(minutes).where(eq(minutes.meetingId, meetings.id));
  const draftMinutes = ctx.db.select({ one: sql<number>`1` }).from(minutes).where(and(eq(minutes.meetingId, meetings.id), eq(minutes.status, 'draft')));
  return ctx.db.select({
    id: meetings.id, kind: meetings.kind, title: meetings.title, date: heldOn, startTime: meetings.startTime, place: meetings.place,
    status: meetings.status, closedAt: votes.closedAt, noticeDate: meetings.noticeDate,
    // One of three literals, by the case itself.
    minutesStatus: sql<'none' | 'draft' | 'approved'>`case when ${notExists(anyMinutes)} then 'none' when ${exists(draftMinutes)} then 'draft' else 'approved' end`,
  }).from(meetings).leftJoin(votes, closedVote)
    .where(and(eq(meetings.communityId, q.communityId), gte(heldOn, q.from ?? '0000-00-00'), lte(heldOn, q.to ?? '9999-99-99')))
    .orderBy(heldOn, meetings.startTime).limit(q.limit).all()
    .map(({ closedAt, ...m }) => ({ ...m, kind: meetingKind.parse(m.kind), status: closedAt === null ? meetingStatus.parse(m.status) : 'held' as const }));
}

function checkAgendaMatters(ctx: ServiceContext, communityId: string, agenda: MeetingFields['agenda']): void {
  for (const item of agenda) {
    if (item.matterId === null) continue;
    const owner = ctx.db.select({ communityId: matters.communityId }).from(matters).where(eq(matters.id, item.matterId)).get()?.communityId;
    if (owner !== communityId) throw new AppError('VALIDATION', `议题“${item.title}”关联的事项不存在或不属于本小区`);
  }
}

function noticeViolations(ctx: ServiceContext, communityId: string, f: Omit<MeetingFields, 'communityId'>): RuleViolation[] {
  return checkMeetingNotice({ kind: f.kind, date: f.date, noticeDate: f.noticeDate, agenda: f.agenda }, meetingRules(ctx, communityId));
}

function validateShape(f: Omit<MeetingFields, 'communityId'>): void {
  if (f.noticeDate !== null && f.noticeDate > f.date) {
    throw AppError.field('VALIDATION', 'noticeDate', `通知日期 ${f.noticeDate} 晚于会议日期 ${f.date}`);
  }
  if (isCommittee(f.kind) && f.membersTotal === null) {
    const message = `${f.kind}须填写成员人数（用于计算法定人数和表决）`;
    throw AppError.field('VALIDATION', 'membersTotal', message);
  }
}

/** Replace the agenda, keeping recorded votes of items that stay (matched by id). */
function writeAgenda(ctx: ServiceContext, meetingId: string, agenda: MeetingFields['agenda']): void {
  const old = new Map(agendaRows(ctx, meetingId).map((a) => [a.id, a]));
  ctx.db.delete(agendaItems).where(eq(agendaItems.meetingId, meetingId)).run();
  agenda.forEach((a, i) => {
    const kept = a.id ? old.get(a.id) : undefined;
    ctx.db.insert(agendaItems).values({
      id: kept?.id ?? newId(), meetingId, position: i + 1, title: a.title, matterId: a.matterId, forVote: a.forVote, inNotice: a.inNotice, yesVotes: kept?.yesVotes ?? null,
    }).run();
  });
  indexAgenda(ctx, meetingId);
}

function snapshot(ctx: ServiceContext, id: string) {
  const { checks: _checks, overrides: _overrides, minutes: _minutes, ...rest } = getMeeting(ctx, id);
  return rest;
}

export function createMeeting(ctx: ServiceContext, actor: Actor, f: MeetingFields): Meeting {
  getCommunity(ctx, f.communityId);
  validateShape(f);
  checkAgendaMatters(ctx, f.communityId, f.agenda);
  const body = meetingBodyAsOf(ctx, f);
  const violations = [...noticeViolations(ctx, f.communityId, f), ...membersDiffer(f.kind, f.membersTotal, body)];
  requireOverride(violations, f.overrideReason);
  const id = newId();
  write(ctx, actor, (tx) => {
    const now = nowIso();
    ctx.db.insert(meetings).values({
      id, communityId: f.communityId, kind: f.kind, form: f.form, title: f.title, date: f.date, startTime: f.startTime, place: f.place,
      convener: f.convener, noticeDate: f.noticeDate, membersTotal: f.membersTotal, status: 'planned', createdAt: now, updatedAt: now,
    }).run();
    writeAgenda(ctx, id, f.agenda);
    // The body's members start the attendee list, ticked as members; invitees are added on the meeting's page.
    const party = MEETING_BODY[f.kind]?.party;
    if (body !== null && party !== undefined) {
      body.members.forEach((m, i) => {
        ctx.db.insert(attendeesTable).values({ id: newId(), meetingId: id, position: i + 1, party, name: m.name, role: m.role, isMember: true, present: null }).run();
      });
    }
    tx.audit({ action: 'create', entity: 'meeting', entityId: id, after: snapshot(ctx, id) });
    recordOverrides(ctx, tx, actor, { communityId: f.communityId, entity: 'meeting', entityId: id }, violations, f.overrideReason);
  });
  return getMeeting(ctx, id);
}

export function updateMeeting(ctx: ServiceContext, actor: Actor, f: Omit<MeetingFields, 'communityId'> & { id: string; expectedRevision?: number | undefined }): Meeting {
  const row = meetingRow(ctx, f.id);
  if (row.status === 'held') throw new AppError('REFUSED', '会议已召开并记录了结果，不能再修改通知内容；如有更正请在会议纪要中说明');
  validateShape(f);
  checkAgendaMatters(ctx, row.communityId, f.agenda);
  // The member count is checked again only when it, the kind or the date changed (an earlier reason stands otherwise).
  const recount = f.membersTotal !== row.membersTotal || f.kind !== row.kind || f.date !== row.date;
  const body = recount ? meetingBodyAsOf(ctx, { communityId: row.communityId, kind: f.kind, date: f.date }) : null;
  const violations = [...noticeViolations(ctx, row.communityId, f), ...membersDiffer(f.kind, f.membersTotal, body)];
  requireOverride(violations, f.overrideReason);
  write(ctx, actor, (tx) => {
    refuseStale(ctx, 'meeting', meetingRow(ctx, f.id), f.expectedRevision);
    const before = snapshot(ctx, f.id);
    ctx.db.update(meetings).set({
      kind: f.kind, form: f.form, title: f.title, date: f.date, startTime: f.startTime, place: f.place, convener: f.convener, noticeDate: f.noticeDate,
      membersTotal: f.membersTotal, updatedAt: nowIso(),
    }).where(eq(meetings.id, f.id)).run();
    writeAgenda(ctx, f.id, f.agenda);
    tx.audit({ action: 'update', entity: 'meeting', entityId: f.id, before, after: snapshot(ctx, f.id) });
    recordOverrides(ctx, tx, actor, { communityId: row.communityId, entity: 'meeting', entityId: f.id }, violations, f.overrideReason);
  });
  return getMeeting(ctx, f.id);
}

export function setAttendees(ctx: ServiceContext, actor: Actor, input: { id: string; attendees: z.output<typeof attendeeInput>[] }): Meeting {
  const row = meetingRow(ctx, input.id);
  const old = attendeeRows(ctx, input.id);
  write(ctx, actor, (tx) => {
    ctx.db.delete(attendeesTable).where(eq(attendeesTable.meetingId, input.id)).run();
    input.attendees.forEach((a, i) => {
      // Presence already recorded for the same person stays.
      const same = old.find((o) => o.party === a.party && o.name === a.name);
      ctx.db.insert(attendeesTable).values({
        id: same?.id ?? newId(), meetingId: row.id, position: i + 1, party: a.party, name: a.name, role: a.role, isMember: a.isMember, present: same?.present ?? null,
      }).run();
    });
    tx.audit({ action: 'set-attendees', entity: 'meeting', entityId: row.id, before: old, after: input.attendees });
  });
  return getMeeting(ctx, input.id);
}

/** After the meeting: who was present and, for committees, the yes votes of each item; checks the quorum. */
export function recordResults(
  ctx: ServiceContext, actor: Actor,
  input: { id: string; present: { attendeeId: string; present: boolean }[]; votes: { agendaItemId: string; yes: number }[]; overrideReason: string },
): Meeting {
  const row = meetingRow(ctx, input.id);
  const attendees = attendeeRows(ctx, input.id);
  const agenda = agendaRows(ctx, input.id);
  const presence = new Map(attendees.map((a) => [a.id, a.present]));
  for (const p of input.present) {
    if (!presence.has(p.attendeeId)) throw new AppError('VALIDATION', '出席名单中没有这个人，请刷新后重试');
    presence.set(p.attendeeId, p.present);
  }
  const violations: RuleViolation[] = [];
  if (isCommittee(row.kind) && row.membersTotal !== null) {
    const present = attendees.filter((a) => a.isMember && presence.get(a.id) === true).length;
    const q = committeeQuorum(row.membersTotal, present);
    if (!q.quorate) {
      violations.push({ rule: 'quorum', message: `${row.kind}应有过半数成员出席：成员${row.membersTotal}人，至少${q.needed}人出席，实到${present}人` });
    }
    for (const v of input.votes) {
      const item = agenda.find((a) => a.id === v.agendaItemId);
      if (!item) throw new AppError('VALIDATION', '议题不存在，请刷新后重试');
      if (v.yes > row.membersTotal) throw new AppError('VALIDATION', `议题“${item.title}”的同意票 ${v.yes} 超过成员人数 ${row.membersTotal}`);
      if (v.yes > present) throw new AppError('VALIDATION', `议题“${item.title}”的同意票 ${v.yes} 超过出席成员 ${present} 人`);
    }
  } else if (input.votes.length > 0) {
    throw new AppError('VALIDATION', `${row.kind}的表决请在“表决”中记录，这里只记录委员会会议的同意票数`);
  }
  requireOverride(violations, input.overrideReason);
  write(ctx, actor, (tx) => {
    const before = snapshot(ctx, row.id);
    for (const p of input.present) ctx.db.update(attendeesTable).set({ present: p.present }).where(eq(attendeesTable.id, p.attendeeId)).run();
    for (const v of input.votes) {
      ctx.db.update(agendaItems).set({ yesVotes: v.yes }).where(and(eq(agendaItems.id, v.agendaItemId), eq(agendaItems.meetingId, row.id))).run();
    }
    ctx.db.update(meetings).set({ status: 'held', updatedAt: nowIso() }).where(eq(meetings.id, row.id)).run();
    tx.audit({ action: 'record-results', entity: 'meeting', entityId: row.id, before, after: snapshot(ctx, row.id) });
    recordOverrides(ctx, tx, actor, { communityId: row.communityId, entity: 'meeting', entityId: row.id }, violations, input.overrideReason);
  });
  return getMeeting(ctx, row.id);
}

export function postDecisions(ctx: ServiceContext, actor: Actor, input: { id: string; postedDate: string; overrideReason: string }): Meeting {
  const row = meetingRow(ctx, input.id);
  if (row.status !== 'held') throw new AppError('REFUSED', '会议尚未记录为已召开，请先记录出席情况');
  if (input.postedDate < row.date) throw new AppError('VALIDATION', `公告日期 ${input.postedDate} 早于会议日期 ${row.date}`);
  const violations = checkPosting(row.date, input.postedDate, meetingRules(ctx, row.communityId), officeCalendar(ctx));
  requireOverride(violations, input.overrideReason);
  write(ctx, actor, (tx) => {
    ctx.db.update(meetings).set({ postedDate: input.postedDate, updatedAt: nowIso() }).where(eq(meetings.id, row.id)).run();
    tx.audit({ action: 'post-decisions', entity: 'meeting', entityId: row.id, before: { postedDate: row.postedDate }, after: { postedDate: input.postedDate } });
    recordOverrides(ctx, tx, actor, { communityId: row.communityId, entity: 'meeting', entityId: row.id }, violations, input.overrideReason);
  });
  return getMeeting(ctx, row.id);
}

/** The owners' committee's 2-month rule, and held meetings whose decisions wait to be posted. */
export function meetingReminders(ctx: ServiceContext, communityId: string, today = todayInOffice()) {
  const rules = meetingRules(ctx, communityId);
  const calendar = officeCalendar(ctx);
  const lastHeld = ctx.db.select({ date: max(meetings.date) }).from(meetings)
    .where(and(eq(meetings.communityId, communityId), eq(meetings.kind, '业委会会议'), eq(meetings.status, 'held'))).get()?.date ?? null;
  const due = committeeMeetingDue(lastHeld, today, rules);
  const waiting = ctx.db.select({ id: meetings.id, title: meetings.title, date: meetings.date }).from(meetings)
    .where(and(eq(meetings.communityId, communityId), eq(meetings.status, 'held'), isNull(meetings.postedDate))).orderBy(meetings.date).all();
  return {
    committee: { lastHeld, due: due.due, overdue: due.overdue, months: rules.committeeMeetingMonths },
    posting: waiting.map((m) => {
      const deadline = postingDeadline(m.date, rules, calendar).date;
      return { meetingId: m.id, title: m.title, date: m.date, deadline, overdue: today > deadline };
    }),
  };
}
