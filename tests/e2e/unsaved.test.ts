/**
 * Nothing typed is lost (issue 15): a minutes draft with unsaved text asks
 * before a menu entry, the back button or the community switch leaves it —
 * 留在本页 keeps the text, 放弃修改并离开 leaves; closing the window asks
 * too (beforeunload). The draft saves itself when the editor loses focus and
 * every 30 s (the browser's clock moved on with page.clock) and says
 * 已自动保存 HH:mm; the autosaved draft is there after a reload; a failed
 * autosave says so and keeps the text. A dialog's 取消 asks once something
 * was typed in it — every dialog that holds text (GuardedModal: a matter's
 * step, an issue's action, a new vote …) and the part drawer of the roster.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { addDays } from '../../shared/domain/dates';
import { TEST_TIMEOUT, UI_TIMEOUT, openAndLogin, openRoster, setupAdmin, submitLogin, useE2E } from './harness';

const env = useE2E();
const SHOTS = '/tmp/shots';
let session = '';
let communityId = '';
let otherCommunityId = '';

const TYPED = '物业报告3幢电梯钢丝绳磨损，业委会要求先公开报价再决定。';
/** A week ago in the office's time zone (as the minutes test does): held, so its minutes may be written. */
const MEETING_DATE = addDays(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()), -7);
const QUESTION = '纪要草稿有未保存的修改，离开将丢失。';

beforeAll(async () => {
  session = await setupAdmin(env);
  communityId = (await env.call('community.create', { name: '和平小区', address: '南湖路1号' }, session)).id;
  otherCommunityId = (await env.call('community.create', { name: '幸福小区', address: '北湖路2号' }, session)).id;
  fs.mkdirSync(SHOTS, { recursive: true });
}, TEST_TIMEOUT);

async function newMeeting(title: string): Promise<string> {
  const meeting = await env.call('meeting.create', {
    communityId, kind: '联席会议', title, date: MEETING_DATE, startTime: '14:30', place: '社区二楼会议室',
    convener: '南湖社区居委会', agenda: [{ title: '3幢电梯维修' }, { title: '小区绿化整治' }],
  }, session);
  return meeting.id;
}

const meetingHash = (meetingId: string) => `#/c/${communityId}/meeting/${meetingId}`;
const editor = (page: Page) => page.getByTestId('minutes-section').getByTestId('minutes-editor');
const discussion = (page: Page) => editor(page).getByTestId('minutes-item-0').getByTestId('item-discussion');
const question = (page: Page) => page.locator('.ant-modal-confirm').filter({ has: page.getByTestId('unsaved-question') });

async function openMeeting(page: Page, meetingId: string): Promise<void> {
  await page.evaluate((h) => { window.location.hash = h; }, meetingHash(meetingId));
  await page.getByTestId('minutes-section').waitFor();
}

async function startDraft(page: Page, meetingId: string): Promise<void> {
  await openMeeting(page, meetingId);
  await page.getByTestId('minutes-start').click();
  await discussion(page).waitFor();
}

/**
 * minutes.saveDraft is refused by main (the disk is full): every save of the draft fails. (A connection that broke
 * is not a failure yet: the client sends the save again for 2 minutes, tests/e2e/reconnect.test.ts.)
 */
async function failSaves(page: Page): Promise<void> {
  await page.route('**/api/invoke', async (route) => {
    const body = route.request().postDataJSON() as { method?: string } | null;
    if (body?.method === 'minutes.saveDraft') await route.fulfill({ json: { ok: false, error: { code: 'DISK_FULL', message: '磁盘空间已满，这次操作没有保存，数据没有改变。' } } });
    else await route.continue();
  });
}

async function answer(page: Page, choice: 'stay' | 'leave'): Promise<void> {
  const dialog = question(page);
  await dialog.waitFor({ timeout: UI_TIMEOUT });
  expect(await dialog.getByTestId('unsaved-question').textContent()).toBe(QUESTION);
  await dialog.getByTestId(choice === 'stay' ? 'unsaved-stay' : 'unsaved-leave').click();
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
}

