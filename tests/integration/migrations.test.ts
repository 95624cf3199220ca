import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/connection';
import { knownSchemaVersion } from '../../main/db/migrations-info';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { importRoster } from '../../main/services/roster-import';
import { writeRosterWorkbook } from '../../main/files/roster-workbook';
import { generateRoster } from '../fixtures/roster-generator';
import { tempDir } from '../helpers';
import { communitySettings } from '../../shared/contract/schemas';

/** A copy of the migrations folder that stops after the first `count` migrations. */
function migrationsUpTo(count: number): string {
  const dir = tempDir('sanfang-migrations-');
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8'));
  journal.entries = journal.entries.slice(0, count);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

function rowCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%fts%' and name != '__drizzle_migrations'").pluck().all() as string[];
  const counts = Object.fromEntries(tables.map((t) => [t, (db.prepare(`select count(*) from "${t}"`).pluck().get() as number)]));
  db.close();
  return counts;
}

// ARCHITECTURE.md: every migration is tested on a populated database, comparing row counts
// (drizzle-kit's table rebuilds can cascade-delete child rows).
describe('every migration keeps the data of a populated database', () => {
  const latest = knownSchemaVersion(MIGRATIONS_DIR);
  for (let from = 1; from < latest; from++) {
    it(`from schema ${from} to ${latest}`, async () => {
      const dir = tempDir();
      const file = path.join(dir, 'sanfang.sqlite');
      const old = await openDatabase(file, migrationsUpTo(from), path.join(dir, 'backups'));
      const ctx = { ...old, dataDir: dir, backupDir: path.join(dir, 'backups'), migrationsDir: MIGRATIONS_DIR };
      const xlsx = await writeRosterWorkbook(generateRoster({ parts: 200, seed: 11 }));
      await importRoster(ctx, { author: 'test', userId: null }, { fileName: 'r.xlsx', base64: xlsx.toString('base64') },
        { name: '升级小区', address: '', streetOffice: '', communityOffice: '', developer: '', settings: communitySettings.parse({}) });
      old.sqlite.close();
      const before = rowCounts(file);
      expect(before.parts).toBe(200);

      const migrated = await openDatabase(file, MIGRATIONS_DIR, path.join(dir, 'backups'));
      expect(migrated.sqlite.pragma('user_version', { simple: true })).toBe(latest);
      expect(migrated.preMigrationBackup).not.toBeNull();
      migrated.sqlite.close();
      const after = rowCounts(file);
      for (const [table, n] of Object.entries(before)) expect(after[table], table).toBe(n);
      expect(rowCounts(migrated.preMigrationBackup!)).toEqual(before);
    });
  }
});
