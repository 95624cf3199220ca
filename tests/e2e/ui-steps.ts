/**
 * Steps the treasurer's end-to-end tests share: paged grids (wait for a query
 * to paint, read its total, find a row), antd selects and the part picker,
 * letting a dialog's animation finish before a screenshot, and the forms more
 * than one story fills in (缴存, 登记收益/成本, 登记支出).
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

/** The part picker (the one in `scope`, when a form has several): type an address, pick the part it finds. */
export async function pickPart(scope: Page | Locator, testId: string, address: string): Promise<void> {
  const page = 'page' in scope ? scope.page() : scope;
  await scope.getByTestId(testId).click();
  await page.keyboard.type(address);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: address }).first().click();
}

/** Let the animations in `locator` (a dialog opening) finish, so a screenshot shows the dialog and not its fade-in. */
export async function settled(locator: Locator): Promise<void> {
  await locator.evaluate((el) => Promise.all(el.getAnimations({ subtree: true })
    .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
    .map((a) => a.finished.catch(() => undefined))));
}

/** The toasts gone and the animations done: a screenshot shows the screen itself. */
export async function quiet(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: UI_TIMEOUT }).toBe(0);
  await settled(page.locator('body'));
}

/** The error shown under a form field (by the test id of its input). */
export function fieldError(scope: Locator | Page, testId: string): Locator {
  const page = 'page' in scope ? scope.page() : scope;
  return scope.locator('.ant-form-item', { has: page.getByTestId(testId) }).locator('.ant-form-item-explain-error');
}

/** A locator's text ('' when it has none). */
export async function text(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

/** 缴存 on the 维修资金 screen: the part, the day, the amount; returns the dialog (hidden once saved, open with main's refusal). */
export async function deposit(page: Page, address: string, amount: string, date: string): Promise<Locator> {
  await page.getByTestId('fund-deposit').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('deposit-form').waitFor();
  await pickPart(page, 'deposit-part', address);
  await dialog.getByTestId('deposit-date').fill(date);
  await dialog.getByTestId('deposit-amount').fill(amount);
  await dialog.getByTestId('deposit-save').click();
  return dialog;
}

export interface RevenueLine { kind: RegExp; amount: string; counterparty: string; contract?: string; memo: string; date: string }

/** 登记收益 or 登记成本 on the 公共收益 page, filled and sent; returns the dialog (hidden once saved). */
export async function recordRevenue(page: Page, direction: 'income' | 'cost', r: RevenueLine): Promise<Locator> {
  await page.getByTestId(`revenue-record-${direction}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('revenue-record-form').waitFor();
  await dialog.getByTestId('revenue-record-date').fill(r.date);
  await choose(page, 'revenue-record-kind', r.kind);
  await dialog.getByTestId('revenue-record-amount').fill(r.amount);
  await dialog.getByTestId('revenue-record-counterparty').fill(r.counterparty);
  await dialog.getByTestId('revenue-record-contract').fill(r.contract ?? '');
  await dialog.getByTestId('revenue-record-memo').fill(r.memo);
  await dialog.getByTestId('revenue-record-save').click();
  return dialog;
}

/** 登记支出 against a budget line on the 业委会预算 page; returns the dialog (hidden once saved). */
export async function spendBudget(page: Page, line: RegExp, amount: string, date: string): Promise<Locator> {
  await page.getByTestId('budget-spend').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('budget-spend-form').waitFor();
  await choose(page, 'budget-spend-line', line);
  await dialog.getByTestId('budget-spend-date').fill(date);
  await dialog.getByTestId('budget-spend-amount').fill(amount);
  await dialog.getByTestId('budget-spend-payee').fill('某文具店');
  await dialog.getByTestId('budget-spend-memo').fill('业委会经费支出');
  await dialog.getByTestId('budget-spend-save').click();
  return dialog;
}

/** 小区设置 of a community, from the list of communities (小区管理); returns the page. */
export async function openCommunitySettings(page: Page, name?: string): Promise<Locator> {
  await page.getByRole('menuitem', { name: '小区管理' }).click();
  await page.getByTestId('community-grid').waitFor();
  const rows = page.locator('[data-testid=community-grid] .data-grid-row');
  await (name ? rows.filter({ hasText: name }) : rows).first().getByTestId('community-settings').click();
  const settings = page.getByTestId('community-settings-page');
  await settings.getByTestId('community-form').waitFor({ timeout: UI_TIMEOUT });
  return settings;
}

/** Saves 小区设置 and waits for main's answer. */
export async function saveCommunitySettings(page: Page): Promise<void> {
  await page.getByTestId('community-save').click();
  await page.getByText('小区设置已保存').first().waitFor({ timeout: UI_TIMEOUT });
}

/** 登记问题 opened on the community's issue ledger and filled in: title, category 设施维修, description. */
export async function fillNewIssue(page: Page, communityId: string, title: string): Promise<Locator> {
  await page.evaluate((h) => { window.location.hash = h; }, `#/c/${communityId}/issues`);
  await page.locator('[data-testid=issues-page][data-ready=true]').waitFor();
  await page.getByTestId('issue-create').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('issue-form').waitFor();
  await dialog.getByTestId('issue-title').fill(title);
  await expect.poll(async () => {
    if (((await page.getByTestId('issue-category').textContent()) ?? '').includes('设施维修')) return true;
    await choose(page, 'issue-category', /^设施维修$/);
    return ((await page.getByTestId('issue-category').textContent()) ?? '').includes('设施维修');
  }, { timeout: UI_TIMEOUT }).toBe(true);
  await dialog.getByTestId('issue-description').fill('下雨后地库入口积水，车辆无法通行');
  return dialog;
}

/** An issue's 修改 dialog opened on its page and filled from the issue; returns the dialog. */
export async function openIssueForm(page: Page, communityId: string, issueId: string): Promise<Locator> {
  await page.evaluate((h) => { window.location.hash = h; }, `#/c/${communityId}/issue/${issueId}`);
  await page.getByTestId('issue-edit').click();
  const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('issue-form') });
  await dialog.getByTestId('issue-form').waitFor();
  await expect.poll(() => dialog.getByTestId('issue-title').inputValue(), { timeout: UI_TIMEOUT }).not.toBe('');
  return dialog;
}
