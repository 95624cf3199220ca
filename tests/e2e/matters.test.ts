/**
 * Matters through the decision workflow (五议两公开一备案), driven in the UI:
 * a matter created on the board with a past 提出日期, which records its first
 * step on that date, and carried through the other seven steps —
 * a joint meeting linked, a date before the previous step's refused, posting
 * periods and the filing body recorded — a draft 决议公告 printed before its
 * step (marked 草稿, drafted from the vote's result), the offer to record the
 * step after printing and the dialog it opens prefilled with the posting
 * period; the timeline and the board after it,
 * the 决议公告 and 实施结果公告 printed to PDF and read back with pdftotext
 * (one rendered to PNG); the workflow editor adding a version with an extra
 * optional step that only new matters get; a 决议公告 drafted from the result
 * of the owners' vote that decided the matter; full-text search of a
 * two-character word with the match highlighted.
 *
 * Screenshots and the rendered notice go to /tmp/shots/matters-*.png.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RosterExportRow } from '../fixtures/roster-generator';
import { goTo, importRosterApi, openAndLogin, setupAdmin, TEST_TIMEOUT, UI_TIMEOUT, useE2E } from './harness';

const env = useE2E();
let session = '';
let communityId = '';
let jointMeetingId = '';
const SHOTS = '/tmp/shots';

/** Today in the office's time zone, moved by `delta` days, as YYYY-MM-DD. */
function day(delta: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(new Date()).map((p) => [p.type, p.value]),
  );
  const d = new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day) + delta));
  return d.toISOString().slice(0, 10);
}

/** 2026-05-03 → 2026年5月3日 */
const inline = (date: string) => date.replace(/^(\d{4})-(\d{2})-(\d{2})$/, (_, y: string, m: string, d: string) => `${y}年${Number(m)}月${Number(d)}日`);

const DIGITS = '〇一二三四五六七八九';
const cn = (n: number) => (n < 10 ? DIGITS[n]! : `${Math.floor(n / 10) === 1 ? '' : DIGITS[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : DIGITS[n % 10]}`);
/** 2026-11-22 → 二〇二六年十一月二十二日 (the date under an official notice). */
const officialDate = (date: string) => {
  const [y, m, d] = date.split('-');
  return `${[...y!].map((c) => DIGITS[Number(c)]).join('')}年${cn(Number(m))}月${cn(Number(d))}日`;
};

const squeeze = (text: string) => text.replace(/\s+/g, '');

beforeAll(async () => {
  session = await setupAdmin(env);
  const community = await env.call('community.create', {
    name: '和平小区', address: '南湖路8号', streetOffice: '南湖街道', communityOffice: '南湖社区', developer: '',
  }, session);
  communityId = community.id;
  const meeting = await env.call('meeting.create', {
    communityId, kind: '联席会议', title: '三方联席会议（3幢电梯）', date: day(-45), place: '社区会议室', convener: '南湖社区党委',
  }, session);
  jointMeetingId = meeting.id;
  fs.mkdirSync(SHOTS, { recursive: true });
}, TEST_TIMEOUT);

const go = goTo;

const step = (page: Page, key: string) => page.locator(`[data-testid=timeline-step][data-step="${key}"]`);

/** Open 办理此步 on the highlighted step, which must be `key`. */
async function openAdvance(page: Page, key: string) {
  await step(page, key).getByTestId('advance-open').click();
  const form = page.locator(`[data-testid=advance-form][data-step="${key}"]`);
  await form.waitFor();
  return form;
}

async function submitAdvance(page: Page, key: string): Promise<void> {
  await page.getByTestId('advance-submit').click();
  await expect.poll(() => step(page, key).getAttribute('data-state'), { timeout: UI_TIMEOUT }).toBe('done');
  await page.locator('[data-testid=advance-form]').waitFor({ state: 'detached' });
}

