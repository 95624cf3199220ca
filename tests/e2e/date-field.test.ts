/**
 * Issue 15: one date control everywhere (components/DateField.tsx). In a browser set to English it
 * still shows 2026-12-04 (a native date input showed mm/dd/yyyy); typed 20261204 and 2026-12-04
 * are taken at once, 2026/12/4 on Enter; the calendar is Chinese and picks a day; emptying the field
 * empties the value. Exercised on the issue ledger's statistics period, whose figures follow it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_TIMEOUT, UI_TIMEOUT, goTo, openAndLogin, setupAdmin, useE2E } from './harness';

const env = useE2E();
let communityId = '';

beforeAll(async () => {
  const session = await setupAdmin(env);
  communityId = (await env.call('community.create', { name: '日期小区' }, session)).id;
  for (const [title, at] of [['十一月一日', '2026-11-01T09:00'], ['十一月中', '2026-11-15T09:00'], ['十二月', '2026-12-02T09:00']] as const) {
    await env.call('issue.create', { communityId, title, category: '其他', reportedAt: at }, session);
  }
}, TEST_TIMEOUT);

async function typeInto(page: Page, testId: string, text: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.press('Control+A');
  await input.press('Backspace');
  await input.pressSequentially(text);
}

const total = (page: Page) => page.getByTestId('stats-total').textContent();

describe('the one date control', () => {
  it('reads typed dates in every office form, shows them as 2026-12-04 in an English browser, and picks from a Chinese calendar', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    context.setDefaultTimeout(UI_TIMEOUT);
    const page = await context.newPage();
    env.page = page;
    await openAndLogin(env);
    await goTo(page, `#/c/${communityId}/issues`);
    await page.getByTestId('issues-tab-stats').click();

    // 20261101 is taken as soon as the eighth digit is typed, shown in the office's form, and the calendar closes.
    await typeInto(page, 'stats-from', '20261101');
    await expect.poll(() => page.getByTestId('stats-from').inputValue(), { timeout: UI_TIMEOUT }).toBe('2026-11-01');
    await expect.poll(() => page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').count(), { timeout: UI_TIMEOUT }).toBe(0);
    // 2026/11/30 is complete only when the person says so (it could still become 2026/11/3x): Enter.
    await typeInto(page, 'stats-to', '2026/11/30');
    await page.getByTestId('stats-to').press('Enter');
    await expect.poll(() => page.getByTestId('stats-to').inputValue(), { timeout: UI_TIMEOUT }).toBe('2026-11-30');
    await expect.poll(() => total(page), { timeout: UI_TIMEOUT }).toBe('2 件');

    // 2026-12-04 typed whole; then the calendar: Chinese, and a click on a day takes it.
    await typeInto(page, 'stats-to', '2026-12-04');
    await expect.poll(() => total(page), { timeout: UI_TIMEOUT }).toBe('3 件');
    await page.getByTestId('stats-from').click();
    // The calendar of the field clicked (another field's may still be fading out).
    const calendar = page.locator('.ant-picker-dropdown:visible').filter({ has: page.locator('td[title="2026-11-15"]') }).last();
    await calendar.waitFor();
    expect(await calendar.locator('thead').textContent()).toContain('一二三四五六日');
    await page.screenshot({ path: '/tmp/date-field-calendar.png' });
    await calendar.locator('td[title="2026-11-15"]').click();
    await expect.poll(() => page.getByTestId('stats-from').inputValue(), { timeout: UI_TIMEOUT }).toBe('2026-11-15');
    await expect.poll(() => total(page), { timeout: UI_TIMEOUT }).toBe('2 件');

    // Emptying a field empties the period: the screen says the period is not valid instead of keeping an old date.
    await typeInto(page, 'stats-from', '');
    await expect.poll(() => page.getByTestId('issue-stats').getAttribute('data-ready'), { timeout: UI_TIMEOUT }).toBe('false');
    await context.close();
  }, TEST_TIMEOUT);
});
