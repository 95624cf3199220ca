import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays, addMonths, daysBetween, deadlineToAct, earliestEndAfterNotice, isRestDay, isValidDate, latestNoticeDate,
  nextWorkingDay, noticeIsInTime, weekday,
} from '../../shared/domain/dates';
import { calendarCovers, holidayCalendar, SHIPPED_HOLIDAY_YEARS } from '../../shared/domain/holidays';
import { officeDayOf } from '../../main/db/clock';
import { officeDay } from '../../renderer/src/format';

const cal = holidayCalendar();

describe('date arithmetic', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'], // leap year
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-05-15', 6, '2026-11-15'],
    ['2026-12-31', 2, '2027-02-28'],
  ] as const)('%s + %i months = %s', (from, months, to) => {
    expect(addMonths(from, months)).toBe(to);
  });

  it('refuses dates that do not exist', () => {
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2026-13-01')).toBe(false);
    expect(() => addDays('2026-02-30', 1)).toThrow();
  });

  it('adds and counts days consistently across month and year ends', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: -800, max: 800 }), (offset, n) => {
      const d = addDays('2024-01-01', offset);
      expect(daysBetween(d, addDays(d, n))).toBe(n);
      expect(addDays(addDays(d, n), -n)).toBe(d);
    }));
  });

  it('month arithmetic never overshoots the target month', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: -30, max: 30 }), (offset, months) => {
      const d = addDays('2024-01-01', offset);
      const r = addMonths(d, months);
      const monthIndex = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7)) - 1;
      expect(monthIndex(r) - monthIndex(d)).toBe(months);
      expect(Number(r.slice(8))).toBeLessThanOrEqual(Number(d.slice(8)));
    }));
  });
});

describe('the holiday calendar', () => {
  it('ships 2025 and 2026 with their make-up working days on weekends', () => {
    for (const y of SHIPPED_HOLIDAY_YEARS) {
      for (const d of y.workdays) expect([0, 6]).toContain(weekday(d));
      for (const d of [...y.holidays, ...y.workdays]) expect(d.startsWith(String(y.year))).toBe(true);
    }
    expect(SHIPPED_HOLIDAY_YEARS.find((y) => y.year === 2026)!.holidays.filter((d) => d >= '2026-02-15' && d <= '2026-02-23')).toHaveLength(9);
  });

  it('a holiday week: holidays rest, the make-up Saturday works, ordinary weekends rest', () => {
    expect(isRestDay('2026-10-05', cal)).toBe(true); // National Day, a Monday
    expect(isRestDay('2026-10-10', cal)).toBe(false); // Saturday, 调休 working day
    expect(isRestDay('2026-10-17', cal)).toBe(true); // ordinary Saturday
    expect(isRestDay('2026-10-09', cal)).toBe(false); // Friday
    expect(nextWorkingDay('2026-10-01', cal)).toBe('2026-10-08');
  });

  it('years it does not know count weekends only, and say so', () => {
    expect(calendarCovers(cal, '2030-10-01')).toBe(false);
    expect(isRestDay('2030-10-01', cal)).toBe(false); // a Tuesday: unknown holiday, treated as working
    expect(calendarCovers(cal, '2026-10-01')).toBe(true);
  });
});

describe('deadlines to act move past rest days (Civil Code Art. 203)', () => {
  it('within 3 days of a decision on the eve of National Day: moved to the first working day', () => {
    expect(deadlineToAct('2026-09-30', { days: 3 }, cal)).toEqual({ date: '2026-10-08', plainEnd: '2026-10-03', moved: true });
  });
  it('ending on a make-up working day: not moved', () => {
    expect(deadlineToAct('2026-10-07', { days: 3 }, cal)).toEqual({ date: '2026-10-10', plainEnd: '2026-10-10', moved: false });
    expect(deadlineToAct('2026-02-11', { days: 3 }, cal)).toMatchObject({ date: '2026-02-14', moved: false });
  });
  it('both sides of a weekend', () => {
    expect(deadlineToAct('2026-03-03', { days: 3 }, cal)).toMatchObject({ date: '2026-03-06', moved: false }); // Friday
    expect(deadlineToAct('2026-03-04', { days: 3 }, cal)).toMatchObject({ date: '2026-03-09', moved: true }); // Saturday → Monday
  });
  it('a period in months: one year to sue from a decision', () => {
    expect(deadlineToAct('2024-02-29', { months: 12 }, cal)).toMatchObject({ date: '2025-02-28', moved: false });
    expect(deadlineToAct('2025-01-31', { months: 12 }, cal)).toMatchObject({ plainEnd: '2026-01-31', date: '2026-02-02', moved: true });
  });
  it('a deadline never comes before the plain end and lands on a working day', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 720 }), fc.integer({ min: 0, max: 90 }), (offset, days) => {
      const event = addDays('2025-01-01', offset);
      const d = deadlineToAct(event, { days }, cal);
      expect(daysBetween(d.plainEnd, d.date)).toBeGreaterThanOrEqual(0);
      expect(isRestDay(d.date, cal)).toBe(false);
    }));
  });
});

describe('notice periods are plain arithmetic, flagged not moved', () => {
  it('docs/domain.md §8: a meeting on 2026-07-16 needs 15 days’ notice on 2026-07-01 or earlier', () => {
    expect(latestNoticeDate('2026-07-16', 15, cal)).toEqual({ date: '2026-07-01', onRestDay: false });
    expect(noticeIsInTime('2026-07-01', '2026-07-16', 15)).toBe(true);
    expect(noticeIsInTime('2026-07-02', '2026-07-16', 15)).toBe(false);
  });
  it('90 days before an expiry that lands in the holiday week is flagged, not moved', () => {
    expect(latestNoticeDate('2026-12-31', 90, cal)).toEqual({ date: '2026-10-02', onRestDay: true });
  });
  it('the earliest end 60 days after a dismissal notice', () => {
    expect(earliestEndAfterNotice('2026-08-02', 60, cal)).toEqual({ date: '2026-10-01', onRestDay: true });
    expect(earliestEndAfterNotice('2026-08-10', 60, cal)).toEqual({ date: '2026-10-09', onRestDay: false });
  });
});

describe('the office day of a stored moment', () => {
  // Stored moments are UTC; the office is in Asia/Shanghai (UTC+8): from 16:00 UTC it is the next day there.
  it.each([
    ['2026-12-04T15:59:59.999Z', '2026-12-04'],
    ['2026-12-04T16:00:00.000Z', '2026-12-05'],
    ['2026-12-31T20:00:00.000Z', '2027-01-01'],
  ])('%s is %s in the office, in main and in the renderer', (iso, day) => {
    expect(officeDayOf(iso)).toBe(day);
    expect(officeDay(iso)).toBe(day);
  });
});