describe('未保存的修改', () => {
  it('asks before the menu, the back button or the community switch leaves an unsaved draft; 留在本页 keeps the text', async () => {
    const { page } = env;
    const meetingId = await newMeeting('第一次联席会议');
    await openAndLogin(env);
    await failSaves(page);
    await startDraft(page, meetingId);
    await discussion(page).fill(TYPED);
    await editor(page).getByTestId('minutes-dirty').waitFor();

    // ── a menu entry: asked; 留在本页 keeps the page and the text ──
    await page.getByRole('menuitem', { name: '会议', exact: true }).click();
    await question(page).waitFor({ timeout: UI_TIMEOUT });
    // The blur of the editor tried to save and could not: it says so, and the text stays unsaved.
    const state = editor(page).getByTestId('minutes-save-state');
    await expect.poll(() => state.getAttribute('data-state'), { timeout: UI_TIMEOUT }).toBe('failed');
    expect(await state.textContent()).toContain('自动保存未成功');
    await page.screenshot({ path: `${SHOTS}/unsaved-confirm.png` });
    await answer(page, 'stay');
    expect(await page.evaluate(() => window.location.hash)).toBe(meetingHash(meetingId));
    expect(await discussion(page).inputValue()).toBe(TYPED);
    await editor(page).getByTestId('minutes-dirty').waitFor();
    // The line stays in view at the bottom of the window (the buttons' bar is sticky) while the editor scrolls.
    expect(await state.isVisible()).toBe(true);
    expect(await state.evaluate((el) => el.getBoundingClientRect().bottom <= window.innerHeight)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/unsaved-failed-line.png` });

    // ── the back button: asked; staying puts the address back ──
    await page.evaluate(() => window.history.back());
    await answer(page, 'stay');
    expect(await page.evaluate(() => window.location.hash)).toBe(meetingHash(meetingId));
    expect(await discussion(page).inputValue()).toBe(TYPED);

    // ── the community switch: asked; staying keeps the community ──
    await page.getByTestId('community-switcher').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '幸福小区' }).click();
    await answer(page, 'stay');
    expect(await page.evaluate(() => window.location.hash)).toBe(meetingHash(meetingId));
    expect(await page.getByTestId('community-switcher').textContent()).toContain('和平小区');
    expect(await discussion(page).inputValue()).toBe(TYPED);

    // ── 退出登录 asks too ──
    await page.getByRole('button', { name: '退出登录' }).click();
    await answer(page, 'stay');
    expect(await discussion(page).inputValue()).toBe(TYPED);

    // ── closing the window: the browser's own question (beforeunload); dismissed, the page stays ──
    const beforeUnload = new Promise<string>((resolve) => {
      page.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.dismiss();
      });
    });
    await page.close({ runBeforeUnload: true });
    expect(await beforeUnload).toBe('beforeunload');
    expect(page.isClosed()).toBe(false);
    expect(await discussion(page).inputValue()).toBe(TYPED);

    // ── the back button, then 离开: the meetings list before it ──
    await page.evaluate(() => window.history.back());
    await answer(page, 'leave');
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: UI_TIMEOUT }).not.toBe(meetingHash(meetingId));
    await expect.poll(() => page.getByTestId('minutes-section').count()).toBe(0);

    // ── a menu entry, then 离开 ──
    await openMeeting(page, meetingId);
    await page.getByTestId('minutes-start').click();
    await discussion(page).fill(TYPED);
    await page.getByRole('menuitem', { name: '事项办理', exact: true }).click();
    await answer(page, 'leave');
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: UI_TIMEOUT }).toBe(`#/c/${communityId}/matters`);
    await page.getByTestId('matters-board').waitFor();

    // ── the community switch, then 离开 ──
    await openMeeting(page, meetingId);
    await page.getByTestId('minutes-start').click();
    await discussion(page).fill(TYPED);
    await page.getByTestId('community-switcher').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '幸福小区' }).click();
    await answer(page, 'leave');
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: UI_TIMEOUT }).toBe(`#/c/${otherCommunityId}/meetings`);

    // Nothing was saved: the saves failed and the person chose to leave.
    expect(await env.call('minutes.list', { meetingId }, session)).toEqual([]);
  }, TEST_TIMEOUT);

  it('saves the draft on blur (已自动保存 HH:mm), and it is there after a reload', async () => {
    const { page } = env;
    const meetingId = await newMeeting('第二次联席会议');
    await openAndLogin(env);
    await startDraft(page, meetingId);
    await discussion(page).fill(TYPED);
    await editor(page).getByTestId('minutes-dirty').waitFor();
    // Focus leaves the editor: a click on the page's header.
    const before = officeNow();
    await page.locator('.app-header').click();
    const state = editor(page).getByTestId('minutes-save-state');
    await expect.poll(() => state.getAttribute('data-state'), { timeout: UI_TIMEOUT }).toBe('autosaved');
    expect(await state.textContent()).toMatch(/^已自动保存 \d\d:\d\d$/);
    expect([`已自动保存 ${before}`, `已自动保存 ${officeNow()}`]).toContain(await state.textContent());
    await expect.poll(() => editor(page).getByTestId('minutes-dirty').count()).toBe(0);
    // Still the same editor (not remounted by its first save), now version 1.
    expect(await discussion(page).inputValue()).toBe(TYPED);
    await expect.poll(() => page.getByTestId('minutes-shown').getAttribute('data-version')).toBe('1');
    expect(await state.evaluate((el) => el.getBoundingClientRect().bottom <= window.innerHeight)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/unsaved-autosaved-line.png` });

    const [saved] = await env.call('minutes.list', { meetingId }, session);
    expect(saved!.status).toBe('draft');
    expect(saved!.content.items[0]!.discussion).toBe(TYPED);

    // Saved, so leaving asks nothing.
    await page.reload();
    if (await page.getByTestId('login-form').isVisible().catch(() => false)) await submitLogin(page, 'admin', 'mima-2026-sanfang');
    await page.getByTestId('current-user').waitFor({ timeout: UI_TIMEOUT });
    await openMeeting(page, meetingId);
    await discussion(page).waitFor();
    expect(await discussion(page).inputValue()).toBe(TYPED);
  }, TEST_TIMEOUT);

  it('saves the draft every 30 s while it has unsaved text (the page clock moved on)', async () => {
    const { page } = env;
    const meetingId = await newMeeting('第三次联席会议');
    await page.clock.install();
    await openAndLogin(env);
    await startDraft(page, meetingId);
    await discussion(page).fill(TYPED);
    // The focus stays in the editor: only the timer can save.
    await editor(page).getByTestId('minutes-dirty').waitFor();
    await page.clock.fastForward(20_000);
    await page.waitForTimeout(500);
    expect(await env.call('minutes.list', { meetingId }, session)).toEqual([]);
    await page.clock.fastForward(11_000);
    const state = editor(page).getByTestId('minutes-save-state');
    await expect.poll(() => state.getAttribute('data-state'), { timeout: UI_TIMEOUT }).toBe('autosaved');
    const [saved] = await env.call('minutes.list', { meetingId }, session);
    expect(saved!.content.items[0]!.discussion).toBe(TYPED);
    expect(await discussion(page).evaluate((el) => el === document.activeElement)).toBe(true);
  }, TEST_TIMEOUT);

  it('asks before a dialog\'s 取消 throws away what was typed in it', async () => {
    const { page } = env;
    await openAndLogin(env);
    await page.evaluate((c) => { window.location.hash = `#/c/${c}/matters`; }, communityId);
    await page.getByTestId('matter-create').click();
    const form = page.getByTestId('matter-create-form');
    await form.waitFor();
    await form.getByTestId('matter-title').fill('2幢楼顶防水维修');
    const dialog = page.getByRole('dialog').filter({ has: form });
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    const ask = page.locator('.ant-modal-confirm').filter({ has: page.getByTestId('unsaved-question') });
    await ask.waitFor({ timeout: UI_TIMEOUT });
    expect(await ask.getByTestId('unsaved-question').textContent()).toBe('对话框中填写的内容尚未保存，关闭将丢失。');
    await page.waitForTimeout(500); // the dialog's fade-in, for the picture
    await page.screenshot({ path: `${SHOTS}/unsaved-dialog-confirm.png` });
    await ask.getByTestId('unsaved-stay').click();
    await ask.waitFor({ state: 'detached' });
    expect(await form.getByTestId('matter-title').inputValue()).toBe('2幢楼顶防水维修');
    await page.keyboard.press('Escape');
    await ask.waitFor({ timeout: UI_TIMEOUT });
    await ask.getByTestId('unsaved-leave').click();
    await form.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    // Opened again, untouched: 取消 closes at once.
    await page.getByTestId('matter-create').click();
    await form.waitFor();
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await form.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    expect(await ask.count()).toBe(0);
  }, TEST_TIMEOUT);

  it('asks the same before the meeting, issue and contract dialogs are closed with typed text, and before leaving 小区设置 changed', async () => {
    const { page } = env;
    await openAndLogin(env);
    const ask = page.locator('.ant-modal-confirm').filter({ has: page.getByTestId('unsaved-question') });
    for (const { screen, open, form, field } of [
      { screen: 'meetings', open: 'meeting-create', form: 'meeting-form', field: 'meeting-title' },
      { screen: 'issues', open: 'issue-create', form: 'issue-form', field: 'issue-title' },
      { screen: 'contracts', open: 'contract-create', form: 'contract-form', field: 'contract-signatories' },
    ]) {
      await page.evaluate(({ c, s }) => { window.location.hash = `#/c/${c}/${s}`; }, { c: communityId, s: screen });
      await page.getByTestId(open).click();
      const dialog = page.getByRole('dialog').filter({ has: page.getByTestId(form) });
      await dialog.waitFor();
      const input = dialog.getByTestId(field);
      await input.fill('已经填写的内容');
      await page.keyboard.press('Escape');
      await ask.waitFor({ timeout: UI_TIMEOUT });
      await ask.getByTestId('unsaved-stay').click();
      await ask.waitFor({ state: 'detached' });
      expect(await input.inputValue()).toBe('已经填写的内容');
      await dialog.getByRole('button', { name: /取\s*消/ }).click();
      await ask.getByTestId('unsaved-leave').click();
      await dialog.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    }

    // 小区设置 is a page: a changed rule asks before a menu entry leaves it, and saving ends the question.
    await page.evaluate((c) => { window.location.hash = `#/c/${c}/settings`; }, communityId);
    const notice = page.getByTestId('rule-posting-days');
    await notice.waitFor();
    await notice.fill('5');
    await page.getByRole('menuitem', { name: '花名册', exact: true }).click();
    await question(page).waitFor({ timeout: UI_TIMEOUT });
    expect(await question(page).getByTestId('unsaved-question').textContent()).toBe('本页填写的内容有未保存的修改，离开将丢失。');
    await question(page).getByTestId('unsaved-stay').click();
    await question(page).waitFor({ state: 'detached' });
    expect(await notice.inputValue()).toBe('5');
    await page.getByTestId('community-save').click();
    await expect.poll(async () => (await env.call('community.get', { id: communityId }, session)).settings.meetingRules.postingDays, { timeout: UI_TIMEOUT }).toBe(5);
    await page.getByRole('menuitem', { name: '花名册', exact: true }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: UI_TIMEOUT }).toBe(`#/c/${communityId}/roster`);
    expect(await question(page).count()).toBe(0);
  }, TEST_TIMEOUT);
});

