/**
 * Reading an uploaded table — roster, ballots, opening balances, bank
 * statements, holidays: xlsx or CSV bytes in, the cells of each data row out,
 * keyed by the columns a spec names. Columns are found by their header text,
 * never by position: a missing, unknown or repeated column refuses the file
 * and names the column. Each import's own rules (what a cell must say) live
 * in its service; this module reports what is wrong with the file itself.
 *
 * - xlsx is recognised by its zip signature, whatever the file is called.
 *   The first visible worksheet is read (xlsx-fast.ts, or ExcelJS where that
 *   declines: xlsx-sheet.ts); row 1 is the header.
 * - anything else is read as CSV (csv.ts): UTF-8 with or without BOM, UTF-16
 *   with a BOM, or GBK; comma, tab or semicolon.
 * - FILE_LIMITS are checked before the work starts: the file's size; an
 *   xlsx's unpacked size and rows (xlsx-guard.ts, before any reader unpacks
 *   anything); a CSV's rows (counted on its bytes before it is decoded); each
 *   cell's length.
 * - errors: file-level problems have row null; header problems row 1; cell
 *   problems only visible here (cells.ts) carry their row and column.
 */
import { FILE_LIMITS, fileTooBigMessage } from '../../shared/domain/file-limits';
import type { RowError } from '../../shared/domain/roster-rows';
import { cleanCell, toHalfWidth } from '../../shared/domain/text';
import { convertCell, headerText, type CellColumn, type CellValue, type ColumnType } from './cells';
import { countRecords, decodeText, detectDelimiter, parseCsv } from './csv';
import { checkXlsx } from './xlsx-guard';
import { fastSheet } from './xlsx-fast';
import { GarbledText, MergedCell, MergeTooLarge, type Matrix } from './sheet-matrix';

export interface ColumnSpec {
  /** The header as the template writes it, and the key of the cell in each row. */
  header: string;
  /** Other headers that name the same column (a ballot's item by its title). */
  aliases?: readonly string[];
  /** A file without this column is still read (its cells are blank). */
  optional?: boolean;
  /** What the cells hold (cells.ts); text when not said. */
  type?: ColumnType;
  /** Longest cell text: FILE_LIMITS.nameChars when not said; textChars for free text. */
  maxChars?: number;
}

export interface TableSpec {
  /** What the file is, in messages: 花名册, 表决票文件… */
  what: string;
  /** What to use instead, in messages: 花名册模板… */
  template: string;
  /** What one data row holds, in messages: 一个专有部分, 一张表决票… */
  rowIs: string;
  columns: readonly ColumnSpec[];
  /**
   * Columns the spec does not name: refused (where a misspelt optional column
   * would otherwise be dropped without a word), or ignored (the roster, whose
   * every column is required, so a misspelt one is reported as missing).
   */
  otherColumns: 'refuse' | 'ignore';
  /** Said after the list of headers when a column is missing. */
  headerNote?: string;
  /** A sharper message for an unknown column (议题5 in a vote of three items). */
  unknownColumn?: (header: string) => string | undefined;
}

export interface TableRow {
  /** Excel row number (header = 1). */
  row: number;
  /** The cells of the spec's columns by header; a blank cell is absent. */
  cells: Partial<Record<string, CellValue>>;
}

export interface TableRead {
  /** Data rows in file order; rows whose every cell of the spec is blank are left out. */
  rows: TableRow[];
  errors: RowError[];
}

const ACCEPTED = '可以导入的格式：Excel 工作簿（.xlsx），或 CSV 文件（UTF-8 或 GBK 编码，逗号分隔）';
const RESAVE = '请在 Excel 或 WPS 中打开，另存为“Excel 工作簿（.xlsx）”或“CSV（逗号分隔）”后再导入';

