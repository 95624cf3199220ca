/**
 * The owners' committee (业委会) as a body, and the coverage targets of the
 * tripartite office (docs/domain.md §6, §7): how many members, how long a term,
 * the deadlines after an election, when re-election is prepared, and which
 * 小区 must have a party organisation.
 */
import { addMonths, deadlineToAct, isValidDate, type Deadline } from './dates';
import type { HolidayCalendar } from './holidays';

/** Per-community settings; defaults are docs/domain.md §6's and §7's. */
export interface CommitteeRules {
  minMembers: number;
  maxMembers: number;
  /** Three members are allowed up to this many households (Beijing, Hangzhou: 100); null: never. */
  smallCommunityHouseholds: number | null;
  /** A term is at most this many years (5). */
  maxTermYears: number;
  /** …and at least this many where the local rules say so (Shanghai, Hangzhou: 3); null: no lower bound. */
  minTermYears: number | null;
  /** First meeting within this many days of the election (指导规则 Art. 32 [copy]). */
  firstMeetingDays: number;
  /** Filing with the authorities within this many days of the election (物业管理条例 Art. 16). */
  filingDays: number;
  /** Re-election preparation is flagged this many months before the term ends ([practice]). */
  reElectionPreparationMonths: number;
}

export const DEFAULT_COMMITTEE_RULES: CommitteeRules = {
  minMembers: 5,
  maxMembers: 11,
  smallCommunityHouseholds: 100,
  maxTermYears: 5,
  minTermYears: null,
  firstMeetingDays: 7,
  filingDays: 30,
  reElectionPreparationMonths: 6,
};

/** Shanghai and Hangzhou set a term of 3 to 5 years. */
export const COMMITTEE_RULE_PRESETS: Record<'北京' | '上海' | '杭州', Partial<CommitteeRules>> = {
  北京: { smallCommunityHouseholds: 100 },
  上海: { smallCommunityHouseholds: null, minTermYears: 3 },
  杭州: { smallCommunityHouseholds: 100, minTermYears: 3 },
};

/** The member counts the rules allow for a community of `households`: odd numbers in range, 3 for small ones. */
export function allowedMemberCounts(households: number, rules: CommitteeRules = DEFAULT_COMMITTEE_RULES): number[] {
  const out: number[] = [];
  if (rules.smallCommunityHouseholds !== null && households <= rules.smallCommunityHouseholds && rules.minMembers > 3) out.push(3);
  for (let n = rules.minMembers; n <= rules.maxMembers; n++) if (n % 2 === 1) out.push(n);
  return out;
}

/** Whether `members` is allowed; the message says why not (odd, range, the small-community exception). */
export function checkMemberCount(members: number, households: number, rules: CommitteeRules = DEFAULT_COMMITTEE_RULES): string | null {
  if (!Number.isInteger(members) || members <= 0) return `业委会委员人数应为正整数，现为“${members}”`;
  if (allowedMemberCounts(households, rules).includes(members)) return null;
  const range = `${rules.minMembers}至${rules.maxMembers}人的单数`;
  if (members === 3 && rules.smallCommunityHouseholds !== null) {
    return `业委会委员为3人只适用于不超过${rules.smallCommunityHouseholds}户的小区，本小区${households}户，应为${range}`;
  }
  const small = rules.smallCommunityHouseholds !== null ? `（不超过${rules.smallCommunityHouseholds}户的小区可为3人）` : '';
  const what = members % 2 === 0 ? `${members}人为双数` : `现为${members}人`;
  return `业委会委员应为${range}${small}，${what}`;
}

/** Whether a term of `years` is allowed (at most 5; 3–5 where set). */
export function checkTermYears(years: number, rules: CommitteeRules = DEFAULT_COMMITTEE_RULES): string | null {
  if (!Number.isInteger(years) || years <= 0) return `业委会任期应为整数年，现为“${years}”`;
  if (years > rules.maxTermYears) return `业委会任期不得超过${rules.maxTermYears}年，现为${years}年`;
  if (rules.minTermYears !== null && years < rules.minTermYears) {
    return `业委会任期应为${rules.minTermYears}至${rules.maxTermYears}年，现为${years}年`;
  }
  return null;
}

/**
 * The last day of a term of `years` from the election: the same day number
 * `years` later, or that month's last day (elected 2024-02-29, 5 years → 2029-02-28).
 */
export function termEnd(electedOn: string, years: number): string {
  return addMonths(electedOn, 12 * years);
}

export interface ElectionDeadlines {
  /** The first meeting of the new committee. */
  firstMeetingBy: Deadline;
  /** Filing with the street / community (备案). */
  filingBy: Deadline;
}

