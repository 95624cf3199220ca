/**
 * Logins at the edge: attempts counted before the password is checked (200
 * guesses at once), limits per username and overall, a bounded record that
 * expires, length limits, scrypt at N = 2^17 with old hashes upgraded, and
 * sessions with an absolute lifetime — on a real SQLite file, with an
 * injectable clock instead of sleeps.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/connection';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { AuthService } from '../../main/services/system/auth';
import type { ServiceContext } from '../../main/services/context';
import { LOGIN_LIMITS, LoginLimiter, type LoginLimits } from '../../main/services/system/login-limits';
import { hashSecret } from '../../main/services/system/passwords';
import { startWebServer } from '../../main/transport/http-server';
import { call, callError, loggedInApp, tempDir, testApp } from '../helpers';
import { requireDataKeys } from '../../main/security/data-key';

const RIGHT = 'correct horse';

function passwordHash(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare('select password_hash from users').pluck().get() as string);
  } finally {
    db.close();
  }
}

/** An AuthService on its own database file, with a clock the test moves. */
async function clockedAuth(limits?: LoginLimits) {
  const dir = tempDir();
  const opened = await openDatabase(path.join(dir, 'sanfang.sqlite'), MIGRATIONS_DIR, path.join(dir, 'backups'));
  const ctx: ServiceContext = {
    db: opened.db, sqlite: opened.sqlite, dataDir: dir, backupDir: path.join(dir, 'backups'), migrationsDir: MIGRATIONS_DIR,
    keys: requireDataKeys(opened.sqlite, path.join(dir, 'sanfang.sqlite')),
  };
  const clock = { t: Date.UTC(2026, 0, 5, 8, 0) };
  const auth = new AuthService(ctx, { now: () => clock.t, ...(limits ? { limits } : {}) });
  const { session, recoveryCode } = await auth.setup({ username: 'admin', displayName: '王主任', password: RIGHT });
  return { auth, clock, session, recoveryCode, close: () => opened.sqlite.close() };
}

const HOUR = 60 * 60 * 1000;

