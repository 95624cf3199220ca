/**
 * Reading a roster file (花名册): xlsx or CSV bytes in, raw cells per row out,
 * keyed by the template's headers. The reading rules of each row live in
 * shared/domain/roster-rows.ts (readRosterRow); this module only turns a file
 * into cells and reports what is wrong with the file itself.
 *
 * - xlsx is recognised by its zip signature, whatever the file is called.
 *   The first visible worksheet is read; row 1 is the header.
 * - anything else is read as CSV: UTF-8 (with or without BOM), UTF-16 with a
 *   BOM, or GBK/GB18030 as Excel on Chinese Windows saves it. Comma, tab or
 *   semicolon separated (decided on the header line).
 * - errors: file-level problems have row null; header problems row 1; a few
 *   cell problems only visible here (an ID typed as a number, a date, a
 *   formula error) carry their own row number and column.
 *
 * xlsx reading uses ExcelJS's `workbook.xlsx.load`, not the streaming reader:
 * the streaming reader is about twice as fast (20,000 rows: ~0.8–1.2 s against
 * ~1.5–2 s on a busy two-core machine) but ignores merged cells, which Chinese
 * rosters use a lot (one 楼栋 cell merged over a whole building), keeps only
 * the last run of an inline rich-text cell and reads phonetic guides as text.
 * `load` in turn throws on some files (certain charts and drawings); those are
 * read again with the streaming reader before giving up.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ROSTER_HEADERS, type RawCells, type RosterHeader, type RowError } from '../../shared/domain/roster-rows';
import { cleanCell, toHalfWidth } from '../../shared/domain/text';

export interface RawRosterRow {
  /** Excel row number (header = 1). */
  row: number;
  cells: RawCells;
}

export interface RosterFileRead {
  /** Data rows in file order; rows whose every roster cell is empty are left out. */
  rows: RawRosterRow[];
  /** File-level (row null) and header (row 1) errors, and the cell errors only visible in the file. */
  errors: RowError[];
}

/** Columns the header must contain. All of them: a misspelt 交付状态 or 证件号码 would otherwise be dropped silently. */
export const REQUIRED_HEADERS: readonly RosterHeader[] = ROSTER_HEADERS;

const ACCEPTED = '可以导入的格式：Excel 工作簿（.xlsx），或 CSV 文件（UTF-8 或 GBK 编码，逗号分隔）';
const RESAVE = '请在 Excel 或 WPS 中打开，另存为“Excel 工作簿（.xlsx）”或“CSV（逗号分隔）”后再导入';
const HEADER_LIST = ROSTER_HEADERS.join('、');

/** Columns where text that looks like a date, or a number, is accepted by readRosterRow as it is. */
const TEXT_COLUMNS: ReadonlySet<RosterHeader> = new Set<RosterHeader>(['楼栋', '单元', '房号', '业主', '证件号码', '联系电话']);

type Matrix = { row: number; values: unknown[] }[];

export async function readRosterFile(fileName: string, data: Buffer): Promise<RosterFileRead> {
  if (data.length === 0) return fileError('文件是空的（0 字节）。' + ACCEPTED);
  const kind = sniff(data);
  const ext = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  if (kind === 'zip') return readXlsx(data);
  if (kind === 'cfb') {
    return fileError(`不能读取旧版 Excel 97-2003 工作簿（.xls）或设置了密码的工作簿。${RESAVE}（加密的工作簿请先取消密码）。${ACCEPTED}`);
  }
  if (['xlsx', 'xlsm', 'xltx', 'xltm'].includes(ext)) {
    return fileError(`文件扩展名是 .${ext}，但内容不是 Excel 工作簿（文件可能已损坏或不完整）。${ACCEPTED}`);
  }
  if (kind === 'other-binary') return fileError(`无法读取这个文件：它不是 Excel 工作簿，也不是文本格式的 CSV。${ACCEPTED}`);
  return readCsv(data);
}

function fileError(message: string): RosterFileRead {
  return { rows: [], errors: [{ row: null, message }] };
}

