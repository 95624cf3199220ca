/**
 * Accounts through the screens: first start creates the administrator and
 * shows the recovery code; log out and in; a wrong password is refused in
 * Chinese; the recovery code resets the password once and is then spent.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_TIMEOUT, UI_TIMEOUT, submitLogin, useE2E } from './harness';

const env = useE2E();
const USER = { username: 'zhangli', displayName: '张丽', password: 'chushi-mima-1' };
const codes: string[] = [];

async function readCode(page: Page): Promise<string> {
  const code = (await page.getByTestId('recovery-code').textContent())?.trim() ?? '';
  expect(code.length).toBeGreaterThanOrEqual(12);
  return code;
}

async function keepCodeAndContinue(page: Page) {
  const next = page.getByRole('button', { name: '继续' });
  await expect.poll(() => next.isDisabled()).toBe(true);
  await page.getByText('我已打印或抄写并妥善保管').click();
  await next.click();
  await expect.poll(() => page.getByTestId('current-user').textContent(), { timeout: UI_TIMEOUT }).toBe(USER.displayName);
}

/** Log in as USER with `password`; the caller checks whether it was taken. */
async function login(page: Page, password: string) {
  await submitLogin(page, USER.username, password);
}

/** Fill in and send the recovery form (new password typed twice alike); the caller checks the outcome. */
async function recover(page: Page, recoveryCode: string, newPassword: string) {
  await page.getByLabel('用户名').fill(USER.username);
  await page.getByLabel('恢复码').fill(recoveryCode);
  await page.getByLabel('新密码').fill(newPassword);
  await page.getByLabel('确认密码').fill(newPassword);
  await page.getByRole('button', { name: '重设密码' }).click();
}

async function logout(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByTestId('login-form').waitFor();
}

describe('accounts', () => {
  it('first start: create the administrator, keep the recovery code, log out and in', async () => {
    const { page } = env;
    await page.goto(env.server.url);
    // The token is taken out of the address bar.
    await expect.poll(() => page.url()).not.toContain('token=');
    await page.getByTestId('setup-form').waitFor();
    await page.getByLabel('用户名').fill(USER.username);
    await page.getByLabel('姓名').fill(USER.displayName);
    await page.getByLabel('密码', { exact: true }).fill(USER.password);
    await page.getByLabel('确认密码').fill('something-else');
    await page.getByRole('button', { name: '创建管理员' }).click();
    await page.getByText('两次输入的密码不一致').waitFor();
    await page.getByLabel('确认密码').fill(USER.password);
    await page.getByRole('button', { name: '创建管理员' }).click();

    codes.push(await readCode(page));
    await expect(page.getByRole('button', { name: '打印' }).isVisible()).resolves.toBe(true);
    await keepCodeAndContinue(page);

    await logout(page);
    await login(page, USER.password);
    await expect.poll(() => page.getByTestId('current-user').textContent(), { timeout: UI_TIMEOUT }).toBe(USER.displayName);
    expect((await env.call('auth.status', {})).needsSetup).toBe(false);
  }, TEST_TIMEOUT);

  it('a wrong password shows the Chinese error and does not log in', async () => {
    const { page } = env;
    await page.goto(env.server.url);
    await login(page, 'not-the-password');
    await page.getByText('用户名或密码不正确').waitFor();
    expect(await page.getByTestId('current-user').count()).toBe(0);
    // The short-password rule of the contract shows before anything is sent.
    await page.getByRole('button', { name: '忘记密码' }).click();
    await page.getByTestId('recover-form').waitFor();
    await recover(page, 'X', 'short');
    await page.getByText('密码至少8位').waitFor();
    // Over-long names and passwords are refused in the form, with the field's limit, before anything is hashed.
    await page.getByRole('button', { name: '返回登录' }).click();
    await submitLogin(page, 'a'.repeat(33), 'x'.repeat(257));
    await page.getByText('用户名不能超过32个字符').waitFor();
    await page.getByText('密码不能超过256个字符').waitFor();
    expect(await page.getByTestId('current-user').count()).toBe(0);
  }, TEST_TIMEOUT);

  it('the recovery code resets the password, gives a new code, and stops working', async () => {
    const { page } = env;
    const oldCode = codes[0];
    expect(oldCode, 'the first test keeps the first code').toBeTruthy();
    await page.goto(env.server.url);
    await page.getByRole('button', { name: '忘记密码' }).click();
    await recover(page, oldCode!, 'xin-mima-2026');
    const newCode = await readCode(page);
    expect(newCode).not.toBe(oldCode);
    await keepCodeAndContinue(page);
    await logout(page);

    // The old password and the old code no longer work.
    await login(page, USER.password);
    await page.getByText('用户名或密码不正确').waitFor();
    await page.getByRole('button', { name: '忘记密码' }).click();
    await recover(page, oldCode!, 'another-mima-3');
    await page.getByText('用户名或恢复码不正确').waitFor();

    // The new password does.
    await page.getByRole('button', { name: '返回登录' }).click();
    await login(page, 'xin-mima-2026');
    await expect.poll(() => page.getByTestId('current-user').textContent(), { timeout: UI_TIMEOUT }).toBe(USER.displayName);
  }, TEST_TIMEOUT);

  it('a reload keeps the session; a session ended elsewhere returns to the login screen', async () => {
    const { page } = env;
    await page.goto(env.server.url);
    await login(page, 'xin-mima-2026');
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('menuitem', { name: '数据备份' }).click();
    await page.getByTestId('backup-grid').waitFor();

    await page.reload();
    await page.getByTestId('backup-grid').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByTestId('current-user').textContent()).toBe(USER.displayName);

    const session = await page.evaluate(() => sessionStorage.getItem('sanfang.session'));
    expect(session).toBeTruthy();
    await env.call('auth.logout', {}, session!);
    await page.getByRole('menuitem', { name: '操作日志' }).click();
    await page.getByTestId('login-form').waitFor({ timeout: UI_TIMEOUT });
    await page.getByText('登录已失效，请重新登录').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('sanfang.session'))).toBeNull();
  }, TEST_TIMEOUT);
});