describe('attempts are counted before the password is checked', () => {
  it('200 guesses at once: five are checked, the rest refused at once — the right password, sent last, among them', async () => {
    const { app } = await loggedInApp();
    const guesses = Array.from({ length: 200 }, (_, i) => (i === 199 ? RIGHT : `wrong ${i}`));
    const answers = await Promise.all(guesses.map((password) => app.handle({ method: 'auth.login', input: { username: 'admin', password } })));
    const checked = answers.filter((a) => !a.ok && a.error.code === 'UNAUTHENTICATED');
    const refused = answers.filter((a) => !a.ok && a.error.code === 'REFUSED');
    expect(checked).toHaveLength(LOGIN_LIMITS.perUser);
    expect(refused).toHaveLength(200 - LOGIN_LIMITS.perUser);
    expect(answers[199]).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    expect((answers[199] as { error: { message: string } }).error.message).toMatch(/^用户“admin”在1分钟内已尝试登录5次，请\d+秒后再试$/);
  });

  it('the same through the browser-mode HTTP server: 200 requests at once, five checked', async () => {
    const dataDir = tempDir();
    const server = await startWebServer({ dataDir, migrationsDir: MIGRATIONS_DIR, rendererDir: tempDir() });
    try {
      await server.app.handle({ method: 'auth.setup', input: { username: 'admin', displayName: '王主任', password: RIGHT } });
      const post = (password: string) => fetch(`http://127.0.0.1:${server.port}/api/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sanfang-token': server.token },
        body: JSON.stringify({ method: 'auth.login', input: { username: 'admin', password } }),
      }).then((r) => r.json() as Promise<{ ok: boolean; error?: { code: string } }>);
      const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => post(i === 199 ? RIGHT : `wrong ${i}`)));
      expect(answers.filter((a) => a.error?.code === 'UNAUTHENTICATED')).toHaveLength(5);
      expect(answers.filter((a) => a.error?.code === 'REFUSED')).toHaveLength(195);
      expect(answers[199]!.ok).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('the recovery code path has the same limit, shared with the logins of that username', async () => {
    const app = await testApp();
    const { recoveryCode } = await call(app, 'auth.setup', { username: 'admin', displayName: '王主任', password: RIGHT });
    const tries = Array.from({ length: 50 }, (_, i) => (i === 49 ? recoveryCode : `AAAAA-AAAAA-AAAAA-AAAA${i % 10}`));
    const answers = await Promise.all(tries.map((code) => app.handle({ method: 'auth.recover', input: { username: 'admin', recoveryCode: code, newPassword: 'new password 1' } })));
    expect(answers.filter((a) => !a.ok && a.error.code === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(answers[49]).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    // The recovery code was never checked, so it still works — after the minute (below, with a clock).
    expect((await callError(app, 'auth.login', { username: 'admin', password: RIGHT })).code).toBe('REFUSED');
  });

  it('a right password inside the limit gets in and forgets the username’s earlier typos', async () => {
    const { auth, close } = await clockedAuth();
    try {
      for (let i = 0; i < 4; i++) await expect(auth.login({ username: 'admin', password: 'typo' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await auth.login({ username: 'admin', password: RIGHT });
      for (let i = 0; i < 4; i++) await expect(auth.login({ username: 'admin', password: 'typo' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    } finally {
      close();
    }
  });

  it('the lock ends when the minute is over (clock moved, no sleep); the recovery code then works', async () => {
    const { auth, clock, recoveryCode, close } = await clockedAuth();
    try {
      for (let i = 0; i < 5; i++) await expect(auth.recover({ username: 'admin', recoveryCode: 'ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ', newPassword: 'new password 1' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await expect(auth.login({ username: 'admin', password: RIGHT })).rejects.toMatchObject({ code: 'REFUSED', message: expect.stringContaining('60秒后再试') });
      clock.t += 30_000;
      await expect(auth.recover({ username: 'admin', recoveryCode, newPassword: 'new password 1' })).rejects.toMatchObject({ code: 'REFUSED', message: expect.stringContaining('30秒后再试') });
      clock.t += 30_001;
      const recovered = await auth.recover({ username: 'admin', recoveryCode, newPassword: 'new password 1' });
      expect(recovered.user.username).toBe('admin');
    } finally {
      close();
    }
  });
});

describe('limits over all usernames, and the record’s bound', () => {
  it('a limit over all usernames: past it, an attempt is refused whatever its username (8 here; the app’s is 30 a minute)', async () => {
    // Each checked attempt costs a real scrypt, so the test runs the service with a smaller overall figure.
    const { auth, clock, close } = await clockedAuth({ ...LOGIN_LIMITS, overall: 8 });
    try {
      const answers = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => auth.login({ username: `user${i}`, password: 'guess' })));
      const reasons = answers.map((a) => (a.status === 'rejected' ? (a.reason as { code: string; message: string }) : null));
      expect(reasons.filter((r) => r?.code === 'UNAUTHENTICATED')).toHaveLength(8);
      expect(reasons.filter((r) => r?.code === 'REFUSED')).toHaveLength(32);
      expect(reasons[39]!.message).toMatch(/^1分钟内的登录尝试已达8次（所有用户合计），请\d+秒后再试$/);
      // Even the administrator waits: the overall limit is what keeps scrypt's memory bounded.
      await expect(auth.login({ username: 'admin', password: RIGHT })).rejects.toMatchObject({ code: 'REFUSED' });
      clock.t += 60_001;
      await auth.login({ username: 'admin', password: RIGHT });
    } finally {
      close();
    }
  });

  it('remembers at most `overall` usernames, and forgets them when the window has passed', () => {
    expect(LOGIN_LIMITS).toEqual({ perUser: 5, overall: 30, windowMs: 60_000 });
    const clock = { t: 0 };
    const limiter = new LoginLimiter(LOGIN_LIMITS, () => clock.t);
    let refused = 0;
    let most = 0;
    for (let i = 0; i < 100_000; i++) {
      clock.t += 10; // 100 attempts a second for 1000 seconds, each with a new username
      try {
        limiter.admit(`spray-${i}`);
      } catch {
        refused++;
      }
      most = Math.max(most, limiter.trackedUsers);
    }
    expect(most).toBe(LOGIN_LIMITS.overall);
    expect(refused).toBeGreaterThan(99_000); // about 30 a minute got through
    clock.t += LOGIN_LIMITS.windowMs + 1;
    limiter.admit('admin');
    expect(limiter.trackedUsers).toBe(1);
  });
});

describe('lengths', () => {
  it('a username over 32 and a password over 256 characters are refused before any hashing, with the field named', async () => {
    const { app } = await loggedInApp();
    const long = await callError(app, 'auth.login', { username: 'a'.repeat(33), password: 'x' });
    expect(long).toMatchObject({ code: 'VALIDATION' });
    expect(long.message).toContain('用户名不能超过32个字符');
    expect((await callError(app, 'auth.login', { username: 'admin', password: 'x'.repeat(257) })).message).toContain('密码不能超过256个字符');
    expect((await callError(app, 'auth.recover', { username: 'admin', recoveryCode: 'A'.repeat(65), newPassword: 'new password 1' })).message).toContain('恢复码不能超过64个字符');
    const app2 = await testApp();
    expect((await callError(app2, 'auth.setup', { username: 'admin', displayName: '王主任', password: 'x'.repeat(257) })).message).toContain('密码不能超过256个字符');
    // 256 is still a password.
    await call(app2, 'auth.setup', { username: 'admin', displayName: '王主任', password: 'x'.repeat(256) });
    await call(app2, 'auth.login', { username: 'admin', password: 'x'.repeat(256) });
  });
});

describe('scrypt at N = 2^17', () => {
  it('new hashes use it; a hash made at 2^15 verifies and is rewritten at 2^17 at the next login, audited without the hash', async () => {
    const { app, session } = await loggedInApp();
    expect(passwordHash(app.dbPath)).toMatch(/^scrypt\$131072\$8\$1\$/);
    const old = await hashSecret(RIGHT, { N: 2 ** 15, r: 8, p: 1 });
    const db = new Database(app.dbPath);
    db.prepare('update users set password_hash = ?').run(old);
    db.close();
    await call(app, 'auth.login', { username: 'admin', password: RIGHT });
    const upgraded = passwordHash(app.dbPath);
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(upgraded).not.toBe(old);
    await call(app, 'auth.login', { username: 'admin', password: RIGHT });
    expect(passwordHash(app.dbPath)).toBe(upgraded); // rewritten once, not at every login
    const audit = await call(app, 'audit.list', { entity: 'user' }, session);
    const rehash = audit.rows.find((r) => r.action === 'rehash-password');
    expect(rehash?.after).toEqual({ hash: 'scrypt$131072$8$1' });
  });
});

describe('sessions', () => {
  it('end after 12 idle hours, and 24 hours after login however active', async () => {
    const { auth, clock, close } = await clockedAuth();
    try {
      const { session } = await auth.login({ username: 'admin', password: RIGHT });
      const opened = clock.t;
      for (let h = 11; h < 24; h += 11) {
        clock.t = opened + h * HOUR;
        expect(auth.userFor(session)?.username).toBe('admin');
      }
      clock.t = opened + 24 * HOUR - 1;
      expect(auth.userFor(session)?.username).toBe('admin');
      clock.t = opened + 24 * HOUR + 1;
      expect(auth.userFor(session)).toBeNull();

      const idle = (await auth.login({ username: 'admin', password: RIGHT })).session;
      const start = clock.t;
      clock.t = start + 12 * HOUR + 1;
      expect(auth.userFor(idle)).toBeNull();
    } finally {
      close();
    }
  });
});
