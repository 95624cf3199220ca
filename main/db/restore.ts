/**
 * Restoring a backup (CLI `restore FILE`): the backup is checked first, the
 * current database is kept aside, then the backup is copied in with the backup
 * API and migrated forward if it is older.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/contract/errors';
import { createBackup } from './backups';
import { fileStamp } from './clock';
import { ensurePrivateDir, makePrivate } from './file-modes';
import { checkDatabaseFile } from './integrity';
import { knownSchemaVersion } from './migrations-info';
import { refuseNewer } from './connection';
import { forgetSound } from './soundness';

export interface RestoreResult {
  restoredFrom: string;
  /** Where the database that was in place went, or null if there was none. */
  keptAside: string | null;
}

export async function restoreDatabase(dbPath: string, source: string, backupDir: string, migrationsDir: string): Promise<RestoreResult> {
  if (!fs.existsSync(source)) throw new AppError('REFUSED', `找不到备份文件 ${source}`);
  if (path.resolve(source) === path.resolve(dbPath)) throw new AppError('REFUSED', '备份文件就是当前数据库，无需恢复');
  const check = checkDatabaseFile(source, 'full');
  if (!check.ok) throw new AppError('REFUSED', `备份文件 ${source} 无法使用：${check.problems.slice(0, 3).join('；')}`);
  const src = new Database(source, { readonly: true });
  try {
    refuseNewer(src, knownSchemaVersion(migrationsDir));
    const keptAside = fs.existsSync(dbPath) ? await keepAside(dbPath, backupDir) : null;
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${dbPath}${suffix}`, { force: true });
    forgetSound(dbPath);
    // A new PC: the folder may not exist yet.
    ensurePrivateDir(path.dirname(dbPath));
    await src.backup(dbPath);
    makePrivate(dbPath);
    return { restoredFrom: source, keptAside };
  } finally {
    src.close();
  }
}

/** Through the backup API when the file can be read; a plain copy when it is too damaged for that. */
async function keepAside(dbPath: string, backupDir: string): Promise<string> {
  try {
    const current = new Database(dbPath, { fileMustExist: true });
    try {
      return (await createBackup(current, backupDir, 'pre-restore')).file;
    } finally {
      current.close();
    }
  } catch {
    ensurePrivateDir(backupDir);
    const aside = path.join(backupDir, `damaged-${fileStamp()}-${path.basename(dbPath)}`);
    fs.copyFileSync(dbPath, aside);
    makePrivate(aside);
    if (fs.existsSync(`${dbPath}-wal`)) {
      fs.copyFileSync(`${dbPath}-wal`, `${aside}-wal`);
      makePrivate(`${aside}-wal`);
    }
    return aside;
  }
}