type Kind = 'zip' | 'cfb' | 'text' | 'other-binary';

function sniff(data: Buffer): Kind {
  if (data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04) return 'zip';
  if (data.length >= 4 && data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0) return 'cfb';
  if (data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff))) return 'text';
  // Other zip signatures (empty or spanned archives), PDF, images…: binary.
  if (data.length >= 2 && data[0] === 0x50 && data[1] === 0x4b) return 'other-binary';
  if (data.subarray(0, 8).toString('latin1') === '%PDF-1.' || data.subarray(0, 4).toString('latin1') === '%PDF') return 'other-binary';
  const probe = data.subarray(0, 65536);
  return probe.includes(0) ? 'other-binary' : 'text';
}

// ---------------------------------------------------------------------------
// Header

interface HeaderMap {
  /** Column index (0-based within values) of each roster header. */
  index: Map<RosterHeader, number>;
}

/** Header text as compared: half-width, no white space, no leading or trailing asterisk, no trailing note in brackets. */
export function normalizeHeader(raw: string): string {
  let text = toHalfWidth(raw).replace(/\s+/g, '').replace(/^\*+|\*+$/g, '');
  // 专有部分面积(㎡), 专有部分面积（平方米）, 联系电话(手机)…: a trailing bracket is a note.
  text = text.replace(/[(（【[][^()（）【】[\]]*[)）】\]]$/, '');
  return text.replace(/^\*+|\*+$/g, '');
}

function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function readHeader(values: readonly unknown[], describeColumn: (i: number) => string): { map: HeaderMap | null; errors: RowError[]; known: number } {
  const errors: RowError[] = [];
  const index = new Map<RosterHeader, number>();
  const known = new Set<string>(ROSTER_HEADERS);
  let found = 0;
  values.forEach((value, i) => {
    const text = normalizeHeader(headerText(value));
    if (!known.has(text)) return;
    const header = text as RosterHeader;
    const first = index.get(header);
    if (first !== undefined) {
      errors.push({
        row: 1, column: header,
        message: `列“${header}”出现了两次（${describeColumn(first)}和${describeColumn(i)}），每个列名只能有一列，请删除或改名其中一列`,
      });
      return;
    }
    found++;
    index.set(header, i);
  });
  if (found === 0) return { map: null, errors, known: 0 };
  for (const header of REQUIRED_HEADERS) {
    if (!index.has(header)) {
      errors.push({
        row: 1, column: header,
        message: `缺少列“${header}”：第1行表头应包含 ${HEADER_LIST}（列的顺序不限；没有内容的列也要保留表头，例如没有单元的小区保留“单元”列并留空）`,
      });
    }
  }
  return { map: errors.length === 0 ? { index } : null, errors, known: found };
}

function headerText(value: unknown): string {
  const plain = plainValue(value);
  if (plain.kind === 'text') return plain.text;
  if (plain.kind === 'number') return String(plain.value);
  return '';
}

function countKnownHeaders(values: readonly unknown[]): number {
  const known = new Set<string>(ROSTER_HEADERS);
  return values.filter((v) => known.has(normalizeHeader(headerText(v)))).length;
}

