/**
 * Meetings and the procedural rules that govern them (docs/domain.md §4 procedure,
 * §6 owners' committee). Pure functions on dates and integers; the service
 * checks them when the user saves and refuses unless the user overrides with
 * a written reason.
 */
import { addDays, addMonths, daysBetween, deadlineToAct, type Deadline } from './dates';
import type { HolidayCalendar } from './holidays';

/** The kinds of meeting, by the Chinese names the office uses (also the CLI's KIND). */
export const MEETING_KINDS = [
  '联席会议', '业主大会', '临时业主大会', '业主代表大会', '业委会会议', '议事会会议', '监事会会议', '党员大会',
  '网格议事日', '院坝会', '楼栋会', '单元会',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** Other names staff type for the same kind. */
export const MEETING_KIND_ALIASES: Record<string, MeetingKind> = { 坝坝会: '院坝会' };

export function meetingKindOf(text: string): MeetingKind | null {
  const t = text.trim();
  if ((MEETING_KINDS as readonly string[]).includes(t)) return t as MeetingKind;
  return MEETING_KIND_ALIASES[t] ?? null;
}

/** Owners' assemblies: noticed ahead, nothing voted that was not in the notice. */
export const ASSEMBLY_KINDS: readonly MeetingKind[] = ['业主大会', '临时业主大会', '业主代表大会'];
/** Bodies with a fixed membership: quorum and decisions count their members. */
export const COMMITTEE_KINDS: readonly MeetingKind[] = ['业委会会议', '议事会会议', '监事会会议'];
/** Informal meetings that collect residents' issues. */
export const INFORMAL_KINDS: readonly MeetingKind[] = ['网格议事日', '院坝会', '楼栋会', '单元会'];

/** An owners' assembly meets in session or by written solicitation (书面征求意见). */
export const ASSEMBLY_FORMS = ['现场会议', '书面征求意见'] as const;
export type AssemblyForm = (typeof ASSEMBLY_FORMS)[number];

/** The parties whose people attend (签到表 groups by them). */
export const ATTENDEE_PARTIES = ['居委会', '业委会', '物业', '党组织', '街道', '业主代表', '其他'] as const;
export type AttendeeParty = (typeof ATTENDEE_PARTIES)[number];

/**
 * The body whose members a committee meeting counts (组织建设's kinds), and the
 * party its members sign in under. Other meetings have no fixed membership.
 */
export const MEETING_BODY: Partial<Record<MeetingKind, { body: '业主委员会' | '业主议事会' | '业主监事会'; party: AttendeeParty }>> = {
  业委会会议: { body: '业主委员会', party: '业委会' },
  议事会会议: { body: '业主议事会', party: '业主代表' },
  监事会会议: { body: '业主监事会', party: '业主代表' },
};

/**
 * Whether a new attendee row starts ticked as a member: only in a committee
 * meeting and only under its members' party — 物业, 居委会, 街道 and other
 * invitees attend without counting toward the quorum.
 */
export function startsAsMember(kind: MeetingKind, party: AttendeeParty): boolean {
  return MEETING_BODY[kind]?.party === party;
}

export type DecisionRule = 'more-than-half' | 'half-or-more';

/** Per-community settings; the defaults are docs/domain.md §4's (procedure) and §6's. */
export interface MeetingRules {
  /** Owners' assembly: notice at least this many days before (物业管理条例 Art. 14). */
  assemblyNoticeDays: number;
  /** Extraordinary assembly (临时业主大会): Hangzhou allows 7 where the rules say so. */
  extraordinaryNoticeDays: number;
  /** Committee decisions: more than half of all members (Beijing, Shanghai, Hangzhou) or half or more (2009 指导规则 Art. 38). */
  committeeDecisionRule: DecisionRule;
  /** Decisions posted within this many days of the meeting (Beijing Art. 37). */
  postingDays: number;
  /** The owners' committee meets at least every this many months (Beijing, Shanghai). */
  committeeMeetingMonths: number;
}

export const DEFAULT_MEETING_RULES: MeetingRules = {
  assemblyNoticeDays: 15,
  extraordinaryNoticeDays: 15,
  committeeDecisionRule: 'more-than-half',
  postingDays: 3,
  committeeMeetingMonths: 2,
};

/**
 * A rule the user's input breaks; saving needs a written reason to go ahead.
 * The meetings' rules, and the owners' committee's size and term (committees.ts).
 */
export interface RuleViolation {
  rule: 'notice-period' | 'notice-missing' | 'not-in-notice' | 'quorum' | 'posting-late' | 'committee-members' | 'committee-term'
    // A committee meeting's member count differs from its body's in 组织建设.
    | 'members-differ'
    // A repair charge (shared/domain/treasury.ts chargeWarnings).
    | 'repair-notice' | 'repair-audit' | 'repair-decision';
  message: string;
}

export interface MeetingFacts {
  kind: MeetingKind;
  date: string;
  noticeDate: string | null;
  agenda: { title: string; forVote: boolean; inNotice: boolean }[];
}

export function requiredNoticeDays(kind: MeetingKind, rules: MeetingRules): number | null {
  if (kind === '临时业主大会') return rules.extraordinaryNoticeDays;
  if (ASSEMBLY_KINDS.includes(kind)) return rules.assemblyNoticeDays;
  return null;
}

/**
 * The notice date to suggest for a meeting recorded after it was held: the
 * meeting date less the notice period (the day notice was due at the latest),
 * so the record does not claim a notice later than the rules allow. Nothing for
 * a meeting still ahead (the notice is typed when given) or one with no period.
 */
export function suggestedNoticeDate(kind: MeetingKind, date: string, today: string, rules: MeetingRules): string | null {
  const days = requiredNoticeDays(kind, rules);
  if (days === null || date >= today) return null;
  return addDays(date, -days);
}

/** The notice rules of an owners' assembly: in time, and every item put to a vote was in the notice. */
export function checkMeetingNotice(m: MeetingFacts, rules: MeetingRules): RuleViolation[] {
  const days = requiredNoticeDays(m.kind, rules);
  if (days === null) return [];
  const out: RuleViolation[] = [];
  if (m.noticeDate === null) {
    out.push({ rule: 'notice-missing', message: `${m.kind}须提前${days}日通知全体业主：请填写通知日期` });
  } else {
    const gap = daysBetween(m.noticeDate, m.date);
    if (gap < days) {
      out.push({
        rule: 'notice-period',
        message: `${m.kind}须至少提前${days}日通知：会议日期 ${m.date}，通知日期 ${m.noticeDate}，只提前了${gap}日（最迟应于 ${addDays(m.date, -days)} 通知）`,
      });
    }
  }
  for (const item of m.agenda) {
    if (item.forVote && !item.inNotice) {
      out.push({ rule: 'not-in-notice', message: `议题“${item.title}”未列入会议通知，不得表决` });
    }
  }
  return out;
}

/** More than half of the members present (docs/domain.md §6). */
export function committeeQuorum(members: number, present: number): { quorate: boolean; needed: number } {
  const needed = Math.floor(members / 2) + 1;
  return { quorate: present >= needed, needed };
}

/** A committee decision: more than half (or half or more) of ALL members, not of those present. */
export function committeeDecision(members: number, yes: number, rule: DecisionRule): { passed: boolean; needed: number } {
  const needed = rule === 'more-than-half' ? Math.floor(members / 2) + 1 : Math.ceil(members / 2);
  return { passed: yes >= needed, needed };
}

/** The last day to post a meeting's decisions (an act: moved past rest days). */
export function postingDeadline(meetingDate: string, rules: MeetingRules, calendar: HolidayCalendar): Deadline {
  return deadlineToAct(meetingDate, { days: rules.postingDays }, calendar);
}

export function checkPosting(meetingDate: string, postedDate: string, rules: MeetingRules, calendar: HolidayCalendar): RuleViolation[] {
  const deadline = postingDeadline(meetingDate, rules, calendar);
  if (postedDate <= deadline.date) return [];
  const moved = deadline.moved ? `（第${rules.postingDays}日 ${deadline.plainEnd} 为休息日，顺延至 ${deadline.date}）` : '';
  return [{ rule: 'posting-late', message: `决定应在会议后${rules.postingDays}日内公告：会议 ${meetingDate}，最迟 ${deadline.date}${moved}，公告日期 ${postedDate} 已逾期` }];
}

/**
 * The owners' committee must meet every N months: the date by which the next
 * meeting is due after the last one held, and whether `today` is past it.
 */
export function committeeMeetingDue(lastHeld: string | null, today: string, rules: MeetingRules): { due: string | null; overdue: boolean } {
  if (lastHeld === null) return { due: null, overdue: false };
  const due = addMonths(lastHeld, rules.committeeMeetingMonths);
  return { due, overdue: today > due };
}
