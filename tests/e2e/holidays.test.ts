/** The holiday calendar page: shipped year, a day set by the office, a refused make-up day, an unknown year. */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_TIMEOUT, UI_TIMEOUT, openAndLogin, setupAdmin, useE2E } from './harness';

const env = useE2E();
let session = '';

beforeAll(async () => {
  session = await setupAdmin(env);
}, TEST_TIMEOUT);

const day = (page: Page, date: string) => page.getByTestId(`holiday-day-${date}`);
const kindOf = (page: Page, date: string) => day(page, date).getAttribute('data-kind');

/** Step with the prev/next buttons until the page shows `year`. */
async function showYear(page: Page, year: number): Promise<void> {
  const label = page.getByTestId('holiday-year');
  for (let i = 0; i < 200; i++) {
    const shown = Number(/\d{4}/.exec((await label.textContent()) ?? '')?.[0]);
    if (shown === year) break;
    await page.getByTestId(shown < year ? 'holiday-next' : 'holiday-prev').click();
  }
  await expect.poll(() => label.textContent()).toBe(`${year} 年`);
  await page.getByTestId(`holiday-day-${year}-01-01`).waitFor();
}

async function setDay(page: Page, date: string, kindLabel: string): Promise<void> {
  await day(page, date).click();
  const editor = page.getByRole('dialog');
  await editor.getByTestId('holiday-day-editor').waitFor();
  await editor.getByLabel(kindLabel, { exact: true }).check();
  await editor.getByRole('button', { name: /保\s*存/ }).click();
}

describe('节假日安排', () => {
  it('shows 2026 as shipped, takes an office holiday, refuses a weekday make-up day, warns for 2030', async () => {
    const { page } = env;
    await openAndLogin(env);
    await page.getByRole('menuitem', { name: '节假日安排' }).click();
    await page.getByTestId('holidays-page').waitFor();
    // The default is the current year.
    await expect.poll(() => page.getByTestId('holiday-year').textContent()).toBe(`${new Date().getFullYear()} 年`);

    await showYear(page, 2026);
    const origin = page.getByTestId('holiday-origin');
    await expect.poll(() => origin.getAttribute('data-origin'), { timeout: UI_TIMEOUT }).toBe('shipped');
    expect(await origin.textContent()).toContain('国务院办公厅通知（程序内置）');
    expect(await kindOf(page, '2026-10-01')).toBe('holiday');
    expect(await kindOf(page, '2026-10-10')).toBe('workday');
    expect(await kindOf(page, '2026-10-11')).toBe('rest');
    expect(await kindOf(page, '2026-10-12')).toBe('normal');
    expect(await day(page, '2026-10-01').textContent()).toContain('休');
    expect(await day(page, '2026-10-10').textContent()).toContain('班');

    fs.mkdirSync('/tmp/shots', { recursive: true });
    await page.screenshot({ path: '/tmp/shots/holidays-shipped.png', fullPage: true });

    // 2026-10-12, a Monday, becomes a holiday of the office.
    await setDay(page, '2026-10-12', '放假');
    await expect.poll(() => kindOf(page, '2026-10-12'), { timeout: UI_TIMEOUT }).toBe('holiday');
    await expect.poll(() => origin.getAttribute('data-origin')).toBe('office');
    expect(await origin.textContent()).toContain('本办维护');
    expect((await env.call('holiday.year', { year: 2026 }, session)).days).toContainEqual({ date: '2026-10-12', kind: 'holiday', name: '' });

    // A make-up working day on a Tuesday is refused in Chinese; nothing changes.
    await setDay(page, '2026-10-13', '调休上班');
    const refusal = page.getByRole('dialog').getByRole('alert');
    await refusal.waitFor({ timeout: UI_TIMEOUT });
    expect(await refusal.textContent()).toContain('2026-10-13 不是周末，不能设为调休上班日');
    await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(await kindOf(page, '2026-10-13')).toBe('normal');
    expect((await env.call('holiday.year', { year: 2026 }, session)).days.some((d) => d.date === '2026-10-13')).toBe(false);

    await page.getByTestId('holidays-page').evaluate((el) => { el.scrollTop = 0; });
    await page.screenshot({ path: '/tmp/shots/holidays.png' });

    // An unknown year: only weekends rest, with the hint to import.
    await showYear(page, 2030);
    await expect.poll(() => origin.getAttribute('data-origin'), { timeout: UI_TIMEOUT }).toBe('none');
    expect(await origin.textContent()).toContain('2030 年的节假日安排未知');
    expect(await origin.textContent()).toContain('导入');
    expect(await kindOf(page, '2030-10-01')).toBe('normal');
    expect(await kindOf(page, '2030-10-05')).toBe('rest');
    await page.screenshot({ path: '/tmp/shots/holidays-2030.png', fullPage: true });
  }, TEST_TIMEOUT);
});
