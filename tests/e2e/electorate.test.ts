/**
 * The electorate panel (表决权人数与面积): N and A for the worked roster of
 * docs/domain.md §4, and for a generated community as a whole and per building,
 * computed here independently from the rows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateRoster, type RosterExportRow } from '../fixtures/roster-generator';
import { TEST_TIMEOUT, UI_TIMEOUT, importRosterApi, openAndLogin, setupAdmin, useE2E } from './harness';
import { expectedElectorate, grouped } from './roster-facts';

const env = useE2E();

const row = (room: string, area: string, deliveryStatus: string, owners: string, phones: string): RosterExportRow => ({
  building: '1幢', entrance: null, room, type: '住宅', area, areaSource: '登记', deliveryStatus, owners, documents: '', phones,
});

/** docs/domain.md §4: A owns 101 and 102; B 201; C and D co-own 202; 301 unsold; 302 sold to E, not delivered. */
const worked: RosterExportRow[] = [
  row('101', '90.00', '已交付', '甲业主', '13800000001'),
  row('102', '110.00', '已交付', '甲业主', '13800000001'),
  row('201', '100.00', '已交付', '乙业主', '13800000002'),
  row('202', '95.00', '已交付', '丙业主、丁业主', '13800000003、13800000004'),
  row('301', '120.00', '未售', '某某置业有限公司', ''),
  row('302', '120.00', '已售未交付', '戊业主', '13800000005'),
];

const generated = generateRoster({ parts: 120, seed: 9 });
const ids: Record<string, string> = {};

beforeAll(async () => {
  const session = await setupAdmin(env);
  ids.worked = await importRosterApi(env, session, '示例楼', worked);
  ids.generated = await importRosterApi(env, session, '幸福家园', generated);
}, TEST_TIMEOUT);

async function openElectorate(page: Page, communityId: string) {
  await page.evaluate((id) => { window.location.hash = `#/c/${id}/electorate`; }, communityId);
  await page.getByTestId('electorate').waitFor({ timeout: UI_TIMEOUT });
}

async function expectFigures(page: Page, scope: string, count: number, area: string) {
  const panel = page.getByTestId('electorate');
  await expect.poll(async () => [await panel.getAttribute('data-scope'), await panel.getAttribute('data-loading')], { timeout: UI_TIMEOUT })
    .toEqual([scope, 'false']);
  expect(await page.getByTestId('electorate-count').textContent()).toBe(`${count.toLocaleString('en-US')}人`);
  expect(await page.getByTestId('electorate-area').textContent()).toBe(`${grouped(area)}㎡`);
}

async function chooseBuilding(page: Page, name: string) {
  await page.getByTestId('scope-building').click();
  await page.locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${name}$`) }).click();
}

describe('the electorate panel', () => {
  it('counts the worked roster of docs/domain.md §4: N 4, A 635.00', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openElectorate(page, ids.worked!);
    await expectFigures(page, '全小区', 4, '635.00');
    const breakdown = (await page.getByTestId('electorate-breakdown').textContent()) ?? '';
    expect(breakdown).toContain('范围内共有专有部分 6 个');
    expect(breakdown).toContain('专有部分 2 个（240.00 ㎡），合计算作 1 人');
    expect(breakdown).toContain('共有的专有部分 1 个');
    expect(breakdown).toContain('拥有多个专有部分的业主 1 人（共 2 个专有部分）');
    expect(breakdown).toContain('民法典》第二百七十八条');
    expect(breakdown).toContain('第八条、第九条');
    // Scoped to its only building, the same.
    await chooseBuilding(page, '1幢');
    await expectFigures(page, '1幢', 4, '635.00');
  }, TEST_TIMEOUT);

  it('counts a generated community as a whole and per building', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openElectorate(page, ids.generated!);
    const whole = expectedElectorate(generated);
    await expectFigures(page, '全小区', whole.count, whole.area);
    for (const building of ['2幢', '1幢', '商业楼']) {
      const expected = expectedElectorate(generated, { building });
      await chooseBuilding(page, building);
      await expectFigures(page, building, expected.count, expected.area);
    }
    // Parking is left out, and the panel says so.
    const parking = generated.filter((r) => r.type === '车位').length;
    expect(parking).toBeGreaterThan(0);
    await page.getByTestId('scope-building').locator('.ant-select-clear').click({ force: true }).catch(() => undefined);
  }, TEST_TIMEOUT);
});
