import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBackups, pruneDailies, dailyBackupIfDue, createBackup } from '../../main/db/backups';
import { openDatabase } from '../../main/db/connection';
import { knownSchemaVersion } from '../../main/db/migrations-info';
import { restoreDatabase } from '../../main/db/restore';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { call, callError, loggedInApp, tempDir, testApp } from '../helpers';

describe('opening the database', () => {
  it('creates, migrates and sets the pragmas of docs/architecture.md §4', async () => {
    const dir = tempDir();
    const { sqlite } = await openDatabase(path.join(dir, 'a.sqlite'), MIGRATIONS_DIR, path.join(dir, 'backups'));
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(sqlite.pragma('user_version', { simple: true })).toBe(knownSchemaVersion(MIGRATIONS_DIR));
    const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").all().map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['communities', 'parts', 'persons', 'ownerships', 'users', 'audit_log']));
    sqlite.close();
  });

  it('refuses a database written by a newer version, and leaves it untouched', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'sanfang.sqlite');
    const raw = new Database(file);
    raw.pragma(`user_version = ${knownSchemaVersion(MIGRATIONS_DIR) + 1}`);
    raw.close();
    const before = fs.readFileSync(file);
    await expect(openDatabase(file, MIGRATIONS_DIR, path.join(dir, 'backups'))).rejects.toThrow(/更新版本/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    // The app starts in a safe mode that explains it to the person at this PC (the desktop app, the CLI).
    const app = await testApp(dir, { trustedCaller: true });
    const health = await call(app, 'system.health', {});
    expect(health.ok).toBe(false);
    expect(health.advice).toContain('更新版本');
    expect((await callError(app, 'auth.status', {})).code).toBe('DATABASE');
    app.close();
    // A newer build that forgot user_version is still recognised by the migrations it applied.
    const marked = new Database(file);
    marked.pragma('user_version = 0');
    marked.exec('create table __drizzle_migrations (id integer primary key, hash text not null, created_at numeric)');
    for (let i = 0; i <= knownSchemaVersion(MIGRATIONS_DIR); i++) marked.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run(`m${i}`, i);
    marked.close();
    const again = fs.readFileSync(file);
    await expect(openDatabase(file, MIGRATIONS_DIR, path.join(dir, 'backups'))).rejects.toThrow(/更新版本/);
    expect(fs.readFileSync(file).equals(again)).toBe(true);
  });

  it('backs up before migrating a database that already holds data', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'sanfang.sqlite');
    // A database holding data at an older schema version (here: before any migration).
    const old = new Database(file);
    old.exec("create table legacy (note text); insert into legacy values ('老数据')");
    old.close();
    const reopened = await openDatabase(file, MIGRATIONS_DIR, path.join(dir, 'backups'));
    expect(reopened.preMigrationBackup).toMatch(/sanfang-pre-migration-.*\.sqlite$/);
    const copy = new Database(reopened.preMigrationBackup!, { readonly: true });
    expect(copy.prepare('select note from legacy').get()).toEqual({ note: '老数据' });
    copy.close();
    reopened.sqlite.close();
  });
});

describe('backups', () => {
  it('takes one daily backup per day and keeps the newest 14', async () => {
    const dir = tempDir();
    const backups = path.join(dir, 'backups');
    const db = new Database(path.join(dir, 'x.sqlite'));
    db.exec('create table t (x)');
    expect(await dailyBackupIfDue(db, backups, new Date())).not.toBeNull();
    expect(await dailyBackupIfDue(db, backups, new Date())).toBeNull();
    fs.mkdirSync(backups, { recursive: true });
    for (let d = 1; d <= 20; d++) {
      fs.writeFileSync(path.join(backups, `sanfang-daily-202601${String(d).padStart(2, '0')}-120000-000.sqlite`), '');
    }
    pruneDailies(backups);
    const dailies = listBackups(backups).filter((b) => b.kind === 'daily');
    expect(dailies).toHaveLength(14);
    expect(dailies.at(-1)!.createdAt.startsWith('2026-01-08')).toBe(true);
    await createBackup(db, backups, 'manual');
    expect(listBackups(backups).filter((b) => b.kind === 'manual')).toHaveLength(1);
    db.close();
  });

  it('backs up from the UI and records who did it', async () => {
    const { app, session } = await loggedInApp();
    const made = await call(app, 'backup.create', {}, session);
    expect(made.kind).toBe('manual');
    expect(fs.existsSync(made.file)).toBe(true);
    expect((await call(app, 'backup.list', {}, session)).map((b) => b.file)).toContain(made.file);
    const audit = await call(app, 'audit.list', { entity: 'database' }, session);
    expect(audit.rows[0]).toMatchObject({ action: 'backup', author: '王主任（admin）' });
  });
});

describe('system.health', () => {
  it('tells the file and its problems only to a signed-in or trusted caller', async () => {
    const dir = tempDir();
    const { app, session } = await loggedInApp(dir);
    expect(await call(app, 'system.health', {})).toMatchObject({ ok: true, dbPath: null });
    expect(await call(app, 'system.health', {}, session)).toMatchObject({ ok: true, dbPath: path.join(dir, 'sanfang.sqlite') });
  });
});

describe('integrity and restore', () => {
  it('a damaged database is reported in plain Chinese with the backup to use, and restore brings it back', async () => {
    const dir = tempDir();
    const { app, session } = await loggedInApp(dir);
    await call(app, 'community.create', { name: '阳光小区' }, session);
    const backup = await call(app, 'backup.create', {}, session);
    await call(app, 'community.create', { name: '后来的小区' }, session);
    app.close();

    // Damage the file: overwrite most of it with noise, keeping the header.
    const file = path.join(dir, 'sanfang.sqlite');
    const bytes = fs.readFileSync(file);
    for (let i = 100; i < bytes.length; i++) bytes[i] = (i * 7) & 0xff;
    fs.writeFileSync(file, bytes);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });

    const broken = await testApp(dir, { trustedCaller: true });
    const health = await call(broken, 'system.health', {});
    expect(health.ok).toBe(false);
    expect(health.suggestedBackup).toBe(backup.file);
    expect(health.advice).toContain('请关闭本程序，用最近一份完好的备份恢复');
    expect(health.advice).toContain(backup.file);
    broken.close();
    // Browser mode, before anyone has signed in: only that the data cannot be used, no path, no backup.
    const untrusted = await testApp(dir);
    const plain = await call(untrusted, 'system.health', {});
    expect(plain).toMatchObject({ ok: false, dbPath: null, problems: [], suggestedBackup: null });
    expect(JSON.stringify(plain)).not.toContain(dir);
    expect((await callError(untrusted, 'auth.status', {})).message).not.toContain(dir);
    untrusted.close();

    const result = await restoreDatabase(file, backup.file, path.join(dir, 'backups'), MIGRATIONS_DIR);
    expect(result.keptAside).not.toBeNull();
    expect(fs.existsSync(result.keptAside!)).toBe(true);
    const restored = await testApp(dir);
    const { session: s2 } = await call(restored, 'auth.login', { username: 'admin', password: 'correct horse' });
    expect((await call(restored, 'community.list', {}, s2)).map((c) => c.name)).toEqual(['阳光小区']);
  });

  it('refuses to restore a file that is not a sound database', async () => {
    const dir = tempDir();
    const junk = path.join(dir, 'junk.sqlite');
    fs.writeFileSync(junk, 'not a database at all, just text '.repeat(200));
    await expect(restoreDatabase(path.join(dir, 'sanfang.sqlite'), junk, path.join(dir, 'backups'), MIGRATIONS_DIR)).rejects.toThrow(/无法使用/);
  });
});