/** Both are acts someone must do by a day, so a last day on a rest day moves to the next working day (docs/domain.md §8). */
export function electionDeadlines(electedOn: string, calendar: HolidayCalendar, rules: CommitteeRules = DEFAULT_COMMITTEE_RULES): ElectionDeadlines {
  return {
    firstMeetingBy: deadlineToAct(electedOn, { days: rules.firstMeetingDays }, calendar),
    filingBy: deadlineToAct(electedOn, { days: rules.filingDays }, calendar),
  };
}

/** Late first meeting or filing, each named with its dates; an act not yet done is late only once its day has passed. */
export function checkElectionFollowUp(
  f: { electedOn: string; firstMeetingOn: string | null; filedOn: string | null },
  today: string,
  calendar: HolidayCalendar,
  rules: CommitteeRules = DEFAULT_COMMITTEE_RULES,
): string[] {
  const d = electionDeadlines(f.electedOn, calendar, rules);
  const out: string[] = [];
  const check = (what: string, days: number, done: string | null, by: Deadline) => {
    const moved = by.moved ? `，第${days}日 ${by.plainEnd} 为休息日，顺延` : '';
    if (done !== null && done > by.date) out.push(`${what}应在选举后${days}日内完成（最迟 ${by.date}${moved}），实际为 ${done}`);
    else if (done === null && today > by.date) out.push(`${what}应在选举后${days}日内完成（最迟 ${by.date}${moved}），至今未登记`);
  };
  check('首次业委会会议', rules.firstMeetingDays, f.firstMeetingOn, d.firstMeetingBy);
  check('业委会备案', rules.filingDays, f.filedOn, d.filingBy);
  return out;
}

export type TermStateKind = 'in-term' | 're-election-preparation' | 'term-ended';

export interface TermState {
  kind: TermStateKind;
  termEnd: string;
  reElectionFrom: string;
  /** True when re-election preparation is due (or overdue: the term has ended). */
  flagged: boolean;
  message: string;
}

/** The term on `today`: in term, re-election to prepare (from M months before its end), or ended. */
export function committeeTermState(electedOn: string, years: number, today: string, rules: CommitteeRules = DEFAULT_COMMITTEE_RULES): TermState {
  if (!isValidDate(electedOn)) throw new Error(`not a date: ${electedOn}`);
  const end = termEnd(electedOn, years);
  const from = addMonths(end, -rules.reElectionPreparationMonths);
  if (today > end) {
    return { kind: 'term-ended', termEnd: end, reElectionFrom: from, flagged: true, message: `业委会任期已于 ${end} 届满，应尽快组织换届选举` };
  }
  if (today >= from) {
    return { kind: 're-election-preparation', termEnd: end, reElectionFrom: from, flagged: true, message: `业委会任期将于 ${end} 届满，应着手换届准备（自 ${from} 起）` };
  }
  return { kind: 'in-term', termEnd: end, reElectionFrom: from, flagged: false, message: `业委会任期至 ${end}，换届准备自 ${from} 起` };
}

/**
 * 党章 Art. 30: a unit with three or more FULL party members (正式党员) sets up a
 * party organisation; probationary members (预备党员) do not count toward the three.
 */
export const PARTY_ORGANISATION_MIN_MEMBERS = 3;

export function needsPartyOrganisation(fullMembers: number): boolean {
  return fullMembers >= PARTY_ORGANISATION_MIN_MEMBERS;
}

export interface CoverageRow {
  name: string;
  fullPartyMembers: number;
  hasPartyOrganisation: boolean;
}

export interface PartyCoverage {
  /** 小区 that must have an organisation (3+ full members). */
  required: number;
  /** Of those, how many have one. */
  covered: number;
  /** Names of those that should and do not, in the order given. */
  missing: string[];
  /** The target is 100 %: every such 小区 (docs/domain.md §7); vacuously met when none is required. */
  met: boolean;
}

export function partyOrganisationCoverage(rows: readonly CoverageRow[]): PartyCoverage {
  const required = rows.filter((r) => needsPartyOrganisation(r.fullPartyMembers));
  const missing = required.filter((r) => !r.hasPartyOrganisation).map((r) => r.name);
  return { required: required.length, covered: required.length - missing.length, missing, met: missing.length === 0 };
}

/**
 * 业委会/议事会/监事会 formed in at least `targetPercent` of the 小区 (Pidu: 80):
 * formed × 100 ≥ total × target, cross-multiplied so no rounding decides it.
 */
export function bodyCoverageMet(formed: number, total: number, targetPercent = 80): boolean {
  return formed * 100 >= total * targetPercent;
}
