/**
 * Minutes (会议纪要) on a meeting's page, driven like a secretary: a first
 * draft from the agenda with attendees filled from the sign-in sheet, two
 * items and an action item due yesterday, saved and approved (then read-only);
 * a correction with a reason that changes a decision and shows the difference,
 * while the approved version stays as it was; the overdue action item on the
 * 待办事项 page, marked done; a PNG attached to the approved minutes and
 * opened; the printout as PDF (pdftotext, pdftoppm) — approved and draft.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { officeDay } from '../fixtures/worked-roster';
import { TEST_TIMEOUT, UI_TIMEOUT, openAndLogin, setupAdmin, useE2E } from './harness';

const env = useE2E();
const SHOTS = '/tmp/shots';
let session = '';
let communityId = '';
let meetingId = '';

const MEETING_DATE = officeDay(-7);
const YESTERDAY = officeDay(-1);
const DECISION_1 = '同意动用维修资金更换3幢电梯钢丝绳，由物业公司组织询价';
const DECISION_1_FIXED = '同意动用维修资金更换3幢电梯钢丝绳，由业委会组织公开招标';
const DECISION_2 = '绿化整治方案下次会议再议';
const ACTION = '提交电梯钢丝绳更换的三家报价';
// An 8×8 red PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4ISeHFTEMLQkAkL9BAbKfPiIAAAAASUVORK5CYII=', 'base64');

beforeAll(async () => {
  session = await setupAdmin(env);
  communityId = (await env.call('community.create', { name: '和平小区', address: '南湖路1号' }, session)).id;
  const meeting = await env.call('meeting.create', {
    communityId, kind: '联席会议', title: '三方联席会议', date: MEETING_DATE, startTime: '14:30', place: '社区二楼会议室',
    convener: '南湖社区居委会', agenda: [{ title: '3幢电梯维修' }, { title: '小区绿化整治' }],
  }, session);
  meetingId = meeting.id;
  const withPeople = await env.call('meeting.setAttendees', {
    id: meetingId,
    attendees: [
      { party: '居委会', name: '张敏', role: '书记' },
      { party: '物业', name: '李强', role: '项目经理' },
      { party: '业委会', name: '王芳', role: '主任' },
      { party: '业委会', name: '赵磊' },
    ],
  }, session);
  // 赵磊 did not come.
  await env.call('meeting.recordResults', {
    id: meetingId,
    present: withPeople.attendees.map((a) => ({ attendeeId: a.id, present: a.name !== '赵磊' })),
  }, session);
  fs.mkdirSync(SHOTS, { recursive: true });
}, TEST_TIMEOUT);

const section = (page: Page) => page.getByTestId('minutes-section');
const shown = (page: Page) => section(page).getByTestId('minutes-shown');

/** A picture of the whole minutes section (the window made tall enough for it), for a look by eye. */
async function shootSection(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 2600 });
  await section(page).screenshot({ path: `${SHOTS}/${name}.png` });
  await page.setViewportSize({ width: 1366, height: 900 });
}

async function openMeeting(page: Page): Promise<void> {
  await page.evaluate(([c, m]) => { window.location.hash = `#/c/${c}/meeting/${m}`; }, [communityId, meetingId] as const);
  await section(page).waitFor();
}

