/** Quarters as periods (公示 is quarterly): which quarter a day is in, and its first and last day. */
import { addDays, isValidDate } from '../../../../../shared/domain/dates';

export interface Period {
  from: string;
  to: string;
}

export type Quarter = 1 | 2 | 3 | 4;

export function quarterOf(date: string): { year: number; quarter: Quarter } {
  return { year: Number(date.slice(0, 4)), quarter: (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as Quarter };
}

export function quarterPeriod(year: number, quarter: Quarter): Period {
  const month = (quarter - 1) * 3 + 1;
  const from = `${year}-${String(month).padStart(2, '0')}-01`;
  const next = quarter === 4 ? `${year + 1}-01-01` : `${year}-${String(month + 3).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
}

/** The quarter a period is exactly, or null (a custom period). */
export function periodQuarter(p: Period): { year: number; quarter: Quarter } | null {
  if (!isValidDate(p.from)) return null;
  const q = quarterOf(p.from);
  const exact = quarterPeriod(q.year, q.quarter);
  return exact.from === p.from && exact.to === p.to ? q : null;
}
