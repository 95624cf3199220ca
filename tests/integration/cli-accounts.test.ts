/**
 * The accounts' CLI commands as processes (issue 16): user add / list / disable / reset-password, every option
 * run and its effect asserted (docs/cli.md), the temporary password tried in the app itself.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRosterXlsx } from '../fixtures/roster-generator';
import { WORKED_ROSTER } from '../fixtures/worked-roster';
import { call, callError, runCli, testApp } from '../helpers';

const cli = runCli;

let dir = '';
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-cli-accounts-'));
  await writeRosterXlsx(path.join(dir, 'r.xlsx'), WORKED_ROSTER);
  expect(cli(dir, 'import-roster', '--community', '阳光小区', path.join(dir, 'r.xlsx')).code).toBe(0);
  expect(cli(dir, 'import-roster', '--community', '翠苑一区', path.join(dir, 'r.xlsx')).code).toBe(0);
  expect(cli(dir, 'contract', 'create', '--community', '阳光小区', '--company', '安居物业服务有限公司', '--credit-code', '91350100M000100Y43',
    '--start', '2024-03-01', '--end', '2028-08-31').code).toBe(0);
}, 180_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('CLI: user', () => {
  it('adds accounts with roles over communities, lists them, and the temporary password must be changed in the app', async () => {
    const added = cli(dir, 'user', 'add', '--username', 'caiwu', '--display-name', '李会计', '--role', '财务', '--role', '只读',
      '--community', '阳光小区', '--community', '翠苑一区');
    expect(added.code).toBe(0);
    expect(Object.keys(added.json).sort()).toEqual(['id', 'temporaryPassword', 'username']);
    expect(added.json.username).toBe('caiwu');
    expect(added.json.temporaryPassword).toMatch(/^[A-HJ-NP-Za-km-np-z2-9]{12}$/);

    // No --community: every community; 管理员 always every community.
    expect(cli(dir, 'user', 'add', '--username', 'duban', '--display-name', '街道督导', '--role', '只读').code).toBe(0);
    expect(cli(dir, 'user', 'add', '--username', 'zhang', '--display-name', '张副主任', '--role', '管理员', '--community', '阳光小区').code).toBe(0);
    expect(cli(dir, 'user', 'add', '--username', 'wuye', '--display-name', '物业小刘', '--role', '物业联络员', '--community', '阳光小区',
      '--company', '安居物业服务有限公司').code).toBe(0);

    const list = cli(dir, 'user', 'list');
    expect(list.code).toBe(0);
    expect(list.json).toEqual({
      users: [
        { username: 'caiwu', displayName: '李会计', roles: ['财务', '只读'], communities: expect.arrayContaining(['阳光小区', '翠苑一区']), active: true },
        { username: 'duban', displayName: '街道督导', roles: ['只读'], communities: ['全部小区'], active: true },
        { username: 'zhang', displayName: '张副主任', roles: ['管理员'], communities: ['全部小区'], active: true },
        { username: 'wuye', displayName: '物业小刘', roles: ['物业联络员'], communities: ['阳光小区'], active: true },
      ],
    });
    expect(list.json.users[0].communities).toHaveLength(2);

    const app = await testApp(dir);
    const login = await call(app, 'auth.login', { username: 'caiwu', password: added.json.temporaryPassword });
    expect(login.mustChangePassword).toBe(true);
    expect(login.user.grants.map((g) => g.role)).toEqual(['treasurer', 'reader']);
    expect(await callError(app, 'community.list', {}, login.session)).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    const liaison = await call(app, 'auth.login', { username: 'wuye', password: cli(dir, 'user', 'reset-password', '--username', 'wuye').json.temporaryPassword });
    expect(liaison.user.companyId).not.toBeNull();
    app.close();

    // The CLI's writes are audited as CLI:<operating-system user>.
    const audit = await testApp(dir, { fixedAuthor: 'test' });
    const rows = (await call(audit, 'audit.list', { entity: 'user' })).rows;
    expect(rows.filter((r) => r.action === 'create').every((r) => r.author.startsWith('CLI:'))).toBe(true);
    audit.close();
  }, 180_000);

  it('disables an account (it can no longer sign in) and resets a password (the old one stops working)', async () => {
    const added = cli(dir, 'user', 'add', '--username', 'mishu', '--display-name', '赵秘书', '--role', '业委会秘书', '--community', '阳光小区');
    expect(added.code).toBe(0);
    const reset = cli(dir, 'user', 'reset-password', '--username', 'mishu');
    expect(reset.code).toBe(0);
    expect(reset.json).toEqual({ username: 'mishu', temporaryPassword: expect.stringMatching(/^[A-HJ-NP-Za-km-np-z2-9]{12}$/) });
    expect(reset.json.temporaryPassword).not.toBe(added.json.temporaryPassword);

    const app = await testApp(dir);
    expect(await callError(app, 'auth.login', { username: 'mishu', password: added.json.temporaryPassword })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await call(app, 'auth.login', { username: 'mishu', password: reset.json.temporaryPassword })).mustChangePassword).toBe(true);
    app.close();

    expect(cli(dir, 'user', 'disable', '--username', 'mishu')).toEqual({ code: 0, json: { username: 'mishu', active: false } });
    expect(cli(dir, 'user', 'list').json.users.find((u: { username: string }) => u.username === 'mishu')).toMatchObject({ active: false });
    const after = await testApp(dir);
    expect(await callError(after, 'auth.login', { username: 'mishu', password: reset.json.temporaryPassword })).toMatchObject({ message: expect.stringContaining('已停用') });
    after.close();
  }, 180_000);

  it('works on the file given by --db, and nothing is written in the default folder', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-cli-accounts-db-')), 'office.sqlite');
    try {
      const db = { db: file };
      const added = cli(db, 'user', 'add', '--username', 'duban2', '--display-name', '督导', '--role', '只读');
      expect(added.code).toBe(0);
      expect(cli(db, 'user', 'list').json).toEqual({ users: [{ username: 'duban2', displayName: '督导', roles: ['只读'], communities: ['全部小区'], active: true }] });
      expect(cli(db, 'user', 'reset-password', '--username', 'duban2').json.username).toBe('duban2');
      expect(cli(db, 'user', 'disable', '--username', 'duban2').json).toEqual({ username: 'duban2', active: false });
      // The folder the tests pass with --data-dir does not know this account.
      expect(cli(dir, 'user', 'list').json.users.map((u: { username: string }) => u.username)).not.toContain('duban2');
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  }, 180_000);

  it('refuses an unknown role, community, company or username in Chinese (exit 1), and a missing option (exit 2)', () => {
    const role = cli(dir, 'user', 'add', '--username', 'x1', '--display-name', '某', '--role', '主任');
    expect(role.code).toBe(1);
    expect(role.json.errors[0]).toMatchObject({ column: '--role', message: expect.stringContaining('未知角色“主任”') });
    const community = cli(dir, 'user', 'add', '--username', 'x2', '--display-name', '某', '--role', '财务', '--community', '没有这个小区');
    expect(community.code).toBe(1);
    expect(community.json.errors[0].message).toBe('找不到小区“没有这个小区”');
    const company = cli(dir, 'user', 'add', '--username', 'x3', '--display-name', '某', '--role', '物业联络员', '--company', '不存在物业');
    expect(company.code).toBe(1);
    expect(company.json.errors[0].message).toContain('找不到物业服务企业');
    const noCompany = cli(dir, 'user', 'add', '--username', 'x4', '--display-name', '某', '--role', '物业联络员');
    expect(noCompany.code).toBe(1);
    expect(noCompany.json.errors[0].message).toContain('物业服务企业');
    const taken = cli(dir, 'user', 'add', '--username', 'caiwu', '--display-name', '某', '--role', '只读');
    expect(taken.code).toBe(1);
    expect(taken.json.errors[0].message).toContain('已被使用');
    expect(cli(dir, 'user', 'disable', '--username', 'nobody').json.errors[0].message).toBe('找不到用户名为“nobody”的账户');
    expect(cli(dir, 'user', 'reset-password', '--username', 'nobody').code).toBe(1);
    const usage = spawnSync(process.execPath, ['scripts/cli.mjs', '--data-dir', dir, 'user', 'add', '--username', 'x5', '--display-name', '某'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
  }, 180_000);
});
