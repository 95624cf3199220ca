/**
 * Opening the database: pragmas, refusal of databases written by a newer
 * version, a backup before every migration, then the migrations.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/contract/errors';
import { createBackup } from './backups';
import { knownSchemaVersion } from './migrations-info';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
export type Sqlite = Database.Database;

export interface OpenedDatabase {
  sqlite: Sqlite;
  db: Db;
  /** Backup taken before migrating, if any migration ran on existing data. */
  preMigrationBackup: string | null;
}

/** Per-connection settings (ARCHITECTURE.md): financial records must survive a power cut. */
export function applyPragmas(sqlite: Sqlite): void {
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('secure_delete = ON'); // deleted or overwritten content is zeroed, not left in free pages (personal data)
}

export function schemaVersionOf(sqlite: Sqlite): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

export function refuseNewer(version: number, known: number): void {
  if (version > known) {
    throw new AppError(
      'DATABASE',
      `此数据库由更新版本的三方办写入（数据版本 ${version}，本程序支持到 ${known}）。为保护数据，本程序不会打开或修改它；请安装新版本后再打开。`,
    );
  }
}

function hasUserTables(sqlite: Sqlite): boolean {
  const row = sqlite
    .prepare("select count(*) as n from sqlite_master where type = 'table' and name not like 'sqlite_%'")
    .get() as { n: number };
  return row.n > 0;
}

export async function openDatabase(dbPath: string, migrationsDir: string, backupDir: string): Promise<OpenedDatabase> {
  fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  const sqlite = new Database(dbPath);
  try {
    // Read the version before any pragma: switching to WAL rewrites the file header,
    // and a newer version's database must be left exactly as it was.
    const known = knownSchemaVersion(migrationsDir);
    const version = schemaVersionOf(sqlite);
    refuseNewer(version, known);
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