export async function readTableFile(fileName: string, data: Buffer, spec: TableSpec): Promise<TableRead> {
  if (data.length === 0) return fileError('文件是空的（0 字节）。' + ACCEPTED);
  if (data.length > FILE_LIMITS.fileBytes) return fileError(fileTooBigMessage(data.length));
  const kind = sniff(data);
  const ext = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  if (kind === 'zip') return readXlsx(data, spec);
  if (kind === 'cfb') {
    return fileError(`不能读取旧版 Excel 97-2003 工作簿（.xls）或设置了密码的工作簿。${RESAVE}（加密的工作簿请先取消密码）。${ACCEPTED}`);
  }
  if (['xlsx', 'xlsm', 'xltx', 'xltm'].includes(ext)) {
    return fileError(`文件扩展名是 .${ext}，但内容不是 Excel 工作簿（文件可能已损坏或不完整）。${ACCEPTED}`);
  }
  if (kind === 'other-binary') return fileError(`无法读取这个文件：它不是 Excel 工作簿，也不是文本格式的 CSV。${ACCEPTED}`);
  return readCsv(data, spec);
}

function fileError(message: string): TableRead {
  return { rows: [], errors: [{ row: null, message }] };
}

type Kind = 'zip' | 'cfb' | 'text' | 'other-binary';

function sniff(data: Buffer): Kind {
  if (data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04) return 'zip';
  if (data.length >= 4 && data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0) return 'cfb';
  if (data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff))) return 'text';
  // Other zip signatures (empty or spanned archives), PDF, images…: binary.
  if (data.length >= 2 && data[0] === 0x50 && data[1] === 0x4b) return 'other-binary';
  if (data.subarray(0, 4).toString('latin1') === '%PDF') return 'other-binary';
  const probe = data.subarray(0, 65536);
  return probe.includes(0) ? 'other-binary' : 'text';
}

// ---------------------------------------------------------------------------
// Header

/** Header text as written, compared: half-width, no white space, no leading or trailing asterisk. */
function headerKey(raw: string): string {
  return toHalfWidth(raw).replace(/\s+/g, '').replace(/^\*+|\*+$/g, '');
}

/** Header text as compared with a template's header: also without a trailing note in brackets. */
export function normalizeHeader(raw: string): string {
  // 专有部分面积(㎡), 专有部分面积（平方米）, 联系电话(手机)…: a trailing bracket is a note.
  return headerKey(raw).replace(/[(（【[][^()（）【】[\]]*[)）】\]]$/, '').replace(/^\*+|\*+$/g, '');
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * Which spec column a header cell names: its header or an alias as written,
 * or its header with a note. A name shared by several columns (two items
 * with the same title) names none of them: the list says which.
 */
class HeaderIndex {
  private readonly exact = new Map<string, ColumnSpec[]>();
  private readonly noted = new Map<string, ColumnSpec>();

  constructor(readonly spec: TableSpec) {
    for (const column of spec.columns) {
      this.noted.set(normalizeHeader(column.header), column);
      for (const name of new Set([column.header, ...(column.aliases ?? [])].map(headerKey))) {
        this.exact.set(name, [...(this.exact.get(name) ?? []), column]);
      }
    }
  }

  find(text: string): ColumnSpec | ColumnSpec[] | undefined {
    const exact = this.exact.get(headerKey(text));
    if (exact) return exact.length === 1 ? exact[0] : exact;
    return this.noted.get(normalizeHeader(text));
  }

  count(values: readonly unknown[]): number {
    return values.filter((v) => {
      const found = this.find(headerText(v));
      return found !== undefined && !Array.isArray(found);
    }).length;
  }
}

/** A list of the spec's headers for messages: 楼栋、单元、房号（可选：有效、备注）. */
export function headerList(spec: TableSpec): string {
  const required = spec.columns.filter((c) => !c.optional).map((c) => c.header);
  const optional = spec.columns.filter((c) => c.optional).map((c) => c.header);
  return required.join('、') + (optional.length > 0 ? `（可选：${optional.join('、')}）` : '');
}

interface HeaderMap {
  columns: { spec: ColumnSpec; cell: CellColumn; index: number }[];
  errors: RowError[];
  known: number;
}

function readHeader(values: readonly unknown[], index: HeaderIndex, describe: (i: number) => string): HeaderMap {
  const { spec } = index;
  const errors: RowError[] = [];
  const found = new Map<ColumnSpec, { index: number; text: string }>();
  values.forEach((value, i) => {
    const text = cleanCell(headerText(value));
    if (text === '') return;
    const column = index.find(text);
    const where = (at: number, written: string, name: string) => describe(at) + (headerKey(written) === headerKey(name) ? '' : `“${written}”`);
    if (Array.isArray(column)) {
      errors.push({
        row: 1, column: text,
        message: `${describe(i)}“${text}”同时是${column.map((c) => `“${c.header}”`).join('、')}的名称，无法确定是哪一列：请改用其中一个列名`,
      });
      return;
    }
    if (column === undefined) {
      if (spec.otherColumns === 'refuse') {
        errors.push({
          row: 1, column: text,
          message: spec.unknownColumn?.(text)
            ?? `${describe(i)}“${text}”不是${spec.what}的列：第1行表头应为 ${headerList(spec)}。请删除这一列，或把列名改成其中之一`,
        });
      }
      return;
    }
    const first = found.get(column);
    if (first !== undefined) {
      errors.push({
        row: 1, column: column.header,
        message: `列“${column.header}”出现了两次（${where(first.index, first.text, column.header)}和${where(i, text, column.header)}），每个列名只能有一列，请删除或改名其中一列`,
      });
      return;
    }
    found.set(column, { index: i, text });
  });
  for (const column of spec.columns) {
    if (column.optional || found.has(column)) continue;
    errors.push({
      row: 1, column: column.header,
      message: `缺少列“${column.header}”：第1行表头应包含 ${headerList(spec)}（列的顺序不限${spec.headerNote ? `；${spec.headerNote}` : ''}）`,
    });
  }
  const columns = [...found].map(([column, at]) => ({
    spec: column, index: at.index,
    cell: { header: column.header, type: column.type ?? 'text', maxChars: column.maxChars ?? FILE_LIMITS.nameChars },
  }));
  return { columns, errors, known: found.size };
}

type Convert = (value: unknown, column: CellColumn, row: number, errors: RowError[]) => CellValue | undefined;

function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return cleanCell(value) === '';
  return false;
}

