/**
 * CSV as Excel and WPS save it: the encoding (UTF-8 with or without BOM,
 * UTF-16 with a BOM, GBK as Excel on Chinese Windows saves "CSV (逗号分隔)"),
 * the separator (comma, tab or semicolon) and RFC 4180 quoting.
 */

export function decodeText(data: Buffer): { text: string } | { error: string } {
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

/** The separator of the header line: the most frequent of , TAB ; outside quotes (comma when none). */
export function detectDelimiter(text: string): string {
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

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * How many records parseCsv would return, counted on the file's bytes
 * without decoding or building them, and stopping once past `stopAfter`: a
 * million-row file is refused in a moment, without its text in memory. In
 * UTF-8 and GBK a quote, separator or line-break byte is never part of a
 * character, so the bytes count as the text would (UTF-16 is converted first).
 */
export function countRecords(bytes: Uint8Array, delimiter: string, stopAfter: number): number {
  const sep = delimiter.charCodeAt(0);
  const n = bytes.length;
  let records = 0;
  let fieldStart = true;
  let open = false; // the current record has begun
  let i = 0;
  while (i < n) {
    const c = bytes[i]!;
    if (fieldStart && c === QUOTE) {
      // A quoted field: to the first quote not doubled.
      let q = i + 1;
      for (;;) {
        q = bytes.indexOf(QUOTE, q);
        if (q === -1) return records + 1; // unclosed: parseCsv stops here too
        if (bytes[q + 1] === QUOTE) q += 2;
        else break;
      }
      i = q + 1;
      fieldStart = false;
      open = true;
      continue;
    }
    if (c === CR || c === LF) {
      records++;
      if (records > stopAfter) return records;
      i += c === CR && bytes[i + 1] === LF ? 2 : 1;
      fieldStart = true;
      open = false;
      continue;
    }
    fieldStart = c === sep;
    open = true;
    i++;
  }
  return open ? records + 1 : records;
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
    // Unquoted text up to the next separator or line end, taken in one slice.
    let j = i + 1;
    while (j < n) {
      const c = text[j];
      if (c === delimiter || c === '\r' || c === '\n') break;
      j++;
    }
    field += text.slice(i, j);
    fieldStart = false;
    i = j;
  }
  if (!fieldStart || field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return { records, unclosedQuoteRow: null };
}
