/**
 * Is the database file known to be sound? A full `quick_check` reads every page
 * (about three seconds on a database of a million ballots), too slow before
 * every command of the CLI. Instead, the file's size, modification time and
 * inode are written beside it (`sanfang.sqlite-sound`) each time it has been
 * checked, and again when a process that opened it sound closes it (its own
 * writes went through SQLite). A writing command checks the whole file only
 * when that stamp no longer matches — when something other than this app has
 * changed the file, as a damaged or half-copied file is.
 *
 * What this does not catch: damage that leaves the modification time alone
 * (a failing disk's bit rot). The app's start runs quick_check every time, the
 * daily backup copies every page, and `check` reads everything: those find it.
 * The -wal is not stamped: its frames carry checksums that SQLite verifies.
 */
import fs from 'node:fs';
import { makePrivate } from './file-modes';

interface Stamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

function stampFile(dbPath: string): string {
  return `${dbPath}-sound`;
}

function currentStamp(dbPath: string): Stamp | null {
  try {
    const s = fs.statSync(dbPath);
    return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
  } catch {
    return null;
  }
}

/** True when the file is unchanged since it was last known sound. */
export function isKnownSound(dbPath: string): boolean {
  const now = currentStamp(dbPath);
  if (!now) return false;
  try {
    const kept = JSON.parse(fs.readFileSync(stampFile(dbPath), 'utf8')) as Partial<Stamp>;
    return kept.size === now.size && kept.mtimeMs === now.mtimeMs && kept.ino === now.ino;
  } catch {
    return false;
  }
}

/** Remember the file as it is now as sound (after a check passed, or after this app's own writes). */
export function recordSound(dbPath: string): void {
  const now = currentStamp(dbPath);
  if (!now) return;
  try {
    fs.writeFileSync(stampFile(dbPath), JSON.stringify(now), { mode: 0o600 });
    makePrivate(stampFile(dbPath));
  } catch {
    // A stamp that cannot be written only means the next writing command checks the whole file.
  }
}

export function forgetSound(dbPath: string): void {
  fs.rmSync(stampFile(dbPath), { force: true });
}