/** From the rows of a sheet or CSV (header first) to the result. */
function toTable(matrix: Matrix, spec: TableSpec, describe: (i: number) => string, convert: Convert): TableRead {
  const list = headerList(spec);
  const nonEmpty = matrix.some((r) => r.values.some((v) => !isBlank(v)));
  if (!nonEmpty) return fileError(`文件中没有任何内容。请使用${spec.template}，第1行为表头（${list}），从第2行起每行填写${spec.rowIs}`);

  const index = new HeaderIndex(spec);
  const first = matrix[0];
  const header = readHeader(first && first.row === 1 ? first.values : [], index, describe);
  if (header.known === 0) {
    // Perhaps a title row or empty rows above the header.
    const later = matrix.find((r) => r.row > 1 && r.row <= 10 && index.count(r.values) >= Math.min(3, spec.columns.length));
    const hint = later
      ? `表头似乎在第${later.row}行：请删除表头上方的标题行或空行，使表头位于第1行`
      : '如果表格上方有标题行，请删除它';
    return { rows: [], errors: [{ row: 1, message: `第1行不是${spec.what}表头：没有找到任何列名（${list}）。${hint}` }] };
  }
  if (header.errors.length > 0) return { rows: [], errors: header.errors };

  const rows: TableRow[] = [];
  const errors: RowError[] = [];
  for (const record of matrix) {
    if (record.row <= 1) continue;
    const cells: TableRow['cells'] = {};
    let empty = true;
    for (const { cell, index: i } of header.columns) {
      const raw = record.values[i];
      if (raw === undefined || raw === null) continue;
      const value = convert(raw, cell, record.row, errors);
      if (value === undefined) continue;
      cells[cell.header] = value;
      if (!isBlank(value)) empty = false;
    }
    if (!empty) rows.push({ row: record.row, cells });
  }
  if (rows.length === 0 && errors.length === 0) {
    errors.push({ row: null, message: `文件中没有数据行：只有表头。请在第1行表头下方，从第2行起每行填写${spec.rowIs}` });
  }
  return { rows, errors };
}

/**
 * The reader's errors and an import's own, by row. A cell the reader refused
 * reads as blank, so what a rule then says about that cell ("业主为空") is
 * left out: one message per cell, the one that says what Excel did.
 */
