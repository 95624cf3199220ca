/**
 * The public-holiday calendar published by the State Council each year
 * (国务院办公厅关于部分节假日安排的通知): holidays, and the make-up working
 * days (调休) that fall on weekends. The app ships the years below; an office
 * can edit them and add years offline (issue 3: stored per database, imported
 * from xlsx). Years not known are counted with weekends only — callers should
 * say so to the user (see calendarCovers).
 */
export interface HolidayYear {
  year: number;
  /** Days off (放假), including weekends inside a holiday. */
  holidays: string[];
  /** Weekend days that are working days (调休上班). */
  workdays: string[];
  /** Where the arrangement comes from. */
  source: string;
}

export interface HolidayCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
  years: ReadonlySet<number>;
}

function range(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export const SHIPPED_HOLIDAY_YEARS: readonly HolidayYear[] = [
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知',
    holidays: [
      '2025-01-01',
      ...range('2025-01-28', '2025-02-04'), // 春节
      ...range('2025-04-04', '2025-04-06'), // 清明节
      ...range('2025-05-01', '2025-05-05'), // 劳动节
      ...range('2025-05-31', '2025-06-02'), // 端午节
      ...range('2025-10-01', '2025-10-08'), // 国庆节、中秋节
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知',
    holidays: [
      ...range('2026-01-01', '2026-01-03'), // 元旦
      ...range('2026-02-15', '2026-02-23'), // 春节
      ...range('2026-04-04', '2026-04-06'), // 清明节
      ...range('2026-05-01', '2026-05-05'), // 劳动节
      ...range('2026-06-19', '2026-06-21'), // 端午节
      ...range('2026-09-25', '2026-09-27'), // 中秋节
      ...range('2026-10-01', '2026-10-07'), // 国庆节
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];

export function holidayCalendar(years: readonly HolidayYear[] = SHIPPED_HOLIDAY_YEARS): HolidayCalendar {
  return {
    holidays: new Set(years.flatMap((y) => y.holidays)),
    workdays: new Set(years.flatMap((y) => y.workdays)),
    years: new Set(years.map((y) => y.year)),
  };
}

/** Whether the calendar knows the year of `date` (else only weekends count as rest days). */
export function calendarCovers(calendar: HolidayCalendar, date: string): boolean {
  return calendar.years.has(Number(date.slice(0, 4)));
}
