/**
 * The office's holiday calendar: the shipped State Council arrangements
 * (shared/domain/holidays.ts), with years the office edits or imports kept in
 * the database. An edited or imported year replaces the shipped one entirely.
 */
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, rowProblems, fieldProblem } from '../../../shared/contract/errors';
import { holidayDay as holidayDaySchema } from '../../../shared/contract/system';
import { isValidDate, weekday } from '../../../shared/domain/dates';
import { holidayCalendar, SHIPPED_HOLIDAY_YEARS, type HolidayCalendar, type HolidayYear } from '../../../shared/domain/holidays';
import type { RowError } from '../../../shared/domain/roster-rows';
import { nowIso } from '../../db/clock';
import { holidayDays, holidayYears } from '../../db/schema/system';
import { addSafeRow } from '../../files/safe-cells';
import { cellString } from '../../files/cells';
import { mergeErrors, readTableFile, type TableSpec } from '../../files/table-file';
import { write, type Actor, type ServiceContext } from '../context';

/** The day shape is the contract's (shared/contract/system.ts holidayDay): one home. */
export type HolidayDay = z.output<typeof holidayDaySchema>;
export type DayKind = HolidayDay['kind'];

function officeYears(ctx: ServiceContext): HolidayYear[] {
  const years = ctx.db.select({ year: holidayYears.year, source: holidayYears.source }).from(holidayYears).orderBy(holidayYears.year).all();
  const days = ctx.db.select({ date: holidayDays.date, year: holidayDays.year, kind: holidayDays.kind }).from(holidayDays).orderBy(holidayDays.date).all();
  return years.map((y) => ({
    year: y.year, source: y.source,
    holidays: days.filter((d) => d.year === y.year && d.kind === 'holiday').map((d) => d.date),
    workdays: days.filter((d) => d.year === y.year && d.kind === 'workday').map((d) => d.date),
  }));
}

/** The calendar every date rule of the app uses. */
export function officeCalendar(ctx: ServiceContext): HolidayCalendar {
  const office = officeYears(ctx);
  const ownYears = new Set(office.map((y) => y.year));
  return holidayCalendar([...SHIPPED_HOLIDAY_YEARS.filter((y) => !ownYears.has(y.year)), ...office]);
}

export function holidayYear(ctx: ServiceContext, year: number) {
  const own = ctx.db.select({ source: holidayYears.source }).from(holidayYears).where(eq(holidayYears.year, year)).get();
  if (own) {
    const days: HolidayDay[] = ctx.db.select({ date: holidayDays.date, kind: holidayDays.kind, name: holidayDays.name }).from(holidayDays)
      .where(eq(holidayDays.year, year)).orderBy(holidayDays.date).all()
      .map((d) => ({ ...d, kind: holidayDaySchema.shape.kind.parse(d.kind) }));
    return { year, origin: 'office' as const, source: own.source, days };
  }
  const shipped = SHIPPED_HOLIDAY_YEARS.find((y) => y.year === year);
  if (!shipped) return { year, origin: 'none' as const, source: '', days: [] as HolidayDay[] };
  return { year, origin: 'shipped' as const, source: shipped.source, days: shippedDays(shipped) };
}

