import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/connection';
import { knownSchemaVersion } from '../../main/db/migrations-info';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { openDataKey } from '../../main/security/data-key';
import { isPlaintextBackup } from '../../main/security/plaintext-backups';
import { openPerson } from '../../main/security/personal-data';
import { sealLegacyPlaintext } from '../../main/security/seal-legacy';
import { partCacheMismatches } from '../../main/services/part-cache';
import { rosterPage } from '../../main/services/roster-query';
import { legacyDatabase, migrationsUpTo, writeLegacyRoster } from '../fixtures/legacy-roster';
import { plaintextIn, secretForms } from '../fixtures/plaintext-scan';
import { generateRoster } from '../fixtures/roster-generator';
import { call, callError, tempDir, testApp } from '../helpers';

function rowCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%fts%' and name != '__drizzle_migrations'").pluck().all() as string[];
  const counts = Object.fromEntries(tables.map((t) => [t, (db.prepare(`select count(*) from "${t}"`).pluck().get() as number)]));
  db.close();
  return counts;
}

// ARCHITECTURE.md: every migration is tested on a populated database, comparing row counts
// (drizzle-kit's table rebuilds can cascade-delete child rows). The roster is written as the
// versions before encryption stored it (plaintext IDs and phones, tests/fixtures/legacy-roster.ts);
// after the upgrade and the start-up sealing, none of them is left in the file's bytes.
describe('every migration keeps the data of a populated database', () => {
  const latest = knownSchemaVersion(MIGRATIONS_DIR);
  for (let from = 1; from < latest; from++) {
    it(`from schema ${from} to ${latest}`, async () => {
      const dir = tempDir();
      const file = path.join(dir, 'sanfang.sqlite');
      const old = await openDatabase(file, migrationsUpTo(from, tempDir('sanfang-migrations-')), path.join(dir, 'backups'));
      const legacy = writeLegacyRoster(old.sqlite, '升级小区', generateRoster({ parts: 200, seed: 11 }));
      old.sqlite.close();
      const before = rowCounts(file);
      expect(before.parts).toBe(200);
      const stored = legacy.flatMap((p) => [p.document, p.phone]).filter((v): v is string => v !== null);
      const secrets = secretForms(stored);
      expect(stored.length).toBeGreaterThan(300);
      // The scan can see them: the old file holds every one as it was stored.
      expect(plaintextIn([file], stored)).toHaveLength(stored.length);

      const migrated = await openDatabase(file, MIGRATIONS_DIR, path.join(dir, 'backups'));
      expect(migrated.sqlite.pragma('user_version', { simple: true })).toBe(latest);
      expect(migrated.preMigrationBackup).not.toBeNull();
      // What openApp does next: the data key, then sealing and VACUUM.
      const key = openDataKey(migrated.sqlite, file);
      if (key.state !== 'ready') throw new Error(key.problem);
      const sealing = sealLegacyPlaintext(migrated.sqlite, key.keys);
      expect(sealing).toMatchObject({ persons: legacy.length, auditRows: 5, vacuumed: true });
      expect(sealLegacyPlaintext(migrated.sqlite, key.keys)).toEqual({ persons: 0, ballots: 0, auditRows: 0, vacuumed: false });

      // Every value opens to what it was, the caches match the rows, and a full ID still finds its part.
      const rows = migrated.sqlite.prepare('select id, name, document, phone from persons').all() as { id: string; name: string; document: string | null; phone: string | null }[];
      const byId = new Map(legacy.map((p) => [p.id, p]));
      for (const r of rows) expect(openPerson(key.keys, r)).toEqual({ document: byId.get(r.id)!.document, phone: byId.get(r.id)!.phone });
      expect(partCacheMismatches(migrated.sqlite)).toEqual([]);
      const ctx = { ...migrated, dataDir: dir, backupDir: path.join(dir, 'backups'), migrationsDir: MIGRATIONS_DIR, keys: key.keys };
      const communityId = migrated.sqlite.prepare('select id from communities').pluck().get() as string;
      const someone = legacy.find((p) => p.document !== null)!;
      const found = rosterPage(ctx, { communityId, search: someone.document!, sort: 'address', desc: false, offset: 0, limit: 50 });
      expect(found.total).toBeGreaterThan(0);
      expect(found.rows.flatMap((r) => r.owners.map((o) => o.personId))).toContain(someone.id);
      migrated.sqlite.close();

      const after = rowCounts(file);
      for (const [table, n] of Object.entries(before)) expect(after[table], table).toBe(n);
      expect(rowCounts(migrated.preMigrationBackup!)).toEqual(before);
      // No ID or phone in the clear in the upgraded file or its WAL; the backup from before still holds them, and says so.
      const files = [file, `${file}-wal`].filter((f) => fs.existsSync(f));
      expect(plaintextIn(files, secrets)).toEqual([]);
      expect(isPlaintextBackup(migrated.preMigrationBackup!)).toBe(true);
      expect(isPlaintextBackup(file)).toBe(false);
    });
  }
});

describe('backups made before encryption', () => {
  it('are listed as plaintext and can be deleted, audited; nothing else can be deleted that way', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'sanfang.sqlite');
    await legacyDatabase(file, tempDir(), '升级小区', generateRoster({ parts: 40, seed: 3 }));

    const app = await testApp(dir); // upgrades: a pre-migration backup, then sealing, then the daily backup
    const { session } = await call(app, 'auth.setup', { username: 'admin', displayName: '王主任', password: 'correct horse' });
    const listed = await call(app, 'backup.list', {}, session);
    expect(listed.map((b) => [b.kind, b.plaintext]).sort()).toEqual([['daily', false], ['pre-migration', true]]);
    const plaintext = listed.find((b) => b.plaintext)!;
    const sealed = listed.find((b) => !b.plaintext)!;

    const refusedSealed = await callError(app, 'backup.deletePlaintext', { files: [plaintext.file, sealed.file] }, session);
    expect(refusedSealed).toMatchObject({ code: 'REFUSED', message: expect.stringContaining('已加密，不是明文备份，没有删除任何文件') });
    const outside = path.join(dir, 'sanfang.sqlite');
    expect((await callError(app, 'backup.deletePlaintext', { files: [outside] }, session)).message).toContain('不是备份文件夹中的备份');
    const renamed = path.join(dir, 'backups', '..', 'backups', path.basename(plaintext.file));
    expect(fs.existsSync(plaintext.file)).toBe(true);

    expect(await call(app, 'backup.deletePlaintext', { files: [renamed] }, session)).toEqual({ deleted: [plaintext.file] });
    expect(fs.existsSync(plaintext.file)).toBe(false);
    expect((await call(app, 'backup.list', {}, session)).map((b) => b.file)).toEqual([sealed.file]);
    const log = await call(app, 'audit.list', { entity: 'backup' }, session);
    expect(log.rows[0]).toMatchObject({ action: 'delete-plaintext-backups', author: '王主任（admin）', after: { files: [path.basename(plaintext.file)] } });
  });
});

