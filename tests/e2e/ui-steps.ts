/**
 * Steps the treasurer's end-to-end tests share: paged grids (wait for a query
 * to paint, read its total, find a row), antd selects and the part picker,
 * and letting a dialog's animation finish before a screenshot.
 */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { UI_TIMEOUT } from './harness';

/** Wait until a paged grid paints the rows of `query` and return its total. */
export async function painted(page: Page, testId: string, query: string): Promise<number> {
  const grid = page.getByTestId(testId);
  await expect.poll(() => grid.getAttribute('data-query'), { timeout: UI_TIMEOUT }).toBe(query);
  await expect.poll(async () => (await grid.getAttribute('data-total')) ?? '', { timeout: UI_TIMEOUT }).not.toBe('');
  return Number(await grid.getAttribute('data-total'));
}

export async function totalBecomes(page: Page, testId: string, total: number): Promise<void> {
  await expect.poll(() => page.getByTestId(testId).getAttribute('data-total'), { timeout: UI_TIMEOUT }).toBe(String(total));
}

export function gridRow(page: Page, testId: string, text: string | RegExp): Locator {
  return page.locator(`[data-testid=${testId}] .data-grid-row:not(.placeholder)`).filter({ hasText: text });
}

/**
 * Open a select (by its test id) and click the option whose text matches.
 * The dropdown's opening animation is let finish first (a click during it can
 * land on nothing as the list moves), and the choice is read back from the
 * select; a try that did not take is repeated, up to three.
 */
export async function choose(page: Page, testId: string, option: RegExp): Promise<void> {
  const select = page.getByTestId(testId);
  for (let attempt = 1; ; attempt++) {
    await select.click();
    const dropdown = page.locator('.ant-select-dropdown:visible').last();
    await dropdown.waitFor({ timeout: UI_TIMEOUT });
    await settled(dropdown);
    const clicked = await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click({ timeout: 5_000 }).then(() => true, () => false);
    const shown = await select.locator('.ant-select-selection-item').first().textContent({ timeout: 1_000 }).catch(() => null);
    // A select without a single shown item (multiple, or a custom label) is trusted on the click.
    if (clicked && (shown === null || option.test(shown))) return;
    if (attempt === 3) throw new Error(`could not choose ${option} in ${testId} (shown: ${shown ?? '—'})`);
    await page.keyboard.press('Escape');
  }
}

/** The part picker: type an address, pick the part it finds. */
export async function pickPart(page: Page, testId: string, address: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(address);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: address }).first().click();
}

/** Let the animations in `locator` (a dialog opening) finish, so a screenshot shows the dialog and not its fade-in. */
export async function settled(locator: Locator): Promise<void> {
  await locator.evaluate((el) => Promise.all(el.getAnimations({ subtree: true })
    .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
    .map((a) => a.finished.catch(() => undefined))));
}

/** The error shown under a form field (by the test id of its input). */
export function fieldError(scope: Locator | Page, testId: string): Locator {
  const page = 'page' in scope ? scope.page() : scope;
  return scope.locator('.ant-form-item', { has: page.getByTestId(testId) }).locator('.ant-form-item-explain-error');
}
