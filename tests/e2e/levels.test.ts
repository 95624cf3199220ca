/**
 * A street office in Chromium (issue 18): its 汇总 of the 社区 it received packages from — a figure opening its
 * list, exported to xlsx, by type of 小区, printed to a PDF and read back — its inbox of escalated issues, where an
 * issue is dispatched to a department and answered, and its 上下级办公室 page, whose exported package the 社区
 * imports: the answers appear on the issue's history there. A registered 社区 that never sent a package is
 * flagged silent. Screenshots go to /tmp/levels-*.png.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openApp, type App } from '../../main/app';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { creditCodeCheckChar } from '../../shared/domain/credit-code';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import { goTo, openAndLogin, setupAdmin, TEST_TIMEOUT, useE2E } from './harness';
import { choose, gridRow, openCommunitySettings, saveCommunitySettings } from './ui-steps';

const community = { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-e2e-community-')), escalated: '', communityCode: '', firstPackage: '' };

async function trusted(dataDir: string): Promise<App> {
  return openApp({ dataDir, migrationsDir: MIGRATIONS_DIR, fixedAuthor: 'CLI:test', trustedCaller: true });
}
async function call<M extends MethodName>(app: App, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await app.handle({ method, input });
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.result as MethodOutput<M>;
}

/** 桥西社区 with two 小区 and an issue escalated to the street; its package imported at 拱宸桥街道 (the served data). */
async function street(dataDir: string): Promise<App> {
  const c = await trusted(community.dir);
  const s = await trusted(dataDir);
  try {
    const streetCode = (await call(s, 'office.init', { name: '拱宸桥街道', level: '街道', above: '拱墅区' })).code;
    community.communityCode = (await call(c, 'office.init', { name: '桥西社区', level: '社区', above: '拱宸桥街道' })).code;
    await call(c, 'office.register', { name: '拱宸桥街道', level: '街道', code: streetCode });
    await call(s, 'office.register', { name: '桥西社区', level: '社区', code: community.communityCode });
    // A second 社区, registered and silent.
    const silent = await trusted(fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-e2e-silent-')));
    await call(s, 'office.register', { name: '小河社区', level: '社区', code: (await call(silent, 'office.init', { name: '小河社区', level: '社区', above: '拱宸桥街道' })).code });
    silent.close();
    const one = await call(c, 'community.create', { name: '桥西一苑', type: '商品房', settings: { officeRules: { partyMembers: 4 } } });
    await call(c, 'community.create', { name: '桥西二苑', type: '老旧小区', settings: {} });
    await call(c, 'body.create', { communityId: one.id, kind: '业主委员会', electedOn: '2025-03-01', termYears: 5, members: ['赵一', '钱二', '孙三', '李四', '周五'].map((name, i) => ({ name, role: i === 0 ? '主任' : '委员' })) });
    const body17 = '91330100MA01EEE10';
    await call(c, 'contract.create', { communityId: one.id, company: { name: '安居物业', creditCode: `${body17}${creditCodeCheckChar(body17)}` }, kind: '前期物业', startDate: '2025-01-01', endDate: '2027-12-31' });
    const issue = await call(c, 'issue.create', { communityId: one.id, title: '地下车库渗水', reportedAt: '2026-11-20T09:00', reporter: '张三丰', category: '设施维修', description: '雨后车库积水' });
    for (const unit of ['小区议事会', '社区居委会', '街道城建科']) await call(c, 'issue.escalate', { id: issue.id, reason: '本级无法解决', responsibleUnit: unit, responsiblePerson: '刘科长' });
    community.escalated = issue.id;
    const made = await call(c, 'exchange.export', { to: '拱宸桥街道' });
    await call(s, 'exchange.import', { text: made.text });
    community.firstPackage = path.join(community.dir, made.fileName);
    fs.writeFileSync(community.firstPackage, made.text);
  } finally {
    c.close();
    s.close();
  }
  return openApp({ dataDir, migrationsDir: MIGRATIONS_DIR });
}

const env = useE2E({ app: street });

describe('the street office', () => {
  it('汇总 with lists, xlsx and print; the inbox answers an escalated issue; the answer goes down by file', async () => {
    const session = await setupAdmin(env);
    await openAndLogin(env);
    const { page } = env;

    // ── 汇总 ──
    await goTo(page, '#/rollup');
    await page.locator('[data-testid=rollup-page][data-ready=true]').waitFor();
    const row = gridRow(page, 'rollup-grid', '桥西社区');
    await expect.poll(() => row.getByTestId('rollup-rate').textContent()).toBe('50.00%');
    expect(await row.getByTestId('figure-communities').textContent()).toBe('2');
    expect(await row.getByTestId('figure-noManagement').textContent()).toBe('1');
    expect(await row.getByTestId('figure-escalatedHere').textContent()).toBe('1');
    expect(await row.getByTestId('rollup-received').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await gridRow(page, 'rollup-grid', '小河社区').getByTestId('rollup-silent').textContent()).toContain('未报送');
    await page.screenshot({ path: '/tmp/levels-rollup.png', fullPage: true });

    // A figure opens its list, which exports to xlsx.
    await row.getByTestId('figure-noManagement').click();
    await page.locator('[data-testid=rollup-list][data-ready=true]').waitFor();
    expect(await page.getByTestId('rollup-list').getAttribute('data-rows')).toBe('1');
    await expect.poll(() => page.getByTestId('rollup-list').textContent()).toContain('桥西二苑');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('rollup-list-export').click()]);
    expect(download.suggestedFilename()).toMatch(/无物业管理的小区.*\.xlsx$/);
    const target = path.join(env.tmpDir, 'list.xlsx');
    await download.saveAs(target);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(target);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '社区', '小区', '类型', '业委会', '党组织', '物业管理', '低于续筹线户数', '业委会任期届满']);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 7)).toEqual(['桥西社区', '桥西二苑', '老旧小区', '未成立', '不需要', '无']);
    await page.keyboard.press('Escape');

    // 一小区一档 from the street's copy: what it holds, and what a copy does not.
    await row.getByTestId('figure-communities').click();
    await page.locator('[data-testid=rollup-list][data-ready=true]').waitFor();
    await gridRow(page, 'rollup-list-grid', '桥西一苑').getByTestId('rollup-dossier').click();
    await page.locator('[data-testid=dossier-print][data-ready=true]').waitFor();
    const dossierPdf = path.join(env.tmpDir, 'dossier.pdf');
    await page.pdf({ path: dossierPdf, format: 'A4', printBackground: true });
    const dossier = execFileSync('pdftotext', ['-layout', dossierPdf, '-'], { encoding: 'utf8' });
    expect(dossier).toContain('桥西一苑');
    expect(dossier).toMatch(/桥西社区报送的交换包（\d{4}-\d{2}-\d{2}收到）/);
    expect(dossier).toContain('街道副本不含：成员名单（各组织成员人数：业主委员会5人）');
    expect(dossier).toContain('安居物业');
    expect(dossier).toContain('地下车库渗水');
    expect(dossier).not.toContain('张三丰');
    expect(dossier).not.toContain('赵一');
    if (process.env.PRINT_ARTIFACTS) fs.copyFileSync(dossierPdf, '/tmp/levels-dossier.pdf');
    await goTo(page, '#/rollup');
    await page.locator('[data-testid=rollup-page][data-ready=true]').waitFor();

    // By type of 小区.
    await page.getByTestId('rollup-by').getByText('按小区类型').click();
    await expect.poll(() => gridRow(page, 'rollup-grid', '商品房').getByTestId('rollup-rate').textContent()).toBe('100.00%');
    expect(await gridRow(page, 'rollup-grid', '老旧小区').getByTestId('rollup-rate').getAttribute('data-met')).toBe('false');

    // Printed on A4 with a chart per indicator, read back.
    await goTo(page, '#/print/rollup?by=社区');
    await page.locator('[data-testid=rollup-print][data-ready=true]').waitFor();
    await page.getByTestId('chart-trend').locator('svg').waitFor();
    for (const chart of ['chart-committee', 'chart-party', 'chart-no-management', 'chart-issues']) await page.getByTestId(chart).locator('svg').waitFor();
    await page.screenshot({ path: '/tmp/levels-print.png', fullPage: true });
    const pdf = path.join(env.tmpDir, 'rollup.pdf');
    await page.pdf({ path: pdf, format: 'A4', landscape: true, printBackground: true });
    const printed = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(printed).toContain('拱宸桥街道三方办指标汇总');
    expect(printed).toMatch(/桥西社区\s+2\s+1\s+50\.00%\s+0\/1\s+1\s+1\s+0\s+1/);
    expect(printed).toContain('业委会成立率');
    expect(printed).toContain('各季度趋势');
    if (process.env.PRINT_ARTIFACTS) fs.copyFileSync(pdf, '/tmp/levels-rollup.pdf');

    // ── the inbox: dispatched to a department, then answered ──
    await goTo(page, '#/inbox');
    const issue = gridRow(page, 'inbox-grid', '地下车库渗水');
    await issue.waitFor();
    expect(await issue.getByTestId('inbox-state').textContent()).toBe('待受理');
    await issue.click();
    await page.getByTestId('inbox-issue').waitFor();
    expect(await page.getByTestId('inbox-issue').textContent()).toContain('张**');
    expect(await page.getByTestId('inbox-issue').textContent()).not.toContain('张三丰');
    await page.getByTestId('inbox-answer-open').click();
    await choose(page, 'inbox-answer-kind', /^派单$/);
    await page.getByTestId('inbox-answer-department').fill('城建科');
    await page.getByTestId('inbox-answer-text').fill('请城建科三日内到场查看');
    await page.getByTestId('inbox-answer-save').click();
    // 派单 without a deadline is refused, naming it; nothing typed is lost.
    await expect.poll(() => page.locator('.ant-modal').textContent()).toContain('派单须写明承办部门和办理期限');
    expect(await page.getByTestId('inbox-answer-text').inputValue()).toBe('请城建科三日内到场查看');
    await page.getByTestId('inbox-answer-due').fill('2026-12-20');
    await page.getByTestId('inbox-answer-text').click();
    await page.getByTestId('inbox-answer-save').click();
    await expect.poll(() => issue.getByTestId('inbox-state').textContent()).toBe('派单');
    await page.getByTestId('inbox-answer-open').click();
    await choose(page, 'inbox-answer-kind', /^答复$/);
    await page.getByTestId('inbox-answer-text').fill('已协调施工单位维修，请社区回访');
    await page.getByTestId('inbox-answer-save').click();
    await expect.poll(() => issue.getByTestId('inbox-state').textContent()).toBe('答复');
    expect(await page.getByTestId('inbox-answer').count()).toBe(2);
    await page.screenshot({ path: '/tmp/levels-inbox.png', fullPage: true });

    // ── 上下级办公室: the code, the offices, the package down ──
    await goTo(page, '#/offices');
    await page.locator('[data-testid=offices-page][data-ready=true]').waitFor();
    expect(await page.getByTestId('office-code').textContent()).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    expect(await gridRow(page, 'office-grid', '桥西社区').textContent()).toContain(community.communityCode);
    // The street's settings: silent after 10 days; a notice to every 社区, which goes with the next package.
    await page.getByTestId('office-silent').locator('input').fill('10');
    await page.getByTestId('office-silent-save').click();
    await expect.poll(async () => (await env.call('rollup.screen', { by: '社区' }, session)).silentDays).toBe(10);
    await page.getByTestId('notice-open').click();
    await page.getByTestId('notice-title').fill('关于开展业委会换届工作的通知');
    await page.getByTestId('notice-body').fill('各社区：请于月底前报送换届计划。');
    await page.getByTestId('notice-save').click();
    await expect.poll(() => page.getByTestId('notice').count()).toBe(1);
    await choose(page, 'exchange-to', /桥西社区/);
    const [pkg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('exchange-export').click()]);
    expect(pkg.suggestedFilename()).toMatch(/^交换包-拱宸桥街道-至-桥西社区-\d{8}-第1号\.sfx$/);
    const file = path.join(env.tmpDir, 'down.sfx');
    await pkg.saveAs(file);
    await page.screenshot({ path: '/tmp/levels-offices.png', fullPage: true });
    // The same 社区 package again: nothing changes, and the page says so; a changed one is refused, saying why.
    await page.getByTestId('exchange-import-file').setInputFiles(community.firstPackage);
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('已经导入过');
    const tampered = path.join(env.tmpDir, 'tampered.sfx');
    fs.writeFileSync(tampered, fs.readFileSync(community.firstPackage, 'utf8').replace('地下车库渗水', '地下车库漏水'));
    await page.getByTestId('exchange-import-file').setInputFiles(tampered);
    await expect.poll(() => page.getByTestId('exchange-errors').textContent()).toContain('签名之后被改动过');

    const c = await trusted(community.dir);
    try {
      expect(await call(c, 'exchange.import', { text: fs.readFileSync(file, 'utf8') })).toMatchObject({ from: '拱宸桥街道', records: 3 });
      expect((await call(c, 'notice.list', {})).map((n) => [n.title, n.from])).toEqual([['关于开展业委会换届工作的通知', '拱宸桥街道']]);
      const history = (await call(c, 'issue.get', { id: community.escalated })).events.filter((e) => e.kind === 'answer');
      expect(history.map((e) => e.to)).toEqual(['派单', '答复']);
      expect(history[0]!.reason).toContain('部门：城建科；期限：2026-12-20');
      expect(history[0]!.author).toMatch(/^拱宸桥街道（/);
    } finally {
      c.close();
      fs.rmSync(community.dir, { recursive: true, force: true });
    }
  }, TEST_TIMEOUT);

  it('a 小区’s type is chosen on 小区设置, saved and read back', async () => {
    const session = await setupAdmin(env);
    const c = await env.call('community.create', { name: '街道自管小区', settings: {} }, session);
    expect(c.type).toBe('其他');
    await openAndLogin(env);
    const { page } = env;
    await openCommunitySettings(page, '街道自管小区');
    await choose(page, 'community-type', /^安置小区$/);
    await saveCommunitySettings(page);
    expect((await env.call('community.get', { id: c.id }, session)).type).toBe('安置小区');
  }, TEST_TIMEOUT);
});
