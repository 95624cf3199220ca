/**
 * Meetings: calling them (with the notice rules), their agenda, who attends,
 * what happened (presence, committee votes), and posting the decisions.
 * Every procedural rule is checked on save; an override needs a reason.
 */
import type { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import type { attendeeInput, meeting as meetingSchema, meetingFields, meetingListItem } from '../../../shared/contract/meetings';
import { isRestDay } from '../../../shared/domain/dates';
import {
  checkMeetingNotice, checkPosting, COMMITTEE_KINDS, committeeDecision, committeeMeetingDue, committeeQuorum, postingDeadline,
  requiredNoticeDays, type MeetingKind, type MeetingRules, type RuleViolation,
} from '../../../shared/domain/meetings';
import { addDays } from '../../../shared/domain/dates';
import { nowIso, todayInOffice } from '../../db/clock';
import { newId } from '../../db/ids';
import { getCommunity } from '../register/communities';
import { write, type Actor, type ServiceContext } from '../context';
import { officeCalendar } from '../system/holidays';
import { overridesOf, recordOverrides, requireOverride } from '../rule-overrides';

type MeetingFields = z.output<typeof meetingFields>;
type Meeting = z.output<typeof meetingSchema>;

interface MeetingRow {
  id: string; community_id: string; kind: MeetingKind; form: Meeting['form']; title: string; date: string; start_time: string;
  place: string; convener: string; notice_date: string | null; members_total: number | null; status: 'planned' | 'held';
  posted_date: string | null;
}

function meetingRow(ctx: ServiceContext, id: string): MeetingRow {
  const row = ctx.sqlite.prepare('select * from meetings where id = ?').get(id) as MeetingRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到这个会议，可能已被删除');
  return row;
}

export function meetingRules(ctx: ServiceContext, communityId: string): MeetingRules {
  return getCommunity(ctx, communityId).settings.meetingRules;
}

function agendaRows(ctx: ServiceContext, meetingId: string) {
  return (ctx.sqlite.prepare(`select a.id, a.position, a.title, a.matter_id as matterId, m.title as matterTitle,
      a.for_vote as forVote, a.in_notice as inNotice, a.yes_votes as yesVotes
      from agenda_items a left join matters m on m.id = a.matter_id where a.meeting_id = ? order by a.position`)
    .all(meetingId) as { id: string; position: number; title: string; matterId: string | null; matterTitle: string | null; forVote: number; inNotice: number; yesVotes: number | null }[])
    .map((a) => ({ ...a, forVote: a.forVote === 1, inNotice: a.inNotice === 1 }));
}

function attendeeRows(ctx: ServiceContext, meetingId: string) {
  return (ctx.sqlite.prepare('select id, party, name, role, is_member as isMember, present from attendees where meeting_id = ? order by position')
    .all(meetingId) as { id: string; party: Meeting['attendees'][number]['party']; name: string; role: string; isMember: number; present: number | null }[])
    .map((a) => ({ ...a, isMember: a.isMember === 1, present: a.present === null ? null : a.present === 1 }));
}

function isCommittee(kind: MeetingKind): boolean {
  return COMMITTEE_KINDS.includes(kind);
}

export function getMeeting(ctx: ServiceContext, id: string): Meeting {
  const row = meetingRow(ctx, id);
  const community = getCommunity(ctx, row.community_id);
  const rules = community.settings.meetingRules;
  const calendar = officeCalendar(ctx);
  const attendees = attendeeRows(ctx, id);
  const members = row.members_total;
  const committee = isCommittee(row.kind) && members !== null;
  const noticeDays = requiredNoticeDays(row.kind, rules);
  const latest = noticeDays === null ? null : addDays(row.date, -noticeDays);
  const presentMembers = attendees.filter((a) => a.isMember && a.present === true).length;
  const quorum = committee ? { members, present: presentMembers, ...committeeQuorum(members, presentMembers) } : null;
  return {
    id: row.id, communityId: row.community_id, communityName: community.name, kind: row.kind, form: row.form, title: row.title,
    date: row.date, startTime: row.start_time, place: row.place, convener: row.convener, noticeDate: row.notice_date,
    membersTotal: row.members_total, status: row.status, postedDate: row.posted_date,
    agenda: agendaRows(ctx, id).map((a) => ({
      ...a,
      passed: committee && a.forVote && a.yesVotes !== null ? committeeDecision(members, a.yesVotes, rules.committeeDecisionRule).passed : null,
    })),
    attendees,
    overrides: overridesOf(ctx, 'meeting', id),
    minutes: ctx.sqlite.prepare('select id, version, status, approved_at as approvedAt, approved_by as approvedBy from minutes where meeting_id = ? order by version')
      .all(id) as Meeting['minutes'],
    checks: {
      notice: noticeDays === null || latest === null ? null : { days: noticeDays, latest, onRestDay: isRestDay(latest, calendar) },
      postingDeadline: postingDeadline(row.date, rules, calendar),
      quorum,
    },
  };
}

export function listMeetings(ctx: ServiceContext, q: { communityId: string; from?: string; to?: string; limit: number }): z.output<typeof meetingListItem>[] {
  return ctx.sqlite.prepare(`select m.id, m.kind, m.title, m.date, m.start_time as startTime, m.place, m.status, m.notice_date as noticeDate,
      case when not exists (select 1 from minutes n where n.meeting_id = m.id) then 'none'
           when exists (select 1 from minutes d where d.meeting_id = m.id and d.status = 'draft') then 'draft'
           else 'approved' end as minutesStatus
      from meetings m where m.community_id = ? and m.date >= ? and m.date <= ? order by m.date, m.start_time limit ?`)
    .all(q.communityId, q.from ?? '0000-00-00', q.to ?? '9999-99-99', q.limit) as z.output<typeof meetingListItem>[];
}

function checkAgendaMatters(ctx: ServiceContext, communityId: string, agenda: MeetingFields['agenda']): void {
  for (const item of agenda) {
    if (item.matterId === null) continue;
    const owner = ctx.sqlite.prepare('select community_id from matters where id = ?').pluck().get(item.matterId) as string | undefined;
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
  ctx.sqlite.prepare('delete from agenda_items where meeting_id = ?').run(meetingId);
  const insert = ctx.sqlite.prepare(`insert into agenda_items (id, meeting_id, position, title, matter_id, for_vote, in_notice, yes_votes)
    values (?, ?, ?, ?, ?, ?, ?, ?)`);
  agenda.forEach((a, i) => {
    const kept = a.id ? old.get(a.id) : undefined;
    insert.run(kept?.id ?? newId(), meetingId, i + 1, a.title, a.matterId, a.forVote ? 1 : 0, a.inNotice ? 1 : 0, kept?.yesVotes ?? null);
  });
}

function snapshot(ctx: ServiceContext, id: string) {
  const { checks: _checks, overrides: _overrides, minutes: _minutes, ...rest } = getMeeting(ctx, id);
  return rest;
}

export function createMeeting(ctx: ServiceContext, actor: Actor, f: MeetingFields): Meeting {
  getCommunity(ctx, f.communityId);
  validateShape(f);
  checkAgendaMatters(ctx, f.communityId, f.agenda);
  const violations = noticeViolations(ctx, f.communityId, f);
  requireOverride(violations, f.overrideReason);
  const id = newId();
  write(ctx, actor, (tx) => {
    const now = nowIso();
    ctx.sqlite.prepare(`insert into meetings (id, community_id, kind, form, title, date, start_time, place, convener, notice_date, members_total, status, created_at, updated_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'planned', ?, ?)`)
      .run(id, f.communityId, f.kind, f.form, f.title, f.date, f.startTime, f.place, f.convener, f.noticeDate, f.membersTotal, now, now);
    writeAgenda(ctx, id, f.agenda);
    tx.audit({ action: 'create', entity: 'meeting', entityId: id, after: snapshot(ctx, id) });
    recordOverrides(ctx, tx, actor, { communityId: f.communityId, entity: 'meeting', entityId: id }, violations, f.overrideReason);
  });
  return getMeeting(ctx, id);
}

export function updateMeeting(ctx: ServiceContext, actor: Actor, f: Omit<MeetingFields, 'communityId'> & { id: string }): Meeting {
  const row = meetingRow(ctx, f.id);
  if (row.status === 'held') throw new AppError('REFUSED', '会议已召开并记录了结果，不能再修改通知内容；如有更正请在会议纪要中说明');
  validateShape(f);
  checkAgendaMatters(ctx, row.community_id, f.agenda);
  const violations = noticeViolations(ctx, row.community_id, f);
  requireOverride(violations, f.overrideReason);
  write(ctx, actor, (tx) => {
    const before = snapshot(ctx, f.id);
    ctx.sqlite.prepare(`update meetings set kind = ?, form = ?, title = ?, date = ?, start_time = ?, place = ?, convener = ?, notice_date = ?,
        members_total = ?, updated_at = ? where id = ?`)
      .run(f.kind, f.form, f.title, f.date, f.startTime, f.place, f.convener, f.noticeDate, f.membersTotal, nowIso(), f.id);
    writeAgenda(ctx, f.id, f.agenda);
    tx.audit({ action: 'update', entity: 'meeting', entityId: f.id, before, after: snapshot(ctx, f.id) });
    recordOverrides(ctx, tx, actor, { communityId: row.community_id, entity: 'meeting', entityId: f.id }, violations, f.overrideReason);
  });
  return getMeeting(ctx, f.id);
}

export function setAttendees(ctx: ServiceContext, actor: Actor, input: { id: string; attendees: z.output<typeof attendeeInput>[] }): Meeting {
  const row = meetingRow(ctx, input.id);
  const old = attendeeRows(ctx, input.id);
  write(ctx, actor, (tx) => {
    ctx.sqlite.prepare('delete from attendees where meeting_id = ?').run(input.id);
    const insert = ctx.sqlite.prepare('insert into attendees (id, meeting_id, position, party, name, role, is_member, present) values (?, ?, ?, ?, ?, ?, ?, ?)');
    input.attendees.forEach((a, i) => {
      // Presence already recorded for the same person stays.
      const same = old.find((o) => o.party === a.party && o.name === a.name);
      insert.run(same?.id ?? newId(), row.id, i + 1, a.party, a.name, a.role, a.isMember ? 1 : 0, same?.present === null || same === undefined ? null : same.present ? 1 : 0);
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
  if (isCommittee(row.kind) && row.members_total !== null) {
    const present = attendees.filter((a) => a.isMember && presence.get(a.id) === true).length;
    const q = committeeQuorum(row.members_total, present);
    if (!q.quorate) {
      violations.push({ rule: 'quorum', message: `${row.kind}应有过半数成员出席：成员${row.members_total}人，至少${q.needed}人出席，实到${present}人` });
    }
    for (const v of input.votes) {
      const item = agenda.find((a) => a.id === v.agendaItemId);
      if (!item) throw new AppError('VALIDATION', '议题不存在，请刷新后重试');
      if (v.yes > row.members_total) throw new AppError('VALIDATION', `议题“${item.title}”的同意票 ${v.yes} 超过成员人数 ${row.members_total}`);
      if (v.yes > present) throw new AppError('VALIDATION', `议题“${item.title}”的同意票 ${v.yes} 超过出席成员 ${present} 人`);
    }
  } else if (input.votes.length > 0) {
    throw new AppError('VALIDATION', `${row.kind}的表决请在“表决”中记录，这里只记录委员会会议的同意票数`);
  }
  requireOverride(violations, input.overrideReason);
  write(ctx, actor, (tx) => {
    const before = snapshot(ctx, row.id);
    const setPresent = ctx.sqlite.prepare('update attendees set present = ? where id = ?');
    for (const p of input.present) setPresent.run(p.present ? 1 : 0, p.attendeeId);
    const setVotes = ctx.sqlite.prepare('update agenda_items set yes_votes = ? where id = ? and meeting_id = ?');
    for (const v of input.votes) setVotes.run(v.yes, v.agendaItemId, row.id);
    ctx.sqlite.prepare("update meetings set status = 'held', updated_at = ? where id = ?").run(nowIso(), row.id);
    tx.audit({ action: 'record-results', entity: 'meeting', entityId: row.id, before, after: snapshot(ctx, row.id) });
    recordOverrides(ctx, tx, actor, { communityId: row.community_id, entity: 'meeting', entityId: row.id }, violations, input.overrideReason);
  });
  return getMeeting(ctx, row.id);
}

export function postDecisions(ctx: ServiceContext, actor: Actor, input: { id: string; postedDate: string; overrideReason: string }): Meeting {
  const row = meetingRow(ctx, input.id);
  if (row.status !== 'held') throw new AppError('REFUSED', '会议尚未记录为已召开，请先记录出席情况');
  if (input.postedDate < row.date) throw new AppError('VALIDATION', `公告日期 ${input.postedDate} 早于会议日期 ${row.date}`);
  const violations = checkPosting(row.date, input.postedDate, meetingRules(ctx, row.community_id), officeCalendar(ctx));
  requireOverride(violations, input.overrideReason);
  write(ctx, actor, (tx) => {
    ctx.sqlite.prepare('update meetings set posted_date = ?, updated_at = ? where id = ?').run(input.postedDate, nowIso(), row.id);
    tx.audit({ action: 'post-decisions', entity: 'meeting', entityId: row.id, before: { postedDate: row.posted_date }, after: { postedDate: input.postedDate } });
    recordOverrides(ctx, tx, actor, { communityId: row.community_id, entity: 'meeting', entityId: row.id }, violations, input.overrideReason);
  });
  return getMeeting(ctx, row.id);
}

/** The owners' committee's 2-month rule, and held meetings whose decisions wait to be posted. */
export function meetingReminders(ctx: ServiceContext, communityId: string, today = todayInOffice()) {
  const rules = meetingRules(ctx, communityId);
  const calendar = officeCalendar(ctx);
  const lastHeld = ctx.sqlite.prepare("select max(date) from meetings where community_id = ? and kind = '业委会会议' and status = 'held'")
    .pluck().get(communityId) as string | null;
  const due = committeeMeetingDue(lastHeld, today, rules);
  const waiting = ctx.sqlite.prepare("select id, title, date from meetings where community_id = ? and status = 'held' and posted_date is null order by date")
    .all(communityId) as { id: string; title: string; date: string }[];
  return {
    committee: { lastHeld, due: due.due, overdue: due.overdue, months: rules.committeeMeetingMonths },
    posting: waiting.map((m) => {
      const deadline = postingDeadline(m.date, rules, calendar).date;
      return { meetingId: m.id, title: m.title, date: m.date, deadline, overdue: today > deadline };
    }),
  };
}
