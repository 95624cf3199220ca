/**
 * Sessions kept in the database (issue 17): a signed-in person stays signed in across a close and re-open of the
 * app (a restart of the office server), and the rules are the same as when sessions lived in memory — 12 idle
 * hours, 24 hours at most, a disabled account's sessions end, a changed password ends the account's other
 * sessions, a locked screen stays locked. The token itself is never stored, only its SHA-256; last_seen is
 * written at most once a minute. On a real SQLite file, with a clock the test moves instead of sleeps.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../main/app';
import { openDatabase } from '../../main/db/connection';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { requireDataKeys } from '../../main/security/data-key';
import type { ServiceContext } from '../../main/services/context';
import { AuthService } from '../../main/services/system/auth';
import { call, callError, loggedInApp, tempDir } from '../helpers';

const PASSWORD = 'correct horse';
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

function sessionRows(dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('select token_hash as tokenHash, user_id as userId, opened_at as openedAt, last_seen as lastSeen, locked from sessions').all() as
      { tokenHash: string; userId: string; openedAt: string; lastSeen: string; locked: number }[];
  } finally {
    db.close();
  }
}

/** An AuthService on the database file in `dir`, opened afresh (a restart), with the test's clock. */
async function authOn(dir: string, clock: { t: number }) {
  const dbPath = path.join(dir, 'sanfang.sqlite');
  const opened = await openDatabase(dbPath, MIGRATIONS_DIR, path.join(dir, 'backups'));
  const ctx: ServiceContext = {
    db: opened.db, sqlite: opened.sqlite, dataDir: dir, backupDir: path.join(dir, 'backups'), migrationsDir: MIGRATIONS_DIR,
    keys: requireDataKeys(opened.sqlite, dbPath),
  };
  return { auth: new AuthService(ctx, { now: () => clock.t }), dbPath, close: () => opened.sqlite.close() };
}

