/**
 * The property-service contract's statutory dates (docs/domain.md §6, Civil Code
 * Arts. 946–950) and which of them applies on a given day. Dates are
 * 'YYYY-MM-DD' as in dates.ts; the periods are settings of the contract,
 * because the Code lets a contract set its own ("合同对通知期限另有约定的除外").
 *
 * - Owners dismissing the company give written notice: earliest end = notice + 60 days (Art. 946).
 * - The company declining renewal notifies at least 90 days before expiry:
 *   latest notice = expiry − 90 days (Art. 947).
 * - Renewal preparation starts 6 months before expiry (Beijing Art. 75) — a reminder.
 * - After expiry without the owners' decision to renew or to hire another, the
 *   contract runs on for an indefinite term (不定期), which either side ends by
 *   60 days' written notice (Art. 948).
 * - After the contract ends the company hands over premises and records within
 *   the community's set period (Beijing 30 days, Hangzhou 15; Art. 949).
 *
 * Notice dates and earliest ends are plain arithmetic, flagged on a rest day
 * but never moved (docs/domain.md §8); the handover is something the company must
 * do by a day, so its last day moves past rest days.
 *
 * "Months before" mirrors dates.ts's month rule backwards: the same day number
 * months earlier, or that month's last day (6 months before 2028-08-31 is
 * 2028-02-29, before 2027-08-31 is 2027-02-28). The exact inverse of the
 * forward rule would sometimes give the 1st of the next month instead (02-29 +
 * 6 months is only 08-29); clamping backwards never starts a reminder later.
 */
import {
  addMonths, daysBetween, deadlineToAct, earliestEndAfterNotice, isValidDate, latestNoticeDate,
  type Deadline, type NoticeDate,
} from './dates';
import type { HolidayCalendar } from './holidays';

/** Per-contract periods (days unless named months); defaults are docs/domain.md §6's, Beijing's where places differ. */
export interface ContractPeriods {
  /** The company's notice of non-renewal, at least this many days before expiry (Art. 947). */
  nonRenewalNoticeDays: number;
  /** The owners' written notice of dismissal during the term (Art. 946). */
  dismissalNoticeDays: number;
  /** Either side's written notice ending a contract that runs on indefinitely (Art. 948). */
  indefiniteNoticeDays: number;
  /** Renewal preparation starts this many months before expiry (Beijing: 6); null: no reminder. */
  renewalPreparationMonths: number | null;
  /** Handover within this many days after the contract ends (Beijing 30, Hangzhou 15). */
  handoverDays: number;
}

export const DEFAULT_CONTRACT_PERIODS: ContractPeriods = {
  nonRenewalNoticeDays: 90,
  dismissalNoticeDays: 60,
  indefiniteNoticeDays: 60,
  renewalPreparationMonths: 6,
  handoverDays: 30,
};

/** Where the community's rules differ from the defaults. */
export const CONTRACT_PERIOD_PRESETS: Record<'北京' | '杭州', Partial<ContractPeriods>> = {
  北京: { handoverDays: 30, renewalPreparationMonths: 6 },
  杭州: { handoverDays: 15 },
};

/** The latest day the company may give notice that it will not renew (expiry − N), not moved. */
export function nonRenewalNoticeBy(expiry: string, periods: ContractPeriods, calendar: HolidayCalendar): NoticeDate {
  return latestNoticeDate(expiry, periods.nonRenewalNoticeDays, calendar);
}

/** The day renewal preparation starts (expiry − M months, clamped to the month's end); null without the rule. */
export function renewalPreparationFrom(expiry: string, periods: ContractPeriods): string | null {
  return periods.renewalPreparationMonths === null ? null : addMonths(expiry, -periods.renewalPreparationMonths);
}

/**
 * The earliest end after a written notice to end the contract: the dismissal
 * period for a notice given within the term, the indefinite contract's period
 * for one given after expiry. Not moved.
 */
export function earliestEndAfter(noticeOn: string, expiry: string, periods: ContractPeriods, calendar: HolidayCalendar): NoticeDate & { days: number } {
  const days = noticeOn > expiry ? periods.indefiniteNoticeDays : periods.dismissalNoticeDays;
  return { ...earliestEndAfterNotice(noticeOn, days, calendar), days };
}

