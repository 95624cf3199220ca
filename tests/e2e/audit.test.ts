/**
 * The audit log screen (issue 16): filtered by community, kind of action, person, record and date, the quick filter
 * for views of full personal data, the xlsx export read back, and a record's page linking to its history. And the
 * screens reading the permission table: with a 财务's grants (fabricated in the renderer's view of the signed-in
 * user — accounts of other roles come with the accounts track) the menu shows the books and not the system, the
 * vote's ballot entry is not offered, and its address shows 无权限.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_TIMEOUT, UI_TIMEOUT, openAndLogin, setupAdmin, useE2E } from './harness';
import { choose, gridRow, totalBecomes } from './ui-steps';

const env = useE2E();
const SHOTS = '/tmp/shots';
let session = '';
let peaceId = '';
let happyId = '';
let personId = '';
let voteId = '';

beforeAll(async () => {
  session = await setupAdmin(env);
  peaceId = (await env.call('community.create', { name: '和平小区', address: '南湖路1号' }, session)).id;
  happyId = (await env.call('community.create', { name: '幸福小区', address: '北湖路2号' }, session)).id;
  personId = (await env.call('person.create', { communityId: peaceId, name: '张三', document: '', phone: '13812345678' }, session)).id;
  await env.call('person.get', { id: personId }, session);
  voteId = (await env.call('vote.create', {
    communityId: peaceId, title: '续聘物业', opens: '2026-11-01', closes: '2026-11-20', items: [{ title: '续聘物业服务企业', category: 4 }],
  }, session)).id;
  await env.call('matter.create', { communityId: happyId, title: '加装电梯' }, session);
  fs.mkdirSync(SHOTS, { recursive: true });
}, TEST_TIMEOUT);

async function goTo(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => { window.location.hash = h; }, hash);
}

const total = async (filter: Parameters<typeof env.call<'audit.list'>>[1]) => (await env.call('audit.list', { ...filter, limit: 1 }, session)).total;

describe('操作日志', () => {
  it('filters by community, kind of action and person, and shows the views of full personal data', async () => {
    const { page } = env;
    await openAndLogin(env);
    await goTo(page, '#/audit');
    await totalBecomes(page, 'audit-grid', await total({}));

    await choose(page, 'audit-community', /^和平小区$/);
    await totalBecomes(page, 'audit-grid', await total({ communityId: peaceId }));
    expect(await gridRow(page, 'audit-grid', '加装电梯').count()).toBe(0);
    expect(await gridRow(page, 'audit-grid', '续聘物业').count()).toBe(1);

    await page.getByTestId('audit-personal-views').click();
    await totalBecomes(page, 'audit-grid', 1);
    expect(await gridRow(page, 'audit-grid', '查看完整电话').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/audit-personal-views.png` });
    await page.getByTestId('audit-personal-views').click();

    await choose(page, 'audit-actions', /^新建$/);
    await page.keyboard.press('Escape');
    await totalBecomes(page, 'audit-grid', await total({ communityId: peaceId, actions: ['create'] }));
    await choose(page, 'audit-author', /^王主任（admin）$/);
    await totalBecomes(page, 'audit-grid', await total({ communityId: peaceId, actions: ['create'], author: '王主任（admin）' }));
    // A day long past: nothing.
    await page.getByTestId('audit-to').fill('2020-01-01');
    await page.getByTestId('audit-to').press('Enter');
    await totalBecomes(page, 'audit-grid', 0);
    await page.getByTestId('audit-clear').click();
    await totalBecomes(page, 'audit-grid', await total({}));
  }, TEST_TIMEOUT);

  it('exports what the filters show as xlsx', async () => {
    const { page } = env;
    await openAndLogin(env);
    await goTo(page, '#/audit');
    await choose(page, 'audit-community', /^和平小区$/);
    const expected = await total({ communityId: peaceId });
    await totalBecomes(page, 'audit-grid', expected);
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    expect(file.suggestedFilename()).toMatch(/^操作日志\d{4}-\d{2}-\d{2}\.xlsx$/);
    const target = path.join(env.tmpDir, 'audit.xlsx');
    await file.saveAs(target);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(target);
    const sheet = workbook.getWorksheet('操作日志')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '时间', '操作人', '小区', '操作', '对象', '编号', '修改前', '修改后']);
    const rows = sheet.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    expect(rows.length).toBe(expected);
    expect(rows.every((r) => r[1] === '王主任（admin）' && r[2] === '和平小区')).toBe(true);
    expect(rows.map((r) => r[3])).toEqual(expect.arrayContaining(['新建', '查看完整电话']));
    // Personal data stays masked in the file as on the screen.
    expect(JSON.stringify(rows)).not.toContain('13812345678');
  }, TEST_TIMEOUT);

  it('links a record’s page to its history', async () => {
    const { page } = env;
    await openAndLogin(env);
    await goTo(page, `#/c/${peaceId}/person/${personId}`);
    await page.getByTestId('history-link').click();
    await page.getByTestId('audit-page').waitFor();
    expect(page.url()).toContain(`#/audit?entity=person&id=${personId}`);
    // Its creation and each time its full data was shown — opening its page was one more.
    const history = await total({ entity: 'person', entityId: personId });
    expect(history).toBeGreaterThanOrEqual(3);
    await totalBecomes(page, 'audit-grid', history);
    expect(await gridRow(page, 'audit-grid', '查看完整电话').count()).toBe(history - 1);
    expect(await gridRow(page, 'audit-grid', '新建').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/audit-record-history.png` });

    await goTo(page, `#/c/${peaceId}/vote/${voteId}`);
    await page.getByTestId('vote-page').waitFor();
    await page.getByTestId('history-link').click();
    await totalBecomes(page, 'audit-grid', 1);
    expect(await gridRow(page, 'audit-grid', /新建\s*表决/).count()).toBe(1);
  }, TEST_TIMEOUT);
});

/** The signed-in user as a 财务 of 和平小区, in the renderer's eyes only (main still serves the administrator). */
async function seeAsTreasurer(page: Page): Promise<void> {
  await page.route('**/api/invoke', async (route) => {
    const body = route.request().postDataJSON() as { method?: string } | null;
    if (body?.method !== 'auth.login' && body?.method !== 'auth.status') return route.continue();
    const response = await route.fetch();
    const json = (await response.json()) as { ok: boolean; result?: { user?: { grants: unknown } | null } };
    if (json.ok && json.result?.user) json.result.user.grants = [{ role: 'treasurer', communities: [peaceId] }];
    return route.fulfill({ response, json });
  });
}

