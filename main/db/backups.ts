/**
 * Backups with SQLite's online backup API (never a file copy of a live
 * database): before each migration, once a day (the last 14 kept), on demand,
 * and before a restore. All live in <data folder>/backups.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { fileStamp, todayInOffice } from './clock';
import { ensurePrivateDir, makePrivate } from './file-modes';

export type BackupKind = 'manual' | 'daily' | 'pre-migration' | 'pre-restore';
export const DAILY_BACKUPS_KEPT = 14;

export interface BackupInfo {
  file: string;
  kind: string;
  createdAt: string;
  size: number;
}

const NAME = /^sanfang-(manual|daily|pre-migration|pre-restore)-(\d{8}-\d{6}-\d{3})\.sqlite$/;

export async function createBackup(sqlite: Database.Database, dir: string, kind: BackupKind): Promise<BackupInfo> {
  ensurePrivateDir(dir);
  const file = path.join(dir, `sanfang-${kind}-${fileStamp()}.sqlite`);
  await backupToFile(sqlite, file);
  return describe(file)!;
}

/**
 * A copy through SQLite's backup API, as one self-contained file: the copy is
 * switched from WAL to a rollback journal, so it needs no -wal beside it and
 * opens even from a read-only folder or a CD. A copy that fails (a full disk)
 * leaves no half file behind.
 */
export async function backupToFile(sqlite: Database.Database, file: string): Promise<void> {
  // Written under a temporary name and renamed when whole: a process killed half-way leaves no file that looks
  // like a backup (nor today's daily backup taken).
  const partial = `${file}.partial`;
  try {
    await sqlite.backup(partial);
    makePrivate(partial);
    const copy = new Database(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    fs.renameSync(partial, file);
  } catch (error) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${partial}${suffix}`, { force: true });
    throw error;
  }
}

/** Backups in a folder, newest first. */
export function listBackups(dir: string): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => describe(path.join(dir, name)))
    .filter((b): b is BackupInfo => b !== null)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

function describe(file: string): BackupInfo | null {
  const m = NAME.exec(path.basename(file));
  if (!m) return null;
  const s = m[2]!;
  const createdAt = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(16)}Z`;
  return { file, kind: m[1]!, createdAt, size: fs.statSync(file).size };
}

/** The daily backup: taken at most once per office day; only the newest 14 dailies are kept. */
export async function dailyBackupIfDue(sqlite: Database.Database, dir: string, now = new Date()): Promise<BackupInfo | null> {
  const today = todayInOffice('Asia/Shanghai', now);
  const dailies = listBackups(dir).filter((b) => b.kind === 'daily');
  const taken = dailies.some((b) => todayInOffice('Asia/Shanghai', new Date(b.createdAt)) === today);
  let made: BackupInfo | null = null;
  if (!taken) made = await createBackup(sqlite, dir, 'daily');
  pruneDailies(dir);
  return made;
}

export function pruneDailies(dir: string, keep = DAILY_BACKUPS_KEPT, now = Date.now()): void {
  const dailies = listBackups(dir).filter((b) => b.kind === 'daily');
  for (const old of dailies.slice(keep)) fs.rmSync(old.file, { force: true });
  // What a process killed during a backup left (backupToFile); an hour old, so never one being written now.
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const file = path.join(dir, name);
    if (name.endsWith('.partial') && now - fs.statSync(file).mtimeMs > 60 * 60 * 1000) fs.rmSync(file, { force: true });
  }
}
