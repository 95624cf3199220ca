/**
 * No lost updates (issue 17) in Chromium: two people on two PCs (two browser contexts on the same server), 王主任
 * and 李秘书, open the same issue's edit form and type. 王主任 saves first; 李秘书's save is refused and the
 * dialog names 王主任 and when, showing field by field what the form opened with, 王主任's change and what 李秘书
 * typed — which is still in the form behind it. 继续编辑 keeps the typing; 用我的内容覆盖 then saves it on the
 * fresh revision. A part's form and the minutes editor take the other change with 采用对方的内容. Screenshots in SHOTS.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { WORKED_ROSTER } from '../fixtures/worked-roster';
import { goTo, importRosterApi, openAndLogin, openRoster, searchRoster, setupAdmin, submitLogin, TEST_TIMEOUT, UI_TIMEOUT, useE2E } from './harness';
import { openIssueForm, settled } from './ui-steps';

const env = useE2E();
const SHOTS = process.env.E2E_SHOTS ?? '/tmp/shots';
const LI = { username: 'li', displayName: '李秘书', password: 'li-mima-2026-sanfang' };

let session = '';
let communityId = '';

beforeAll(async () => {
  session = await setupAdmin(env);
  communityId = await importRosterApi(env, session, '阳光小区', WORKED_ROSTER);
  const made = await env.call('user.create', { username: LI.username, displayName: LI.displayName, grants: [{ role: 'admin', communities: 'all' }], companyId: null }, session);
  const first = await env.call('auth.login', { username: LI.username, password: made.temporaryPassword });
  await env.call('auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: LI.password }, first.session);
  fs.mkdirSync(SHOTS, { recursive: true });
}, TEST_TIMEOUT);

/** 李秘书's PC: a second browser context on the same server, signed in as them. */
async function secondPerson(): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(UI_TIMEOUT);
  const page = await context.newPage();
  await page.goto(env.server.url);
  await submitLogin(page, LI.username, LI.password);
  await page.getByTestId('current-user').waitFor();
  return page;
}