describe('会议纪要', () => {
  it('drafts, approves (locked), corrects with a diff, tracks the overdue action item, attaches and prints', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openMeeting(page);

    // ── a first draft: the items come from the agenda ─────────────────
    await section(page).getByTestId('minutes-start').click();
    const editor = section(page).getByTestId('minutes-editor');
    await editor.waitFor();
    expect(await editor.getByTestId('minutes-item-0').getByTestId('item-title').inputValue()).toBe('3幢电梯维修');
    expect(await editor.getByTestId('minutes-item-1').getByTestId('item-title').inputValue()).toBe('小区绿化整治');
    expect(await editor.getByTestId('minutes-item-2').count()).toBe(0);

    // 出席 from the sign-in sheet: those present, by party; not the absent one.
    await editor.getByTestId('minutes-fill-attendees').click();
    await expect.poll(() => editor.getByTestId('minutes-attendees').inputValue()).toBe('居委会：张敏（书记）；业委会：王芳（主任）；物业：李强（项目经理）');
    await editor.getByTestId('minutes-recorder').fill('刘洋');

    const item0 = editor.getByTestId('minutes-item-0');
    await item0.getByTestId('item-discussion').fill('物业报告3幢电梯钢丝绳磨损，需更换。\n业委会要求先公开报价。');
    await item0.getByTestId('item-decision').fill(DECISION_1);
    await editor.getByTestId('minutes-item-1').getByTestId('item-decision').fill(DECISION_2);

    // An item added and removed again leaves two.
    await editor.getByTestId('minutes-add-item').click();
    await editor.getByTestId('minutes-item-2').getByTestId('item-remove').click();
    expect(await editor.getByTestId('minutes-item-2').count()).toBe(0);

    await editor.getByTestId('minutes-add-action').click();
    const action = editor.getByTestId('minutes-action-0');
    await action.getByTestId('action-text').fill(ACTION);
    await action.getByTestId('action-party').locator('input').fill('物业');
    await page.keyboard.press('Escape');
    await action.getByTestId('action-person').fill('李强');
    await action.getByTestId('action-due').fill(YESTERDAY);

    await editor.getByTestId('minutes-save').click();
    await section(page).getByTestId('minutes-version-1').waitFor();
    expect(await section(page).getByTestId('minutes-version-1').getAttribute('data-status')).toBe('draft');
    const [draft] = await env.call('minutes.list', { meetingId }, session);
    expect(draft!.content.items.map((i) => i.decision)).toEqual([DECISION_1, DECISION_2]);
    expect(draft!.content.actions).toEqual([{ text: ACTION, party: '物业', person: '李强', due: YESTERDAY }]);
    expect(draft!.content.recorder).toBe('刘洋');
    await shootSection(page, 'minutes-draft');

    // ── approval locks the minutes (and saves what was typed since) ──
    await editor.getByTestId('minutes-other').fill('下次会议定于月底召开');
    await editor.getByTestId('minutes-dirty').waitFor();
    await section(page).getByTestId('minutes-approve').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('锁定');
    await confirm.getByRole('button', { name: /批\s*准/ }).click();
    await expect.poll(() => shown(page).getAttribute('data-status'), { timeout: UI_TIMEOUT }).toBe('approved');
    await shown(page).getByTestId('minutes-view').waitFor();
    expect(await section(page).getByTestId('minutes-editor').count()).toBe(0);
    expect(await section(page).locator('textarea').count()).toBe(0);
    expect(await shown(page).getByTestId('minutes-approved-by').textContent()).toContain('王主任');
    expect(await shown(page).getByTestId('view-item-0').textContent()).toContain(DECISION_1);
    const v1Id = draft!.id;
    const approvedV1 = await env.call('minutes.get', { id: v1Id }, session);
    expect(approvedV1.status).toBe('approved');
    expect(approvedV1.content.other).toBe('下次会议定于月底召开');
    await shootSection(page, 'minutes-approved');

    // ── a correction: a reason is required, a new draft version ───────
    await shown(page).getByTestId('minutes-correct').click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('minutes-correct-form') });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: /更\s*正/ }).click();
    await expect.poll(() => dialog.textContent()).toContain('请填写更正理由');
    await dialog.getByTestId('minutes-correct-reason').fill('会上决定由业委会组织招标，原记录有误');
    await dialog.getByRole('button', { name: /更\s*正/ }).click();
    await section(page).getByTestId('minutes-version-2').waitFor();
    expect(await section(page).getByTestId('minutes-version-2').getAttribute('data-status')).toBe('draft');
    expect(await section(page).getByTestId('minutes-version-1').getAttribute('data-status')).toBe('approved');
    await expect.poll(() => shown(page).getAttribute('data-version')).toBe('2');
    expect(await shown(page).textContent()).toContain('会上决定由业委会组织招标，原记录有误');

    expect(await section(page).locator('.attachments').count()).toBe(1);
    const editor2 = shown(page).getByTestId('minutes-editor');
    expect(await editor2.getByTestId('minutes-item-0').getByTestId('item-decision').inputValue()).toBe(DECISION_1);
    await editor2.getByTestId('minutes-item-0').getByTestId('item-decision').fill(DECISION_1_FIXED);
    await editor2.getByTestId('minutes-save').click();

    // The draft against the version it corrects: the old decision struck out, the new one added.
    const diff = section(page).getByTestId('minutes-diff');
    const removed = diff.locator('.minutes-diff-line[data-op=removed]');
    const added = diff.locator('.minutes-diff-line[data-op=added]');
    await expect.poll(() => added.allTextContents(), { timeout: UI_TIMEOUT }).toEqual([`  决定：${DECISION_1_FIXED}`]);
    expect(await removed.allTextContents()).toEqual([`  决定：${DECISION_1}`]);
    expect(await removed.first().locator('del').count()).toBe(1);
    expect(await diff.locator('.minutes-diff-line[data-op=same]').count()).toBeGreaterThan(3);
    expect(await diff.getAttribute('data-from')).toBe('1');
    expect(await diff.getAttribute('data-to')).toBe('2');
    await shootSection(page, 'minutes-diff');

    // The approved version is unchanged.
    const v1 = await env.call('minutes.get', { id: v1Id }, session);
    expect(v1.status).toBe('approved');
    expect(v1.content.items[0]!.decision).toBe(DECISION_1);
    const versions = await env.call('minutes.list', { meetingId }, session);
    expect(versions.map((v) => [v.version, v.status])).toEqual([[1, 'approved'], [2, 'draft']]);
    expect(versions[1]!.content.items[0]!.decision).toBe(DECISION_1_FIXED);

    // Ticking two versions compares them too.
    await section(page).getByTestId('minutes-version-1').getByTestId('minutes-compare').check();
    await section(page).getByTestId('minutes-version-2').getByTestId('minutes-compare').check();
    await expect.poll(() => added.allTextContents()).toEqual([`  决定：${DECISION_1_FIXED}`]);

    // ── the action items page: overdue, then done ─────────────────────
    await page.evaluate((c) => { window.location.hash = `#/c/${c}/actions`; }, communityId);
    const list = page.getByTestId('actions-list');
    await expect.poll(() => list.getAttribute('data-filter'), { timeout: UI_TIMEOUT }).toBe('open');
    const row = page.locator('[data-testid=actions-grid] .data-grid-row').filter({ hasText: ACTION });
    await row.waitFor();
    expect(await row.textContent()).toContain('已逾期');
    expect(await row.locator('.ant-tag-red').count()).toBe(1);
    expect(await row.getByTestId('action-meeting').textContent()).toContain('三方联席会议');
    await page.screenshot({ path: `${SHOTS}/minutes-actions.png`, fullPage: true });

    // 已逾期 lists it as well.
    await page.getByTestId('actions-filter').getByText('已逾期').click();
    await expect.poll(() => list.getAttribute('data-filter')).toBe('overdue');
    await row.waitFor();

    await page.getByTestId('actions-filter').getByText('未完成').click();
    await expect.poll(() => list.getAttribute('data-filter')).toBe('open');
    await row.getByTestId('action-complete').click();
    const done = page.getByRole('dialog').filter({ has: page.getByTestId('action-complete-form') });
    expect(await done.getByTestId('action-done-date').inputValue()).toBe(officeDay(0));
    await done.getByTestId('action-done-date').fill(YESTERDAY);
    await done.getByRole('button', { name: '标记完成' }).click();
    await expect.poll(() => page.getByTestId('actions-grid').getAttribute('data-total'), { timeout: UI_TIMEOUT }).toBe('0');
    expect(await row.count()).toBe(0);
    await page.getByTestId('actions-filter').getByText('全部').click();
    await expect.poll(() => list.getAttribute('data-filter')).toBe('all');
    await row.waitFor();
    expect(await row.textContent()).toContain(`已完成 ${YESTERDAY}`);
    expect(await row.getByTestId('action-complete').count()).toBe(0);

    // The meeting link goes back to the meeting's page.
    await row.getByTestId('action-meeting').click();
    await section(page).waitFor();
    expect(await page.evaluate(() => window.location.hash)).toBe(`#/c/${communityId}/meeting/${meetingId}`);

    // ── a scan attached to the approved version ───────────────────────
    await section(page).getByTestId('minutes-version-1').getByTestId('minutes-show').click();
    await expect.poll(() => shown(page).getAttribute('data-version')).toBe('1');
    const attachments = section(page).getByTestId('attachments-minutes');
    await expect.poll(() => attachments.getAttribute('data-count')).toBe('0');
    const pngPath = path.join(env.tmpDir, '签字纪要扫描.png');
    fs.writeFileSync(pngPath, PNG);
    await attachments.locator('input[type=file]').setInputFiles(pngPath);
    await expect.poll(() => attachments.getAttribute('data-count'), { timeout: UI_TIMEOUT }).toBe('1');
    const sha = createHash('sha256').update(PNG).digest('hex');
    const fileRow = attachments.locator('.data-grid-row').filter({ hasText: '签字纪要扫描.png' });
    await fileRow.waitFor();
    expect(await fileRow.textContent()).toContain(sha.slice(0, 12));
    expect(await fileRow.locator('.attachment-hash').getAttribute('title')).toBe(sha);
    expect(await fileRow.textContent()).toContain(`${PNG.length} B`);
    // Attaching changes nothing in the approved text.
    expect((await env.call('minutes.get', { id: v1Id }, session)).text).toBe(v1.text);
    await shootSection(page, 'minutes-attachment');

    // 打开: the image in the app's own viewer (never a tab, never the system's viewer).
    await fileRow.getByTestId('attachment-open').click();
    const viewer = page.getByTestId('attachment-viewer');
    await expect.poll(() => viewer.locator('img').evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(8);
    expect(await viewer.locator('img').getAttribute('src')).toMatch(/^blob:/);
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });

    // ── the printout of the approved version ──────────────────────────
    await section(page).getByTestId('minutes-print').click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/c/${communityId}/print/minutes/${v1Id}`);
    await page.locator('[data-testid=minutes-print][data-ready=true]').waitFor();
    expect(await page.getByTestId('current-user').count()).toBe(0);
    const pdf = path.join(env.tmpDir, 'minutes.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    const flat = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(flat).toContain('三方联席会议纪要');
    expect(flat).toContain('会议类型：联席会议');
    expect(flat).toContain('社区二楼会议室');
    expect(flat).toContain('张敏（书记）');
    expect(flat).toContain('记录人：刘洋');
    expect(flat).toContain(`议题1：3幢电梯维修`);
    expect(flat).toContain(DECISION_1);
    expect(flat).not.toContain(DECISION_1_FIXED);
    expect(flat).toContain(DECISION_2);
    expect(flat).toContain(ACTION);
    expect(flat).toContain('第1版');
    expect(flat).toContain('批准');
    expect(flat).not.toContain('草稿');
    expect(flat).toContain('主持人：');
    fs.copyFileSync(pdf, `${SHOTS}/minutes-print-v1.pdf`);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, `${SHOTS}/minutes-print-v1`]);
    expect(fs.statSync(`${SHOTS}/minutes-print-v1.png`).size).toBeGreaterThan(0);

    // The draft v2 prints with its new decision and marked 草稿.
    await page.evaluate(([c, id]) => { window.location.hash = `#/c/${c}/print/minutes/${id}`; }, [communityId, versions[1]!.id] as const);
    await page.locator(`[data-testid=minutes-print][data-ready=true]`).filter({ hasText: DECISION_1_FIXED }).waitFor();
    const pdf2 = path.join(env.tmpDir, 'minutes-v2.pdf');
    await page.pdf({ path: pdf2, format: 'A4', printBackground: true });
    const flat2 = execFileSync('pdftotext', ['-layout', pdf2, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(flat2).toContain(DECISION_1_FIXED);
    expect(flat2).toContain('第2版（草稿，未经批准）');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf2, `${SHOTS}/minutes-print-v2`]);

    // 返回 goes back to the meeting.
    await page.getByTestId('print-toolbar').getByRole('button', { name: /返\s*回/ }).click();
    await section(page).waitFor();
  }, TEST_TIMEOUT);
});
