/**
 * The roster printout (花名册打印): opened from the roster screen for one
 * building, printed to a real PDF by Chromium and read back with poppler's
 * pdftotext — the title and scope, masked IDs and phones (never a full one),
 * the table header on every page, and the footer figures N and A computed
 * here independently from the generated rows. A scope of more than 3,000
 * parts asks before printing, and then reads all its rows 1000 at a time.
 *
 * Set PRINT_ARTIFACTS=<folder> to keep the PDF, the first page as PNG and a
 * screenshot of the on-screen view for a look by eye.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { maskDocument, maskPhone } from '../../shared/domain/identity';
import { DEVELOPER_NAME, generateRoster } from '../fixtures/roster-generator';
import { TEST_TIMEOUT, UI_TIMEOUT, importRosterApi, openAndLogin, openRoster, setupAdmin, useE2E } from './harness';
import { addressOf, expectedElectorate, grouped } from './roster-facts';

const env = useE2E();
const rows = generateRoster({ parts: 60, seed: 5 });
const BUILDING = '1幢';
const inBuilding = rows.filter((r) => r.building === BUILDING);
const ids: Record<string, string> = {};

beforeAll(async () => {
  const session = await setupAdmin(env);
  ids.small = await importRosterApi(env, session, '和平小区', rows);
  const { id, name, address, developer, settings } = await env.call('community.get', { id: ids.small }, session);
  await env.call('community.update', { id, name, address, developer, settings, streetOffice: '南湖街道', communityOffice: '南湖社区' }, session);
  ids.big = await importRosterApi(env, session, '幸福家园', generateRoster({ parts: 3005, seed: 8 }));
}, TEST_TIMEOUT);

const split = (text: string) => (text === '' ? [] : text.split('、'));
const squeeze = (text: string) => text.replace(/\s+/g, '');

/** Today as the printout writes it: 2026年5月3日 in the office's time zone. */
function todayChinese(): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(new Date()).map((p) => [p.type, p.value]),
  );
  return `${parts.year}年${parts.month}月${parts.day}日`;
}

function keep(file: string) {
  const dir = process.env.PRINT_ARTIFACTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(file, path.join(dir, path.basename(file)));
}

