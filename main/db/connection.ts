/**
 * Opening the database: pragmas, refusal of databases written by a newer
 * version, a backup before every migration, then the migrations.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import path from 'node:path';
import { AppError } from '../../shared/contract/errors';
import { createBackup } from './backups';
import { ensurePrivateDir, makePrivate } from './file-modes';
import { knownSchemaVersion } from './migrations-info';
import { countOf } from './rows';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
export type Sqlite = Database.Database;

export interface OpenedDatabase {
  sqlite: Sqlite;
  db: Db;
  /** Backup taken before migrating, if any migration ran on existing data. */
  preMigrationBackup: string | null;
}

/** Per-connection settings (docs/architecture.md §4): financial records must survive a power cut. */
export function applyPragmas(sqlite: Sqlite): void {
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  // A moment's wait for another writer inside SQLite (it blocks the process); longer waits are the router's,
  // which retries a call refused as BUSY without blocking (main/router.ts).
  sqlite.pragma('busy_timeout = 250');
  // The full-disk drill (README, Reliability): a database capped at this many pages answers SQLITE_FULL
  // beyond it, as a full disk does, without needing a small file system.
  const cap = Number(process.env.SANFANG_MAX_PAGE_COUNT);
  if (Number.isSafeInteger(cap) && cap > 0) sqlite.pragma(`max_page_count = ${cap}`);
  sqlite.pragma('secure_delete = ON'); // deleted or overwritten content is zeroed, not left in free pages (personal data)
}

export function schemaVersionOf(sqlite: Sqlite): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

/**
 * Why a database is from a newer version, or null. Both marks count: the schema
 * version (PRAGMA user_version) and the migrations applied (drizzle's table),
 * since a newer build that forgot one of them must still be refused.
 */
export function newerVersionOf(sqlite: Sqlite, known: number): string | null {
  const version = schemaVersionOf(sqlite);
  const hasMigrations = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get() !== undefined;
  const applied = hasMigrations ? countOf(sqlite.prepare('select count(*) from __drizzle_migrations').pluck().get()) : 0;
  const newest = Math.max(version, applied);
  if (newest <= known) return null;
  return `此数据库由更新版本的三方办写入（数据版本 ${newest}，本程序支持到 ${known}）。为保护数据，本程序不会打开或修改它；请安装新版本后再打开。`;
}

export function refuseNewer(sqlite: Sqlite, known: number): void {
  const problem = newerVersionOf(sqlite, known);
  if (problem) throw new AppError('DATABASE', problem);
}

function hasUserTables(sqlite: Sqlite): boolean {
  return countOf(sqlite.prepare("select count(*) from sqlite_master where type = 'table' and name not like 'sqlite_%'").pluck().get()) > 0;
}

export async function openDatabase(dbPath: string, migrationsDir: string, backupDir: string): Promise<OpenedDatabase> {
  ensurePrivateDir(path.dirname(dbPath));
  const sqlite = new Database(dbPath);
  // SQLite gives the -wal and -shm files the database file's mode.
  makePrivate(dbPath);
  try {
    // Read the version before any pragma: switching to WAL rewrites the file header,
    // and a newer version's database must be left exactly as it was.
    const known = knownSchemaVersion(migrationsDir);
    const version = schemaVersionOf(sqlite);
    refuseNewer(sqlite, known);
    applyPragmas(sqlite);
    let preMigrationBackup: string | null = null;
    if (version < known && hasUserTables(sqlite)) {
      preMigrationBackup = (await createBackup(sqlite, backupDir, 'pre-migration')).file;
    }
    const db = drizzle(sqlite, { schema });
    if (version < known) {
      migrate(db, { migrationsFolder: migrationsDir });
      sqlite.pragma(`user_version = ${known}`);
    }
    return { sqlite, db, preMigrationBackup };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
