/**
 * The idle lock (issue 16): after the community's 锁屏分钟数 without a key or a click (the page's clock moved on
 * with page.clock) an opaque lock screen asks the password again; main refuses the locked session's calls
 * (SCREEN_LOCKED); a wrong password is refused; the right one brings back the page with a half-filled dialog as it
 * was; 退出登录 leaves from the lock screen. The minutes are the community's setting (小区设置).
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, TEST_TIMEOUT, UI_TIMEOUT, openAndLogin, setupAdmin, useE2E } from './harness';

const env = useE2E();
const SHOTS = '/tmp/shots';
let session = '';
let communityId = '';

beforeAll(async () => {
  session = await setupAdmin(env);
  communityId = (await env.call('community.create', { name: '和平小区', address: '南湖路1号' }, session)).id;
  fs.mkdirSync(SHOTS, { recursive: true });
}, TEST_TIMEOUT);

const lockScreen = (page: Page) => page.getByTestId('lock-screen');

async function openIssueDialog(page: Page): Promise<void> {
  await page.evaluate((c) => { window.location.hash = `#/c/${c}/issues`; }, communityId);
  await page.getByTestId('issue-create').click();
  await page.getByRole('dialog').getByTestId('issue-form').waitFor();
}

/** The app's session token, as the tab keeps it. */
const sessionOf = (page: Page) => page.evaluate(() => window.sessionStorage.getItem('sanfang.session'));

describe('锁屏', () => {
  it('locks after the idle minutes, refuses a wrong password, and keeps a half-filled dialog through the unlock', async () => {
    const { page } = env;
    await page.clock.install();
    await openAndLogin(env);
    await openIssueDialog(page);
    const title = page.getByRole('dialog').getByTestId('issue-title');
    await title.fill('3幢电梯异响，住户多次反映');
    await page.getByRole('dialog').getByTestId('issue-place').fill('3幢2单元');

    // Nine minutes of nothing: not yet.
    await page.clock.fastForward(9 * 60_000);
    await page.waitForTimeout(300);
    expect(await lockScreen(page).count()).toBe(0);
    // Past ten (the default): locked, and main refuses the session's calls.
    await page.clock.fastForward(70_000);
    await lockScreen(page).waitFor({ timeout: UI_TIMEOUT });
    expect(await lockScreen(page).textContent()).toContain('已有 10 分钟无操作');
    const token = (await sessionOf(page))!;
    const refusal = async () => {
      const response = await env.server.app.handle({ method: 'community.list', input: {}, session: token });
      return response.ok ? 'ok' : response.error.code;
    };
    await expect.poll(refusal, { timeout: UI_TIMEOUT }).toBe('SCREEN_LOCKED');
    await page.screenshot({ path: `${SHOTS}/lock-screen.png` });

    // A wrong password is refused on its field; the lock stays.
    await page.getByTestId('unlock-password').fill('not-the-password');
    await page.getByRole('button', { name: '解锁' }).click();
    await expect.poll(() => lockScreen(page).textContent(), { timeout: UI_TIMEOUT }).toContain('密码不正确');
    expect(await lockScreen(page).isVisible()).toBe(true);

    // The right one: the dialog is there with what was typed.
    await page.getByTestId('unlock-password').fill(ADMIN.password);
    await page.getByRole('button', { name: '解锁' }).click();
    await lockScreen(page).waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    expect(await title.inputValue()).toBe('3幢电梯异响，住户多次反映');
    expect(await page.getByRole('dialog').getByTestId('issue-place').inputValue()).toBe('3幢2单元');
    expect((await env.server.app.handle({ method: 'community.list', input: {}, session: token })).ok).toBe(true);
    await page.screenshot({ path: `${SHOTS}/lock-after-unlock.png` });
  }, TEST_TIMEOUT);

  it('counts from the last key or click, uses the community’s 锁屏分钟数, and 退出登录 leaves from the lock screen', async () => {
    const { page } = env;
    const community = await env.call('community.get', { id: communityId }, session);
    await env.call('community.update', { ...community, settings: { ...community.settings, lockMinutes: 3 } }, session);
    await page.clock.install();
    await openAndLogin(env);
    await page.evaluate((c) => { window.location.hash = `#/c/${c}/roster`; }, communityId);
    await page.getByTestId('roster-grid').waitFor();
    await page.clock.fastForward(2 * 60_000);
    await page.mouse.move(300, 300);
    await page.mouse.move(320, 310);
    // Two minutes after the movement: still open.
    await page.clock.fastForward(2 * 60_000);
    await page.waitForTimeout(300);
    expect(await lockScreen(page).count()).toBe(0);
    await page.clock.fastForward(70_000);
    await lockScreen(page).waitFor({ timeout: UI_TIMEOUT });
    expect(await lockScreen(page).textContent()).toContain('已有 3 分钟无操作');
    // A reload of the locked tab stays locked (main says so in auth.status).
    await page.reload();
    await lockScreen(page).waitFor({ timeout: UI_TIMEOUT });
    await lockScreen(page).getByRole('button', { name: '退出登录' }).click();
    await page.getByTestId('login-form').waitFor({ timeout: UI_TIMEOUT });
    expect(await lockScreen(page).count()).toBe(0);
  }, TEST_TIMEOUT);

  it('锁屏 in the header locks at once', async () => {
    const { page } = env;
    await openAndLogin(env);
    await page.getByTestId('lock-now').click();
    await lockScreen(page).waitFor({ timeout: UI_TIMEOUT });
    expect(await lockScreen(page).textContent()).toContain('屏幕已锁定，请输入密码继续');
    await page.getByTestId('unlock-password').fill(ADMIN.password);
    await page.getByRole('button', { name: '解锁' }).click();
    await lockScreen(page).waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    // The minutes are set on 小区设置.
    await page.evaluate((c) => { window.location.hash = `#/c/${c}/settings`; }, communityId);
    const field = page.getByTestId('community-lock');
    await field.scrollIntoViewIfNeeded();
    expect(await page.getByTestId('rule-lock-minutes').inputValue()).toBe('3');
    await field.screenshot({ path: `${SHOTS}/lock-setting.png` });
  }, TEST_TIMEOUT);

  it('小区设置 keeps 锁屏分钟数 within 1–120', async () => {
    const community = await env.call('community.get', { id: communityId }, session);
    const response = await env.server.app.handle({ method: 'community.update', input: { ...community, settings: { ...community.settings, lockMinutes: 121 } }, session });
    expect(response.ok).toBe(false);
    expect(!response.ok && response.error.message).toContain('锁屏分钟数不能超过120');
    expect((await env.call('community.get', { id: communityId }, session)).settings.lockMinutes).toBe(3);
  });
});
