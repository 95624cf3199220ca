/**
 * The one rule for text the app writes into spreadsheets (every xlsx export
 * and template, and CSV): text that begins with `=`, `+`, `-`, `@`, a tab or
 * a carriage return is what Excel, WPS and LibreOffice read as a formula
 * (OWASP "CSV injection"). A resident's complaint titled
 * `=HYPERLINK("http://…","点此查看")` must reach the office's spreadsheet as
 * that text, never as a live link or a DDE command.
 *
 * - xlsx: ExcelJS writes a JavaScript string as a string cell (`t="s"`, or
 *   `t="str"` with only a `<v>` from the streaming writer) and never as a
 *   formula (`<f>` comes only from `{ formula }` values), so opening the file
 *   evaluates nothing. What is left is editing: pressing F2 and Enter on such a
 *   cell would turn it into a formula. `guardFormulaText` gives those cells the
 *   Text number format (`@`), in which Excel, WPS and LibreOffice keep what is
 *   typed as text. The value itself is not changed, so a roster exported and
 *   imported again reads the same text.
 * - CSV has no cell types: `csvField` puts a single quote before such text, as
 *   OWASP advises, so a spreadsheet shows it as text.
 *
 * Numbers are never touched: a negative amount written as a number stays a
 * number cell (Excel sums it); only strings are checked.
 */
import type ExcelJS from 'exceljs';

/** Text that a spreadsheet would take for a formula when it is opened or edited. */
export function isFormulaLike(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

const TEXT_FORMAT = '@';

/**
 * Gives every string cell of the row that looks like a formula the Text format,
 * keeping the rest of its style (a copy: ExcelJS shares style objects between
 * cells of a column, and changing one in place would change them all).
 * Call it after the row's styles are set and before `row.commit()`.
 */
export function guardFormulaText(row: ExcelJS.Row): void {
  row.eachCell((cell) => {
    if (typeof cell.value === 'string' && isFormulaLike(cell.value)) {
      cell.style = { ...cell.style, numFmt: TEXT_FORMAT };
    }
  });
}

/** `sheet.addRow(values)` with the rule applied: for the in-memory Workbook's sheets. */
export function addSafeRow(sheet: ExcelJS.Worksheet, values: readonly unknown[]): ExcelJS.Row {
  const row = sheet.addRow([...values]);
  guardFormulaText(row);
  return row;
}

/**
 * One CSV field: formula-like text gets a leading single quote; a field with a
 * comma, quote or line break is quoted (RFC 4180). null is an empty field.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = isFormulaLike(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