describe('what a person may not use is not shown', () => {
  it('as administrator everything is there', async () => {
    const { page } = env;
    await openAndLogin(env);
    await goTo(page, `#/c/${peaceId}/vote/${voteId}`);
    await page.getByTestId('vote-page').waitFor();
    const menu = page.locator('.app-menu');
    for (const entry of ['花名册', '小区设置', '账簿', '数据备份', '操作日志']) expect(await menu.getByText(entry, { exact: true }).count()).toBe(1);
    expect(await page.getByTestId('vote-entry').count()).toBe(1);
    expect(await page.getByTestId('history-link').count()).toBe(1);
  }, TEST_TIMEOUT);

  it('a 财务 sees the books, not the system nor the ballot entry, and a forbidden address shows 无权限', async () => {
    const { page } = env;
    await seeAsTreasurer(page);
    await openAndLogin(env);
    await goTo(page, `#/c/${peaceId}/vote/${voteId}`);
    await page.getByTestId('vote-page').waitFor();
    const menu = page.locator('.app-menu');
    for (const entry of ['花名册', '账簿', '银行对账', '业主表决']) expect(await menu.getByText(entry, { exact: true }).count()).toBe(1);
    for (const entry of ['小区设置', '导入花名册', '数据备份', '节假日安排', '操作日志']) expect(await menu.getByText(entry, { exact: true }).count()).toBe(0);
    expect(await page.getByTestId('vote-entry').count()).toBe(0);
    expect(await page.getByTestId('history-link').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/treasurer-vote.png` });

    await goTo(page, `#/c/${peaceId}/vote/${voteId}/entry`);
    await page.getByTestId('forbidden-page').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByTestId('forbidden-message').textContent()).toBe('需要“业委会秘书”权限：组织表决与录入选票');
    await page.screenshot({ path: `${SHOTS}/forbidden.png` });
    await goTo(page, '#/audit');
    await expect.poll(() => page.getByTestId('forbidden-message').textContent(), { timeout: UI_TIMEOUT }).toBe('需要“管理员”权限：查看操作日志');
    // Another community's books: not covered.
    await goTo(page, `#/c/${happyId}/ledger`);
    await expect.poll(() => page.getByTestId('forbidden-message').textContent(), { timeout: UI_TIMEOUT }).toBe('需要“财务”权限：查看账簿');
  }, TEST_TIMEOUT);
});
