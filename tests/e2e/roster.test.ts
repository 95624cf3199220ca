/**
 * The roster screen on a generated community: searching by owner name, by
 * address/room and by phone finds the right rows; ID numbers and phones are
 * masked in the table and full only on the person's own page; the part form
 * refuses an area with three decimals in Chinese.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mainlandIdCheckChar, maskDocument, maskPhone } from '../../shared/domain/identity';
import { generateRoster, type RosterExportRow } from '../fixtures/roster-generator';
import {
  TEST_TIMEOUT, UI_TIMEOUT, importRosterApi, openAndLogin, openRoster, searchRoster, setupAdmin, useE2E, visibleAddresses,
} from './harness';
import { addressOf, expectedSearch, hundredths } from './roster-facts';
import { openCommunitySettings, saveCommunitySettings } from './ui-steps';

const env = useE2E();
const rows = generateRoster({ parts: 120, seed: 3 });
let communityId = '';

beforeAll(async () => {
  const session = await setupAdmin(env);
  communityId = await importRosterApi(env, session, '和平小区', rows);
}, TEST_TIMEOUT);

const soleOwned = (r: RosterExportRow) => r.deliveryStatus === '已交付' && r.owners !== '' && !r.owners.includes('、');

/** Find a part by its address in the roster (logged in, community open) and open its form. */
async function openPartForm(page: Page, row: RosterExportRow) {
  await openRoster(env, communityId);
  expect(await searchRoster(page, addressOf(row))).toBe(1);
  await page.locator('[data-testid=roster-grid] .data-grid-row:not(.placeholder)').first().click();
  const form = page.getByTestId('part-form');
  await form.waitFor();
  return form;
}

async function expectSearch(page: Page, text: string) {
  const expected = expectedSearch(rows, text).map(addressOf).sort();
  expect(expected.length, `the generated roster should contain “${text}”`).toBeGreaterThan(0);
  const total = await searchRoster(page, text);
  expect(total).toBe(expected.length);
  const shown = (await visibleAddresses(page)).sort();
  if (expected.length <= 15) expect(shown).toEqual(expected);
  else for (const a of shown) expect(expected).toContain(a);
  expect(await page.getByTestId('roster-count').textContent()).toContain(String(expected.length));
}