/** From the rows of a sheet or CSV (header first) to the result. */
function toRoster(matrix: Matrix, describeColumn: (i: number) => string, convert: CellConverter): RosterFileRead {
  const nonEmpty = matrix.filter((r) => r.values.some((v) => !isBlank(v)));
  if (nonEmpty.length === 0) return fileError(`文件中没有任何内容。请使用花名册模板，第1行为表头（${HEADER_LIST}），从第2行起每行填写一个专有部分`);

  const first = matrix[0];
  const headerValues = first && first.row === 1 ? first.values : [];
  const header = readHeader(headerValues, describeColumn);
  if (header.known === 0) {
    // Perhaps a title row or empty rows above the header.
    const later = matrix.find((r) => r.row > 1 && r.row <= 10 && countKnownHeaders(r.values) >= 3);
    const hint = later
      ? `表头似乎在第${later.row}行：请删除表头上方的标题行或空行，使表头位于第1行`
      : '如果表格上方有标题行，请删除它';
    return {
      rows: [],
      errors: [{ row: 1, message: `第1行不是花名册表头：没有找到任何列名（${HEADER_LIST}）。${hint}` }],
    };
  }
  if (!header.map) return { rows: [], errors: header.errors };

  const rows: RawRosterRow[] = [];
  const errors: RowError[] = [];
  const columns = [...header.map.index.entries()];
  for (const record of matrix) {
    if (record.row <= 1) continue;
    const cells: RawCells = {};
    let empty = true;
    for (const [h, i] of columns) {
      const value = convert(record.values[i], h, record.row, errors);
      if (value === undefined) continue;
      cells[h] = value;
      if (!isBlank(value)) empty = false;
    }
    if (!empty) rows.push({ row: record.row, cells });
  }
  if (rows.length === 0 && errors.length === 0) {
    errors.push({ row: null, message: '文件中没有数据行：只有表头。请在第1行表头下方，从第2行起每行填写一个专有部分' });
  }
  return { rows, errors };
}

function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return cleanCell(value) === '';
  return false;
}

type CellConverter = (value: unknown, header: RosterHeader, row: number, errors: RowError[]) => unknown;

// ---------------------------------------------------------------------------
// Cell values

type Plain =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; text: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'error'; text: string }
  | { kind: 'no-result' };

function ymd(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** An ExcelJS cell value reduced to what a roster cell can be. */
function plainValue(value: unknown): Plain {
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
  }
  return { kind: 'text', text: String(value) };
}

/** A number shown as Excel shows it in a General cell: at most 15 significant digits. */
function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  return String(Number(value.toPrecision(15)));
}

/** 3.30105E+17, 1.38123E+10: what Excel shows (and saves to CSV) for a long number. */
const SCIENTIFIC = /^\d+(\.\d+)?e\+\d+$/i;

const AS_TEXT_HINT = '请把该列设置为“文本”格式（选中该列 → 设置单元格格式 → 文本），再重新输入完整号码';

function convertCell(value: unknown, header: RosterHeader, row: number, errors: RowError[]): unknown {
  const plain = plainValue(value);
  switch (plain.kind) {
    case 'empty':
      return undefined;
    case 'number':
      if (header === '专有部分面积') return plain.value;
      if (header === '证件号码' && !(Number.isInteger(plain.value) && plain.value >= 0 && plain.value < 1e15)) {
        errors.push({
          row, column: header,
          message: `证件号码是数字格式（${numberText(plain.value)}）：Excel 只保留15位有效数字，18位身份证号码的末几位已经丢失。${AS_TEXT_HINT}`,
        });
        return undefined;
      }
      return numberText(plain.value);
    case 'date':
      if (TEXT_COLUMNS.has(header)) {
        errors.push({
          row, column: header,
          message: `${header}“${plain.text}”是日期：Excel 会把 3-1、1/2 这样的内容自动变成日期。请把该列设置为“文本”格式后重新输入原来的内容`,
        });
      }
      return plain.text;
    case 'bool':
      return plain.value ? 'TRUE' : 'FALSE';
    case 'error':
      errors.push({ row, column: header, message: `${header}单元格是错误值 ${plain.text}，请修正公式或直接填写内容` });
      return plain.text;
    case 'no-result':
      errors.push({
        row, column: header,
        message: `${header}单元格是公式，但文件中没有保存计算结果：请在 Excel 或 WPS 中打开并保存后再导入，或把公式换成数值`,
      });
      return undefined;
    case 'text':
      return textCell(plain.text, header, row, errors);
  }
}

function textCell(text: string, header: RosterHeader, row: number, errors: RowError[]): string {
  if ((header === '证件号码' || header === '联系电话') && SCIENTIFIC.test(cleanCell(text))) {
    errors.push({
      row, column: header,
      message: `${header}“${cleanCell(text)}”是科学计数法，号码已被 Excel 截断。${AS_TEXT_HINT}`,
    });
  }
  return text;
}

