/**
 * The roster import's error list as an xlsx: every data row of the file as it
 * was read, in the template's columns after the row number, the faulty rows
 * filled light red and their faulty cells darker, and a last column 问题 that
 * says what is wrong; problems of the file as a whole (a missing column, a
 * taken name) on a second sheet. The clerk corrects the file in Excel with it.
 * Formula-like text keeps the Text format (safe-cells.ts).
 */
import ExcelJS from 'exceljs';
import { ROSTER_HEADERS, type RowError } from '../../shared/domain/roster-rows';
import type { RawRosterRow } from './roster-file';
import { addSafeRow } from './safe-cells';

const ROW_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } };
const CELL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF8B4B0' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF1F4' } };
const FONT = { name: '宋体', size: 11, charset: 134 } as const;

export const ERRORS_SHEET_NAME = '错误清单';
export const FILE_PROBLEMS_SHEET_NAME = '整体问题';
export const PROBLEM_HEADER = '问题';
export const ROW_HEADER = '原行号';

export async function writeRosterErrorsWorkbook(rows: readonly RawRosterRow[], errors: readonly RowError[]): Promise<Buffer> {
  const byRow = new Map<number, RowError[]>();
  for (const e of errors) if (e.row !== null) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  const listed = new Set(rows.map((r) => r.row));

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(ERRORS_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = [ROW_HEADER, ...ROSTER_HEADERS, PROBLEM_HEADER];
  const header = sheet.addRow(headers);
  header.eachCell((c) => { c.font = { ...FONT, bold: true }; c.fill = HEADER_FILL; });
  sheet.columns = headers.map((h) => ({ width: h === PROBLEM_HEADER ? 60 : h === '证件号码' || h === '联系电话' ? 22 : 12 }));
  for (const r of rows) {
    const problems = byRow.get(r.row) ?? [];
    const row = addSafeRow(sheet, [r.row, ...ROSTER_HEADERS.map((h) => r.cells[h] ?? null), describe(problems)]);
    row.font = FONT;
    if (problems.length === 0) continue;
    row.eachCell({ includeEmpty: true }, (c) => { c.fill = ROW_FILL; });
    for (const p of problems) {
      const col = p.column === undefined ? -1 : ROSTER_HEADERS.indexOf(p.column as (typeof ROSTER_HEADERS)[number]);
      if (col >= 0) row.getCell(col + 2).fill = CELL_FILL;
    }
    row.getCell(headers.length).alignment = { wrapText: true, vertical: 'top' };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };

  // The file's own problems, and a row's that the list has no row for (the header row, a row left blank).
  const whole = errors.filter((e) => e.row === null || !listed.has(e.row));
  if (whole.length > 0) {
    const other = workbook.addWorksheet(FILE_PROBLEMS_SHEET_NAME);
    other.columns = [{ width: 10 }, { width: 14 }, { width: 90 }];
    other.addRow(['行号', '列', PROBLEM_HEADER]).font = { ...FONT, bold: true };
    for (const e of whole) addSafeRow(other, [e.row ?? '整个文件', e.column ?? '', e.message]).font = FONT;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function describe(problems: readonly RowError[]): string {
  return problems.map((p) => (p.column ? `【${p.column}】${p.message}` : p.message)).join('；\n');
}
