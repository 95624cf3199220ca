/**
 * Accounts (issue 16) through the router, on a real SQLite file: an administrator adds a person with a
 * temporary password; that password opens only auth.changePassword (PASSWORD_CHANGE_REQUIRED for the rest)
 * until it is changed; a disabled account is refused and its sessions end; a reset hands out a new temporary
 * password; roles changed apply to open sessions; every write leaves an audit row naming who made it.
 */
import { describe, expect, it } from 'vitest';
import { call, callError, loggedInApp } from '../helpers';
import type { App } from '../../main/app';

const ADMIN_PASSWORD = 'correct horse';

async function withCommunity(app: App, session: string, name = '翠苑一区') {
  return call(app, 'community.create', { name }, session);
}

describe('a new account and its temporary password', () => {
  it('is readable, opens only the change of password, and works once changed', async () => {
    const { app, session } = await loggedInApp();
    const c = await withCommunity(app, session);
    const made = await call(app, 'user.create', { username: 'caiwu', displayName: '李会计', grants: [{ role: 'treasurer', communities: [c.id] }] }, session);
    expect(made.username).toBe('caiwu');
    expect(made.temporaryPassword).toMatch(/^[A-HJ-NP-Za-km-np-z2-9]{12}$/);

    const login = await call(app, 'auth.login', { username: 'caiwu', password: made.temporaryPassword });
    expect(login.mustChangePassword).toBe(true);
    expect(login.user.grants).toEqual([{ role: 'treasurer', communities: [c.id] }]);
    // Everything else is refused until the password is changed; status and logout stay open.
    expect(await callError(app, 'community.list', {}, login.session)).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', message: expect.stringContaining('请先设置新密码') });
    expect(await callError(app, 'ledger.books', { communityId: c.id }, login.session)).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    expect(await call(app, 'auth.status', {}, login.session)).toMatchObject({ mustChangePassword: true, user: { username: 'caiwu' } });

    expect(await callError(app, 'auth.changePassword', { oldPassword: 'not it', newPassword: 'a new secret' }, login.session))
      .toMatchObject({ code: 'VALIDATION', details: [{ kind: 'field', field: 'oldPassword' }] });
    expect(await callError(app, 'auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: made.temporaryPassword }, login.session))
      .toMatchObject({ code: 'VALIDATION', details: [{ kind: 'field', field: 'newPassword' }] });
    expect(await callError(app, 'auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: 'short' }, login.session)).toMatchObject({ code: 'VALIDATION' });
    // Not an administrator: no recovery code for them.
    expect(await call(app, 'auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: 'ledger and fund' }, login.session)).toEqual({ ok: true, recoveryCode: null });

    expect((await call(app, 'community.list', {}, login.session)).length).toBeGreaterThan(0);
    expect(await call(app, 'auth.status', {}, login.session)).toMatchObject({ mustChangePassword: false });
    expect(await callError(app, 'auth.login', { username: 'caiwu', password: made.temporaryPassword })).toMatchObject({ code: 'UNAUTHENTICATED' });
    const again = await call(app, 'auth.login', { username: 'caiwu', password: 'ledger and fund' });
    expect(again.mustChangePassword).toBe(false);

    // Everyone changes their own password; the other sessions of the account end, this one goes on.
    await call(app, 'auth.changePassword', { oldPassword: 'ledger and fund', newPassword: 'fund and ledger' }, again.session);
    expect(await callError(app, 'community.list', {}, login.session)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await call(app, 'community.list', {}, again.session)).length).toBeGreaterThan(0);
    // The administrator too.
    expect(await call(app, 'auth.changePassword', { oldPassword: ADMIN_PASSWORD, newPassword: 'another horse' }, session)).toEqual({ ok: true, recoveryCode: null });

    const audit = (await call(app, 'audit.list', { entity: 'user' }, session)).rows;
    expect(audit.map((a) => [a.action, a.author])).toEqual(expect.arrayContaining([
      ['create', '王主任（admin）'],
      ['change-password', '李会计（caiwu）'],
      ['change-password', '王主任（admin）'],
    ]));
    // Audit rows never hold a password or its hash.
    expect(JSON.stringify(audit)).not.toContain(made.temporaryPassword);
    expect(JSON.stringify(audit)).not.toContain('scrypt');
  });

  it('an administrator added later gets their recovery code when they set their own password, and it works', async () => {
    const { app, session } = await loggedInApp();
    const made = await call(app, 'user.create', { username: 'zhang', displayName: '张副主任', grants: [{ role: 'admin', communities: [] }] }, session);
    const list = await call(app, 'user.list', {}, session);
    // 管理员 always covers every community.
    expect(list.find((u) => u.username === 'zhang')).toMatchObject({ grants: [{ role: 'admin', communities: 'all' }], active: true, mustChangePassword: true });
    const login = await call(app, 'auth.login', { username: 'zhang', password: made.temporaryPassword });
    const changed = await call(app, 'auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: 'second admin' }, login.session);
    expect(changed.recoveryCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    const recovered = await call(app, 'auth.recover', { username: 'zhang', recoveryCode: changed.recoveryCode!, newPassword: 'third password' });
    expect(recovered.user.username).toBe('zhang');
  });

  it('refuses a taken username, unknown communities, a role without communities, a 物业联络员 without company', async () => {
    const { app, session } = await loggedInApp();
    const c = await withCommunity(app, session);
    expect(await callError(app, 'user.create', { username: 'admin', displayName: '重名', grants: [{ role: 'reader', communities: 'all' }] }, session))
      .toMatchObject({ code: 'REFUSED', details: [{ field: 'username' }] });
    expect(await callError(app, 'user.create', { username: 'x1', displayName: '某', grants: [{ role: 'reader', communities: ['no-such'] }] }, session))
      .toMatchObject({ code: 'VALIDATION', details: [{ field: 'grants.0.communities' }] });
    expect(await callError(app, 'user.create', { username: 'x2', displayName: '某', grants: [{ role: 'officer', communities: [] }] }, session))
      .toMatchObject({ code: 'VALIDATION', message: '请选择“小区专员”负责的小区' });
    expect(await callError(app, 'user.create', { username: 'x3', displayName: '某', grants: [] }, session)).toMatchObject({ code: 'VALIDATION' });
    expect(await callError(app, 'user.create', { username: 'x4', displayName: '某', grants: [{ role: 'liaison', communities: [c.id] }] }, session))
      .toMatchObject({ code: 'VALIDATION', details: [{ field: 'companyId' }] });
  });
});

describe('disabling, enabling, resetting, changing roles', () => {
  it('a disabled account is refused with a clear message and its sessions end; enabled, it signs in again', async () => {
    const { app, session } = await loggedInApp();
    const made = await call(app, 'user.create', { username: 'reader', displayName: '街道督导', grants: [{ role: 'reader', communities: 'all' }] }, session);
    const first = await call(app, 'auth.login', { username: 'reader', password: made.temporaryPassword });
    await call(app, 'auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: 'read only please' }, first.session);

    expect(await call(app, 'user.disable', { id: made.id }, session)).toEqual({ id: made.id, username: 'reader', active: false });
    expect(await callError(app, 'community.list', {}, first.session)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await callError(app, 'auth.login', { username: 'reader', password: 'read only please' })).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('已停用') });
    // A wrong password does not learn that the account exists and is disabled.
    expect(await callError(app, 'auth.login', { username: 'reader', password: 'wrong guess' })).toMatchObject({ message: '用户名或密码不正确' });

    expect(await call(app, 'user.enable', { id: made.id }, session)).toMatchObject({ active: true });
    expect((await call(app, 'auth.login', { username: 'reader', password: 'read only please' })).mustChangePassword).toBe(false);

    const audit = (await call(app, 'audit.list', { entity: 'user', entityId: made.id }, session)).rows;
    expect(audit.map((a) => [a.action, a.author])).toEqual(expect.arrayContaining([['disable', '王主任（admin）'], ['enable', '王主任（admin）']]));
  });

  it('the office keeps one administrator: the last cannot be disabled or lose the role, nobody disables themselves', async () => {
    const { app, session } = await loggedInApp();
    const me = (await call(app, 'auth.status', {}, session)).user!;
    expect(await callError(app, 'user.disable', { id: me.id }, session)).toMatchObject({ code: 'REFUSED', message: '不能停用自己正在使用的账户' });
    expect(await callError(app, 'user.update', { id: me.id, displayName: '王主任', grants: [{ role: 'reader', communities: 'all' }] }, session))
      .toMatchObject({ code: 'REFUSED' });
  });

  it('a reset hands out a new temporary password and ends the open sessions', async () => {
    const { app, session } = await loggedInApp();
    const made = await call(app, 'user.create', { username: 'mishu', displayName: '赵秘书', grants: [{ role: 'secretary', communities: 'all' }] }, session);
    const first = await call(app, 'auth.login', { username: 'mishu', password: made.temporaryPassword });
    await call(app, 'auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: 'minutes forever' }, first.session);

    const reset = await call(app, 'user.resetPassword', { id: made.id }, session);
    expect(reset).toMatchObject({ id: made.id, username: 'mishu' });
    expect(reset.temporaryPassword).not.toBe(made.temporaryPassword);
    expect(await callError(app, 'community.list', {}, first.session)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await callError(app, 'auth.login', { username: 'mishu', password: 'minutes forever' })).toMatchObject({ code: 'UNAUTHENTICATED' });
    const login = await call(app, 'auth.login', { username: 'mishu', password: reset.temporaryPassword });
    expect(login.mustChangePassword).toBe(true);
    expect(await callError(app, 'meeting.list', { communityId: 'x' }, login.session)).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });

    const audit = (await call(app, 'audit.list', { entity: 'user', entityId: made.id }, session)).rows;
    expect(audit.map((a) => [a.action, a.author])).toContainEqual(['reset-password', '王主任（admin）']);
    expect(JSON.stringify(audit)).not.toContain(reset.temporaryPassword);
  });

  it('roles changed apply to the open session at its next call; the change is audited with before and after', async () => {
    const { app, session } = await loggedInApp();
    const a = await withCommunity(app, session, '甲小区');
    const b = await withCommunity(app, session, '乙小区');
    const made = await call(app, 'user.create', { username: 'zhuanyuan', displayName: '陈专员', grants: [{ role: 'officer', communities: [a.id] }] }, session);
    const login = await call(app, 'auth.login', { username: 'zhuanyuan', password: made.temporaryPassword });
    await call(app, 'auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: 'one community' }, login.session);

    const updated = await call(app, 'user.update', { id: made.id, displayName: '陈专员', grants: [{ role: 'officer', communities: [a.id, b.id] }, { role: 'reader', communities: 'all' }] }, session);
    expect(updated.grants).toEqual([{ role: 'officer', communities: [a.id, b.id].sort() }, { role: 'reader', communities: 'all' }]);
    const status = await call(app, 'auth.status', {}, login.session);
    expect(status.user!.grants).toEqual(updated.grants);

    const row = (await call(app, 'audit.list', { entity: 'user', entityId: made.id }, session)).rows.find((r) => r.action === 'update')!;
    expect(row.author).toBe('王主任（admin）');
    expect(row.before).toMatchObject({ grants: [{ role: 'officer', communities: [a.id] }] });
    expect(row.after).toMatchObject({ grants: [{ role: 'officer' }, { role: 'reader', communities: 'all' }] });
  });

  it('a 物业联络员 carries their company into the session', async () => {
    const { app, session } = await loggedInApp();
    const c = await withCommunity(app, session);
    const company = await call(app, 'company.save', { name: '绿城物业', creditCode: '91350100M000100Y43', contact: '', phone: '' }, session);
    const made = await call(app, 'user.create', { username: 'wuye', displayName: '物业小刘', grants: [{ role: 'liaison', communities: [c.id] }], companyId: company.id }, session);
    const login = await call(app, 'auth.login', { username: 'wuye', password: made.temporaryPassword });
    expect(login.user.companyId).toBe(company.id);
    expect((await call(app, 'user.list', {}, session)).find((u) => u.username === 'wuye')).toMatchObject({ companyName: '绿城物业' });
  });
});
