/**
 * The issue ledger (问题台账, docs/domain.md §7 [practice]): residents' problems with
 * their deadlines, status and escalation.
 *
 * - What cannot be solved on the spot gets a handling plan within 24 hours of
 *   the report (Bishan; a setting). Hours are counted on the clock, not moved past
 *   rest days: a 24-hour promise is about urgency, and a weekend does not stop it.
 * - A resolution due date is set per issue; it is met when the issue is closed
 *   (已办结) on or before that day.
 * - Escalation runs 楼栋 → 小区 → 社区 → 街道 and stops there: small matters stay
 *   in the 小区, big ones within the street's area (小事不出小区、大事不出辖区).
 *   Each level is given its own days to solve it (a setting per level) and a
 *   responsible unit and person there; the issue's lateness restarts at the new
 *   level: 逾期 is judged against that level's deadline, and the deadlines of the
 *   levels below stay in the history (docs/domain.md §7).
 *
 * Times of day are office-local wall-clock times 'YYYY-MM-DDTHH:mm' (Beijing
 * time: the service converts instants with the office's time zone). China has
 * had no daylight saving since 1991, so hours add on UTC arithmetic exactly.
 */
import { addDays, deadlineToAct, isValidDate } from './dates';
import type { HolidayCalendar } from './holidays';