// ---------------------------------------------------------------------------
// xlsx

async function readXlsx(data: Buffer): Promise<RosterFileRead> {
  let matrix: Matrix | null;
  try {
    matrix = await loadSheet(data);
  } catch {
    try {
      matrix = await streamSheet(data);
    } catch {
      return fileError(`无法读取这个 Excel 文件：文件可能已损坏、不完整，或不是 Excel 工作簿。${RESAVE}。${ACCEPTED}`);
    }
  }
  if (matrix === null) return fileError(`这个文件里没有工作表，不是 Excel 工作簿（可能是 Word 文档或其他压缩包）。${ACCEPTED}`);
  return toRoster(matrix, (i) => `第${columnLetter(i)}列`, convertXlsxCell);
}

const MERGE = ExcelJS.ValueType.Merge;

/**
 * Parts of a worksheet the roster does not need: skipping them saves time (the
 * template's drop-down lists cover 60,000 cells) and avoids parsing what
 * ExcelJS sometimes chokes on. Hyperlinked cells keep their displayed text.
 */
const IGNORED_SHEET_PARTS = [
  'dataValidations', 'conditionalFormatting', 'extLst', 'hyperlinks', 'picture', 'drawing', 'legacyDrawing',
  'tableParts', 'pageSetup', 'headerFooter', 'printOptions', 'rowBreaks', 'autoFilter', 'sheetProtection',
];

function pickSheet<T extends { state?: string }>(sheets: readonly T[]): T | undefined {
  return sheets.find((s) => s.state === undefined || s.state === 'visible' || s.state === 'show') ?? sheets[0];
}

/**
 * Read the first visible worksheet with `load`. Merged cells: a merge within one
 * column (楼栋 merged down a building) gives every row its value; a merge across
 * columns, or a merged area, is an error at that cell (the value is left empty).
 */
async function loadSheet(data: Buffer): Promise<Matrix | null> {
  const workbook = new ExcelJS.Workbook();
  // ExcelJS types say ArrayBuffer; at run time it takes a Node Buffer (JSZip reads both).
  await workbook.xlsx.load(data as unknown as ArrayBuffer, { ignoreNodes: IGNORED_SHEET_PARTS });
  const sheet = pickSheet(workbook.worksheets);
  if (!sheet) return null;
  const matrix: Matrix = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: unknown[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (cell.type === MERGE) {
        const master = cell.master;
        values[col - 1] = new MergedCell(master.col === cell.col && Number(master.row) > 1
          ? { merged: 'down', value: master.value, masterRow: Number(master.row) }
          : { merged: 'across', masterAddress: master.address });
      } else {
        values[col - 1] = cell.value;
      }
    });
    matrix.push({ row: rowNumber, values });
  });
  return matrix;
}

interface MergedDown { merged: 'down'; value: unknown; masterRow: number }
interface MergedAcross { merged: 'across'; masterAddress: string }

class MergedCell {
  constructor(readonly info: MergedDown | MergedAcross) {}
}

/** convertCell, knowing about merged cells. */
function convertXlsxCell(value: unknown, header: RosterHeader, row: number, errors: RowError[]): unknown {
  if (!(value instanceof MergedCell)) return convertCell(value, header, row, errors);
  const { info } = value;
  if (info.merged === 'across') {
    errors.push({
      row, column: header,
      message: `“${header}”是跨列或与表头合并的单元格（合并区域从 ${info.masterAddress} 开始），无法读取：请取消合并，每列分别填写`,
    });
    return undefined;
  }
  if (header === '专有部分面积') {
    errors.push({ row, column: header, message: `专有部分面积是合并单元格（与第${info.masterRow}行合并）：每个专有部分的面积要分别填写，请取消合并` });
    return undefined;
  }
  return convertCell(info.value, header, row, errors);
}