describe('the roster printout', () => {
  it('prints one building on A4 landscape: title, masked IDs and phones, header on every page, N and A', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openRoster(env, ids.small!);

    // The 打印 button opens the printout of the building chosen in the filter.
    await page.getByTestId('filter-building').click();
    await page.locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${BUILDING}$`) }).click();
    await expect.poll(() => page.getByTestId('roster-grid').getAttribute('data-total'), { timeout: UI_TIMEOUT })
      .toBe(String(inBuilding.length));
    await page.getByRole('button', { name: `打印${BUILDING}` }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(new RegExp(`^#/c/${ids.small}/print/roster\\?b=`));
    await page.locator('[data-testid=roster-print][data-ready=true]').waitFor({ timeout: UI_TIMEOUT });
    // No app frame around the printout.
    expect(await page.getByTestId('current-user').count()).toBe(0);
    expect(await page.locator('[data-testid=roster-print-table] tbody tr').count()).toBe(inBuilding.length);
    await expect.poll(() => page.getByTestId('print-toolbar').getByRole('button', { name: '打印', exact: true }).isEnabled(), { timeout: UI_TIMEOUT }).toBe(true);

    const pdf = path.join(env.tmpDir, 'roster-print.pdf');
    await page.pdf({ path: pdf, format: 'A4', landscape: true, printBackground: true });
    keep(pdf);
    const screenshot = path.join(env.tmpDir, 'roster-print-screen.png');
    await page.screenshot({ path: screenshot });
    keep(screenshot);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const flat = squeeze(text);

    expect(flat).toContain('和平小区专有部分花名册');
    expect(flat).toContain(`（${BUILDING}）`);
    expect(flat).toContain(`所属街道：南湖街道所属社区：南湖社区`);
    expect(flat).toContain(`打印日期：${todayChinese()}`);
    expect(flat).not.toContain('2幢'); // only the chosen building

    // Several pages, each with the table header and its page number.
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((p, i) => {
      const f = squeeze(p);
      for (const header of ['序号', '地址', '面积（㎡）', '业主', '证件号码', '联系电话']) expect(f, `page ${i + 1}`).toContain(header);
      expect(f).toContain(`第${i + 1}页共${pages.length}页`);
    });

    // Every part of the building, with owners' masked IDs and phones; the developer on the unsold one.
    for (const r of inBuilding) expect(flat).toContain(addressOf(r));
    const sole = inBuilding.find((r) => r.deliveryStatus === '已交付' && r.documents !== '' && !r.owners.includes('、'))!;
    expect(flat).toContain(sole.owners);
    expect(flat).toContain(maskDocument(sole.documents));
    expect(flat).toContain(maskPhone(sole.phones));
    const coOwned = inBuilding.find((r) => r.owners.includes('、'))!;
    const [a, b] = split(coOwned.owners); // co-owners joined by 、 (in main's order)
    expect([`${a}、${b}`, `${b}、${a}`].some((names) => flat.includes(names)), `${coOwned.owners} joined by 、`).toBe(true);
    for (const d of split(coOwned.documents)) expect(flat).toContain(maskDocument(d));
    expect(inBuilding.some((r) => r.deliveryStatus === '未售'), 'the building has an unsold part').toBe(true);
    expect(flat).toContain(DEVELOPER_NAME);

    // Not one full ID or phone of the generated data, nor any 11+ digit run.
    for (const r of rows) {
      for (const value of [...split(r.documents), ...split(r.phones)]) {
        expect(text.includes(value) || flat.includes(value), `full number ${value} printed`).toBe(false);
      }
    }
    expect(text).not.toMatch(/\d{11}/);

    // The footer: N and A of the building, counted here from the rows.
    const expected = expectedElectorate(rows, { building: BUILDING });
    expect(flat).toContain(`专有部分${inBuilding.length}个，表决权人数${expected.count}人，总面积${grouped(expected.area)}㎡`);
    expect(flat).toContain('证件号码、联系电话已脱敏');

    // The first page as an image.
    const prefix = path.join(env.tmpDir, 'roster-page');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, prefix]);
    const png = fs.readdirSync(env.tmpDir).find((f) => f.startsWith('roster-page') && f.endsWith('.png'));
    expect(png, 'pdftoppm wrote a PNG').toBeDefined();
    expect(fs.statSync(path.join(env.tmpDir, png!)).size).toBeGreaterThan(0);
    keep(path.join(env.tmpDir, png!));

    // 返回 goes back to the roster.
    await page.getByTestId('print-toolbar').getByRole('button', { name: '返回' }).click();
    await page.getByTestId('roster-grid').waitFor();
  }, TEST_TIMEOUT);

  it('asks before printing more than 3,000 parts, then reads them all 1000 at a time', async () => {
    const { page } = env;
    await openAndLogin(env);
    await page.evaluate((id) => { window.location.hash = `#/c/${id}/print/roster`; }, ids.big!);
    const question = page.getByTestId('roster-print-big');
    await question.waitFor({ timeout: UI_TIMEOUT });
    expect(await question.textContent()).toContain('3,005');
    expect(await page.getByTestId('roster-print-table').count()).toBe(0);
    const screenshot = path.join(env.tmpDir, 'roster-print-question.png');
    await page.screenshot({ path: screenshot });
    keep(screenshot);

    // Back to the roster to choose a building…
    await question.getByRole('button', { name: '返回选择楼栋' }).click();
    await page.getByTestId('roster-grid').waitFor();

    // …or print everything anyway.
    await page.getByRole('button', { name: '打印花名册' }).click();
    await page.getByTestId('roster-print-big').getByRole('button', { name: '仍然打印全部' }).click();
    await page.locator('[data-testid=roster-print][data-ready=true]').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('[data-testid=roster-print-table] tbody tr').count()).toBe(3005);
    expect(await page.getByTestId('print-title').textContent()).toBe('幸福家园专有部分花名册');
    expect(await page.getByTestId('roster-print-summary').textContent()).toContain('专有部分 3,005 个');
  }, TEST_TIMEOUT);
});
