/**
 * Calendar dates for every rule in the app (docs/domain.md §8, Civil Code Arts. 201–203).
 * Dates are 'YYYY-MM-DD' strings; arithmetic is on UTC days, so no time zone
 * or daylight-saving shift can move a date.
 *
 * - A period starts the day after the event: "within N days of" D ends on D + N.
 * - A period in months ends on the same day number of the last month, or on that
 *   month's last day when it has no such day (Jan 31 + 1 month = Feb 28/29).
 * - When the last day of a period BY WHICH SOMEONE MUST ACT is a rest day
 *   (weekend or public holiday, but not a make-up working day of 调休), it moves
 *   to the next working day.
 * - A notice period itself is not moved: the latest day to give notice and the
 *   earliest end after a notice are plain arithmetic, flagged when they fall on
 *   a rest day.
 */
import type { HolidayCalendar } from './holidays';
import { toHalfWidth } from './text';

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtc(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (fromUtc(t) !== date) throw new Error(`not a date: ${date}`);
  return t;
}

function fromUtc(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function isValidDate(date: string): boolean {
  try {
    toUtc(date);
    return true;
  } catch {
    return false;
  }
}

/**
 * A date typed as text, as offices and banks write it → YYYY-MM-DD, or null:
 * 2026-01-05, 2026/1/5, 2026.1.5, 2026年1月5日, 20260105, with full-width
 * digits, and a time after it (bank statements: "2026-01-05 10:23:45").
 */
export function readDateText(text: string): string | null {
  const t = toHalfWidth(text).trim();
  const m = /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(t);
  if (!m) return null;
  const date = `${m[1]}-${(m[2] ?? m[4])!.padStart(2, '0')}-${(m[3] ?? m[5])!.padStart(2, '0')}`;
  return isValidDate(date) ? date : null;
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** Same day number `months` later (or earlier), clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const d = new Date(toUtc(date));
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay)));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(toUtc(date)).getUTCDay();
}

/** A statutory rest day: a public holiday, or a weekend that is not a make-up working day. */
export function isRestDay(date: string, calendar: HolidayCalendar): boolean {
  if (calendar.workdays.has(date)) return false;
  if (calendar.holidays.has(date)) return true;
  const w = weekday(date);
  return w === 0 || w === 6;
}

/** The date itself when it is a working day, else the next working day. */
export function nextWorkingDay(date: string, calendar: HolidayCalendar): string {
  let d = date;
  // Bounded: the longest run of rest days in a year is well under a month.
  for (let i = 0; i < 31 && isRestDay(d, calendar); i++) d = addDays(d, 1);
  return d;
}

export type Period = { days: number } | { months: number };

function periodEnd(event: string, period: Period): string {
  return 'days' in period ? addDays(event, period.days) : addMonths(event, period.months);
}

export interface Deadline {
  /** The day by which to act. */
  date: string;
  /** The plain end of the period, before moving past rest days. */
  plainEnd: string;
  /** True when the plain end was a rest day and the deadline moved. */
  moved: boolean;
}

/** The last day to act (file, post, sue…) within a period after an event, moved past rest days. */
export function deadlineToAct(event: string, period: Period, calendar: HolidayCalendar): Deadline {
  const plainEnd = periodEnd(event, period);
  const date = nextWorkingDay(plainEnd, calendar);
  return { date, plainEnd, moved: date !== plainEnd };
}

export interface NoticeDate {
  date: string;
  /** Not moved (docs/domain.md §8), only flagged for the user. */
  onRestDay: boolean;
}

/** "At least N days before" `date`: the latest day to give notice (date − N), not moved. */
export function latestNoticeDate(date: string, days: number, calendar: HolidayCalendar): NoticeDate {
  const d = addDays(date, -days);
  return { date: d, onRestDay: isRestDay(d, calendar) };
}

/** The earliest end after a notice of N days (notice + N), not moved. */
export function earliestEndAfterNotice(notice: string, days: number, calendar: HolidayCalendar): NoticeDate {
  const d = addDays(notice, days);
  return { date: d, onRestDay: isRestDay(d, calendar) };
}

/** Whether a notice given on `notice` is at least `days` calendar days before `date`. */
export function noticeIsInTime(notice: string, date: string, days: number): boolean {
  return daysBetween(notice, date) >= days;
}
