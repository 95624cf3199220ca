/**
 * The idle lock in main (issue 16): a locked session's calls are refused with SCREEN_LOCKED until its own person
 * gives the password again; status, unlock and logout still answer; another session is not affected.
 */
import { describe, expect, it } from 'vitest';
import { call, callError, loggedInApp } from '../helpers';

describe('auth.lock / auth.unlock', () => {
  it('refuses a locked session’s calls until the password is given again', async () => {
    const { app, session } = await loggedInApp();
    const other = (await call(app, 'auth.login', { username: 'admin', password: 'correct horse' })).session;
    await call(app, 'auth.lock', {}, session);
    expect((await callError(app, 'community.list', {}, session)).code).toBe('SCREEN_LOCKED');
    expect(await call(app, 'auth.status', {}, session)).toMatchObject({ locked: true, user: { username: 'admin' } });
    // Another sign-in of the same person on another PC goes on.
    expect(await call(app, 'community.list', {}, other)).toEqual([]);
    expect((await call(app, 'auth.status', {}, other)).locked).toBe(false);

    const wrong = await callError(app, 'auth.unlock', { password: 'wrong horse' }, session);
    expect(wrong.code).toBe('REFUSED');
    expect(wrong.details).toEqual([expect.objectContaining({ kind: 'field', field: 'password', message: '密码不正确' })]);
    expect((await callError(app, 'community.list', {}, session)).code).toBe('SCREEN_LOCKED');

    await call(app, 'auth.unlock', { password: 'correct horse' }, session);
    expect(await call(app, 'community.list', {}, session)).toEqual([]);
    expect((await call(app, 'auth.status', {}, session)).locked).toBe(false);
  });

  it('lets a locked session log out, and forgets the lock with the session', async () => {
    const { app, session } = await loggedInApp();
    await call(app, 'auth.lock', {}, session);
    await call(app, 'auth.logout', {}, session);
    expect((await callError(app, 'community.list', {}, session)).code).toBe('UNAUTHENTICATED');
    expect(await call(app, 'auth.status', {}, session)).toMatchObject({ locked: false, user: null });
  });

  it('counts wrong passwords like logins', async () => {
    const { app, session } = await loggedInApp();
    await call(app, 'auth.lock', {}, session);
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) codes.push((await callError(app, 'auth.unlock', { password: `guess-${i}` }, session)).message);
    expect(codes.at(-1)).toMatch(/请\d+秒后再试/);
  });
});
