/**
 * Recording a committee meeting after it was held (issue 15): the notice date is not today's (empty, or the
 * meeting date less the notice period for an assembly, following the date while untouched); the members and
 * 应到 come from 组织建设 (a body of 7 set up through the API) and start the attendee list; a 物业 attendee is
 * not a member; the sign-in sheet prints 应到7人 and the 实到 of members; the printed minutes state 应到/实到 and
 * the decision's count; the posting deadline gone by is red in words on the meeting's page.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays } from '../../shared/domain/dates';
import { officeDay } from '../fixtures/worked-roster';
import { TEST_TIMEOUT, UI_TIMEOUT, openAndLogin, setupAdmin, useE2E } from './harness';
import { choose } from './ui-steps';

const env = useE2E();
const SHOTS = '/tmp/shots';
let session = '';
let communityId = '';

const TODAY = officeDay(0);
const HELD = addDays(TODAY, -20);
const TITLE = '第六次业委会会议';
const ITEM = '决定更换小区监控设备';
const MEMBERS = [
  ['张建国', '主任'], ['李秀英', '副主任'], ['王志刚', '委员'], ['刘芳', '委员'], ['陈明', '委员'], ['杨华', '委员'], ['周敏', '委员'],
] as const;
const squeeze = (text: string) => text.replace(/\s+/g, '');

beforeAll(async () => {
  session = await setupAdmin(env);
  communityId = (await env.call('community.create', { name: '和平小区', streetOffice: '南湖街道', communityOffice: '南湖社区' }, session)).id;
  await env.call('body.create', {
    communityId, kind: '业主委员会', electedOn: addDays(TODAY, -400), termYears: 5,
    members: MEMBERS.map(([name, role]) => ({ name, role })), overrideReason: '测试小区没有登记户数',
  }, session);
  fs.mkdirSync(SHOTS, { recursive: true });
}, TEST_TIMEOUT);

async function chooseKind(page: Page, kind: string): Promise<void> {
  await page.getByTestId('meeting-kind').click();
  await page.locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${kind}$`) }).click();
}

const go = (page: Page, hash: string) => page.evaluate((h) => { window.location.hash = h; }, hash);

/** Each test has its own page: log in and open the hash. */
async function open(hash: string): Promise<Page> {
  await openAndLogin(env);
  await go(env.page, hash);
  return env.page;
}