const MINUTE_MS = 60_000;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function toMs(at: string): number {
  const m = DATE_TIME.exec(at);
  if (!m) throw new Error(`not a date-time: ${at}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (fromMs(t) !== at) throw new Error(`not a date-time: ${at}`);
  return t;
}

function fromMs(t: number): string {
  return new Date(t).toISOString().slice(0, 16);
}

export function isValidDateTime(at: string): boolean {
  try {
    toMs(at);
    return true;
  } catch {
    return false;
  }
}

export function addHours(at: string, hours: number): string {
  return fromMs(toMs(at) + hours * 60 * MINUTE_MS);
}

/** Whole minutes from `from` to `to` (positive when `to` is later). */
export function minutesBetween(from: string, to: string): number {
  return Math.round((toMs(to) - toMs(from)) / MINUTE_MS);
}

/** The calendar day of a date-time. */
export const dayOf = (at: string): string => at.slice(0, 10);

export const ISSUE_STATUSES = ['登记', '已派单', '处理中', '已办结', '已回访'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/**
 * Forward one step, plus two moves the work needs: an issue solved on the spot
 * is closed straight from 登记 (docs/domain.md §7), and a closed issue whose return
 * visit finds it unsolved goes back to 处理中 (before 已回访, which is final).
 */
export const ISSUE_TRANSITIONS: Record<IssueStatus, readonly IssueStatus[]> = {
  登记: ['已派单', '已办结'],
  已派单: ['处理中'],
  处理中: ['已办结'],
  已办结: ['已回访', '处理中'],
  已回访: [],
};

export const isClosedStatus = (s: IssueStatus) => s === '已办结' || s === '已回访';

export function checkTransition(from: IssueStatus, to: IssueStatus): string | null {
  if (ISSUE_TRANSITIONS[from].includes(to)) return null;
  if (from === to) return `问题已是“${from}”状态`;
  const allowed = ISSUE_TRANSITIONS[from];
  if (allowed.length === 0) return `问题已“${from}”，不能再改为“${to}”`;
  return `问题状态不能从“${from}”改为“${to}”，只能改为${allowed.map((s) => `“${s}”`).join('或')}`;
}

export const ESCALATION_LEVELS = ['楼栋', '小区', '社区', '街道'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/** The levels an issue can be escalated to: each has its own days to solve it. */
export type UpperLevel = Exclude<EscalationLevel, '楼栋'>;
/** In order: the level above ESCALATION_LEVELS[i] is UPPER_LEVELS[i]. */
export const UPPER_LEVELS: readonly UpperLevel[] = ['小区', '社区', '街道'];

/** The level above, or null at 街道 (the top: 大事不出辖区). */
export function nextLevel(level: EscalationLevel): UpperLevel | null {
  return UPPER_LEVELS[ESCALATION_LEVELS.indexOf(level)] ?? null;
}

/** Refused: the message, and `field: 'reason'` when what is missing is the reason (the top level needs no reason to refuse). */
export type EscalationResult = { ok: true; level: UpperLevel } | { ok: false; message: string; field?: 'reason' };

/** One level up, with a written reason; refused past 街道 and without a reason. */
export function escalate(level: EscalationLevel, reason: string): EscalationResult {
  const next = nextLevel(level);
  if (next === null) return { ok: false, message: `问题已在${level}层级协调，不能再向上提级（小事不出小区、大事不出辖区）` };
  if (reason.trim() === '') return { ok: false, message: `从${level}提级到${next}须写明理由`, field: 'reason' };
  return { ok: true, level: next };
}

export interface IssueRules {
  /** A handling plan within this many hours of the report (Bishan: 24). */
  planHours: number;
  /**
   * Days the level an issue is escalated to has to solve it, counted from the
   * escalation's day (docs/domain.md §7: the seeds name no figure; 7 / 15 / 30 is
   * the app's default, a week for the 小区, a fortnight for the 社区, a month for
   * the street calling in its departments).
   */
  levelDays: Record<UpperLevel, number>;
}

export const DEFAULT_LEVEL_DAYS: Record<UpperLevel, number> = { 小区: 7, 社区: 15, 街道: 30 };
export const DEFAULT_ISSUE_RULES: IssueRules = { planHours: 24, levelDays: DEFAULT_LEVEL_DAYS };

/**
 * The resolution due date at the level escalated to: the escalation's day plus
 * the level's days; the last day moves past rest days, as for any period
 * within which someone must act (docs/domain.md §8).
 */
export function levelResolutionDue(escalatedAt: string, level: UpperLevel, levelDays: Record<UpperLevel, number>, calendar: HolidayCalendar) {
  const days = levelDays[level];
  return { ...deadlineToAct(dayOf(escalatedAt), { days }, calendar), days };
}

/** When the handling plan is due: the report time plus the setting's hours, on the clock. */
export function planDueAt(reportedAt: string, rules: Pick<IssueRules, 'planHours'> = DEFAULT_ISSUE_RULES): string {
  return addHours(reportedAt, rules.planHours);
}

/** What the ledger holds for one issue. `planDueAt` is stored when the issue is created, so a later change of the setting does not move it. */
export interface IssueFacts {
  reportedAt: string;
  planDueAt: string;
  /** When the handling plan was recorded. */
  planAt: string | null;
  /** The day by which it should be solved, if set. */
  resolutionDue: string | null;
  /** When it was closed (已办结); null while open or after it was reopened. */
  closedAt: string | null;
  status: IssueStatus;
  level: EscalationLevel;
  escalations: readonly { at: string; to: EscalationLevel; reason: string }[];
}

/** Solving it counts as having a plan: what is solved before the plan is due needs none. */
function planMadeAt(i: IssueFacts): string | null {
  if (i.planAt !== null && i.closedAt !== null) return i.planAt < i.closedAt ? i.planAt : i.closedAt;
  return i.planAt ?? i.closedAt;
}

/** The moment a resolution due date has passed: the start of the next day. */
function resolutionPassesAt(due: string): string {
  return `${addDays(due, 1)}T00:00`;
}

export interface Overdue {
  deadline: 'plan' | 'resolution';
  /** The plan's due time, or the resolution's due date. */
  due: string;
  message: string;
}

/**
 * Deadlines passed at `now` and not met (a plan neither made nor made
 * unnecessary; an open issue past its due date). The plan's hours belong to the
 * first level: once escalated, the issue is judged by the new level's
 * resolution deadline only (the missed plan stays in the history and the rates).
 */
export function overdueAt(i: IssueFacts, now: string): Overdue[] {
  const out: Overdue[] = [];
  const plan = planMadeAt(i);
  if (plan === null && now > i.planDueAt && i.escalations.length === 0) {
    out.push({ deadline: 'plan', due: i.planDueAt, message: `处理方案应于 ${i.planDueAt.replace('T', ' ')} 前制定，已逾期` });
  }
  if (i.resolutionDue !== null && i.closedAt === null && now >= resolutionPassesAt(i.resolutionDue)) {
    out.push({ deadline: 'resolution', due: i.resolutionDue, message: `问题应于 ${i.resolutionDue} 前办结，已逾期` });
  }
  return out;
}

export interface EscalationFlag {
  /** Why: the deadline that passed. */
  reason: string;
  /** The level to escalate to, or null when the issue is already at 街道 (then it is only flagged for supervision). */
  suggested: EscalationLevel | null;
}

/**
 * Flagged automatically when a deadline has passed unmet and nobody has
 * escalated since it passed; an escalation answers that deadline, and the next
 * one to pass flags again. Closed issues are not flagged.
 */
export function escalationFlag(i: IssueFacts, now: string): EscalationFlag | null {
  if (isClosedStatus(i.status)) return null;
  const lastEscalation = i.escalations.reduce<string | null>((m, e) => (m === null || e.at > m ? e.at : m), null);
  const unanswered = overdueAt(i, now).filter((o) => {
    const passedAt = o.deadline === 'plan' ? i.planDueAt : resolutionPassesAt(o.due);
    return lastEscalation === null || lastEscalation < passedAt;
  });
  if (unanswered.length === 0) return null;
  const suggested = nextLevel(i.level);
  const reason = unanswered.map((o) => o.message).join('；');
  return { reason: suggested === null ? `${reason}（已在街道层级，请督办）` : reason, suggested };
}

/**
 * A share shown as an integer percent, rounded DOWN: 100 % only when every one
 * counts, never 99.6 % shown as 100 %. null when nothing is counted (shown as —).
 */
export function ratePercent(part: number, total: number): number | null {
  if (total === 0) return null;
  return Math.floor((part * 100) / total);
}

export interface Rate {
  /** Met on time. */
  onTime: number;
  /** Counted: those whose deadline has been decided (met, missed, or passed while still open). */
  counted: number;
  percent: number | null;
}

/**
 * Resolution on-time rate at `now`: an issue counts once it is closed or its
 * due date has passed; it is on time when closed on or before its due date.
 * Issues without a due date, and open ones not yet due, are not counted —
 * leaving out open overdue issues would flatter the rate.
 */
export function resolutionOnTimeRate(issues: readonly IssueFacts[], now: string): Rate {
  let onTime = 0;
  let counted = 0;
  for (const i of issues) {
    if (i.resolutionDue === null) continue;
    if (i.closedAt !== null) {
      counted++;
      if (dayOf(i.closedAt) <= i.resolutionDue) onTime++;
    } else if (now >= resolutionPassesAt(i.resolutionDue)) {
      counted++;
    }
  }
  return { onTime, counted, percent: ratePercent(onTime, counted) };
}

/** Plan on-time rate at `now`, counted the same way: a plan (or the solution) by its due time. */
export function planOnTimeRate(issues: readonly IssueFacts[], now: string): Rate {
  let onTime = 0;
  let counted = 0;
  for (const i of issues) {
    const made = planMadeAt(i);
    if (made !== null) {
      counted++;
      if (made <= i.planDueAt) onTime++;
    } else if (now > i.planDueAt) {
      counted++;
    }
  }
  return { onTime, counted, percent: ratePercent(onTime, counted) };
}

/** Minutes from the report to the plan (or the solution, if that came first); null while neither. */
export function minutesToPlan(i: IssueFacts): number | null {
  const made = planMadeAt(i);
  return made === null ? null : minutesBetween(i.reportedAt, made);
}

/** Minutes from the report to closing; null while open. */
export function minutesToClose(i: IssueFacts): number | null {
  return i.closedAt === null ? null : minutesBetween(i.reportedAt, i.closedAt);
}

export interface DurationStats {
  count: number;
  /** Whole minutes, rounded half up; null when there is nothing to average. */
  mean: number | null;
  /** The middle value; for an even count the mean of the two middle ones, rounded half up. */
  median: number | null;
  max: number | null;
}

/** Integer statistics of durations in minutes (non-negative). */
export function durationStats(minutes: readonly number[]): DurationStats {
  const n = minutes.length;
  if (n === 0) return { count: 0, mean: null, median: null, max: null };
  const sorted = [...minutes].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  const halfUp = (num: number, den: number) => Math.floor((2 * num + den) / (2 * den));
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : halfUp(sorted[n / 2 - 1]! + sorted[n / 2]!, 2);
  return { count: n, mean: halfUp(sum, n), median, max: sorted[n - 1]! };
}

/** 1,505 minutes → “1天1小时5分”; for tables and statistics. */
export function formatMinutes(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [d > 0 ? `${d}天` : '', h > 0 ? `${h}小时` : '', m > 0 || (d === 0 && h === 0) ? `${m}分` : ''];
  return parts.join('');
}

/** A fact that cannot be true with the others: which fact, and the message naming the times. */
export interface IssueFactProblem {
  fact: 'reportedAt' | 'planDueAt' | 'planAt' | 'closedAt' | 'resolutionDue' | 'status';
  message: string;
}

/** Facts that cannot all be true; each message names the times, each problem its fact (for the form's field). */
export function checkIssueFacts(i: IssueFacts): IssueFactProblem[] {
  const out: IssueFactProblem[] = [];
  const times = [['reportedAt', '登记时间', i.reportedAt], ['planDueAt', '方案时限', i.planDueAt], ['planAt', '方案时间', i.planAt], ['closedAt', '办结时间', i.closedAt]] as const;
  const bad = times.filter(([, , t]) => t !== null && !isValidDateTime(t));
  if (i.resolutionDue !== null && !isValidDate(i.resolutionDue)) out.push({ fact: 'resolutionDue', message: `办结期限“${i.resolutionDue}”不是有效日期（应为 YYYY-MM-DD）` });
  out.push(...bad.map(([fact, name, t]) => ({ fact, message: `${name}“${t}”不是有效时间（应为 YYYY-MM-DDTHH:mm）` })));
  if (out.length > 0) return out;
  for (const [fact, name, t] of times.slice(1)) {
    if (t !== null && t < i.reportedAt) out.push({ fact, message: `${name} ${t.replace('T', ' ')} 早于登记时间 ${i.reportedAt.replace('T', ' ')}` });
  }
  if (i.resolutionDue !== null && i.resolutionDue < dayOf(i.reportedAt)) out.push({ fact: 'resolutionDue', message: `办结期限 ${i.resolutionDue} 早于登记日期 ${dayOf(i.reportedAt)}` });
  if (isClosedStatus(i.status) !== (i.closedAt !== null)) {
    out.push({ fact: 'status', message: i.closedAt === null ? `状态为“${i.status}”但没有办结时间` : `状态为“${i.status}”但已有办结时间` });
  }
  return out;
}
