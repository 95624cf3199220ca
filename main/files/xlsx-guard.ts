/**
 * An xlsx is a zip. Before anything reads it, this module reads the zip's
 * central directory (the size every entry claims to unpack to; their sum must
 * be within FILE_LIMITS.unzippedBytes), then unpacks each entry itself with
 * native zlib, as a stream, stopping the moment an entry grows past the size
 * it claimed: a zip bomb (a few KB that unpack to gigabytes), honest or lying
 * about its sizes, never reaches a reader that would unpack it into memory.
 * While the worksheets stream past, their rows are counted, so a 300,000-row
 * workbook is refused before it is parsed. The XML parts the fast reader
 * needs (xlsx-fast.ts) are kept; the rest (images…) is thrown away.
 */
import { createInflateRaw } from 'node:zlib';
import { FILE_LIMITS } from '../../shared/domain/file-limits';
import { isSheetPart, type XlsxParts } from './xlsx-fast';
import { packedBytes, zipDirectory, type ZipEntry } from './zip-directory';

export type XlsxCheck =
  /** The rows of the longest worksheet, and the unpacked parts xlsx-fast.ts reads. */
  | { ok: true; rows: number; parts: XlsxParts }
  | { ok: false; message: string };

const MB = 1024 * 1024;
/** An xlsx has a few dozen entries; thousands are a way to make the unpacking itself slow. */
const MAX_ENTRIES = 5_000;
const tooManyEntries = (count: number) => `这个文件里有 ${count} 个压缩项，不像是 Excel 工作簿（通常只有几十个）：请另存为“Excel 工作簿（.xlsx）”后再导入`;

const DAMAGED = '这个 Excel 文件的压缩结构已损坏或不完整，无法读取：请在 Excel 或 WPS 中打开并另存为“Excel 工作簿（.xlsx）”后再导入';

export async function checkXlsx(data: Buffer): Promise<XlsxCheck> {
  const directory = zipDirectory(data);
  if (!directory.ok) return { ok: false, message: directory.why === 'too-many' ? tooManyEntries(directory.count) : DAMAGED };
  const { entries } = directory;
  if (entries.length > MAX_ENTRIES) return { ok: false, message: tooManyEntries(entries.length) };
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > FILE_LIMITS.unzippedBytes) return { ok: false, message: tooLarge(declared) };

  const worksheet = /^xl\/worksheets\/[^/]+\.xml$/i;
  let maxRows = 0;
  const parts = new Map<string, Buffer>();
  for (const entry of entries) {
    const scan = worksheet.test(entry.name) ? new RowCount() : null;
    const kept: Buffer[] | null = isSheetPart(entry.name) ? [] : null;
    const problem = await inflateEntry(data, entry, scan, kept);
    if (problem) return { ok: false, message: problem };
    if (scan) maxRows = Math.max(maxRows, scan.rows);
    if (kept) parts.set(entry.name, Buffer.concat(kept));
  }
  return { ok: true, rows: maxRows, parts };
}

function tooLarge(bytes: number): string {
  return `这个 Excel 文件解压后有 ${(bytes / MB).toFixed(0)} MB，超过 ${FILE_LIMITS.unzippedBytes / MB} MB 的上限`
    + '（文件可能含有大量图片或其他内容，也可能是恶意构造的“压缩炸弹”）：请把数据复制到新的工作簿，或另存为 CSV 后再导入';
}

function tooManyRows(): string {
  return `工作表的行数超过 ${FILE_LIMITS.rows.toLocaleString('en-US')} 行数据的上限（包括设置了格式的空行）：`
    + '请删除多余的空行，或按楼栋分成几个文件分别导入';
}

// ---------------------------------------------------------------------------
// Unpacking one entry as a stream, never keeping more than a chunk.

/**
 * Unpack one entry, feeding `scan` and keeping the bytes in `kept` if given;
 * null when it unpacked to exactly the size the directory declared (whose
 * sum is within the limit), else the message.
 */
function inflateEntry(data: Buffer, entry: ZipEntry, scan: RowCount | null, kept: Buffer[] | null): Promise<string | null> {
  const packed = packedBytes(data, entry);
  if (!packed) return Promise.resolve(DAMAGED);
  if (entry.method === 0) {
    if (packed.length !== entry.size) return Promise.resolve(DAMAGED);
    scan?.push(packed);
    scan?.end();
    kept?.push(packed);
    return Promise.resolve(null);
  }
  if (entry.method !== 8) return Promise.resolve('这个 Excel 文件使用了不支持的压缩方式：请在 Excel 或 WPS 中打开并另存为“Excel 工作簿（.xlsx）”后再导入');
  return new Promise((resolve) => {
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    let total = 0;
    let done = false;
    const finish = (result: string | null) => {
      if (done) return;
      done = true;
      inflate.destroy();
      resolve(result);
    };
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      // The entry unpacks to more than it claimed: stop here.
      if (total > entry.size) {
        finish(DAMAGED_OR_BOMB);
        return;
      }
      scan?.push(chunk);
      kept?.push(chunk);
      if (scan && scan.rows > FILE_LIMITS.rows + 1) finish(tooManyRows());
    });
    inflate.on('error', () => finish(DAMAGED));
    inflate.on('end', () => {
      scan?.end();
      finish(total === entry.size ? null : DAMAGED);
    });
    inflate.end(packed);
  });
}

const DAMAGED_OR_BOMB = '这个 Excel 文件解压后的内容比文件自身声明的大小还要大（文件已损坏，或是恶意构造的“压缩炸弹”），已停止读取：请另存为“Excel 工作簿（.xlsx）”后再导入';

/**
 * Counts a worksheet's `<row` elements chunk by chunk. Chunks are read as
 * latin1: the markup is ASCII, and the bytes of Chinese text (all ≥ 0x80 in
 * UTF-8) can never look like a `<`. Each chunk is scanned up to its last `<`,
 * the rest carried over, so a tag split between two chunks is seen whole once.
 */
class RowCount {
  rows = 0;
  private carry = '';
  private static readonly ROW = /<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/g;

  push(chunk: Buffer): void {
    const text = this.carry + chunk.toString('latin1');
    const last = text.lastIndexOf('<');
    // A match starts at a `<` and is a few characters long: 64 are plenty to carry.
    this.carry = last < 0 ? '' : text.slice(last, last + 64);
    this.count(last < 0 ? text : text.slice(0, last));
  }

  end(): void {
    this.count(this.carry);
    this.carry = '';
  }

  private count(whole: string): void {
    for (const _ of whole.matchAll(RowCount.ROW)) this.rows++;
  }
}
