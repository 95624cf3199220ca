/**
 * A deadline's countdown in words and its level of urgency, for every screen
 * that shows one (contracts, bodies, issues, the deadlines board): pure, so
 * that the boundaries are unit-tested (tests/unit/deadline-words.test.ts).
 *
 * A deadline is either a day ('YYYY-MM-DD': met when done on that day, so it
 * passes at the next midnight, office time) or a moment ('YYYY-MM-DDTHH:mm',
 * office time: an issue's handling plan is due by the hour). `now` is the
 * office's wall clock in the same form — never a UTC timestamp cut to a day.
 *
 * Under two days the count is in hours (a 24-hour plan is about hours); past
 * two days in whole days. The level: overdue once passed; soon within the
 * caller's warning (7 days by default, or from a day such as the renewal
 * preparation's); otherwise later.
 */
import { addDays, daysBetween } from '../../../shared/domain/dates';
import { minutesBetween } from '../../../shared/domain/issue-ledger';
import { formatDateTime } from '../format';
import { zhCN } from '../i18n/zh-CN';

const w = zhCN.deadline;

export type DeadlineLevel = 'overdue' | 'soon' | 'later';

export interface DeadlineWarning {
  /** Soon when this many days or fewer are left (default 7). */
  warnDays?: number;
  /** Soon from this day on, whatever is left (a reminder's start, such as renewal preparation). */
  warnFrom?: string | null;
}

export interface DeadlineView {
  level: DeadlineLevel;
  /** 还剩 3 天, 还剩 5 小时, 今天到期（还剩 6 小时）, 已逾期 2 天… */
  words: string;
  /** Minutes until the deadline passes; negative once passed. */
  minutesLeft: number;
}

const HOUR = 60;
const DAY = 24 * HOUR;
/** Below this the count is in hours. */
const HOURS_BELOW = 2 * DAY;

export const DEFAULT_WARN_DAYS = 7;

/** Now on the office's clock, 'YYYY-MM-DDTHH:mm' (Asia/Shanghai). */
export function officeNow(at: Date = new Date()): string {
  return formatDateTime(at.toISOString()).slice(0, 16).replace(' ', 'T');
}

const isDay = (due: string) => due.length === 10;

/** The moment a deadline has passed: a day's at the next midnight, a moment's at itself. */
export function passesAt(due: string): string {
  return isDay(due) ? `${addDays(due, 1)}T00:00` : due;
}

export function deadlineView(due: string, now: string, warning: DeadlineWarning = {}): DeadlineView {
  const minutesLeft = minutesBetween(now, passesAt(due));
  const today = now.slice(0, 10);
  const level: DeadlineLevel = minutesLeft <= 0 ? 'overdue' : isSoon(due, today, minutesLeft, warning) ? 'soon' : 'later';
  return { level, words: wordsOf(due, today, minutesLeft), minutesLeft };
}

function isSoon(due: string, today: string, minutesLeft: number, warning: DeadlineWarning): boolean {
  if (warning.warnFrom && today >= warning.warnFrom) return true;
  const days = warning.warnDays ?? DEFAULT_WARN_DAYS;
  // A day's deadline counts calendar days (due in 7 days = 7 days left); a moment's, whole days of time.
  return isDay(due) ? daysBetween(today, due) <= days : minutesLeft <= days * DAY;
}

function wordsOf(due: string, today: string, minutesLeft: number): string {
  if (minutesLeft <= 0) {
    const over = -minutesLeft;
    // A missed day is late by whole days from the day after it; a missed hour by the hour, then by days.
    if (isDay(due)) return w.daysOver(daysBetween(due, today));
    if (over < HOUR) return w.minutesOver(Math.max(over, 1));
    if (over < HOURS_BELOW) return w.hoursOver(Math.floor(over / HOUR));
    return w.daysOver(Math.floor(over / DAY));
  }
  const hours = Math.ceil(minutesLeft / HOUR);
  if (isDay(due)) {
    const days = daysBetween(today, due);
    if (days === 0) return w.todayLeft(hours);
    if (days === 1) return w.tomorrowLeft(hours);
    return w.daysLeft(days);
  }
  if (minutesLeft < HOUR) return w.minutesLeft(minutesLeft);
  if (minutesLeft < HOURS_BELOW) return w.hoursLeft(Math.floor(minutesLeft / HOUR));
  return w.daysLeft(Math.floor(minutesLeft / DAY));
}