/** Fallback for workbooks `load` cannot read: the streaming reader (no merged cells). */
async function streamSheet(data: Buffer): Promise<Matrix | null> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(data), {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  let matrix: Matrix | null = null;
  for await (const sheet of reader) {
    const state = (sheet as unknown as { state?: string }).state;
    const wanted = matrix === null && (state === undefined || state === 'visible');
    const rows: Matrix = [];
    // Other sheets are read to the end too, so that their temporary files are closed.
    for await (const row of sheet) {
      if (!wanted) continue;
      const values: unknown[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        values[col - 1] = cell.value;
      });
      rows.push({ row: row.number, values });
    }
    if (wanted) matrix = rows;
  }
  return matrix;
}

// ---------------------------------------------------------------------------
// CSV

function decodeText(data: Buffer): { text: string } | { error: string } {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data) };
    } catch {
      return { error: '文件开头标明是 UTF-8 编码，但其中有不是 UTF-8 的字符。' };
    }
  }
  if (data[0] === 0xff && data[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(data) };
  if (data[0] === 0xfe && data[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(data) };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(data) };
  } catch {
    // Not UTF-8: Excel on Chinese Windows saves "CSV (逗号分隔)" as GBK.
  }
  try {
    return { text: new TextDecoder('gbk', { fatal: true }).decode(data) };
  } catch {
    return { error: '无法识别文件的编码（既不是 UTF-8，也不是 GBK）。' };
  }
}

function readCsv(data: Buffer): RosterFileRead {
  const decoded = decodeText(data);
  if ('error' in decoded) return fileError(`${decoded.error}${ACCEPTED}`);
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return fileError(`文件是空的。请使用花名册模板，第1行为表头（${HEADER_LIST}），从第2行起每行填写一个专有部分`);
  const head = text.trimStart().slice(0, 200).toLowerCase();
  if (head.startsWith('<')) {
    return fileError(`这是网页（HTML/XML）格式的表格，不是真正的 Excel 文件（一些系统导出的 .xls 就是这样）。请用 Excel 或 WPS 打开后另存为“Excel 工作簿（.xlsx）”再导入`);
  }
  const parsed = parseCsv(text, detectDelimiter(text));
  const errors: RowError[] = [];
  if (parsed.unclosedQuoteRow !== null) {
    errors.push({ row: parsed.unclosedQuoteRow, message: `第${parsed.unclosedQuoteRow}行有一个引号（"）没有闭合，之后的内容无法按行读取。请检查该行的引号` });
    return { rows: [], errors };
  }
  const matrix: Matrix = parsed.records.map((values, i) => ({ row: i + 1, values }));
  return toRoster(matrix, (i) => `第${i + 1}列`, convertCell);
}

/** The separator of the header line: the most frequent of , TAB ; outside quotes (comma when none). */
function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0], ['\t', 0], [';', 0]]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/**
 * RFC 4180 as Excel reads it: quoted fields with doubled quotes, separators
 * and line breaks inside quotes; CRLF, LF or CR line ends; a final line end
 * does not start a record. A quote inside an unquoted field is kept as text.
 * Each record is one row, however many lines it spans (as Excel shows it).
 */
export function parseCsv(text: string, delimiter = ','): { records: string[][]; unclosedQuoteRow: number | null } {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  let fieldStart = true;
  while (i < n) {
    const ch = text[i]!;
    if (fieldStart && ch === '"') {
      // Quoted field.
      const row = records.length + 1;
      i++;
      let closed = false;
      while (i < n) {
        const q = text.indexOf('"', i);
        if (q === -1) break;
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          closed = true;
          break;
        }
      }
      if (!closed) return { records, unclosedQuoteRow: row };
      // Text after the closing quote up to the separator is kept (Excel does the same).
      fieldStart = false;
      continue;
    }
    if (ch === delimiter) {
      record.push(field);
      field = '';
      fieldStart = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch;
    fieldStart = false;
    i++;
  }
  if (!fieldStart || field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return { records, unclosedQuoteRow: null };
}
