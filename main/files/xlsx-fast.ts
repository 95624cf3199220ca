/**
 * The first visible worksheet of an xlsx, read straight from its unpacked XML
 * parts (xlsx-guard.ts unpacks them anyway, with native zlib), giving the
 * same cell values as ExcelJS's `load` for the workbooks it accepts — about
 * five times as fast and without ExcelJS's model in memory: 20,000 ballots
 * read in ~0.15 s instead of ~0.8 s, which is what keeps an import within
 * twice its raw baseline (README, Benchmarks).
 *
 * It accepts plain SpreadsheetML as Excel, WPS and ExcelJS write it: shared,
 * inline and formula strings (rich text joined, phonetic guides left out),
 * numbers, dates by their style (ExcelJS's rule, plus the Chinese built-in
 * date formats 27–36 and 50–58 that ExcelJS reads as numbers), booleans,
 * error values, formulas with or without a saved result, merged cells.
 * Anything else — the 1904 date system, prefixed tags, CDATA, typed dates,
 * parts where the standard names are not — returns null, and ExcelJS reads
 * the file as before (xlsx-sheet.ts). tests/unit/xlsx-fast.test.ts compares
 * both readers on the same workbooks.
 */
import { MergedCell, MergeTooLarge, type Matrix } from './sheet-matrix';

/** The unpacked parts this reader uses, by zip entry name. */
export type XlsxParts = ReadonlyMap<string, Buffer>;

/** Whether an entry is one this reader may need (xlsx-guard.ts keeps these as it unpacks). */
export function isSheetPart(name: string): boolean {
  return /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|styles\.xml|worksheets\/[^/]+\.xml)$/.test(name);
}

/** More cells than this under merges (beyond their first cell) is no roster: a sheet-wide merge would otherwise be spelt out. */
const MAX_MERGED_CELLS = 2_000_000;

/** Read the first visible worksheet, or null when this reader does not accept the workbook. */
export function fastSheet(parts: XlsxParts): Matrix | null {
  const workbook = text(parts, 'xl/workbook.xml');
  const rels = text(parts, 'xl/_rels/workbook.xml.rels');
  if (workbook === null || rels === null || unusual(workbook)) return null;
  if (/<workbookPr\b[^>]*\bdate1904=["'](1|true)["']/.test(workbook)) return null;

  const targets = new Map<string, { type: string; target: string }>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = attr(m[1]!, 'Id');
    const target = attr(m[1]!, 'Target');
    if (id !== null && target !== null) targets.set(id, { type: attr(m[1]!, 'Type') ?? '', target: partName(target) });
  }
  // Shared strings and styles elsewhere than where Excel puts them: leave it to ExcelJS.
  for (const { type, target } of targets.values()) {
    if (type.endsWith('/sharedStrings') && target !== 'xl/sharedStrings.xml') return null;
    if (type.endsWith('/styles') && target !== 'xl/styles.xml') return null;
  }
  const sheets = [...workbook.matchAll(/<sheet\b([^>]*)\/?>/g)].map((m) => ({
    state: attr(m[1]!, 'state'), id: /\b[A-Za-z_][\w.-]*:id=["']([^"']*)["']/.exec(m[1]!)?.[1] ?? null,
  }));
  const chosen = sheets.find((s) => s.state === null || s.state === 'visible') ?? sheets[0];
  if (!chosen) return null;
  const path = chosen.id === null ? undefined : targets.get(chosen.id)?.target;
  const sheet = path === undefined ? null : text(parts, path);
  if (sheet === null || unusual(sheet)) return null;

  const strings = parts.has('xl/sharedStrings.xml') ? sharedStrings(text(parts, 'xl/sharedStrings.xml')!) : [];
  if (strings === null) return null;
  const styles = parts.has('xl/styles.xml') ? dateStyles(text(parts, 'xl/styles.xml')!) : new Set<number>();
  return readCells(sheet, strings, styles);
}

/** A part as text (UTF-8, the encoding every producer uses for these parts); null when absent or in another encoding. */
function text(parts: XlsxParts, name: string): string | null {
  const data = parts.get(name);
  if (!data) return null;
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) return null;
  return data.toString('utf8').replace(/^\uFEFF/, '');
}

/** What this reader leaves to ExcelJS: prefixed SpreadsheetML tags and CDATA sections. */
function unusual(xml: string): boolean {
  return /<[A-Za-z_][\w.-]*:(worksheet|workbook|sheetData|row|c|sheets|sst|si)\b/.test(xml) || xml.includes('<![CDATA[');
}

/** A relationship's target as a zip entry name ("worksheets/sheet1.xml" or "/xl/worksheets/sheet1.xml"). */
function partName(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = `xl/${target}`.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

const ATTRIBUTES = new Map<string, RegExp>();

function attr(attributes: string, name: string): string | null {
  let re = ATTRIBUTES.get(name);
  if (!re) ATTRIBUTES.set(name, (re = new RegExp(`(?:^|\\s)${name}=(["'])(.*?)\\1`)));
  const m = re.exec(attributes);
  return m ? decode(m[2]!) : null;
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML character and entity references, as the XML parser under ExcelJS decodes them. */
function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_, e: string) => (e[0] === '#'
    ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
    : NAMED[e]!));
}

/** The text of a string item (<si> or <is>): its <t> runs joined, phonetic guides (<rPh>) left out. */
function stringItem(xml: string): string {
  const plain = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let out = '';
  for (const m of plain.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += decode(m[1] ?? '');
  return out;
}

function sharedStrings(xml: string): string[] | null {
  if (unusual(xml)) return null;
  const out: string[] = [];
  for (const m of xml.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)) out.push(stringItem(m[1] ?? ''));
  return out;
}