/** The last day to hand over after the contract ended on `endedOn` (an act: moved past rest days). */
export function handoverDueBy(endedOn: string, periods: ContractPeriods, calendar: HolidayCalendar): Deadline {
  return deadlineToAct(endedOn, { days: periods.handoverDays }, calendar);
}

/** What `contract create` prints. */
export function contractDeadlines(expiry: string, periods: ContractPeriods, calendar: HolidayCalendar) {
  return {
    nonRenewalNoticeBy: nonRenewalNoticeBy(expiry, periods, calendar),
    renewalPreparationFrom: renewalPreparationFrom(expiry, periods),
  };
}

/** What is on record for a contract. Facts dated after the day asked about are not yet known on that day. */
export interface ContractFacts {
  /** First day of the term. */
  start: string;
  /** Last day of the term (期限届满日). */
  expiry: string;
  /** The company's written notice that it will not renew, given within the term. */
  nonRenewalNoticeOn: string | null;
  /** The owners' decision (业主大会): renew, or hire another company / manage themselves. */
  ownersDecision: { kind: 'renew' | 'replace'; on: string } | null;
  /** A written notice to end the contract: the owners' dismissal, or either side ending it after expiry. */
  terminationNoticeOn: string | null;
  /** The day the contract actually ended, when recorded (agreement, court, takeover); overrides the computed end. */
  endedOn: string | null;
  /** The day the company handed over premises and records. */
  handedOverOn: string | null;
}

/** Facts that cannot all be true; each message names the dates. */
export function checkContractFacts(c: ContractFacts): string[] {
  const out: string[] = [];
  const dates: [string, string | null][] = [
    ['起始日', c.start], ['届满日', c.expiry], ['不续聘通知日期', c.nonRenewalNoticeOn], ['业主大会决定日期', c.ownersDecision?.on ?? null],
    ['解除通知日期', c.terminationNoticeOn], ['终止日', c.endedOn], ['移交日期', c.handedOverOn],
  ];
  const bad = dates.filter(([, d]) => d !== null && !isValidDate(d));
  if (bad.length > 0) return bad.map(([name, d]) => `${name}“${d}”不是有效日期（应为 YYYY-MM-DD）`);
  if (c.expiry < c.start) out.push(`合同届满日 ${c.expiry} 早于起始日 ${c.start}`);
  for (const [name, d] of dates.slice(2)) {
    if (d !== null && d < c.start) out.push(`${name} ${d} 早于合同起始日 ${c.start}`);
  }
  if (c.nonRenewalNoticeOn !== null && c.nonRenewalNoticeOn > c.expiry) {
    out.push(`不续聘通知日期 ${c.nonRenewalNoticeOn} 晚于届满日 ${c.expiry}：届满后合同为不定期合同，请填写解除通知日期`);
  }
  if (c.ownersDecision?.kind === 'renew' && c.terminationNoticeOn !== null && c.terminationNoticeOn >= c.ownersDecision.on) {
    out.push(`业主大会已于 ${c.ownersDecision.on} 决定续聘，续聘后的解除通知 ${c.terminationNoticeOn} 应登记在续聘合同上`);
  }
  if (c.handedOverOn !== null && c.endedOn !== null && c.handedOverOn < c.endedOn) {
    // Handing over before the recorded end is possible (early takeover) but most likely a typo.
    out.push(`移交日期 ${c.handedOverOn} 早于合同终止日 ${c.endedOn}`);
  }
  return out;
}

/**
 * The day the contract ends as known on `today`: the recorded end; else the
 * earlier of expiry (when the company declined renewal, or the owners decided
 * within the term to hire another) and the earliest end after a written
 * notice; else null (it runs on, or has been renewed).
 */
export function contractEnd(c: ContractFacts, today: string, periods: ContractPeriods, calendar: HolidayCalendar): string | null {
  const known = (d: string | null): d is string => d !== null && d <= today;
  if (known(c.endedOn)) return c.endedOn;
  const ends: string[] = [];
  if (endsAtExpiry(c, today)) ends.push(c.expiry);
  if (known(c.terminationNoticeOn) && !renewedBy(c, c.terminationNoticeOn)) {
    ends.push(earliestEndAfter(c.terminationNoticeOn, c.expiry, periods, calendar).date);
  }
  return ends.length === 0 ? null : ends.sort()[0]!;
}

