/**
 * The start-up check: is the database file sound, and if not, which backup to
 * use — told to the user in plain Chinese.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { listBackups } from './backups';
import { knownSchemaVersion } from './migrations-info';

export interface FileCheck {
  ok: boolean;
  problems: string[];
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
    return { ok: messages.length === 0, problems: messages };
  } catch (error) {
    return { ok: false, problems: [describeSqliteError(error)] };
  } finally {
    db?.close();
  }
}

function describeSqliteError(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error).message ?? String(error);
  if (code === 'SQLITE_NOTADB') return `文件不是有效的数据库（${message}）`;
  if (code === 'SQLITE_CORRUPT') return `数据库文件已损坏（${message}）`;
  return message;
}

/** The newest backup that passes quick_check and is not from a newer version. */
export function findHealthyBackup(backupDir: string, migrationsDir: string): string | null {
  const known = knownSchemaVersion(migrationsDir);
  for (const backup of listBackups(backupDir)) {
    const check = checkDatabaseFile(backup.file, 'quick');
    if (!check.ok) continue;
    const db = new Database(backup.file, { readonly: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    db.close();
    if (version <= known) return backup.file;
  }
  return null;
}

export function adviceFor(dbPath: string, problems: string[], backup: string | null): string {
  const what = `数据库文件 ${dbPath} 检查未通过：${problems.slice(0, 3).join('；')}。`;
  const todo = backup
    ? `请关闭本程序，用最近一份完好的备份恢复：${backup}（命令：npm run -s cli -- --db "${dbPath}" restore "${backup}"）。恢复前当前文件会被另存，不会丢失。`
    : '没有找到完好的备份。请不要再写入这个文件，复制整个数据文件夹后联系技术人员。';
  return `${what}${todo}`;
}
