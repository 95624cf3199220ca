/**
 * The one home of the ZIP format (APPNOTE.TXT 4.3.12–4.3.16): the central
 * directory's entries (ZIP64 sizes included) and where each entry's packed
 * bytes lie — what an xlsx import (xlsx-guard.ts) and an attachment's type
 * check (file-type.ts) read before anything unpacks a file.
 *
 * Bounded on purpose: a hostile directory costs at most MAX_ENTRIES names;
 * nothing is inflated that the caller did not ask for, and what is inflated
 * stops at the caller's ceiling, whatever the directory claims. (JSZip, which
 * ExcelJS uses, inflates an entry without any ceiling.)
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is not read. */
  method: number;
  compressedSize: number;
  /** The size it claims to unpack to (a lying zip claims less). */
  size: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
export const MAX_ZIP_ENTRIES = 20_000;

export type ZipDirectory = { ok: true; entries: ZipEntry[] } | { ok: false; why: 'unreadable' } | { ok: false; why: 'too-many'; count: number };

function safeNumber(value: bigint): number | null {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null;
}

/** Sizes and offsets that did not fit 32 bits are in the ZIP64 extra field (id 1), in this order. */
function readZip64Extra(bytes: Buffer, start: number, length: number, entry: ZipEntry): boolean {
  const wanted = (['size', 'compressedSize', 'localHeaderOffset'] as const).filter((k) => entry[k] === 0xffffffff);
  if (wanted.length === 0) return true;
  for (let p = start; p + 4 <= start + length;) {
    const id = bytes.readUInt16LE(p);
    const size = bytes.readUInt16LE(p + 2);
    if (id === 1) {
      if (size < wanted.length * 8) return false;
      for (const [i, key] of wanted.entries()) {
        const value = safeNumber(bytes.readBigUInt64LE(p + 4 + i * 8));
        if (value === null) return false;
        entry[key] = value;
      }
      return true;
    }
    p += 4 + size;
  }
  return false;
}

/** The central directory's entries, or why they cannot be had. */
export function zipDirectory(bytes: Buffer): ZipDirectory {
  const unreadable = { ok: false, why: 'unreadable' } as const;
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535, at the end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return unreadable;
  let count = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || bytes.readUInt32LE(locator) !== EOCD64_LOCATOR) return unreadable;
    const record = safeNumber(bytes.readBigUInt64LE(locator + 8));
    if (record === null || record + 56 > bytes.length || bytes.readUInt32LE(record) !== EOCD64) return unreadable;
    const count64 = safeNumber(bytes.readBigUInt64LE(record + 32));
    const offset64 = safeNumber(bytes.readBigUInt64LE(record + 48));
    if (count64 === null || offset64 === null) return unreadable;
    count = count64;
    offset = offset64;
  }
  if (count > MAX_ZIP_ENTRIES) return { ok: false, why: 'too-many', count };
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== CENTRAL) return unreadable;
    const nameLength = bytes.readUInt16LE(p + 28);
    const extraLength = bytes.readUInt16LE(p + 30);
    const commentLength = bytes.readUInt16LE(p + 32);
    if (p + 46 + nameLength > bytes.length) return unreadable;
    const entry: ZipEntry = {
      name: bytes.toString('utf8', p + 46, p + 46 + nameLength),
      method: bytes.readUInt16LE(p + 10),
      compressedSize: bytes.readUInt32LE(p + 20),
      size: bytes.readUInt32LE(p + 24),
      localHeaderOffset: bytes.readUInt32LE(p + 42),
    };
    if (!readZip64Extra(bytes, p + 46 + nameLength, extraLength, entry)) return unreadable;
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries };
}

/** The entries of the central directory, or null when the bytes are not a readable zip. */
export function zipEntries(bytes: Buffer): ZipEntry[] | null {
  const directory = zipDirectory(bytes);
  return directory.ok ? directory.entries : null;
}

/** An entry's packed bytes (behind its local header), or null when they are not inside the file. */
export function packedBytes(bytes: Buffer, entry: ZipEntry): Buffer | null {
  const p = entry.localHeaderOffset;
  if (p + 30 > bytes.length || bytes.readUInt32LE(p) !== LOCAL) return null;
  const start = p + 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  return end > bytes.length ? null : bytes.subarray(start, end);
}

/**
 * One entry's bytes (stored or deflated), or null when it cannot be read or
 * would be larger than maxBytes once inflated.
 */
export function readZipEntry(bytes: Buffer, entry: ZipEntry, maxBytes: number): Buffer | null {
  if (entry.size > maxBytes) return null;
  const data = packedBytes(bytes, entry);
  if (!data) return null;
  if (entry.method === 0) return data.length <= maxBytes ? Buffer.from(data) : null;
  if (entry.method !== 8) return null;
  try {
    // The directory's size may lie: the ceiling is enforced while inflating, not trusted from it.
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch {
    return null;
  }
}
