/**
 * Importing a roster through the wizard (选择文件 → 预览核对 → 确认导入 → 完成):
 * a good file (xlsx chosen with the file chooser) is previewed with the right
 * summary in view and imported, Back keeping the file; a bad file lists every
 * error by row and column at the top of the step, its error list downloads as
 * an xlsx with the faulty rows marked, and the corrected file imports; the
 * community's rules live on 小区设置, where 套用地方规则 fills them.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { mainlandIdCheckChar } from '../../shared/domain/identity';
import { generateRosterDetailed, writeRosterCsv, writeRosterXlsx, type RosterExportRow } from '../fixtures/roster-generator';
import { TEST_TIMEOUT, UI_TIMEOUT, openAndLogin, rosterPainted, setupAdmin, useE2E, visibleAddresses } from './harness';
import { addressOf, expectedElectorate, grouped } from './roster-facts';
import { choose, openCommunitySettings, saveCommunitySettings, text } from './ui-steps';

const SHOTS = '/tmp/shots';
fs.mkdirSync(SHOTS, { recursive: true });

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
  await page.getByTestId('import-step-0').waitFor();
}

/** Entirely inside the window as it is scrolled now: what the clerk sees without scrolling. */
async function inView(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = locator.page().viewportSize()!;
  return box !== null && box.y >= 0 && box.y < viewport.height && box.height > 0;
}