describe('a session across a restart', () => {
  it('still works after the app is closed and opened again, and its token is stored only as its hash', async () => {
    const dir = tempDir();
    const { app, session } = await loggedInApp(dir);
    await call(app, 'community.create', { name: '翠苑一区' }, session);
    app.close();

    const rows = sessionRows(path.join(dir, 'sanfang.sqlite'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(sha256(session));
    // Nowhere in the file (nor a WAL beside it) is the token itself.
    for (const file of fs.readdirSync(dir).filter((f) => f.startsWith('sanfang.sqlite'))) {
      expect(fs.readFileSync(path.join(dir, file)).includes(Buffer.from(session)), file).toBe(false);
    }

    const restarted = await openApp({ dataDir: dir, migrationsDir: MIGRATIONS_DIR });
    try {
      expect(await call(restarted, 'auth.status', {}, session)).toMatchObject({ user: { username: 'admin' }, locked: false });
      expect((await call(restarted, 'community.list', {}, session)).map((c) => c.name)).toEqual(['翠苑一区']);
      // A token this database never issued opens nothing — its hash as a token neither.
      expect(await callError(restarted, 'community.list', {}, sha256(session))).toMatchObject({ code: 'UNAUTHENTICATED' });
      await call(restarted, 'auth.logout', {}, session);
      expect(await callError(restarted, 'community.list', {}, session)).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(sessionRows(restarted.dbPath)).toEqual([]);
    } finally {
      restarted.close();
    }
  });

  it('a locked screen stays locked across a restart; the password unlocks it', async () => {
    const dir = tempDir();
    const { app, session } = await loggedInApp(dir);
    await call(app, 'auth.lock', {}, session);
    app.close();
    const restarted = await openApp({ dataDir: dir, migrationsDir: MIGRATIONS_DIR });
    try {
      expect(await call(restarted, 'auth.status', {}, session)).toMatchObject({ locked: true });
      expect(await callError(restarted, 'community.list', {}, session)).toMatchObject({ code: 'SCREEN_LOCKED' });
      await call(restarted, 'auth.unlock', { password: PASSWORD }, session);
      expect(await call(restarted, 'community.list', {}, session)).toEqual([]);
    } finally {
      restarted.close();
    }
  });
});

describe('the rules of a session, kept in the database', () => {
  it('ends after 12 idle hours and 24 hours after login, across restarts; last_seen is written at most once a minute', async () => {
    const dir = tempDir();
    const clock = { t: Date.UTC(2026, 0, 5, 8, 0) };
    let { auth, dbPath, close } = await authOn(dir, clock);
    await auth.setup({ username: 'admin', displayName: '王主任', password: PASSWORD });
    const { session } = await auth.login({ username: 'admin', password: PASSWORD });
    const opened = clock.t;
    const seen = () => sessionRows(dbPath).find((r) => r.tokenHash === sha256(session))!.lastSeen;

    clock.t = opened + 30_000;
    expect(auth.userFor(session)?.username).toBe('admin');
    expect(seen()).toBe(new Date(opened).toISOString()); // half a minute: not written
    clock.t = opened + MINUTE;
    expect(auth.userFor(session)?.username).toBe('admin');
    expect(seen()).toBe(new Date(opened + MINUTE).toISOString());

    // Active every 11 hours, with a restart in between: alive until 24 hours after login.
    for (const h of [11, 22]) {
      close();
      ({ auth, dbPath, close } = await authOn(dir, clock));
      clock.t = opened + h * HOUR;
      expect(auth.userFor(session)?.username).toBe('admin');
    }
    clock.t = opened + 24 * HOUR - 1;
    expect(auth.userFor(session)?.username).toBe('admin');
    clock.t = opened + 24 * HOUR + 1;
    expect(auth.userFor(session)).toBeNull();
    expect(sessionRows(dbPath).some((r) => r.tokenHash === sha256(session))).toBe(false);

    const idle = (await auth.login({ username: 'admin', password: PASSWORD })).session;
    close();
    ({ auth, dbPath, close } = await authOn(dir, clock));
    clock.t += 12 * HOUR + 1;
    expect(auth.userFor(idle)).toBeNull();
    close();
  });

  it('sessions past their time are deleted at start', async () => {
    const dir = tempDir();
    const { app, session } = await loggedInApp(dir);
    const second = (await call(app, 'auth.login', { username: 'admin', password: PASSWORD })).session;
    app.close();
    const db = new Database(path.join(dir, 'sanfang.sqlite'));
    db.prepare('update sessions set last_seen = ? where token_hash = ?').run(new Date(Date.now() - 13 * HOUR).toISOString(), sha256(second));
    db.close();
    const restarted = await openApp({ dataDir: dir, migrationsDir: MIGRATIONS_DIR });
    restarted.close();
    expect(sessionRows(path.join(dir, 'sanfang.sqlite')).map((r) => r.tokenHash)).toEqual([sha256(session)]);
  });

  it('disabling an account ends its sessions (after a restart too); a reset password ends them; a changed password ends the others', async () => {
    const dir = tempDir();
    const { app, session } = await loggedInApp(dir);
    const community = await call(app, 'community.create', { name: '翠苑一区' }, session);
    const made = await call(app, 'user.create', { username: 'zhang', displayName: '张专员', grants: [{ role: 'reader', communities: [community.id] }] }, session);
    const temp = (await call(app, 'auth.login', { username: 'zhang', password: made.temporaryPassword })).session;
    await call(app, 'auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: 'zhang own secret' }, temp);
    const a = (await call(app, 'auth.login', { username: 'zhang', password: 'zhang own secret' })).session;
    const b = (await call(app, 'auth.login', { username: 'zhang', password: 'zhang own secret' })).session;

    // Changing the password in session a ends b (and the first one), a goes on.
    await call(app, 'auth.changePassword', { oldPassword: 'zhang own secret', newPassword: 'zhang new secret' }, a);
    expect(await callError(app, 'community.list', {}, b)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await callError(app, 'community.list', {}, temp)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await call(app, 'community.list', {}, a)).toHaveLength(1);

    await call(app, 'user.disable', { id: made.id }, session);
    app.close();
    const restarted = await openApp({ dataDir: dir, migrationsDir: MIGRATIONS_DIR });
    try {
      expect(await callError(restarted, 'community.list', {}, a)).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(sessionRows(restarted.dbPath).filter((r) => r.userId === made.id)).toEqual([]);
      await call(restarted, 'user.enable', { id: made.id }, session);
      const c = (await call(restarted, 'auth.login', { username: 'zhang', password: 'zhang new secret' })).session;
      await call(restarted, 'user.resetPassword', { id: made.id }, session);
      expect(await callError(restarted, 'community.list', {}, c)).toMatchObject({ code: 'UNAUTHENTICATED' });
    } finally {
      restarted.close();
    }
  });
});