export function mergeErrors(readErrors: readonly RowError[], ruleErrors: readonly RowError[]): RowError[] {
  const refused = new Set(readErrors.map((e) => `${e.row}\u0000${e.column ?? ''}`));
  return [...readErrors, ...ruleErrors.filter((e) => !refused.has(`${e.row}\u0000${e.column ?? ''}`))]
    .sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

// ---------------------------------------------------------------------------
// xlsx

async function readXlsx(data: Buffer, spec: TableSpec): Promise<TableRead> {
  const check = await checkXlsx(data);
  if (!check.ok) return fileError(check.message);
  let matrix: Matrix | null;
  try {
    // ExcelJS (loaded on first use: it takes half a second to load) reads what the fast reader does not accept.
    matrix = fastSheet(check.parts) ?? await (await import('./xlsx-sheet')).readSheet(data);
  } catch (e) {
    if (e instanceof MergeTooLarge) {
      return fileError(`这个 Excel 文件的合并单元格覆盖了 ${e.limit.toLocaleString('en-US')} 个以上的单元格，无法逐格读取：请取消合并后再导入`);
    }
    if (e instanceof GarbledText) {
      return fileError(`这个 Excel 文件只能用备用方式读取，而备用方式读出的文字中有乱码（�），为免记入错误的姓名和地址，没有导入任何内容。${RESAVE}`);
    }
    return fileError(`无法读取这个 Excel 文件：文件可能已损坏、不完整，或不是 Excel 工作簿。${RESAVE}。${ACCEPTED}`);
  }
  if (matrix === null) return fileError(`这个文件里没有工作表，不是 Excel 工作簿（可能是 Word 文档或其他压缩包）。${ACCEPTED}`);

  /** convertCell, knowing about merged cells. */
  const convert: Convert = (value, column, row, errors) => {
    if (!(value instanceof MergedCell)) return convertCell(value, column, row, errors);
    const { info } = value;
    const { header } = column;
    if (info.merged === 'across') {
      errors.push({
        row, column: header,
        message: `“${header}”是跨列或与表头合并的单元格（合并区域从 ${info.masterAddress} 开始），无法读取：请取消合并，每列分别填写`,
      });
      return undefined;
    }
    if (column.type === 'number') {
      errors.push({ row, column: header, message: `${header}是合并单元格（与第${info.masterRow}行合并）：每行的${header}要分别填写，请取消合并` });
      return undefined;
    }
    return convertCell(info.value, column, row, errors);
  };
  return toTable(matrix, spec, (i) => `第${columnLetter(i)}列`, convert);
}

// ---------------------------------------------------------------------------
// CSV

const tooManyRows = `文件的数据超过 ${FILE_LIMITS.rows.toLocaleString('en-US')} 行（每个文件的上限）：请按楼栋分成几个文件分别导入`;

function readCsv(data: Buffer, spec: TableSpec): TableRead {
  // Rows are counted on the bytes, before the text is decoded (see countRecords).
  const utf16 = (data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff);
  if (!utf16 && countRecords(data, detectDelimiter(data.subarray(0, 65536).toString('latin1')), FILE_LIMITS.rows + 1) > FILE_LIMITS.rows + 1) {
    return fileError(tooManyRows);
  }
  const decoded = decodeText(data);
  if ('error' in decoded) return fileError(`${decoded.error}${ACCEPTED}`);
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return fileError(`文件是空的。请使用${spec.template}，第1行为表头（${headerList(spec)}），从第2行起每行填写${spec.rowIs}`);
  const head = text.trimStart().slice(0, 200).toLowerCase();
  if (head.startsWith('<')) {
    return fileError('这是网页（HTML/XML）格式的表格，不是真正的 Excel 文件（一些系统导出的 .xls 就是这样）。请用 Excel 或 WPS 打开后另存为“Excel 工作簿（.xlsx）”再导入');
  }
  const delimiter = detectDelimiter(text);
  if (utf16 && countRecords(Buffer.from(text), delimiter, FILE_LIMITS.rows + 1) > FILE_LIMITS.rows + 1) return fileError(tooManyRows);
  const parsed = parseCsv(text, delimiter);
  if (parsed.unclosedQuoteRow !== null) {
    const row = parsed.unclosedQuoteRow;
    return { rows: [], errors: [{ row, message: `第${row}行有一个引号（"）没有闭合，之后的内容无法按行读取。请检查该行的引号` }] };
  }
  const matrix: Matrix = parsed.records.map((values, i) => ({ row: i + 1, values }));
  return toTable(matrix, spec, (i) => `第${i + 1}列`, convertCell);
}