/** Step 1 → 2: the preview runs and its summary or its errors stand at the top of step 2. */
async function previewFile(page: Page) {
  await page.getByTestId('preview').click();
  await page.getByTestId('import-step-1').waitFor();
  await page.locator('[data-testid=import-summary], [data-testid=import-errors]').first().waitFor({ timeout: UI_TIMEOUT });
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
    // Step 1 asks for the file and the community's name only: no rules.
    expect(await page.getByTestId('community-meeting-rules').count()).toBe(0);
    expect(await page.getByText('续筹').count()).toBe(0);
    await chooseFile(page, file);
    await page.getByLabel('小区名称').fill('阳光小区');
    await page.screenshot({ path: `${SHOTS}/import-step1-choose.png` });
    await previewFile(page);
    expect(await inView(page.getByTestId('import-summary'))).toBe(true);
    expect(await inView(page.getByTestId('preview-ok'))).toBe(true);
    await page.screenshot({ path: `${SHOTS}/import-step2-preview.png` });
    // Back keeps the chosen file and the name.
    await page.getByTestId('wizard-back').click();
    expect(await page.getByTestId('file-name').textContent()).toContain('阳光小区花名册.xlsx');
    expect(await page.getByLabel('小区名称').inputValue()).toBe('阳光小区');
    await previewFile(page);

    expect(await page.getByTestId('summary-parts').textContent()).toBe('50');
    expect(await page.getByTestId('summary-owners').textContent()).toBe(String(counts.persons));
    expect(await page.getByTestId('summary-subjects').textContent()).toBe(String(electorate.count));
    expect(await page.getByTestId('summary-area').textContent()).toBe(grouped(electorate.area));
    expect(await page.getByTestId('import-errors').count()).toBe(0);
    // The first rows as they will be recorded.
    const sample = await page.locator('[data-testid=import-sample] .data-grid-row').first().textContent();
    expect(sample).toContain(addressOf(rows[0]!));
    expect(sample).toContain(rows[0]!.area);

    await page.getByTestId('to-confirm').click();
    await page.getByTestId('import-step-2').waitFor();
    expect(await text(page.getByTestId('confirm-note'))).toContain('导入到“阳光小区”');
    await page.screenshot({ path: `${SHOTS}/import-step3-confirm.png` });
    await page.getByTestId('confirm-import').click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: UI_TIMEOUT });
    expect(await text(result)).toContain('专有部分 50');
    expect(await text(result)).toContain(`表决权人数 ${electorate.count}`);
    await page.screenshot({ path: `${SHOTS}/import-step4-result.png` });
    await page.getByTestId('open-roster').click();
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
    await previewFile(page);
    // The errors stand at the top of the step, where the clerk looks after clicking.
    expect(await inView(page.getByTestId('import-errors').getByRole('alert'))).toBe(true);
    expect(await inView(page.locator('[data-testid=import-error-grid] .data-grid-row').first())).toBe(true);
    await page.screenshot({ path: `${SHOTS}/import-step2-errors.png` });

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
    expect(await page.getByTestId('to-confirm').isDisabled()).toBe(true);

    // The error list as xlsx: every row of the file, the faulty ones filled and a 问题 column saying what is wrong.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-errors').click()]);
    expect(download.suggestedFilename()).toBe('有错误的花名册-错误清单.xlsx');
    const saved = path.join(env.tmpDir, 'errors.xlsx');
    await download.saveAs(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const sheet = book.getWorksheet('错误清单')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header[0]).toBe('原行号');
    expect(header.at(-1)).toBe('问题');
    expect(sheet.rowCount).toBe(rows.length + 1);
    const problemCol = header.length;
    const marked = new Map<number, string>();
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const fill = row.getCell(2).fill as ExcelJS.FillPattern | undefined;
      const problem = String(row.getCell(problemCol).value ?? '');
      if (problem !== '') {
        expect(fill?.fgColor?.argb).toBe('FFFDE2E1');
        marked.set(Number(row.getCell(1).value), problem);
      } else expect(fill?.fgColor?.argb).toBeUndefined();
    });
    expect([...marked.keys()].sort((a, b) => a - b)).toEqual([badId.i + 2, blankOwner.i + 2, dupRow].sort((a, b) => a - b));
    expect(marked.get(badId.i + 2)).toContain('【证件号码】');
    expect(marked.get(badId.i + 2)).toContain('校验位错误');
    expect(marked.get(blankOwner.i + 2)).toContain('已交付的部分必须填写业主姓名');
    // The faulty cell itself is darker.
    const idCell = sheet.getRow(badId.i + 2).getCell(2 + 8);
    expect((idCell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF8B4B0');

    // Nothing was imported: the list of communities is unchanged.
    const after = await env.call('community.list', {}, session);
    expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id));

    // Corrected (the three rows fixed or dropped), chosen again after Back: preview, confirm, imported.
    const fixed = path.join(env.tmpDir, '改正后的花名册.csv');
    await writeRosterCsv(fixed, good, 'utf8bom');
    await page.getByTestId('wizard-back').click();
    await chooseFile(page, fixed);
    expect(await page.getByLabel('小区名称').inputValue()).toBe('错误小区');
    await previewFile(page);
    expect(await page.getByTestId('import-errors').count()).toBe(0);
    expect(await page.getByTestId('summary-parts').textContent()).toBe('12');
    await page.getByTestId('to-confirm').click();
    await page.getByTestId('confirm-import').click();
    await page.getByTestId('import-result').waitFor({ timeout: UI_TIMEOUT });
    const imported = (await env.call('community.list', {}, session)).find((c) => c.name === '错误小区');
    expect(imported?.parts).toBe(12);
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
    await previewFile(page);
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
    await page.getByTestId('to-confirm').click();
    await expect.poll(() => page.getByTestId('confirm-import').isDisabled(), { timeout: UI_TIMEOUT }).toBe(true);
    expect((await env.call('community.list', {}, session)).map((c) => c.name)).not.toContain('面积核对小区');

    await page.getByTestId('confirm-unusual').click();
    await expect.poll(() => page.getByTestId('confirm-import').isDisabled(), { timeout: UI_TIMEOUT }).toBe(false);
    await page.getByTestId('confirm-import').click();
    await page.getByTestId('import-result').waitFor({ timeout: UI_TIMEOUT });
    await page.getByTestId('open-roster').click();
    expect(await rosterPainted(page, '')).toBe(10);
    const community = (await env.call('community.list', {}, session)).find((c) => c.name === '面积核对小区')!;
    const part = (await env.call('roster.page', { communityId: community.id, search: addressOf(rows[flat]!) }, session)).rows[0]!;
    expect(part.area).toBe('45000.00');
    // The confirmation is on record.
    const log = await env.call('audit.list', { entity: 'community', entityId: community.id }, session);
    expect(JSON.stringify(log.rows.map((r) => r.after))).toContain(`"unusualAreasConfirmed":{"count":1,"rows":[${flat + 2}]}`);
  }, TEST_TIMEOUT);

  it('小区设置 shows the rules of an imported community at their defaults, and 套用地方规则 fills a place\'s in one choice', async () => {
    const { page } = env;
    const session = await setupAdmin(env);
    const community = (await env.call('community.list', {}, session)).find((c) => c.name === '阳光小区')!;
    await openAndLogin(env);
    const settings = await openCommunitySettings(page, '阳光小区');
    // Every rule section is here (and nowhere in the import).
    for (const id of ['community-area-bounds', 'community-meeting-rules', 'community-vote-rules', 'community-fund-rules', 'community-revenue-rules', 'community-repair-rules', 'community-office-rules']) {
      expect(await settings.getByTestId(id).count()).toBe(1);
    }
    expect(await settings.getByTestId('rule-handover-days').inputValue()).toBe('30');
    expect(await settings.getByTestId('rule-fund-trigger').inputValue()).toBe('30');
    expect(await settings.getByTestId('rule-repair-audit').inputValue()).toBe('');
    await page.screenshot({ path: `${SHOTS}/community-settings.png` });

    await choose(page, 'local-rules-place', /^杭州$/);
    await settings.getByTestId('local-rules-apply').click();
    expect(await text(settings.getByTestId('local-rules-applied'))).toContain('杭州');
    expect(await settings.getByTestId('rule-handover-days').inputValue()).toBe('15');
    expect(await settings.getByTestId('rule-repair-audit').inputValue()).toBe('30000.00');
    expect(await settings.getByTestId('rule-repair-reapproval').inputValue()).toBe('10');
    await page.screenshot({ path: `${SHOTS}/community-settings-applied.png` });
    await saveCommunitySettings(page);
    const saved = await env.call('community.get', { id: community.id }, session);
    expect(saved.settings.officeRules).toMatchObject({ handoverDays: 15, minTermYears: 3 });
    expect(saved.settings.fundRules).toMatchObject({ repairAuditAbove: 3_000_000, repairReapprovalPercent: 10 });
  }, TEST_TIMEOUT);
});
