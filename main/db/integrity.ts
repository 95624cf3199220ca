/**
 * The start-up check: is the database file sound, and if not, which backup to
 * use — told to the user in plain Chinese.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { listBackups } from './backups';
import { faultKind, faultMessage, type FaultKind } from './faults';
import { newerVersionOf } from './connection';
import { knownSchemaVersion } from './migrations-info';

export interface FileCheck {
  ok: boolean;
  /** Plain Chinese first; SQLite's own report of a damaged page after it, for the technician. */
  problems: string[];
  /** Set when the file could not be checked for a reason that is not damage (read-only folder, locked file…). */
  fault?: FaultKind;
}

/**
 * quick_check when the app starts (reads every page: seconds on a database of
 * a million ballots); integrity_check from the CLI's `check`; `header` for the
 * CLI's other commands, which run many times a day on the same file — it
 * opens the file and reads the schema, which a damaged first page fails.
 */
export function checkDatabaseFile(file: string, mode: 'quick' | 'full' | 'header' = 'quick'): FileCheck {
  if (!fs.existsSync(file)) return { ok: true, problems: [] };
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    if (mode === 'header') {
      db.prepare('select count(*) from sqlite_master').get();
      return { ok: true, problems: [] };
    }
    const rows = db.pragma(mode === 'quick' ? 'quick_check(20)' : 'integrity_check(100)') as Record<string, string>[];
    const messages = rows.map((r) => Object.values(r)[0]!).filter((m) => m !== 'ok');
    if (messages.length === 0) return { ok: true, problems: [] };
    return { ok: false, problems: [`数据库文件已损坏：完整性检查发现${messages.length >= 20 ? '至少' : ''} ${messages.length} 处问题（以下为 SQLite 的检查结果）`, ...messages] };
  } catch (error) {
    const kind = faultKind(error);
    if (kind && kind !== 'damaged' && kind !== 'disk-error') return { ok: false, problems: [faultMessage(kind, { dataDir: path.dirname(file) })], fault: kind };
    return { ok: false, problems: [describeSqliteError(error)] };
  } finally {
    db?.close();
  }
}

/** What a failure to read the file means, in plain Chinese. */
function describeSqliteError(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB') return '文件不是有效的数据库（文件头不对：可能被覆盖、没有复制完整，或根本不是数据库文件）';
  if (code.startsWith('SQLITE_CORRUPT')) return '数据库文件已损坏（数据页的结构不对）';
  return (error as Error).message ?? String(error);
}

/** Why the file is from a newer version of the app, or null (also null when it cannot be read: that is checkDatabaseFile's). */
export function newerVersionProblem(file: string, migrationsDir: string): string | null {
  if (!fs.existsSync(file)) return null;
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return newerVersionOf(db, knownSchemaVersion(migrationsDir));
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/** The newest backup that passes quick_check and is not from a newer version. */
export function findHealthyBackup(backupDir: string, migrationsDir: string): string | null {
  for (const backup of listBackups(backupDir)) {
    if (checkDatabaseFile(backup.file, 'quick').ok && newerVersionProblem(backup.file, migrationsDir) === null) return backup.file;
  }
  return null;
}

export function adviceFor(dbPath: string, problems: string[], backup: string | null): string {
  // The first problem is the plain summary; SQLite's page-by-page report is for `check`.
  const what = `数据库文件 ${dbPath} 检查未通过：${problems[0] ?? '原因不明'}。`;
  const todo = backup
    ? `请关闭本程序，用最近一份完好的备份恢复：${backup}（命令：npm run -s cli -- --db "${dbPath}" restore "${backup}"）。恢复前当前文件会被另存，不会丢失。`
    : '没有找到完好的备份。请不要再写入这个文件，复制整个数据文件夹后联系技术人员。';
  return `${what}${todo}`;
}
