/**
 * Importing a roster through the screens: a good file (xlsx chosen with the
 * file chooser) is previewed with the right summary and imported; a bad file
 * lists every error by row and column and imports nothing.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mainlandIdCheckChar } from '../../shared/domain/identity';
import { generateRosterDetailed, writeRosterCsv, writeRosterXlsx, type RosterExportRow } from '../fixtures/roster-generator';
import { TEST_TIMEOUT, UI_TIMEOUT, openAndLogin, rosterPainted, setupAdmin, useE2E, visibleAddresses } from './harness';
import { addressOf, expectedElectorate, grouped } from './roster-facts';

const env = useE2E();

beforeAll(async () => {
  await setupAdmin(env);
}, TEST_TIMEOUT);

async function chooseFile(page: Page, file: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-file').click()]);
  await chooser.setFiles(file);
  await expect.poll(() => page.getByTestId('file-name').textContent()).toContain(path.basename(file));
}

async function openImport(page: Page) {
  await page.getByRole('menuitem', { name: '导入花名册' }).click();
  await page.getByTestId('import-page').waitFor();
}

describe('import a roster', () => {
  it('a good roster: preview shows the summary, confirming opens the new roster', async () => {
    const { page } = env;
    const { rows, counts } = generateRosterDetailed({ parts: 50, seed: 11 });
    const file = path.join(env.tmpDir, '阳光小区花名册.xlsx');
    await writeRosterXlsx(file, rows);
    const electorate = expectedElectorate(rows);

    await openAndLogin(env);
    await openImport(page);
    await chooseFile(page, file);
    await page.getByLabel('小区名称').fill('阳光小区');
    await page.getByLabel('所属街道').fill('南湖街道');
    await page.getByTestId('preview').click();
    await page.getByTestId('import-summary').waitFor({ timeout: UI_TIMEOUT });

    expect(await page.getByTestId('summary-parts').textContent()).toBe('50');
    expect(await page.getByTestId('summary-owners').textContent()).toBe(String(counts.persons));
    expect(await page.getByTestId('summary-subjects').textContent()).toBe(String(electorate.count));
    expect(await page.getByTestId('summary-area').textContent()).toBe(grouped(electorate.area));
    expect(await page.getByTestId('import-errors').count()).toBe(0);
    // The first rows as they will be recorded.
    const sample = await page.locator('[data-testid=import-sample] .data-grid-row').first().textContent();
    expect(sample).toContain(addressOf(rows[0]!));
    expect(sample).toContain(rows[0]!.area);

    await page.getByTestId('confirm-import').click();
    const total = await rosterPainted(page, '');
    expect(total).toBe(50);
    const shown = await visibleAddresses(page);
    expect(shown[0]).toBe(addressOf(rows[0]!));
    expect(shown.length).toBeGreaterThan(10);
    for (const a of shown) expect(rows.map(addressOf)).toContain(a);
    expect(await page.getByTestId('roster-count').textContent()).toContain('50');
    expect((await env.call('community.list', {}, await setupAdmin(env))).map((c) => c.name)).toContain('阳光小区');
  }, TEST_TIMEOUT);

  it('a bad roster: every error with its row and column, nothing imported', async () => {
    const { page } = env;
    const session = await setupAdmin(env);
    const before = await env.call('community.list', {}, session);
    const good = generateRosterDetailed({ parts: 12, seed: 5 }).rows;
    const rows: RosterExportRow[] = good.map((r) => ({ ...r }));
    // Excel row numbers: header = 1, rows[i] = i + 2.
    const sold = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.deliveryStatus === '已交付' && r.owners !== '' && !r.owners.includes('、'));
    const [dupSource, badId, blankOwner] = [sold[0]!, sold[1]!, sold[2]!];
    // 1. a second row with the same address as another one
    rows.push({ ...dupSource.r, owners: '周建', documents: '', phones: '13900000001' });
    const dupRow = rows.length + 1;
    // 2. a mainland ID with a wrong check digit
    const first17 = (badId.r.documents || '330105199001011234').slice(0, 17);
    const wrong = mainlandIdCheckChar(first17) === '0' ? '1' : '0';
    rows[badId.i] = { ...badId.r, documents: first17 + wrong };
    // 3. a delivered part without an owner
    rows[blankOwner.i] = { ...blankOwner.r, owners: '', documents: '', phones: '' };
    const file = path.join(env.tmpDir, '有错误的花名册.csv');
    await writeRosterCsv(file, rows, 'utf8bom');

    await openAndLogin(env);
    await openImport(page);
    await chooseFile(page, file);
    await page.getByLabel('小区名称').fill('错误小区');
    await page.getByTestId('preview').click();
    await page.getByTestId('import-errors').waitFor({ timeout: UI_TIMEOUT });

    const errors = await page.locator('[data-testid=import-error-grid] .data-grid-row').evaluateAll((els) =>
      els.map((el) => [...el.querySelectorAll('[role=cell]')].map((c) => c.textContent ?? '')),
    );
    const has = (row: number, column: string, text: string) =>
      errors.some(([r, c, m]) => r === String(row) && c === column && (m ?? '').includes(text));
    expect(errors.length).toBe(3);
    expect(has(dupRow, '房号', '重复')).toBe(true);
    expect(has(badId.i + 2, '证件号码', '校验位错误')).toBe(true);
    expect(has(blankOwner.i + 2, '业主', '已交付的部分必须填写业主姓名')).toBe(true);
    expect(await page.getByText('发现 3 处错误').count()).toBe(1);
    await expect.poll(() => page.getByTestId('confirm-import').isDisabled(), { timeout: UI_TIMEOUT }).toBe(true);

    // Nothing was imported: the list of communities is unchanged.
    const after = await env.call('community.list', {}, session);
    expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id));
    await page.getByRole('menuitem', { name: '小区管理' }).click();
    await page.getByTestId('community-grid').waitFor();
    await expect.poll(() => page.locator('[data-testid=community-grid] .data-grid-row').count()).toBe(before.length);
    expect(await page.getByText('错误小区').count()).toBe(0);
  }, TEST_TIMEOUT);

  it('an area outside the bounds is listed in the preview and imported only once the clerk confirms it', async () => {
    const { page } = env;
    const session = await setupAdmin(env);
    const rows = generateRosterDetailed({ parts: 10, seed: 8 }).rows.map((r) => ({ ...r }));
    const flat = rows.findIndex((r) => r.type === '住宅');
    rows[flat] = { ...rows[flat]!, area: '45000.00' }; // 89.50 typed without its point, say
    const file = path.join(env.tmpDir, '面积待核对的花名册.csv');
    await writeRosterCsv(file, rows, 'utf8bom');

    await openAndLogin(env);
    await openImport(page);
    await chooseFile(page, file);
    await page.getByLabel('小区名称').fill('面积核对小区');
    await page.getByTestId('preview').click();
    const unusual = page.getByTestId('import-unusual');
    await unusual.waitFor({ timeout: UI_TIMEOUT });
    expect(await unusual.getAttribute('data-count')).toBe('1');
    const listed = await unusual.locator('[data-testid=import-unusual-grid] .data-grid-row').allTextContents();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toContain(addressOf(rows[flat]!));
    expect(listed[0]).toContain('45,000.00');
    expect(listed[0]).toContain('超出本小区设定的住宅面积合理范围（5.00–1,000.00 ㎡）');
    await unusual.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/shots/import-unusual.png' });
    // Not before the tick.
    await expect.poll(() => page.getByTestId('confirm-import').isDisabled(), { timeout: UI_TIMEOUT }).toBe(true);
    expect((await env.call('community.list', {}, session)).map((c) => c.name)).not.toContain('面积核对小区');

    await page.getByTestId('confirm-unusual').click();
    await expect.poll(() => page.getByTestId('confirm-import').isDisabled(), { timeout: UI_TIMEOUT }).toBe(false);
    await page.getByTestId('confirm-import').click();
    expect(await rosterPainted(page, '')).toBe(10);
    const community = (await env.call('community.list', {}, session)).find((c) => c.name === '面积核对小区')!;
    const part = (await env.call('roster.page', { communityId: community.id, search: addressOf(rows[flat]!) }, session)).rows[0]!;
    expect(part.area).toBe('45000.00');
    // The confirmation is on record.
    const log = await env.call('audit.list', { entity: 'community', entityId: community.id }, session);
    expect(JSON.stringify(log.rows.map((r) => r.after))).toContain(`"unusualAreasConfirmed":{"count":1,"rows":[${flat + 2}]}`);
  }, TEST_TIMEOUT);
});