describe('two people edit the same record', () => {
  it('the second save shows the first person\'s change beside one\'s own, keeps the typing, and saves it when told', async () => {
    const issue = await env.call('issue.create', { communityId, title: '3幢楼道堆放杂物', reportedAt: '2026-11-02T09:00', category: '其他', description: '楼道堆放纸箱' }, session);
    await openAndLogin(env);
    const wang = env.page;
    const li = await secondPerson();
    try {
      const wangForm = await openIssueForm(wang, communityId, issue.id);
      const liForm = await openIssueForm(li, communityId, issue.id);
      await wangForm.getByTestId('issue-description').fill('楼道堆放纸箱，已通知物业清理');
      await liForm.getByTestId('issue-place').fill('3幢二单元楼道');
      await liForm.getByTestId('issue-description').fill('楼道堆放纸箱和旧家具，影响消防通行');

      await wangForm.getByTestId('issue-save').click();
      await wangForm.waitFor({ state: 'hidden' });

      await liForm.getByTestId('issue-save').click();
      const conflict = li.getByTestId('conflict-dialog');
      await conflict.waitFor();
      const said = await li.getByTestId('conflict-message').textContent();
      expect(said).toMatch(/^此记录已被王主任（admin）于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改，请对照后再保存$/);
      const rows = await li.getByTestId('conflict-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
      expect(rows).toEqual([
        ['地点', '（空）', '（空）', '3幢二单元楼道'],
        ['问题描述', '楼道堆放纸箱', '楼道堆放纸箱，已通知物业清理', '楼道堆放纸箱和旧家具，影响消防通行'],
      ]);
      await settled(li.locator('body'));
      await li.screenshot({ path: `${SHOTS}/versions-conflict.png` });

      // 继续编辑: the dialog goes, the typing stays in the form.
      await li.getByTestId('conflict-keep-editing').click();
      await conflict.waitFor({ state: 'hidden' });
      expect(await liForm.getByTestId('issue-description').inputValue()).toBe('楼道堆放纸箱和旧家具，影响消防通行');
      expect(await liForm.getByTestId('issue-place').inputValue()).toBe('3幢二单元楼道');

      // Saving again asks again (nothing was decided); 用我的内容覆盖 saves on what was seen.
      await liForm.getByTestId('issue-save').click();
      await conflict.waitFor();
      await li.getByTestId('conflict-overwrite').click();
      await liForm.waitFor({ state: 'hidden' });
      const saved = await env.call('issue.get', { id: issue.id }, session);
      expect([saved.place, saved.description]).toEqual(['3幢二单元楼道', '楼道堆放纸箱和旧家具，影响消防通行']);
      const log = await env.call('audit.list', { entity: 'issue', entityId: issue.id, offset: 0, limit: 10 }, session);
      expect(log.rows.filter((r) => r.action === 'update').map((r) => r.author)).toEqual(['李秘书（li）', '王主任（admin）']);
    } finally {
      await li.context().close();
    }
  }, TEST_TIMEOUT);

  it('a part: 采用对方的内容 fills the form with the other change', async () => {
    const part = (await env.call('roster.page', { communityId, offset: 0, limit: 1 }, session)).rows[0]!;
    await openAndLogin(env);
    const page = env.page;
    await openRoster(env, communityId);
    expect(await searchRoster(page, part.address)).toBeGreaterThanOrEqual(1);
    await page.locator('[data-testid=roster-grid] .data-grid-row:not(.placeholder)').filter({ hasText: part.address }).first().click();
    const form = page.getByTestId('part-form');
    await form.waitFor();
    await expect.poll(() => form.getByTestId('part-area').inputValue(), { timeout: UI_TIMEOUT }).not.toBe('');
    const detail = await env.call('part.get', { id: part.partId }, session);
    // Meanwhile on another PC: the area corrected to the measured one.
    await env.call('part.update', {
      id: part.partId, building: detail.building, entrance: detail.entrance ?? '', room: detail.room, type: detail.type, area: '99.99', areaSource: '实测',
      deliveryStatus: detail.deliveryStatus, expectedRevision: detail.revision,
    }, (await env.call('auth.login', { username: LI.username, password: LI.password })).session);
    await form.getByTestId('part-area').fill('88.88');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('conflict-dialog').waitFor();
    expect(await page.getByTestId('conflict-message').textContent()).toMatch(/^此记录已被李秘书（li）于 /);
    await settled(page.locator('body'));
    await page.screenshot({ path: `${SHOTS}/versions-part-conflict.png` });
    await page.getByTestId('conflict-take-theirs').click();
    await expect.poll(() => form.getByTestId('part-area').inputValue(), { timeout: UI_TIMEOUT }).toBe('99.99');
    // Saved as it now is: no conflict, nothing lost.
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(async () => (await env.call('part.get', { id: part.partId }, session)).revision, { timeout: UI_TIMEOUT }).toBeGreaterThanOrEqual(detail.revision + 1);
    expect(await page.getByTestId('conflict-dialog').count()).toBe(0);
  }, TEST_TIMEOUT);

  it('minutes: a draft changed on another PC is not overwritten by this editor, and 采用对方的内容 takes it', async () => {
    const meeting = await env.call('meeting.create', { communityId, kind: '院坝会', title: '3幢院坝会', date: '2026-11-20', agenda: [{ title: '停车' }] }, session);
    const content = (recorder: string, other: string) => ({ attendees: '', recorder, items: [{ title: '停车', discussion: '', decision: '' }], actions: [], other });
    await env.call('minutes.saveDraft', { meetingId: meeting.id, content: content('刘洋', '') }, session);
    await openAndLogin(env, LI.username, LI.password);
    const page = env.page;
    await goTo(page, `#/c/${communityId}/meeting/${meeting.id}`);
    const editor = page.getByTestId('minutes-section').getByTestId('minutes-editor');
    await editor.waitFor();
    await expect.poll(() => editor.getByTestId('minutes-recorder').inputValue(), { timeout: UI_TIMEOUT }).toBe('刘洋');
    // 王主任, on another PC, saves the draft first.
    const draft = (await env.call('minutes.list', { meetingId: meeting.id }, session))[0]!;
    await env.call('minutes.saveDraft', { meetingId: meeting.id, content: content('刘洋', '下次会议定于月底'), expectedRevision: draft.revision }, session);

    await editor.getByTestId('minutes-recorder').fill('张敏');
    await editor.getByTestId('minutes-save').click();
    await page.getByTestId('conflict-dialog').waitFor();
    expect(await page.getByTestId('conflict-message').textContent()).toMatch(/^此记录已被王主任（admin）于 /);
    const rows = await page.getByTestId('conflict-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual([['记录人', '刘洋', '刘洋', '张敏'], ['其他', '（空）', '下次会议定于月底', '（空）']]);
    await page.getByTestId('conflict-take-theirs').click();
    await expect.poll(() => editor.getByTestId('minutes-recorder').inputValue(), { timeout: UI_TIMEOUT }).toBe('刘洋');
    expect(await editor.getByTestId('minutes-other').inputValue()).toBe('下次会议定于月底');
    // Their version, one's own addition typed again, saved on the fresh revision.
    await editor.getByTestId('minutes-recorder').fill('张敏');
    await editor.getByTestId('minutes-save').click();
    await expect.poll(async () => (await env.call('minutes.list', { meetingId: meeting.id }, session))[0]!.content, { timeout: UI_TIMEOUT })
      .toEqual(content('张敏', '下次会议定于月底'));
  }, TEST_TIMEOUT);
});