function endsAtExpiry(c: ContractFacts, today: string): boolean {
  if (c.nonRenewalNoticeOn !== null && c.nonRenewalNoticeOn <= today && c.nonRenewalNoticeOn <= c.expiry) return true;
  const d = c.ownersDecision;
  // A decision to replace taken after expiry does not end an indefinite contract by itself: it needs the 60 days' notice.
  return d !== null && d.kind === 'replace' && d.on <= today && d.on <= c.expiry;
}

function renewedBy(c: ContractFacts, day: string): boolean {
  return c.ownersDecision !== null && c.ownersDecision.kind === 'renew' && c.ownersDecision.on <= day;
}

export type ContractStateKind =
  | 'not-started'
  | 'in-term'
  | 'renewal-preparation'
  | 'notice-window-passed'
  | 'renewed'
  | 'ending-at-expiry'
  | 'termination-noticed'
  | 'ending'
  | 'indefinite'
  | 'handover-due'
  | 'handed-over';

export interface ContractState {
  kind: ContractStateKind;
  /** The date that matters in this state (see each kind's message). */
  date: string;
  /** One line for the contract's page, in Chinese, with the dates. */
  message: string;
  /** Past the state's date when it is a deadline (handover). */
  overdue: boolean;
  /** Things to point out without changing the state (a late notice, a notice date on a rest day). */
  notes: string[];
}

/**
 * Which rule applies on `today`, in this order: not started; handed over; ended
 * (handover due); a recorded end today; renewed; a notice to end running;
 * ending at expiry; running on indefinitely after expiry; within the term
 * (notice window passed, renewal preparation, or plainly in term).
 */