/** Built-in number formats that are dates: ExcelJS's (14–22, 45–47) and the Chinese ones (27–36, 50–58). */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** ExcelJS's rule for a format code: date letters outside quotes and brackets. */
function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** The indexes of the cell styles (cellXfs) whose number format is a date. */
function dateStyles(xml: string): Set<number> {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b([^>]*)\/?>/g)) {
    const id = attr(m[1]!, 'numFmtId');
    const code = attr(m[1]!, 'formatCode');
    if (id !== null && code !== null) custom.set(Number(id), code);
  }
  const out = new Set<number>();
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  let i = 0;
  for (const m of xfs.matchAll(/<xf\b([^>]*?)(?:\/>|>[\s\S]*?<\/xf>)/g)) {
    const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILT_IN_DATES.has(id)) out.add(i);
    i++;
  }
  return out;
}

/** Excel's day number (1900 system, as ExcelJS converts it) → the Date ExcelJS gives: UTC, rounded to the millisecond. */
function excelDate(value: number): Date {
  return new Date(Math.round((value - 25569) * 86_400_000));
}

function address(col: number, row: number): string {
  let n = col + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `${letters}${row}`;
}

/** "AB12" → column index 27 (0-based) and row 12. */
function cellRef(ref: string): { col: number; row: number } | null {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col: col - 1, row: Number(m[2]) };
}

const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;

function readCells(xml: string, strings: readonly string[], dates: ReadonlySet<number>): Matrix | null {
  const data = /<sheetData\b[^>]*?(?:\/>|>([\s\S]*?)<\/sheetData>)/.exec(xml);
  const rows = new Map<number, unknown[]>();
  let lastRow = 0;
  for (const r of (data?.[1] ?? '').matchAll(ROW)) {
    const number = Number(attr(r[1]!, 'r') ?? lastRow + 1);
    lastRow = number;
    const values: unknown[] = [];
    let lastCol = -1;
    let any = false;
    for (const c of (r[2] ?? '').matchAll(CELL)) {
      const ref = attr(c[1]!, 'r');
      const at = ref === null ? { col: lastCol + 1, row: number } : cellRef(ref);
      if (at === null) return null;
      lastCol = at.col;
      const value = cellValue(c[1]!, c[2] ?? '', strings, dates);
      if (value === 'unsupported') return null;
      if (value === undefined) continue;
      values[at.col] = value;
      any = true;
    }
    if (any) rows.set(number, values);
  }
  mergeCells(xml, rows);
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([row, values]) => ({ row, values }));
}

/** A cell's value in ExcelJS's shapes; undefined when empty. */
function cellValue(attributes: string, inner: string, strings: readonly string[], dates: ReadonlySet<number>): unknown {
  const type = attr(attributes, 't') ?? 'n';
  const style = Number(attr(attributes, 's') ?? 0);
  const f = /<f\b/.test(inner);
  const v = /<v\b[^>]*?(?:\/>|>([\s\S]*?)<\/v>)/.exec(inner);
  const raw = v ? decode(v[1] ?? '') : undefined;
  let value: unknown;
  switch (type) {
    case 's': {
      if (raw === undefined) return undefined;
      value = strings[Number(raw)];
      if (value === undefined) return 'unsupported';
      break;
    }
    case 'str':
      value = raw;
      break;
    case 'inlineStr': {
      const is = /<is\b[^>]*?(?:\/>|>([\s\S]*?)<\/is>)/.exec(inner);
      value = is ? stringItem(is[1] ?? '') : raw;
      break;
    }
    case 'b':
      value = raw === undefined ? undefined : raw === '1' || raw === 'true';
      break;
    case 'e':
      value = raw === undefined ? undefined : { error: raw };
      break;
    case 'n': {
      if (raw === undefined || raw === '') value = undefined;
      else {
        const n = parseFloat(raw);
        value = dates.has(style) ? excelDate(n) : n;
      }
      break;
    }
    default:
      return 'unsupported'; // t="d" and anything new
  }
  if (f) return value === undefined ? { formula: '' } : { formula: '', result: value };
  return value;
}

/** Cells covered by a merge, marked as ExcelJS's load marks them (see xlsx-sheet.ts). */
function mergeCells(xml: string, rows: Map<number, unknown[]>): void {
  let covered = 0;
  for (const m of xml.matchAll(/<mergeCell\b([^>]*)\/?>/g)) {
    const [from, to] = (attr(m[1]!, 'ref') ?? '').split(':');
    const a = cellRef(from ?? '');
    const b = cellRef(to ?? from ?? '');
    if (!a || !b) continue;
    // The first cell (top left) holds the value.
    const top = Math.min(a.row, b.row);
    const left = Math.min(a.col, b.col);
    const bottom = Math.max(a.row, b.row);
    const right = Math.max(a.col, b.col);
    covered += (bottom - top + 1) * (right - left + 1) - 1;
    if (covered > MAX_MERGED_CELLS) throw new MergeTooLarge(MAX_MERGED_CELLS);
    const masterValue = rows.get(top)?.[left];
    for (let row = top; row <= bottom; row++) {
      for (let col = left; col <= right; col++) {
        if (row === top && col === left) continue;
        let values = rows.get(row);
        if (!values) rows.set(row, (values = []));
        values[col] = new MergedCell(col === left && top > 1
          ? { merged: 'down', value: masterValue, masterRow: top }
          : { merged: 'across', masterAddress: address(left, top) });
      }
    }
  }
}