describe('the roster', () => {
  it('searches by owner name, by room, by phone and document', async () => {
    const { page } = env;
    await openAndLogin(env);
    expect(await openRoster(env, communityId)).toBe(120);

    // By owner name: a name of three characters (rarely part of another).
    const byName = rows.find((r) => soleOwned(r) && r.owners.length === 3) ?? rows.find(soleOwned)!;
    await expectSearch(page, byName.owners);

    // By room: a full address in the second building, and a room number alone.
    const inSecond = rows.find((r) => r.building === '2幢' && r.entrance === '1单元' && r.room === '302')!;
    await expectSearch(page, addressOf(inSecond));
    await expectSearch(page, 'S001');

    // By phone: an owner of two parts is found on both.
    const phones = new Map<string, number>();
    for (const r of rows) if (soleOwned(r)) phones.set(r.phones, (phones.get(r.phones) ?? 0) + 1);
    const twoParts = [...phones].find(([, n]) => n === 2)?.[0] ?? rows.find(soleOwned)!.phones;
    await expectSearch(page, twoParts);
    // By the visible digits of a masked phone, and by a whole document number (matched on its keyed hash).
    await expectSearch(page, twoParts.slice(-4));
    await expectSearch(page, rows.find((r) => soleOwned(r) && r.documents !== '')!.documents);

    // Clearing the search shows everything again.
    expect(await searchRoster(page, '')).toBe(120);
  }, TEST_TIMEOUT);

  it('a new search starts at the top, also after scrolling down', async () => {
    const { page } = env;
    await openAndLogin(env);
    expect(await openRoster(env, communityId)).toBe(120);
    const scroller = page.locator('[data-testid="roster-grid"] .data-grid-scroll');
    await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    // A query with many matches: with only a few, the browser would clamp the scroll position by itself.
    const many = expectedSearch(rows, '幢');
    expect(many.length).toBeGreaterThan(60);
    expect(await searchRoster(page, '幢')).toBe(many.length);
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0);
    expect((await visibleAddresses(page))[0]).toBe('1幢1单元101');
  }, TEST_TIMEOUT);

  it('sorts by area in main when a header is clicked', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openRoster(env, communityId);
    const byArea = [...rows].sort((a, b) => hundredths(a.area) - hundredths(b.area));
    const firstArea = () => page.locator('[data-testid=roster-grid] .data-grid-row:not(.placeholder)').first().locator('[role=cell]').nth(2).textContent();
    const header = page.locator('[data-testid=roster-grid] [role=columnheader]').filter({ hasText: '面积' }).first();
    await header.click();
    await expect.poll(firstArea, { timeout: UI_TIMEOUT }).toBe(byArea[0]!.area);
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    await header.click();
    await expect.poll(firstArea, { timeout: UI_TIMEOUT }).toBe(byArea[byArea.length - 1]!.area);
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
  }, TEST_TIMEOUT);

  it('masks ID numbers and phones in the table; the person page shows them in full', async () => {
    const { page } = env;
    const row = rows.find((r) => soleOwned(r) && r.documents !== '')!;
    await openAndLogin(env);
    await openRoster(env, communityId);
    expect(await searchRoster(page, addressOf(row))).toBe(1);

    const gridRow = page.locator('[data-testid=roster-grid] .data-grid-row:not(.placeholder)').first();
    const text = (await gridRow.textContent()) ?? '';
    expect(text).toContain(row.owners);
    expect(text).toContain(maskDocument(row.documents));
    expect(text).toContain(maskPhone(row.phones));
    expect(text).not.toContain(row.documents);
    expect(text).not.toContain(row.phones);

    await gridRow.click();
    const owners = page.getByTestId('part-owners');
    await owners.waitFor();
    expect(await owners.textContent()).toContain(maskDocument(row.documents));
    expect(await owners.textContent()).not.toContain(row.documents);
    await owners.getByText(row.owners).click();

    await page.getByTestId('person-page').waitFor();
    expect(await page.getByTestId('person-document').textContent()).toBe(row.documents);
    expect(await page.getByTestId('person-phone').textContent()).toBe(row.phones);
    expect(await page.getByTestId('person-parts').textContent()).toContain(addressOf(row));
  }, TEST_TIMEOUT);

  it('the part form refuses an area with three decimals, in Chinese, and saves a good one', async () => {
    const { page } = env;
    const row = rows.find((r) => soleOwned(r) && r.building === '1幢')!;
    await openAndLogin(env);
    const form = await openPartForm(page, row);
    expect(await page.getByTestId('part-title').textContent()).toContain(addressOf(row));
    expect(await page.getByTestId('part-area').inputValue()).toBe(row.area);

    await page.getByTestId('part-area').fill('12.345');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByText('面积“12.345”超过两位小数，应精确到0.01平方米').waitFor();

    await page.getByTestId('part-area').fill('88.80');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByText('专有部分已保存').waitFor();
    await expect
      .poll(() => page.locator('[data-testid=roster-grid] .data-grid-row:not(.placeholder)').first().textContent(), { timeout: UI_TIMEOUT })
      .toContain('88.80');
  }, TEST_TIMEOUT);

  it('the part form asks to confirm an area outside the community’s bounds, and saves it only then', async () => {
    const { page } = env;
    const session = await setupAdmin(env);
    const row = rows.find((r) => soleOwned(r) && r.building === '2幢')!;
    await openAndLogin(env);
    const form = await openPartForm(page, row);
    await page.getByTestId('part-area').fill('8950');
    await form.getByRole('button', { name: '保存' }).click();
    const dialog = page.locator('.ant-modal-confirm').filter({ hasText: '面积超出合理范围' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('住宅面积 8,950.00 ㎡ 偏大，超出本小区设定的住宅面积合理范围（5.00–1,000.00 ㎡）');
    await page.screenshot({ path: '/tmp/shots/part-unusual-area.png' });
    // Cancelled: nothing saved.
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
    const stored = async () => (await env.call('roster.page', { communityId, search: addressOf(row) }, session)).rows[0]!.area;
    expect(await stored()).toBe(row.area);

    await form.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('confirm-unusual-area').click();
    await page.getByText('专有部分已保存').waitFor();
    expect(await stored()).toBe('8950.00');
    const log = await env.call('audit.list', { entity: 'part' }, session);
    expect(log.rows[0]!.after).toMatchObject({ area: 895000, unusualAreaConfirmed: expect.stringContaining('8,950.00') });
  }, TEST_TIMEOUT);

  it('the community form edits the bounds: with a 住宅 limit of 2,000 m², 1,500 m² saves without asking', async () => {
    const { page } = env;
    const session = await setupAdmin(env);
    await openAndLogin(env);
    // The bounds live on 小区设置 (the community's page) with its other rules.
    const settings = await openCommunitySettings(page);
    const bounds = settings.getByTestId('community-area-bounds');
    await bounds.waitFor();
    expect(await bounds.getByTestId('bound-住宅-max').inputValue()).toBe('1000.00');
    expect(await bounds.getByTestId('bound-车位-max').inputValue()).toBe('50.00');
    await bounds.getByTestId('bound-住宅-max').fill('2000');
    await saveCommunitySettings(page);
    expect((await env.call('community.get', { id: communityId }, session)).settings.areaBounds.住宅).toEqual({ min: 500, max: 200_000 });

    const row = rows.filter((r) => soleOwned(r) && r.building === '2幢').at(-1)!;
    const form = await openPartForm(page, row);
    await page.getByTestId('part-area').fill('1500');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByText('专有部分已保存').waitFor();
    expect(await page.locator('.ant-modal-confirm').count()).toBe(0);
    expect((await env.call('roster.page', { communityId, search: addressOf(row) }, session)).rows[0]!.area).toBe('1500.00');
  }, TEST_TIMEOUT);

  it('exports the roster (all, or one building) and downloads the template as .xlsx', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openRoster(env, communityId);
    const download = async (click: () => Promise<void>) => {
      const [file] = await Promise.all([page.waitForEvent('download', { timeout: UI_TIMEOUT }), click()]);
      const bytes = fs.readFileSync(await file.path());
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // an xlsx is a zip
      return file.suggestedFilename();
    };
    expect(await download(() => page.getByRole('button', { name: '导出花名册' }).click())).toMatch(/\.xlsx$/);

    await page.getByTestId('filter-building').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^2幢$/ }).click();
    const inSecond = rows.filter((r) => r.building === '2幢').length;
    await expect.poll(() => page.getByTestId('roster-grid').getAttribute('data-total'), { timeout: UI_TIMEOUT }).toBe(String(inSecond));
    expect(await download(() => page.getByRole('button', { name: '导出2幢' }).click())).toMatch(/\.xlsx$/);

    await page.getByRole('menuitem', { name: '导入花名册' }).click();
    expect(await download(() => page.getByRole('button', { name: '下载花名册模板' }).click())).toMatch(/\.xlsx$/);
  }, TEST_TIMEOUT);

  it('sets co-owners: one found by search, one created inline; the history records the change', async () => {
    const { page } = env;
    const candidates = rows.filter((r) => soleOwned(r) && r.building === '2幢');
    const part = candidates[0]!;
    const other = candidates[candidates.length - 1]!;
    await openAndLogin(env);
    await openRoster(env, communityId);
    expect(await searchRoster(page, addressOf(part))).toBe(1);
    await page.locator('[data-testid=roster-grid] .data-grid-row:not(.placeholder)').first().click();
    await page.getByTestId('set-owners').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '设置业主' });
    await modal.getByTestId('selected-owners').getByText(part.owners).waitFor();

    // Find a registered person by phone and add them.
    await modal.getByTestId('person-search').fill(other.phones);
    const found = modal.getByTestId('person-results').locator('li').filter({ hasText: other.owners });
    await found.waitFor({ timeout: UI_TIMEOUT });
    expect(await found.textContent()).toContain(maskPhone(other.phones));
    await found.getByRole('button', { name: '添加' }).click();

    // Create a new person inline; a wrong check digit is refused first.
    await modal.getByRole('button', { name: '新建业主' }).click();
    const form = modal.getByTestId('person-form');
    const first17 = '33010219850612004';
    const check = mainlandIdCheckChar(first17);
    await form.getByLabel('姓名').fill('新业主');
    await form.getByLabel('证件号码').fill(first17 + (check === '0' ? '1' : '0'));
    await form.getByLabel('联系电话').fill('13912345678');
    await form.getByRole('button', { name: '添加' }).click();
    await modal.getByText('校验位错误').waitFor();
    await form.getByLabel('证件号码').fill(first17 + check);
    await form.getByRole('button', { name: '添加' }).click();
    await modal.getByTestId('selected-owners').getByText('新业主').waitFor({ timeout: UI_TIMEOUT });

    // The holding starts on a given date.
    await modal.getByTestId('owners-from').fill('2026-01-15');
    await modal.getByRole('button', { name: '保存' }).click();
    await page.getByText('业主已更新').waitFor({ timeout: UI_TIMEOUT });

    const owners = (await page.getByTestId('part-owners').textContent()) ?? '';
    for (const name of [part.owners, other.owners, '新业主']) expect(owners).toContain(name);
    expect(owners).toContain(maskDocument(first17 + check));
    expect(owners).not.toContain(first17 + check);
    const history = (await page.getByTestId('ownership-history').textContent()) ?? '';
    expect(history).toContain('新业主');
    expect(history).toContain('2026-01-15');
    // The roster row shows the co-owners joined by 、 once it reloads.
    await expect
      .poll(() => page.locator('[data-testid=roster-grid] .data-grid-row:not(.placeholder)').first().textContent(), { timeout: UI_TIMEOUT })
      .toContain('、');
  }, TEST_TIMEOUT);
});