export function contractStateOn(c: ContractFacts, today: string, periods: ContractPeriods, calendar: HolidayCalendar): ContractState {
  const notes: string[] = [];
  const state = (kind: ContractStateKind, date: string, message: string, overdue = false): ContractState => ({ kind, date, message, overdue, notes });
  const noticeBy = nonRenewalNoticeBy(c.expiry, periods, calendar);
  if (c.nonRenewalNoticeOn !== null && c.nonRenewalNoticeOn <= today && c.nonRenewalNoticeOn > noticeBy.date && c.nonRenewalNoticeOn <= c.expiry) {
    notes.push(`物业的不续聘通知（${c.nonRenewalNoticeOn}）晚于届满前${periods.nonRenewalNoticeDays}日的最迟日期 ${noticeBy.date}`);
  }

  if (today < c.start) return state('not-started', c.start, `合同尚未开始，起始日 ${c.start}`);
  if (c.handedOverOn !== null && c.handedOverOn <= today) return state('handed-over', c.handedOverOn, `已于 ${c.handedOverOn} 完成移交`);

  const end = contractEnd(c, today, periods, calendar);
  if (end !== null && today > end) {
    const due = handoverDueBy(end, periods, calendar);
    const moved = due.moved ? `（第${periods.handoverDays}日 ${due.plainEnd} 为休息日，顺延）` : '';
    const late = today > due.date;
    return state('handover-due', due.date,
      `合同已于 ${end} 终止，物业服务用房和资料应于 ${due.date} 前移交${moved}${late ? `，已逾期${daysBetween(due.date, today)}日` : ''}`, late);
  }
  if (c.endedOn !== null && c.endedOn <= today) {
    // Recorded and not yet past: today is its last day.
    return state('ending', c.endedOn, `合同于 ${c.endedOn} 终止（已登记），此后${periods.handoverDays}日内移交`);
  }
  if (renewedBy(c, today)) {
    return state('renewed', c.expiry, `业主大会已于 ${c.ownersDecision!.on} 决定续聘；本合同至 ${c.expiry} 届满，续聘合同另行登记`);
  }
  if (end !== null && c.terminationNoticeOn !== null && c.terminationNoticeOn <= today) {
    const e = earliestEndAfter(c.terminationNoticeOn, c.expiry, periods, calendar);
    if (e.date === end) {
      if (e.onRestDay) notes.push(`最早终止日 ${e.date} 为休息日（通知期不顺延）`);
      const what = c.terminationNoticeOn > c.expiry ? '解除不定期合同' : '解聘';
      return state('termination-noticed', end, `已于 ${c.terminationNoticeOn} 书面通知${what}，提前${e.days}日，合同最早于 ${end} 终止`);
    }
  }
  if (end !== null) {
    const n = c.nonRenewalNoticeOn;
    const why = n !== null && n <= today && n <= c.expiry ? `物业已于 ${n} 通知不续聘` : `业主大会已于 ${c.ownersDecision?.on ?? ''} 决定另聘`;
    return state('ending-at-expiry', c.expiry, `${why}，合同于 ${c.expiry} 届满终止；新物业接管前原物业继续服务`);
  }
  if (today > c.expiry) {
    const d = c.ownersDecision;
    if (d !== null && d.kind === 'replace' && d.on <= today) {
      notes.push(`业主大会已于 ${d.on} 决定另聘：不定期合同须提前${periods.indefiniteNoticeDays}日书面通知物业解除`);
    }
    return state('indefinite', c.expiry,
      `合同已于 ${c.expiry} 届满，届满时未作出续聘或另聘决定，继续为不定期合同；任何一方可随时解除，但应提前${periods.indefiniteNoticeDays}日书面通知`);
  }
  if (today > noticeBy.date) {
    return state('notice-window-passed', c.expiry,
      `已过物业书面通知不续聘的最迟日期 ${noticeBy.date}（届满前${periods.nonRenewalNoticeDays}日），合同于 ${c.expiry} 届满`);
  }
  if (noticeBy.onRestDay) notes.push(`不续聘通知最迟日期 ${noticeBy.date} 为休息日（通知期不顺延）`);
  const prep = renewalPreparationFrom(c.expiry, periods);
  if (prep !== null && today >= prep) {
    return state('renewal-preparation', noticeBy.date,
      `合同将于 ${c.expiry} 届满，应着手续聘或另聘；物业不续聘须于 ${noticeBy.date} 前书面通知`);
  }
  const next = prep !== null && prep < noticeBy.date ? prep : noticeBy.date;
  const what = next === prep ? `续聘准备自 ${prep} 开始` : `物业不续聘须于 ${noticeBy.date} 前书面通知`;
  return state('in-term', next, `服务期内，至 ${c.expiry} 届满；${what}`);
}

/** A deadline the owners face, with the plain sentence of what follows when it passes. */
export interface OwnersDeadline {
  /** The last day to decide: the expiry (a decision on that day still counts). */
  due: string;
  /** From this day the deadline is urgent: renewal preparation's start (or null without that reminder). */
  urgentFrom: string | null;
  /** What happens at the deadline, for the owners and the office. */
  message: string;
}

/**
 * The owners' decision to renew or to hire another is due by the expiry: an
 * expiry with no decision leaves the contract running on for an indefinite
 * term (Art. 948). Null when nothing is pending: a decision taken, the
 * contract ending anyway (the company declined, a notice to end it, a recorded
 * end), or already past expiry (then the state says it runs on).
 */
export function ownersDecisionDeadline(c: ContractFacts, today: string, periods: ContractPeriods, calendar: HolidayCalendar): OwnersDeadline | null {
  if (today > c.expiry || today < c.start) return null;
  if (c.ownersDecision !== null && c.ownersDecision.on <= today) return null;
  if (contractEnd(c, today, periods, calendar) !== null) return null;
  if (c.terminationNoticeOn !== null && c.terminationNoticeOn <= today) return null;
  return {
    due: c.expiry,
    urgentFrom: renewalPreparationFrom(c.expiry, periods),
    message: `业主大会须在 ${c.expiry}（届满日）前决定续聘或另聘；届时仍未决定、物业继续服务的，合同继续有效但成为不定期合同（民法典第948条），此后任何一方提前${periods.indefiniteNoticeDays}日书面通知即可解除`,
  };
}