describe('a meeting recorded after it was held', () => {
  let meetingId = '';

  it('takes the notice date from the rules, not today, and the members from 组织建设', async () => {
    const { page } = env;
    await openAndLogin(env);
    await go(page, `#/c/${communityId}/meetings`);
    await page.getByTestId('meetings-page').waitFor();
    await page.getByTestId('meeting-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('meeting-form').waitFor();
    expect(await dialog.getByTestId('meeting-notice-date').inputValue()).toBe('');

    // An assembly held in the past: notice due 15 days before; it follows the date while untouched.
    await chooseKind(page, '业主大会');
    await dialog.getByTestId('meeting-date').fill(HELD);
    await expect.poll(() => dialog.getByTestId('meeting-notice-date').inputValue()).toBe(addDays(HELD, -15));
    await dialog.getByTestId('meeting-notice-suggested').waitFor();
    await dialog.getByTestId('meeting-date').fill(addDays(HELD, -1));
    await expect.poll(() => dialog.getByTestId('meeting-notice-date').inputValue()).toBe(addDays(HELD, -16));

    // The committee meeting: no notice period, so no notice date; 应到 7 from the body.
    await chooseKind(page, '业委会会议');
    await expect.poll(() => dialog.getByTestId('meeting-notice-date').inputValue()).toBe('');
    await dialog.getByTestId('meeting-date').fill(HELD);
    await dialog.getByTestId('meeting-title').fill(TITLE);
    await dialog.getByTestId('meeting-time').fill('19:00');
    const body = dialog.getByTestId('meeting-body-members');
    await body.waitFor({ timeout: UI_TIMEOUT });
    expect(await body.textContent()).toContain('业主委员会');
    expect(await body.textContent()).toContain('7人');
    for (const [name] of MEMBERS) expect(await body.textContent()).toContain(name);
    await expect.poll(() => dialog.getByTestId('meeting-members').inputValue()).toBe('7');
    await dialog.getByTestId('agenda-add').click();
    await dialog.getByTestId('agenda-title-0').fill(ITEM);
    await dialog.getByTestId('agenda-vote-0').check();
    await page.screenshot({ path: `${SHOTS}/meetings-after-form.png` });

    // Another count for this meeting needs a reason.
    await dialog.getByTestId('meeting-members').fill('6');
    await dialog.getByTestId('meeting-members-differ').waitFor();
    await dialog.getByTestId('meeting-save').click();
    await dialog.getByTestId('override-violations').waitFor({ timeout: UI_TIMEOUT });
    expect(await dialog.getByTestId('override-violations').textContent()).toContain('7名成员不同');
    await dialog.getByTestId('meeting-members').fill('7');
    await dialog.getByTestId('meeting-save').click();
    await page.locator('[data-testid=meeting-page][data-ready=true]').waitFor();
    meetingId = await page.evaluate(() => /#\/c\/[^/]+\/meeting\/([^/?]+)/.exec(window.location.hash)?.[1] ?? '');

    const saved = await env.call('meeting.get', { id: meetingId }, session);
    expect(saved.noticeDate).toBeNull();
    expect(saved.membersTotal).toBe(7);
    expect(saved.overrides).toEqual([]);
    expect(saved.attendees.map((a) => [a.party, a.name, a.role, a.isMember])).toEqual(MEMBERS.map(([n, r]) => ['业委会', n, r, true]));
  }, TEST_TIMEOUT);

  it('adds 物业 as an attendee who is not a member', async () => {
    const page = await open(`#/c/${communityId}/meeting/${meetingId}`);
    await page.locator('[data-testid=meeting-page][data-ready=true]').waitFor();
    await page.getByTestId('attendee-add').click();
    // The new row follows the row above (业委会, a member) until its party is 物业.
    expect(await page.getByTestId('attendee-member-7').isChecked()).toBe(true);
    await choose(page, 'attendee-party-7', /^物业$/);
    expect(await page.getByTestId('attendee-member-7').isChecked()).toBe(false);
    await page.getByTestId('attendee-name-7').fill('赵志强');
    await page.getByTestId('attendee-role-7').fill('项目经理');
    await page.getByTestId('attendees-save').click();
    await expect.poll(async () => (await env.call('meeting.get', { id: meetingId }, session)).attendees.length, { timeout: UI_TIMEOUT }).toBe(8);
    const m = await env.call('meeting.get', { id: meetingId }, session);
    expect(m.attendees.at(-1)).toMatchObject({ party: '物业', name: '赵志强', isMember: false });

    // Six members and 物业 came; 5 voted yes.
    await env.call('meeting.recordResults', {
      id: meetingId,
      present: m.attendees.map((a, i) => ({ attendeeId: a.id, present: i !== 6 })),
      votes: [{ agendaItemId: m.agenda[0]!.id, yes: 5 }],
    }, session);
  }, TEST_TIMEOUT);

  it('shows the posting deadline gone by in red, in words', async () => {
    const page = await open(`#/c/${communityId}/meeting/${meetingId}`);
    await page.locator('[data-testid=meeting-page][data-ready=true][data-status=held]').waitFor();
    const posting = page.getByTestId('check-posting');
    expect(await posting.getAttribute('data-state')).toBe('overdue');
    expect(await posting.textContent()).toContain('已逾期');
    expect(await posting.textContent()).toContain('仍未公告');
    const color = await page.getByTestId('check-posting-words').evaluate((el) => getComputedStyle(el).color);
    expect(color).toBe('rgb(196, 48, 43)');
    await page.getByTestId('meeting-checks').screenshot({ path: `${SHOTS}/meetings-after-checks.png` });
  }, TEST_TIMEOUT);

  it('prints 应到7人 and the members present on the sign-in sheet', async () => {
    const page = await open(`#/c/${communityId}/print/sign-in/${meetingId}`);
    await page.locator('[data-testid=signin-print][data-ready=true]').waitFor();
    const note = squeeze((await page.getByTestId('signin-count').textContent()) ?? '');
    expect(note).toContain('应到7人');
    expect(note).toContain('实到6人');
    expect(note).toContain('列席1人');
    await page.screenshot({ path: `${SHOTS}/meetings-after-signin.png`, fullPage: true });
  }, TEST_TIMEOUT);

  it('prints the minutes with 应到/实到 and the decision\'s count, titled without a doubled 会议', async () => {
    const draft = await env.call('minutes.saveDraft', {
      meetingId,
      content: {
        attendees: MEMBERS.filter((_, i) => i !== 6).map(([n]) => n).join('、'), recorder: '李秀英',
        items: [{ title: ITEM, discussion: '现有监控设备老化，夜间画面不清。', decision: '同意更换，费用从公共收益中列支。' }],
      },
    }, session);
    const page = await open(`#/c/${communityId}/print/minutes/${draft.id}`);
    await page.locator('[data-testid=minutes-print][data-ready=true]').waitFor();
    expect(await page.getByTestId('print-title').textContent()).toBe('第六次业委会会议纪要');
    const count = squeeze((await page.getByTestId('minutes-print-count').textContent()) ?? '');
    expect(count).toContain('应到7人，实到6人');
    expect(count).toContain('列席1人');
    const vote = squeeze((await page.getByTestId('minutes-print-vote').textContent()) ?? '');
    expect(vote).toContain('同意5票');
    expect(vote).toContain('须4票同意），通过');
    await page.screenshot({ path: `${SHOTS}/meetings-after-minutes.png`, fullPage: true });
  }, TEST_TIMEOUT);
});