function shippedDays(y: HolidayYear): HolidayDay[] {
  return [
    ...y.holidays.map((date) => ({ date, kind: 'holiday' as const, name: '' })),
    ...y.workdays.map((date) => ({ date, kind: 'workday' as const, name: '' })),
  ].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Make `year` the office's own (copying the shipped arrangement first), inside an open write. */
function ownYear(ctx: ServiceContext, year: number, source: string): void {
  if (ctx.db.select({ one: sql<number>`1` }).from(holidayYears).where(eq(holidayYears.year, year)).get()) return;
  const shipped = SHIPPED_HOLIDAY_YEARS.find((y) => y.year === year);
  ctx.db.insert(holidayYears).values({ year, source: shipped ? `${shipped.source}（本办修改）` : source, updatedAt: nowIso() }).run();
  if (shipped) {
    for (const d of shippedDays(shipped)) ctx.db.insert(holidayDays).values({ date: d.date, year, kind: d.kind, name: d.name }).run();
  }
}

function checkDay(date: string, kind: DayKind | 'normal'): string | null {
  if (!isValidDate(date)) return `日期“${date}”无效，应为 YYYY-MM-DD`;
  const w = weekday(date);
  if (kind === 'workday' && w !== 0 && w !== 6) return `${date} 不是周末，不能设为调休上班日（调休上班日总是周六或周日）`;
  return null;
}

export function setHolidayDay(ctx: ServiceContext, actor: Actor, input: { date: string; kind: DayKind | 'normal'; name: string }) {
  const problem = checkDay(input.date, input.kind);
  if (problem) throw new AppError('VALIDATION', problem, [fieldProblem('date', problem)]);
  const year = Number(input.date.slice(0, 4));
  write(ctx, actor, (tx) => {
    ownYear(ctx, year, '本办录入');
    const before = ctx.db.select({ kind: holidayDays.kind, name: holidayDays.name }).from(holidayDays).where(eq(holidayDays.date, input.date)).get() ?? null;
    ctx.db.delete(holidayDays).where(eq(holidayDays.date, input.date)).run();
    if (input.kind !== 'normal') {
      ctx.db.insert(holidayDays).values({ date: input.date, year, kind: input.kind, name: input.name.trim() }).run();
    }
    ctx.db.update(holidayYears).set({ updatedAt: nowIso() }).where(eq(holidayYears.year, year)).run();
    tx.audit({ action: 'set-day', entity: 'holiday', entityId: input.date, before, after: input.kind === 'normal' ? null : { kind: input.kind, name: input.name.trim() } });
  });
  return holidayYear(ctx, year);
}

const KIND_WORDS: Record<string, DayKind> = { 放假: 'holiday', 休息: 'holiday', 节假日: 'holiday', 上班: 'workday', 调休上班: 'workday', 补班: 'workday' };

const HOLIDAY_SPEC: TableSpec = {
  what: '节假日安排表',
  template: '节假日安排表模板',
  rowIs: '一天',
  columns: [{ header: '日期', type: 'date' }, { header: '类型' }, { header: '名称', optional: true }],
  otherColumns: 'refuse',
};

/** Import `日期 | 类型 | 名称` rows (xlsx or CSV): each year in the file replaces that year's arrangement; all or nothing. */
export async function importHolidays(ctx: ServiceContext, actor: Actor, file: { fileName: string; base64: string }) {
  const read = await readTableFile(file.fileName, Buffer.from(file.base64, 'base64'), HOLIDAY_SPEC);
  const ruleErrors: RowError[] = [];
  const days = new Map<string, { row: number; kind: DayKind; name: string }>();
  for (const { row: n, cells } of read.rows) {
    const date = cellString(cells['日期']);
    const kindText = cellString(cells['类型']);
    const kind = KIND_WORDS[kindText];
    const validDate = isValidDate(date);
    if (!validDate) ruleErrors.push({ row: n, column: '日期', message: `“${date}”不是有效日期，应为 YYYY-MM-DD` });
    if (!kind) ruleErrors.push({ row: n, column: '类型', message: `类型应为“放假”或“上班”（调休上班），此处为“${kindText}”` });
    if (!validDate || !kind) continue;
    const problem = checkDay(date, kind);
    if (problem) ruleErrors.push({ row: n, column: '日期', message: problem });
    const seen = days.get(date);
    if (seen) ruleErrors.push({ row: n, column: '日期', message: `日期 ${date} 与第${seen.row}行重复` });
    else days.set(date, { row: n, kind, name: cellString(cells['名称']) });
  }
  const errors = mergeErrors(read.errors, ruleErrors);
  if (errors.length === 0 && days.size === 0) errors.push({ row: null, message: '文件中没有数据行' });
  if (errors.length > 0) throw new AppError('VALIDATION', `节假日安排表中有 ${errors.length} 处问题，未导入任何数据`, rowProblems(errors));

  const years = [...new Set([...days.keys()].map((d) => Number(d.slice(0, 4))))].sort();
  write(ctx, actor, (tx) => {
    for (const year of years) {
      ctx.db.delete(holidayDays).where(eq(holidayDays.year, year)).run();
      ctx.db.insert(holidayYears).values({ year, source: `导入：${file.fileName}`, updatedAt: nowIso() })
        .onConflictDoUpdate({ target: holidayYears.year, set: { source: sql`excluded.source`, updatedAt: sql`excluded.updated_at` } }).run();
    }
    for (const [date, d] of days) ctx.db.insert(holidayDays).values({ date, year: Number(date.slice(0, 4)), kind: d.kind, name: d.name }).run();
    tx.audit({ action: 'import', entity: 'holiday', entityId: null, after: { fileName: file.fileName, years, days: days.size } });
  });
  return { years, days: days.size };
}

/** The import template: the header and the shipped arrangement of the latest known year as an example. */
export async function holidayTemplate() {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('节假日安排');
  sheet.columns = [{ header: '日期', width: 14 }, { header: '类型', width: 10 }, { header: '名称', width: 16 }];
  sheet.getRow(1).font = { bold: true };
  const latest = SHIPPED_HOLIDAY_YEARS[SHIPPED_HOLIDAY_YEARS.length - 1]!;
  for (const d of shippedDays(latest)) addSafeRow(sheet, [d.date, d.kind === 'holiday' ? '放假' : '上班', '']);
  return { fileName: '节假日安排模板.xlsx', base64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
}

