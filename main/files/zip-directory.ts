/**
 * Just enough of the ZIP format to tell what a zip is without unpacking it:
 * the central directory's entry names, and one small entry inflated with a
 * ceiling (an Office document's [Content_Types].xml and its .rels files).
 *
 * Bounded on purpose: a zip bomb or a hostile directory costs at most
 * MAX_ENTRIES names and the ceiling the caller gives per entry; nothing is
 * inflated that the caller did not ask for. ZIP64 is not read (Office files
 * of the attachment size limit never need it): such a file is "unreadable".
 * (JSZip, which ExcelJS uses, inflates an entry without any ceiling.)
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 20_000;

/** The entries of the central directory, or null when the bytes are not a readable zip. */
export function zipEntries(bytes: Buffer): ZipEntry[] | null {
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535, at the end.
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= earliest; i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  const size = bytes.readUInt32LE(eocd + 12);
  const offset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return null; // ZIP64
  if (count > MAX_ENTRIES || offset + size > bytes.length) return null;
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== CENTRAL) return null;
    const nameLength = bytes.readUInt16LE(p + 28);
    const extraLength = bytes.readUInt16LE(p + 30);
    const commentLength = bytes.readUInt16LE(p + 32);
    if (p + 46 + nameLength > bytes.length) return null;
    entries.push({
      name: bytes.toString('utf8', p + 46, p + 46 + nameLength),
      method: bytes.readUInt16LE(p + 10),
      compressedSize: bytes.readUInt32LE(p + 20),
      size: bytes.readUInt32LE(p + 24),
      localHeaderOffset: bytes.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * One entry's bytes (stored or deflated), or null when it cannot be read or
 * would be larger than maxBytes once inflated.
 */
export function readZipEntry(bytes: Buffer, entry: ZipEntry, maxBytes: number): Buffer | null {
  const p = entry.localHeaderOffset;
  if (entry.size > maxBytes || p + 30 > bytes.length || bytes.readUInt32LE(p) !== LOCAL) return null;
  const start = p + 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) return null;
  const data = bytes.subarray(start, end);
  if (entry.method === 0) return data.length <= maxBytes ? Buffer.from(data) : null;
  if (entry.method !== 8) return null;
  try {
    // The directory's size may lie: the ceiling is enforced while inflating, not trusted from it.
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch {
    return null;
  }
}