describe('every dialog that holds typed text (GuardedModal)', () => {
  const DIALOG_QUESTION = '对话框中填写的内容尚未保存，关闭将丢失。';
  const cancelButton = (dialog: Locator) => dialog.getByRole('button', { name: /^取\s*消$/ });

  /**
   * The dialog `open` gives, its text field `field`: closed untouched, 取消 asks
   * nothing; typed, 取消 asks — 继续填写 keeps the text, 放弃修改 closes; opened
   * again, the field is as it was before the typing.
   */
  async function guarded(page: Page, name: string, open: () => Promise<Locator>, field: string, typed: string): Promise<void> {
    const ask = question(page);
    let dialog = await open();
    const before = await dialog.getByTestId(field).inputValue();
    await cancelButton(dialog).click();
    await dialog.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    expect(await ask.count(), `${name}: closed untouched, nothing asked`).toBe(0);

    dialog = await open();
    await dialog.getByTestId(field).fill(typed);
    await cancelButton(dialog).click();
    await ask.waitFor({ timeout: UI_TIMEOUT });
    expect(await ask.getByTestId('unsaved-question').textContent()).toBe(DIALOG_QUESTION);
    if (name === 'advance') {
      await page.waitForTimeout(500); // the question's fade-in, for the picture
      await page.screenshot({ path: `${SHOTS}/unsaved-advance-confirm.png` });
    }
    await ask.getByTestId('unsaved-stay').click();
    await ask.waitFor({ state: 'detached' });
    expect(await dialog.getByTestId(field).inputValue(), `${name}: 继续填写 keeps the text`).toBe(typed);

    // × asks the same; 放弃修改 closes.
    await dialog.locator('.ant-modal-close').click();
    await ask.waitFor({ timeout: UI_TIMEOUT });
    await ask.getByTestId('unsaved-leave').click();
    await dialog.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });

    dialog = await open();
    expect(await dialog.getByTestId(field).inputValue(), `${name}: 放弃修改 threw the text away`).toBe(before);
    await cancelButton(dialog).click();
    await dialog.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    expect(await ask.count()).toBe(0);
  }

  it('asks before a matter\'s step, an issue\'s action and a new vote are closed with typed text', async () => {
    const { page } = env;
    const matter = await env.call('matter.create', { communityId, title: '1幢外墙渗水维修', raisedOn: MEETING_DATE }, session);
    const issue = await env.call('issue.create', { communityId, title: '楼道堆放杂物', category: '环境卫生', reportedAt: `${MEETING_DATE}T09:30` }, session);
    await openAndLogin(env);

    // 办理此步 of a matter (AdvanceModal: antd's own 取消 under okText).
    await page.evaluate(({ c, m }) => { window.location.hash = `#/c/${c}/matter/${m}`; }, { c: communityId, m: matter.id });
    await guarded(page, 'advance', async () => {
      await page.getByTestId('advance-open').first().click();
      const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('advance-form') });
      await dialog.waitFor();
      return dialog;
    }, 'advance-note', '已在1幢公告栏张贴征求意见表。');

    // 当场办结 of an issue (ActionModal).
    await page.evaluate(({ c, i }) => { window.location.hash = `#/c/${c}/issue/${i}`; }, { c: communityId, i: issue.id });
    await page.locator('[data-testid=issue-page][data-ready=true]').waitFor();
    await guarded(page, 'action', async () => {
      await page.getByTestId('issue-action-close').click();
      const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('action-form-close') });
      await dialog.waitFor();
      return dialog;
    }, 'action-note', '物业当场清理，已拍照留存。');

    // 发起表决 (VoteForm).
    await page.evaluate((c) => { window.location.hash = `#/c/${c}/votes`; }, communityId);
    await guarded(page, 'vote', async () => {
      await page.getByTestId('vote-create').click();
      const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('vote-form') });
      await dialog.getByTestId('vote-form').waitFor();
      return dialog;
    }, 'vote-title', '关于续聘物业服务企业的表决');

    // Typed and still open, leaving the page counts it as unsaved: the menu asks; staying keeps the dialog and its text.
    await page.getByTestId('vote-create').click();
    const vote = page.getByRole('dialog').filter({ has: page.getByTestId('vote-form') });
    await vote.getByTestId('vote-title').fill('关于更换门禁系统的表决');
    await page.evaluate(() => window.history.back());
    const ask = question(page);
    await ask.waitFor({ timeout: UI_TIMEOUT });
    expect(await ask.getByTestId('unsaved-question').textContent()).toBe('对话框中填写的内容有未保存的修改，离开将丢失。');
    await ask.getByTestId('unsaved-stay').click();
    await ask.waitFor({ state: 'detached' });
    expect(await vote.getByTestId('vote-title').inputValue()).toBe('关于更换门禁系统的表决');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/c/${communityId}/votes`);

    // Nothing was saved by any of it.
    const done = (m: typeof matter) => m.steps.filter((s) => s.done).length;
    expect(done(await env.call('matter.get', { id: matter.id }, session))).toBe(done(matter));
    expect((await env.call('issue.get', { id: issue.id }, session)).status).toBe('登记');
  }, TEST_TIMEOUT);

  it('the part drawer asks before its typed fields are closed away, and no longer once they are saved', async () => {
    const { page } = env;
    await env.call('part.create', { communityId, building: '1幢', room: '101', area: '88.00' }, session);
    await openAndLogin(env);
    await openRoster(env, communityId);
    await page.locator('[data-testid=roster-grid] .data-grid-row:not(.placeholder)').first().click();
    const form = page.getByTestId('part-form');
    await form.waitFor();
    const ask = question(page);

    await page.getByTestId('part-area').fill('89.50');
    await page.keyboard.press('Escape');
    await ask.waitFor({ timeout: UI_TIMEOUT });
    expect(await ask.getByTestId('unsaved-question').textContent()).toBe(DIALOG_QUESTION);
    await ask.getByTestId('unsaved-stay').click();
    await ask.waitFor({ state: 'detached' });
    expect(await page.getByTestId('part-area').inputValue()).toBe('89.50');

    // Saved, the drawer stays open; closing it now asks nothing.
    await form.getByRole('button', { name: /^保\s*存$/ }).click();
    await page.getByText('专有部分已保存').waitFor();
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    expect(await ask.count()).toBe(0);
  }, TEST_TIMEOUT);
});

/** The office's clock time now (Asia/Shanghai), HH:mm. */
function officeNow(): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date());
}
