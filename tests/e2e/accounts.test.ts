/**
 * Accounts through the screens (issue 16): the administrator adds a 财务 account on 账户管理 and sees its
 * temporary password once; signs out; the new person signs in with it, must set a new password before anything
 * else, and is then in. Then 修改密码 from the user menu, and a disabled account refused at the login screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, TEST_TIMEOUT, UI_TIMEOUT, goTo, openAndLogin, setupAdmin, submitLogin, useE2E } from './harness';

const env = useE2E();
const TREASURER = { username: 'lihua', displayName: '李华', password: 'zhangben-2026' };
let communityId = '';

beforeAll(async () => {
  const session = await setupAdmin(env);
  communityId = (await env.call('community.create', { name: '翠苑一区' }, session)).id;
  await env.call('community.create', { name: '阳光小区' }, session);
}, TEST_TIMEOUT);

/** Screenshots for a person to look at (SANFANG_SCREENSHOTS=dir), not compared. */
async function shot(page: Page, name: string) {
  const dir = process.env.SANFANG_SCREENSHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

async function logout(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByTestId('login-form').waitFor();
}

describe('账户管理', () => {
  it('the administrator adds a 财务 account; its holder signs in with the temporary password, must set a new one, then is in', async () => {
    const { page } = env;
    await openAndLogin(env);
    await page.getByRole('menuitem', { name: '账户管理' }).click();
    await page.getByTestId('account-grid').waitFor();

    await page.getByTestId('account-add').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill(TREASURER.username);
    await dialog.getByLabel('姓名').fill(TREASURER.displayName);
    // A role without its communities is refused before anything is sent.
    await dialog.getByTestId('account-role-treasurer').getByText('财务').click();
    await dialog.getByTestId('account-save').click();
    await dialog.getByText('请选择“财务”负责的小区').waitFor();
    await dialog.getByLabel('财务选择小区').click();
    await page.locator('.ant-select-dropdown:visible').getByText('翠苑一区', { exact: true }).click();
    await page.keyboard.press('Escape');
    await shot(page, 'accounts-add');
    await dialog.getByTestId('account-save').click();

    const temporary = (await page.getByTestId('temporary-password').textContent())?.trim() ?? '';
    expect(temporary).toMatch(/^[A-HJ-NP-Za-km-np-z2-9]{12}$/);
    await page.getByTestId('temporary-copy').waitFor();
    await shot(page, 'accounts-temporary');
    await page.getByTestId('temporary-done').click();
    const row = page.getByTestId(`account-${TREASURER.username}`);
    await expect.poll(() => row.textContent(), { timeout: UI_TIMEOUT }).toContain('财务：翠苑一区');
    expect(await row.textContent()).toContain('待设置新密码');
    await shot(page, 'accounts-list');
    await logout(page);

    await submitLogin(page, TREASURER.username, temporary);
    await page.getByTestId('forced-password-form').waitFor();
    // Nothing of the app is there before the new password.
    expect(await page.getByTestId('current-user').count()).toBe(0);
    await shot(page, 'accounts-forced');
    await page.getByLabel('新密码', { exact: true }).fill(TREASURER.password);
    await page.getByLabel('确认新密码').fill('something-else');
    await page.getByRole('button', { name: '设置新密码' }).click();
    await page.getByText('两次输入的新密码不一致').waitFor();
    await page.getByLabel('确认新密码').fill(TREASURER.password);
    await page.getByRole('button', { name: '设置新密码' }).click();
    await expect.poll(() => page.getByTestId('current-user').textContent(), { timeout: UI_TIMEOUT }).toBe(TREASURER.displayName);
    // Not an administrator: no 账户管理 in the menu.
    expect(await page.getByRole('menuitem', { name: '账户管理' }).count()).toBe(0);
    await goTo(page, `#/c/${communityId}/fund`);
    await logout(page);

    // The temporary password is spent; the new one works.
    await submitLogin(page, TREASURER.username, temporary);
    await page.getByText('用户名或密码不正确').waitFor();
    await submitLogin(page, TREASURER.username, TREASURER.password);
    await expect.poll(() => page.getByTestId('current-user').textContent(), { timeout: UI_TIMEOUT }).toBe(TREASURER.displayName);
  }, TEST_TIMEOUT);

  it('修改密码 from the user menu: a wrong current password is refused, the right one changes it', async () => {
    const { page } = env;
    await openAndLogin(env, TREASURER.username, TREASURER.password);
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('当前密码').fill('not-my-password');
    await dialog.getByLabel('新密码', { exact: true }).fill('zhangben-2027');
    await dialog.getByLabel('确认新密码').fill('zhangben-2027');
    await dialog.getByTestId('change-password-save').click();
    await dialog.getByTestId('change-password-errors').getByText('当前密码不正确').waitFor();
    await shot(page, 'accounts-change-password');
    await dialog.getByLabel('当前密码').fill(TREASURER.password);
    await dialog.getByTestId('change-password-save').click();
    await page.getByText('密码已修改').waitFor();
    TREASURER.password = 'zhangben-2027';
    await logout(page);
    await submitLogin(page, TREASURER.username, TREASURER.password);
    await expect.poll(() => page.getByTestId('current-user').textContent(), { timeout: UI_TIMEOUT }).toBe(TREASURER.displayName);
  }, TEST_TIMEOUT);

  it('the administrator disables the account: refused at the login screen; enabled again, it signs in', async () => {
    const { page } = env;
    await openAndLogin(env, ADMIN.username, ADMIN.password);
    await goTo(page, '#/accounts');
    const row = page.getByTestId(`account-${TREASURER.username}`);
    await row.getByTestId('account-disable').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '停用' }).click();
    await expect.poll(() => row.getAttribute('data-active'), { timeout: UI_TIMEOUT }).toBe('no');
    await shot(page, 'accounts-disabled');
    await logout(page);
    await submitLogin(page, TREASURER.username, TREASURER.password);
    await page.getByText('该账户已停用', { exact: false }).waitFor();

    await submitLogin(page, ADMIN.username, ADMIN.password);
    await page.getByTestId('current-user').waitFor();
    await goTo(page, '#/accounts');
    await page.getByTestId(`account-${TREASURER.username}`).getByTestId('account-enable').click();
    await expect.poll(() => page.getByTestId(`account-${TREASURER.username}`).getAttribute('data-active'), { timeout: UI_TIMEOUT }).toBe('yes');
  }, TEST_TIMEOUT);
});
