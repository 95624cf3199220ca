/**
 * One cell of an uploaded table, as Excel shows it, turned into what its
 * column expects — or a Chinese message naming what Excel did to it (a
 * formula without a saved result, an error value, a long number cut to 15
 * digits, text turned into a date) — never `[object Object]`.
 *
 * Column types:
 * - text: names, addresses, choices, notes. Numbers as Excel shows them in a
 *   General cell (101, not 101.0000001); a date is refused (Excel turned 3-1
 *   into a date).
 * - code: ID and phone numbers: like text, but a number past 15 digits, or
 *   text in scientific notation, has already lost digits and is refused.
 * - number: areas and amounts: a number stays a number (the reading rule
 *   removes Excel's float noise), text is left for the rule to read
 *   ("1,234.50", "89.5㎡"); a date is refused.
 * - date: a date cell, an Excel day number typed into a General cell, or text
 *   such as 2026/1/5, 2026年1月5日, 20260105 → YYYY-MM-DD.
 */
import { readDateText } from '../../shared/domain/dates';
import type { RowError } from '../../shared/domain/roster-rows';
import { cleanCell } from '../../shared/domain/text';

export type ColumnType = 'text' | 'code' | 'number' | 'date';

/** A read cell: text, or a number in a number column. */
export type CellValue = string | number;

export interface CellColumn {
  header: string;
  type: ColumnType;
  /** Longest text accepted (FILE_LIMITS.nameChars or textChars). */
  maxChars: number;
}

type Plain =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; text: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'error'; text: string }
  | { kind: 'no-result' };

export function ymd(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** An ExcelJS cell value (or a CSV field) reduced to what a table cell can be. */
export function plainValue(value: unknown): Plain {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'error', text: '#NUM!' };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: 'error', text: '#VALUE!' } : { kind: 'date', text: ymd(value) };
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return { kind: 'text', text: (v.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('') };
    }
    if ('formula' in v || 'sharedFormula' in v) {
      if (!('result' in v) || v.result === undefined || v.result === null) return { kind: 'no-result' };
      const result = v.result;
      if (typeof result === 'object' && result !== null && !(result instanceof Date) && 'error' in result) {
        return { kind: 'error', text: String((result as { error: unknown }).error) };
      }
      return plainValue(result);
    }
    if ('error' in v) return { kind: 'error', text: String(v.error) };
    if ('text' in v) return plainValue(v.text); // hyperlink: { text, hyperlink }
    if ('hyperlink' in v) return { kind: 'text', text: String(v.hyperlink) };
    // Anything else ExcelJS may invent is not guessed at: it is named as unreadable.
    return { kind: 'error', text: '（无法识别的单元格内容）' };
  }
  return { kind: 'text', text: String(value) };
}

/** The header text of a cell (numbers as shown). */
export function headerText(value: unknown): string {
  const plain = plainValue(value);
  if (plain.kind === 'text') return plain.text;
  if (plain.kind === 'number') return numberText(plain.value);
  return '';
}

/** A number shown as Excel shows it in a General cell: at most 15 significant digits. */
export function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  return String(Number(value.toPrecision(15)));
}

/** A read cell as cleaned text (numbers as Excel shows them); '' when blank. */
export function cellString(value: CellValue | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'number' ? numberText(value) : cleanCell(value);
}

/** 3.30105E+17, 1.38123E+10: what Excel shows (and saves to CSV) for a long number. */
const SCIENTIFIC = /^\d+(\.\d+)?e\+\d+$/i;

const AS_TEXT_HINT = '请把该列设置为“文本”格式（选中该列 → 设置单元格格式 → 文本），再重新输入完整号码';

/** Excel's day numbers: 1 is 1900-01-01; from 61 on (after Lotus's 1900-02-29) day n is 1899-12-30 + n. */
const LAST_EXCEL_DAY = 2_958_465; // 9999-12-31

function excelDay(value: number): string | null {
  const day = Math.floor(value);
  if (day < 61 || day > LAST_EXCEL_DAY) return null;
  return ymd(new Date(Date.UTC(1899, 11, 30) + day * 86_400_000));
}

/** Convert one cell for its column; problems go to `errors` (row and column named); undefined is a blank cell. */
export function convertCell(value: unknown, column: CellColumn, row: number, errors: RowError[]): CellValue | undefined {
  const { header, type } = column;
  const refuse = (message: string) => {
    errors.push({ row, column: header, message });
    return undefined;
  };
  const plain = plainValue(value);
  switch (plain.kind) {
    case 'empty':
      return undefined;
    case 'error':
      return refuse(`${header}单元格是错误值 ${plain.text}，请修正公式或直接填写内容`);
    case 'no-result':
      return refuse(`${header}单元格是公式，但文件中没有保存计算结果：请在 Excel 或 WPS 中打开并保存后再导入，或把公式换成数值`);
    case 'bool':
      return plain.value ? 'TRUE' : 'FALSE';
    case 'date':
      if (type === 'date') return plain.text;
      if (type === 'number') return refuse(`${header}“${plain.text}”是日期，应为数字：请把该列设置为“常规”或“数值”格式后重新输入`);
      errors.push({
        row, column: header,
        message: `${header}“${plain.text}”是日期：Excel 会把 3-1、1/2 这样的内容自动变成日期。请把该列设置为“文本”格式后重新输入原来的内容`,
      });
      return plain.text;
    case 'number':
      if (type === 'number') return plain.value;
      if (type === 'date') return excelDay(plain.value) ?? readDateText(numberText(plain.value)) ?? numberText(plain.value);
      if (type === 'code' && !(Number.isInteger(plain.value) && plain.value >= 0 && plain.value < 1e15)) {
        return refuse(`${header}是数字格式（${numberText(plain.value)}）：Excel 只保留15位有效数字，更长的号码（如18位身份证号码）末几位已经丢失。${AS_TEXT_HINT}`);
      }
      return numberText(plain.value);
    case 'text': {
      const text = plain.text;
      if (text.length > column.maxChars) {
        return refuse(`${header}有 ${text.length.toLocaleString('en-US')} 个字符，超过 ${column.maxChars.toLocaleString('en-US')} 个字符的上限：请检查该单元格（可能误粘贴了大段内容）`);
      }
      if (type === 'code' && SCIENTIFIC.test(cleanCell(text))) {
        errors.push({ row, column: header, message: `${header}“${cleanCell(text)}”是科学计数法，号码已被 Excel 截断。${AS_TEXT_HINT}` });
      }
      if (type === 'date') return readDateText(text) ?? text;
      return text;
    }
  }
}