/** Choose an option of an antd Select found by its test id. */
async function choose(page: Page, scope: ReturnType<Page['locator']>, testId: string, option: string): Promise<void> {
  await scope.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

async function printToPdf(page: Page, name: string): Promise<{ pdf: string; text: string }> {
  const pdf = path.join(env.tmpDir, `${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  return { pdf, text };
}

const RESOLUTION_TEXT = '经业主大会表决，同意使用专项维修资金更换3幢两部电梯，预算不超过人民币六十万元。';
const RESULT_TEXT = '3幢两部电梯已完成更换并通过特种设备检验，实际支出人民币五十八万六千元。';
const DESCRIPTION = '3幢电梯运行已满十八年，故障频发，业主建议使用维修资金更换电梯。';

describe('matters through 五议两公开一备案', () => {
  it('creates a matter on the board, carries it through all eight steps and prints both notices', async () => {
    const { page } = env;
    // A matter raised 40 days ago has its first step done then and waits at the second (15 days expected): flagged on the board.
    const waiting = await env.call('matter.create', { communityId, title: '地下车库照明改造', raisedOn: day(-40) }, session);

    await openAndLogin(env);
    await go(page, `#/c/${communityId}/matters`);
    await page.locator('[data-testid=matters-board-columns][data-loaded=true]').waitFor();
    const names = await page.locator('[data-testid^=board-column-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    expect(names).toEqual(['党员群众建议', '小区党组织提议', '联席会议商议', '党员大会审议', '业主(代表)大会决议', '决议公开', '实施结果公开', '决议结果与实施情况报社区备案', '已办结']);
    expect(await page.locator(`[data-testid=board-column-suggest] [data-matter-id="${waiting.id}"]`).count()).toBe(0);
    const waitingCard = page.locator(`[data-testid=board-column-propose] [data-matter-id="${waiting.id}"]`);
    expect(await waitingCard.getAttribute('data-overdue')).toBe('true');
    expect(await waitingCard.textContent()).toContain('已等待 40 天');
    expect(await waitingCard.textContent()).toContain('超期');

    // 新建事项
    await page.getByTestId('matter-create').click();
    const form = page.getByTestId('matter-create-form');
    await form.waitFor();
    expect(await form.getByTestId('matter-raised-on').inputValue()).toBe(day(0));
    await form.getByTestId('matter-title').fill('更换3幢电梯');
    await choose(page, form, 'matter-category', '使用建筑物及其附属设施的维修资金');
    await form.getByTestId('matter-description').fill(DESCRIPTION);
    await form.getByTestId('matter-raised-by').fill('3幢业主张某某等12户');
    await form.getByTestId('matter-raised-on').fill(day(-60));
    await page.getByRole('button', { name: '创建并打开' }).click();

    await page.getByTestId('matter-page').waitFor();
    const matterId = (await page.getByTestId('matter-page').getAttribute('data-matter-id'))!;
    expect(await page.evaluate(() => window.location.hash)).toBe(`#/c/${communityId}/matter/${matterId}`);
    expect(await page.getByTestId('matter-workflow').textContent()).toBe('五议两公开一备案（第1版）');
    expect(await page.getByTestId('matter-page').textContent()).toContain('使用建筑物及其附属设施的维修资金');
    expect(await page.getByTestId('timeline-step').count()).toBe(8);
    // 1 党员群众建议 is recorded by the 提出日期 (60 days ago), by whom it was raised; the proposal waits since then.
    expect(await step(page, 'suggest').getAttribute('data-state')).toBe('done');
    expect(await step(page, 'suggest').getByTestId('timeline-step-date').textContent()).toBe(day(-60));
    expect(await step(page, 'suggest').textContent()).toContain('3幢业主张某某等12户提出');
    expect(await step(page, 'propose').getAttribute('data-state')).toBe('next');
    expect(await step(page, 'propose').textContent()).toContain('正在等待“小区党组织提议”，已等待 60 天');
    // Its expected day long passed: the countdown is red and says by how much, with what the day means.
    const due = step(page, 'propose').getByTestId('step-deadline');
    expect(await due.getAttribute('data-level')).toBe('overdue');
    expect(await due.textContent()).toMatch(/已逾期 \d+ 天/);
    expect(await due.textContent()).toContain('前办完');
    // The files' hint speaks of the step at hand, not of minutes.
    const hint = page.getByTestId('attachments-hint');
    expect(await hint.textContent()).toContain('提议书');
    expect(await hint.textContent()).not.toContain('纪要');
    // The notices print from the start — as drafts until their step is recorded.
    expect(await page.getByTestId('print-resolution').isEnabled()).toBe(true);
    expect(await page.getByTestId('print-resolution').getAttribute('data-draft')).toBe('true');
    await page.screenshot({ path: path.join(SHOTS, 'matters-created.png'), fullPage: true });

    // 2 小区党组织提议 (a meeting step, no meeting linked): its own hint for what to attach.
    let f = await openAdvance(page, 'propose');
    expect(await f.getByTestId('advance-attach-hint').textContent()).toContain('提议书');
    await f.getByTestId('advance-date').fill(day(-50));
    await submitAdvance(page, 'propose');

    // 3 联席会议商议: a date before the previous step's is refused, then recorded with the meeting.
    f = await openAdvance(page, 'joint');
    await f.getByTestId('advance-date').fill(day(-55));
    await choose(page, f, 'advance-meeting', '三方联席会议（3幢电梯）');
    await page.getByTestId('advance-submit').click();
    const refused = page.getByTestId('advance-refused');
    await refused.waitFor({ timeout: UI_TIMEOUT });
    expect(await refused.textContent()).toContain(`“联席会议商议”的日期 ${day(-55)} 早于上一步“小区党组织提议”的日期 ${day(-50)}`);
    await page.screenshot({ path: path.join(SHOTS, 'matters-refused.png') });
    expect(await step(page, 'joint').getAttribute('data-state')).toBe('next');
    await f.getByTestId('advance-date').fill(day(-45));
    await submitAdvance(page, 'joint');
    expect(await step(page, 'joint').getByTestId('timeline-meeting-link').textContent()).toBe('三方联席会议（3幢电梯）');

    // 4 党员大会审议, 5 业主(代表)大会决议
    f = await openAdvance(page, 'party');
    await f.getByTestId('advance-date').fill(day(-40));
    await submitAdvance(page, 'party');
    f = await openAdvance(page, 'resolve');
    await f.getByTestId('advance-date').fill(day(-30));
    await f.getByTestId('advance-document').fill('业主大会表决结果统计表');
    await submitAdvance(page, 'resolve');

    // 6 决议公开: the notice is printed to be posted, before the step is recorded — a draft, marked so.
    expect(await page.getByTestId('attachments-hint').textContent()).toContain('决议公告照片');
    await page.getByTestId('print-resolution').click();
    await page.locator('[data-testid=matter-notice-resolution][data-ready=true]').waitFor();
    expect(await page.getByTestId('matter-notice-resolution').getAttribute('data-draft')).toBe('true');
    expect(await page.getByTestId('print-draft-label').textContent()).toContain('本稿未登记公示');
    const draftPdf = await printToPdf(page, 'resolution-draft');
    let flat = squeeze(draftPdf.text);
    expect(flat).toContain('草稿·本稿未登记公示');
    expect(flat).toContain('关于“更换3幢电梯”一事');
    expect(flat).toContain(`公示期：${inline(day(0))}至${inline(day(7))}`);
    await page.screenshot({ path: path.join(SHOTS, 'matters-draft-print.png'), fullPage: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', draftPdf.pdf, path.join(SHOTS, 'matters-draft')]);
    // After printing, the page offers to record the step; that opens 办理此步 prefilled as printed.
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.getByTestId('notice-record-offer').waitFor();
    expect(await page.locator('.ant-modal-title').filter({ hasText: '已张贴？登记“决议公开”步骤' }).count()).toBe(1);
    await page.getByTestId('notice-record-confirm').click();
    f = page.locator('[data-testid=advance-form][data-step="publish-resolution"]');
    await f.waitFor();
    await page.getByTestId('advance-from-draft').waitFor();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/c/${communityId}/matter/${matterId}`);
    expect(await f.getByTestId('advance-posting-start').inputValue()).toBe(day(0));
    expect(await f.getByTestId('advance-posting-end').inputValue()).toBe(day(7));
    expect(await f.getByTestId('advance-notice-text').inputValue()).toContain('关于“更换3幢电梯”一事');
    expect(await f.getByTestId('advance-attach-hint').textContent()).toContain('决议公告照片');
    await page.screenshot({ path: path.join(SHOTS, 'matters-advance-dialog.png') });
    // Posted earlier than today: the posting period follows the step's date, its end still start + 7 days.
    await f.getByTestId('advance-date').fill(day(-28));
    await expect.poll(() => f.getByTestId('advance-posting-start').inputValue()).toBe(day(-28));
    expect(await f.getByTestId('advance-posting-end').inputValue()).toBe(day(-21));
    // The posting period is required.
    await f.locator('.ant-picker').filter({ has: page.getByTestId('advance-posting-end') }).hover();
    await f.locator('.ant-picker').filter({ has: page.getByTestId('advance-posting-end') }).locator('.ant-picker-clear').click();
    await page.getByTestId('advance-submit').click();
    await expect.poll(() => f.textContent(), { timeout: UI_TIMEOUT }).toContain('请填写公示开始和结束日期');
    expect(await step(page, 'publish-resolution').getAttribute('data-state')).toBe('next');
    await f.getByTestId('advance-posting-end').fill(day(-21));
    await f.getByTestId('advance-notice-text').fill(RESOLUTION_TEXT);
    await submitAdvance(page, 'publish-resolution');
    expect(await page.getByTestId('print-resolution').getAttribute('data-draft')).toBe('false');
    await expect.poll(() => page.getByTestId('print-resolution').isEnabled(), { timeout: UI_TIMEOUT }).toBe(true);
    expect(await page.getByTestId('print-result').getAttribute('data-draft')).toBe('true');

    // 7 实施结果公开
    f = await openAdvance(page, 'publish-result');
    expect(await f.getByTestId('advance-notice-text').inputValue()).toContain('实施结果');
    await f.getByTestId('advance-date').fill(day(-10));
    await f.getByTestId('advance-posting-start').fill(day(-10));
    await f.getByTestId('advance-posting-end').fill(day(-3));
    await f.getByTestId('advance-notice-text').fill(RESULT_TEXT);
    await submitAdvance(page, 'publish-result');

    // 8 报社区备案: the body is prefilled with the community's 所属社区.
    f = await openAdvance(page, 'file');
    expect(await f.getByTestId('advance-filing-body').inputValue()).toBe('南湖社区');
    await f.getByTestId('advance-filing-body').fill('');
    await f.getByTestId('advance-date').fill(day(-2));
    await page.getByTestId('advance-submit').click();
    await expect.poll(() => f.textContent(), { timeout: UI_TIMEOUT }).toContain('请填写接收备案的单位');
    await f.getByTestId('advance-filing-body').fill('南湖社区居民委员会');
    await submitAdvance(page, 'file');

    // The timeline: all eight done, with their dates; the matter is finished.
    await page.getByTestId('matter-finished').waitFor();
    const dates = [day(-60), day(-50), day(-45), day(-40), day(-30), day(-28), day(-10), day(-2)];
    expect(await page.locator('[data-testid=timeline-step][data-state=done]').count()).toBe(8);
    expect(await page.getByTestId('timeline-step-date').allTextContents()).toEqual(dates);
    const timelineText = await page.locator('.matter-timeline').textContent();
    expect(timelineText).toContain(`${day(-28)} 至 ${day(-21)}`);
    expect(timelineText).toContain(`${day(-10)} 至 ${day(-3)}`);
    expect(timelineText).toContain('南湖社区居民委员会');
    expect(timelineText).toContain('业主大会表决结果统计表');
    expect(timelineText).toContain('王主任');
    await page.getByTestId('matter-page').evaluate((el) => { el.scrollTop = 0; });
    await page.screenshot({ path: path.join(SHOTS, 'matters-page.png'), fullPage: true });
    const stored = await env.call('matter.get', { id: matterId }, session);
    expect(stored.steps.map((s) => s.date)).toEqual(dates);
    expect(stored.steps[2]!.meetingId).toBe(jointMeetingId);

    // The linked meeting opens its page.
    await step(page, 'joint').getByTestId('timeline-meeting-link').click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/c/${communityId}/meeting/${jointMeetingId}`);

    // The board shows it under 已办结.
    await go(page, `#/c/${communityId}/matters`);
    await page.locator('[data-testid=matters-board-columns][data-loaded=true]').waitFor();
    const doneColumn = page.getByTestId('board-column-done');
    expect(await doneColumn.locator(`[data-matter-id="${matterId}"]`).textContent()).toContain('更换3幢电梯');
    expect(await page.locator(`[data-testid^=board-column-]:not([data-testid=board-column-done]) [data-matter-id="${matterId}"]`).count()).toBe(0);
    await doneColumn.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'matters-board.png') });
    // The table view lists both.
    await page.getByTestId('matters-view').getByText('列表').click();
    const table = page.getByTestId('matters-table');
    await expect.poll(() => table.getAttribute('data-total')).toBe('2');
    expect(await table.textContent()).toContain('已办结');

    // 决议公告
    await go(page, `#/c/${communityId}/matter/${matterId}`);
    await page.getByTestId('print-resolution').click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/c/${communityId}/print/resolution/${matterId}`);
    await page.locator('[data-testid=matter-notice-resolution][data-ready=true]').waitFor();
    expect(await page.getByTestId('print-title').textContent()).toBe('关于更换3幢电梯的决议公告');
    expect(await page.getByTestId('matter-notice-resolution').getAttribute('data-draft')).toBe('false');
    const resolution = await printToPdf(page, 'resolution');
    flat = squeeze(resolution.text);
    expect(flat).not.toContain('草稿');
    expect(flat).toContain('关于更换3幢电梯的决议公告');
    expect(flat).not.toContain('已记录'); // no toast of the matter page over the notice
    expect(flat).toContain('全体业主：');
    expect(flat).toContain(squeeze(RESOLUTION_TEXT));
    expect(flat).toContain(`公示期：${inline(day(-28))}至${inline(day(-21))}`);
    expect(flat).toContain('和平小区业主委员会');
    expect(flat).not.toContain('南湖社区党委'); // the joint meeting did not resolve it
    expect(flat).toContain(officialDate(day(-28)));
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', resolution.pdf, path.join(SHOTS, 'matters-resolution')]);
    expect(fs.statSync(path.join(SHOTS, 'matters-resolution.png')).size).toBeGreaterThan(0);

    // 实施结果公告
    await page.getByTestId('print-toolbar').getByRole('button', { name: '返回' }).click();
    await page.getByTestId('matter-page').waitFor();
    await page.getByTestId('print-result').click();
    await page.locator('[data-testid=matter-notice-result][data-ready=true]').waitFor();
    const result = await printToPdf(page, 'result');
    flat = squeeze(result.text);
    expect(flat).toContain('关于更换3幢电梯实施结果的公告');
    expect(flat).toContain(squeeze(RESULT_TEXT));
    expect(flat).not.toContain(squeeze(RESOLUTION_TEXT));
    expect(flat).toContain(`公示期：${inline(day(-10))}至${inline(day(-3))}`);
    expect(flat).toContain(officialDate(day(-10)));
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', result.pdf, path.join(SHOTS, 'matters-result')]);

    // A notice whose step is not recorded yet prints as a draft; its banner offers to record the step, which is
    // not the step at hand for this matter (it waits at 小区党组织提议): the matter opens without the dialog.
    await go(page, `#/c/${communityId}/print/resolution/${waiting.id}`);
    await page.locator('[data-testid=matter-notice-resolution][data-draft=true]').waitFor();
    expect(await page.getByTestId('notice-draft-banner').textContent()).toContain('“决议公开”尚未登记');
    await expect.poll(() => page.getByTestId('print-toolbar').getByRole('button', { name: '打印', exact: true }).isEnabled(), { timeout: UI_TIMEOUT }).toBe(true);
    await page.getByTestId('notice-record-step').click();
    await page.locator(`[data-testid=matter-page][data-matter-id="${waiting.id}"]`).waitFor();
    expect(await page.locator('[data-testid=advance-form]').count()).toBe(0);
  }, TEST_TIMEOUT);

  it('finds a two-character word of a matter description, highlighted, and opens the matter', async () => {
    const { page } = env;
    const matter = await env.call('matter.create', {
      communityId, title: '地下车库顶板修缮', description: '地下车库顶板多处渗水，雨季尤其严重，影响车辆停放。', raisedOn: day(-5),
    }, session);
    await openAndLogin(env);
    await go(page, `#/c/${communityId}/matters`);
    await page.getByTestId('matters-board').waitFor();
    await page.getByRole('menuitem', { name: '全文检索' }).click();
    await page.getByTestId('search-page').waitFor();
    await page.getByTestId('search-input').fill('渗水');
    await page.getByTestId('search-input').press('Enter');
    await page.locator('[data-testid=search-hits][data-query="渗水"]').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.evaluate(() => decodeURIComponent(window.location.hash))).toBe(`#/c/${communityId}/search?q=渗水`);
    const hit = page.locator(`[data-testid=search-hit][data-id="${matter.id}"]`);
    expect(await hit.getAttribute('data-type')).toBe('matter');
    expect(await hit.textContent()).toContain('事项');
    expect(await hit.textContent()).toContain('地下车库顶板修缮');
    expect(await hit.locator('mark').allTextContents()).toEqual(['渗水']);
    expect(await hit.getByTestId('search-snippet').textContent()).toContain('顶板多处渗水，雨季');
    await page.screenshot({ path: path.join(SHOTS, 'matters-search.png') });

    // A word found nowhere says so.
    await page.getByTestId('search-input').fill('游泳池');
    await page.getByTestId('search-input').press('Enter');
    await page.getByText('没有找到包含“游泳池”的纪要、事项、议程、表决或问题').waitFor({ timeout: UI_TIMEOUT });

    // Reloading the URL keeps the search; a hit opens the matter.
    await go(page, `#/c/${communityId}/search?q=${encodeURIComponent('渗水')}`);
    await page.locator('[data-testid=search-hits][data-query="渗水"]').waitFor({ timeout: UI_TIMEOUT });
    await page.locator(`[data-testid=search-hit][data-id="${matter.id}"]`).click();
    await page.locator(`[data-testid=matter-page][data-matter-id="${matter.id}"]`).waitFor();
  }, TEST_TIMEOUT);

  it('issues the 决议公告 in the name of the convener of the meeting that resolved the matter', async () => {
    const { page } = env;
    const assembly = await env.call('meeting.create', {
      communityId, kind: '业主代表大会', title: '第三次业主代表大会', date: day(-20), noticeDate: day(-40), convener: '和平小区第二届业主委员会',
    }, session);
    const matter = await env.call('matter.create', { communityId, title: '聘请新物业服务企业', raisedOn: day(-30) }, session);
    const steps: [string, number][] = [['propose', -28], ['joint', -27], ['party', -25]];
    for (const [key, delta] of steps) await env.call('matter.advance', { id: matter.id, key, date: day(delta) }, session);
    await env.call('matter.advance', { id: matter.id, key: 'resolve', date: day(-20), meetingId: assembly.id }, session);
    await env.call('matter.advance', {
      id: matter.id, key: 'publish-resolution', date: day(-18), postingStart: day(-18), postingEnd: day(-11), noticeText: '同意选聘安居物业服务有限公司。',
    }, session);

    await openAndLogin(env);
    await go(page, `#/c/${communityId}/print/resolution/${matter.id}`);
    await page.locator('[data-testid=matter-notice-resolution][data-ready=true]').waitFor();
    expect(await page.locator('.official-issuer').allTextContents()).toEqual(['和平小区第二届业主委员会']);
    // The result notice is not recorded yet: a draft, its text the headings to fill in.
    await go(page, `#/c/${communityId}/print/result/${matter.id}`);
    await page.locator('[data-testid=matter-notice-result][data-draft=true]').waitFor();
    expect(await page.getByTestId('matter-notice-result').textContent()).toContain('现将实施结果公告如下');
  }, TEST_TIMEOUT);

  it('drafts the 决议公告 from the result of the owners\' vote that decided the matter, editable before it is recorded', async () => {
    const { page } = env;
    const owners = (building: string, room: string, area: string, name: string): RosterExportRow => ({
      building, entrance: null, room, type: '住宅', area, areaSource: '登记', deliveryStatus: '已交付', owners: name, documents: '', phones: '',
    });
    const voters = await importRosterApi(env, session, '长安小区', [owners('1幢', '101', '90.00', '甲业主'), owners('1幢', '102', '110.00', '乙业主'), owners('2幢', '201', '100.00', '丙业主')]);
    const matter = await env.call('matter.create', { communityId: voters, title: '续聘物业服务企业', raisedOn: day(-30) }, session);
    for (const [key, delta] of [['propose', -28], ['joint', -27], ['party', -25]] as const) await env.call('matter.advance', { id: matter.id, key, date: day(delta) }, session);
    const vote = await env.call('vote.create', {
      communityId: voters, title: '续聘物业表决', opens: day(-20), closes: day(-10), items: [{ title: '续聘和美物业', category: 4, matterId: matter.id }],
    }, session);
    const subjects = (await env.call('vote.subjects', { voteId: vote.id }, session)).rows;
    for (const [i, subject] of subjects.entries()) {
      await env.call('ballot.record', { voteId: vote.id, subjectId: subject.id, choices: [{ itemId: vote.items[0]!.id, choice: i === 0 ? 'no' : 'yes' }] }, session);
    }
    await env.call('vote.close', { id: vote.id }, session);
    const tally = (await env.call('vote.tally', { id: vote.id }, session)).items[0]!;

    // The draft print says the vote's result in plain words, with the tally's own percentages.
    await openAndLogin(env);
    await go(page, `#/c/${voters}/print/resolution/${matter.id}`);
    await page.locator('[data-testid=matter-notice-resolution][data-draft=true]').waitFor();
    const text = squeeze((await page.getByTestId('matter-notice-resolution').textContent())!);
    expect(text).toContain('经业主共同表决（续聘物业表决');
    // The same sentences as the vote's result notice (shared/domain/tally-words.ts).
    const c = tally.comparisons;
    expect(text).toContain(`“续聘和美物业”：参与表决的专有部分面积占总面积${c.participationArea.share.percent}，达到三分之二以上；参与表决人数占总人数${c.participationCount.share.percent}，达到三分之二以上。`);
    expect(text).toContain(`同意的专有部分面积占参与表决专有部分面积${c.approvalArea.share.percent}，达到过半数；同意人数占参与表决人数${c.approvalCount.share.percent}，达到过半数。`);
    expect(text).toContain('表决通过');
    await page.screenshot({ path: path.join(SHOTS, 'matters-draft-vote.png'), fullPage: true });

    // 办理此步 starts from the same text; it is edited before saving, and the edit is what is kept.
    await page.getByTestId('notice-record-step').click();
    const f = page.locator('[data-testid=advance-form][data-step="publish-resolution"]');
    await f.waitFor();
    const drafted = await f.getByTestId('advance-notice-text').inputValue();
    expect(drafted).toContain(`参与表决的专有部分面积占总面积${c.participationArea.share.percent}`);
    const edited = drafted.replace('现将结果公告如下：', '现将结果公告如下（续聘期三年）：');
    await f.getByTestId('advance-notice-text').fill(edited);
    await submitAdvance(page, 'publish-resolution');
    const stored = await env.call('matter.get', { id: matter.id }, session);
    expect(stored.steps[5]!.noticeText).toContain('续聘期三年');
    expect(stored.steps[5]!.noticeText).toContain('表决通过');
  }, TEST_TIMEOUT);

  it('adds a workflow version with an optional step: new matters get it, older ones keep their eight steps', async () => {
    const { page } = env;
    const old = await env.call('matter.create', { communityId, title: '小区绿化补种', raisedOn: day(-3) }, session);
    await openAndLogin(env);
    await go(page, '#/workflows');
    const family = page.locator('[data-testid=workflow-family][data-key=wuyi-liangkai]');
    await family.waitFor();
    expect(await family.getByTestId('workflow-current-version').textContent()).toContain('第1版');
    await family.getByTestId('workflow-edit').click();
    const editor = page.getByTestId('workflow-editor');
    await editor.waitFor();
    expect(await editor.getByTestId('wf-step-row').count()).toBe(8);

    // A new step, optional, moved up to second place.
    await editor.getByTestId('wf-add-step').click();
    const rows = editor.getByTestId('wf-step-row');
    await expect.poll(() => rows.count()).toBe(9);
    await rows.nth(8).getByTestId('wf-step-name').fill('业主意见征询');
    await rows.nth(8).getByTestId('wf-step-optional').check();
    await rows.nth(8).getByTestId('wf-step-days').fill('10');
    for (let i = 8; i > 1; i--) await rows.nth(i).getByTestId('wf-step-up').click();
    expect(await rows.nth(1).getByTestId('wf-step-name').inputValue()).toBe('业主意见征询');
    expect(await rows.nth(1).getAttribute('data-key')).toBe('step-2');
    expect(await rows.nth(0).getAttribute('data-key')).toBe('suggest');
    await page.screenshot({ path: path.join(SHOTS, 'matters-workflow-editor.png'), fullPage: true });
    await editor.getByTestId('wf-save').click();
    await editor.waitFor({ state: 'detached' });
    await expect.poll(() => family.getByTestId('workflow-current-version').textContent(), { timeout: UI_TIMEOUT }).toContain('第2版');
    const v1 = family.locator('[data-testid=workflow-version-row][data-version="1"]');
    expect(await v1.getByTestId('workflow-version-matters').textContent()).not.toBe('0 件事项');
    await page.screenshot({ path: path.join(SHOTS, 'matters-workflows.png'), fullPage: true });

    // A new matter, created after, follows version 2 with nine steps; the optional one can be skipped.
    await go(page, `#/c/${communityId}/matters`);
    await page.getByTestId('matter-create').click();
    const form = page.getByTestId('matter-create-form');
    await form.waitFor();
    await form.getByTestId('matter-title').fill('增设电动自行车充电棚');
    await form.getByTestId('matter-raised-on').fill(day(-6));
    await page.getByRole('button', { name: '创建并打开' }).click();
    await page.getByTestId('matter-page').waitFor();
    const newId = (await page.getByTestId('matter-page').getAttribute('data-matter-id'))!;
    expect(await page.getByTestId('matter-workflow').textContent()).toBe('五议两公开一备案（第2版）');
    expect(await page.getByTestId('timeline-step').count()).toBe(9);
    expect(await step(page, 'suggest').getByTestId('timeline-step-date').textContent()).toBe(day(-6));
    const f = await openAdvance(page, 'step-2');
    await f.getByTestId('advance-mode').getByText('跳过此步').click();
    await f.getByTestId('advance-date').fill(day(-4));
    await f.getByTestId('advance-skip-reason').fill('已在楼栋会上征询过意见');
    await page.getByTestId('advance-submit').click();
    await expect.poll(() => step(page, 'step-2').getAttribute('data-state'), { timeout: UI_TIMEOUT }).toBe('skipped');
    expect(await step(page, 'step-2').textContent()).toContain('已在楼栋会上征询过意见');
    expect(await step(page, 'propose').getAttribute('data-state')).toBe('next');
    await page.screenshot({ path: path.join(SHOTS, 'matters-skipped.png'), fullPage: true });

    // The older matter keeps version 1 and its eight steps.
    expect((await env.call('matter.get', { id: newId }, session)).steps).toHaveLength(9);
    const kept = await env.call('matter.get', { id: old.id }, session);
    expect(kept.workflow.version).toBe(1);
    expect(kept.steps).toHaveLength(8);
    await go(page, `#/c/${communityId}/matter/${old.id}`);
    await page.locator(`[data-testid=matter-page][data-matter-id="${old.id}"]`).waitFor();
    expect(await page.getByTestId('matter-workflow').textContent()).toBe('五议两公开一备案（第1版）');
    expect(await page.getByTestId('timeline-step').count()).toBe(8);
  }, TEST_TIMEOUT);
});
