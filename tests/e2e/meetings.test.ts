/**
 * Meetings through the UI: an owners' assembly noticed too late is refused
 * with the dates and saved with a written reason (shown on its page); the
 * attendee list typed row by row and printed as a sign-in sheet; the meeting
 * notice with its agenda; a committee meeting short of its quorum; the month
 * calendar. Printouts go to real PDFs read back with pdftotext and rendered
 * to PNG with pdftoppm (kept in /tmp/shots).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays } from '../../shared/domain/dates';
import { TEST_TIMEOUT, UI_TIMEOUT, openAndLogin, setupAdmin, useE2E } from './harness';
import { choose, openCommunitySettings, saveCommunitySettings } from './ui-steps';
import { officeDay } from '../fixtures/worked-roster';

const env = useE2E();
const SHOTS = '/tmp/shots';
let session = '';
let communityId = '';
const ids: Record<string, string> = {};

const TODAY = officeDay(0);
const ASSEMBLY_DATE = addDays(TODAY, 10);
const ASSEMBLY_TITLE = '2026年第一次业主大会';
const AGENDA = ['审议《业主大会议事规则》修订稿', '表决续聘物业服务企业', '通报上半年公共收益收支情况'];
const PEOPLE = [
  { party: '业委会', name: '张建国', role: '业委会主任' },
  { party: '业委会', name: '李秀英', role: '业委会委员' },
  { party: '居委会', name: '王丽华', role: '居委会书记' },
  { party: '物业', name: '赵志强', role: '项目经理' },
];

const squeeze = (text: string) => text.replace(/\s+/g, '');

beforeAll(async () => {
  session = await setupAdmin(env);
  const community = await env.call('community.create', { name: '和平小区', streetOffice: '南湖街道', communityOffice: '南湖社区' }, session);
  communityId = community.id;
  fs.mkdirSync(SHOTS, { recursive: true });
}, TEST_TIMEOUT);

async function openMeetings(page: Page): Promise<void> {
  await page.evaluate((id) => { window.location.hash = `#/c/${id}/meetings`; }, communityId);
  await page.getByTestId('meetings-page').waitFor();
}

async function openMeeting(page: Page, meetingId: string): Promise<void> {
  await page.evaluate(([c, m]) => { window.location.hash = `#/c/${c}/meeting/${m}`; }, [communityId, meetingId] as const);
  await page.locator(`[data-testid=meeting-page][data-ready=true]`).waitFor();
}

async function chooseKind(page: Page, kind: string): Promise<void> {
  await page.getByTestId('meeting-kind').click();
  await page.locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${kind}$`) }).click();
}

function currentMeetingId(page: Page): Promise<string> {
  return page.evaluate(() => /#\/c\/[^/]+\/meeting\/([^/?]+)/.exec(window.location.hash)?.[1] ?? '');
}

/** Print the current print view to PDF; returns its text, and keeps page 1 as PNG in /tmp/shots. */
/** Log in, open 会议, start 新建会议 and choose the kind; the form's dialog. */
async function newMeetingForm(e: typeof env, kind: string) {
  await openAndLogin(e);
  await openMeetings(e.page);
  await e.page.getByTestId('meeting-create').click();
  const dialog = e.page.getByRole('dialog');
  await dialog.getByTestId('meeting-form').waitFor();
  await chooseKind(e.page, kind);
  return dialog;
}

async function printToPdf(page: Page, name: string): Promise<string> {
  const pdf = path.join(env.tmpDir, `${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const prefix = path.join(SHOTS, `meetings-${name}`);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, prefix]);
  expect(fs.statSync(`${prefix}.png`).size).toBeGreaterThan(0);
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
}

describe('meetings', () => {
  it('refuses an owners\' assembly noticed 10 days ahead, naming the dates, and saves it with a reason', async () => {
    const { page } = env;
    const dialog = await newMeetingForm(env, '业主大会');
    await dialog.getByTestId('meeting-title').fill(ASSEMBLY_TITLE);
    await dialog.getByTestId('meeting-date').fill(ASSEMBLY_DATE);
    await dialog.getByTestId('meeting-time').fill('09:30');
    await dialog.getByTestId('meeting-notice-date').fill(TODAY);
    await dialog.getByTestId('meeting-place').fill('小区活动中心二楼会议室');
    await dialog.getByTestId('meeting-convener').fill('和平小区业主委员会');
    for (const [i, title] of AGENDA.entries()) {
      await dialog.getByTestId('agenda-add').click();
      await dialog.getByTestId(`agenda-title-${i}`).fill(title);
    }
    await dialog.getByTestId('agenda-vote-1').check();

    // While editing: the latest day to give notice, and that 10 days are too few.
    const latest = addDays(ASSEMBLY_DATE, -15);
    expect(await dialog.getByTestId('meeting-latest-notice').textContent()).toContain(`最迟通知日期：${latest}`);
    expect(await dialog.getByTestId('meeting-notice-hint').textContent()).toContain('只提前了10日');
    await page.screenshot({ path: `${SHOTS}/meetings-form.png` });

    await dialog.getByTestId('meeting-save').click();
    const violations = dialog.getByTestId('override-violations');
    await violations.waitFor({ timeout: UI_TIMEOUT });
    const text = (await violations.textContent()) ?? '';
    expect(text).toContain('业主大会须至少提前15日通知');
    expect(text).toContain(`会议日期 ${ASSEMBLY_DATE}`);
    expect(text).toContain(`通知日期 ${TODAY}`);
    expect(text).toContain(`最迟应于 ${latest} 通知`);
    expect((await env.call('meeting.list', { communityId }, session)).length).toBe(0);
    await page.screenshot({ path: `${SHOTS}/meetings-refused.png` });

    // 仍要保存 needs a reason.
    await dialog.getByTestId('meeting-override-save').click();
    await dialog.getByText('请写明理由', { exact: true }).waitFor();
    expect((await env.call('meeting.list', { communityId }, session)).length).toBe(0);

    const reason = '街道统一安排换届工作，已于当日张贴通知并逐户告知';
    await dialog.getByTestId('override-reason').fill(reason);
    await dialog.getByTestId('meeting-override-save').click();
    await page.locator('[data-testid=meeting-page][data-ready=true]').waitFor();
    ids.assembly = await currentMeetingId(page);
    expect(ids.assembly).not.toBe('');

    const override = page.getByTestId('meeting-override');
    await override.waitFor();
    expect(await override.getAttribute('data-rule')).toBe('notice-period');
    const overrideText = (await override.textContent()) ?? '';
    expect(overrideText).toContain(reason);
    expect(overrideText).toContain(`会议日期 ${ASSEMBLY_DATE}`);
    expect(overrideText).toContain('王主任');
    expect(await page.getByTestId('check-notice').getAttribute('data-state')).toBe('bad');
    expect(await page.getByTestId('check-notice').textContent()).toContain(`最迟 ${latest}`);
    expect(await page.getByTestId('meeting-agenda-item').count()).toBe(3);

    const saved = await env.call('meeting.get', { id: ids.assembly }, session);
    expect(saved.overrides.map((o) => [o.rule, o.reason])).toEqual([['notice-period', reason]]);
    expect(saved.agenda.map((a) => [a.title, a.forVote, a.inNotice])).toEqual([
      [AGENDA[0], false, true], [AGENDA[1], true, true], [AGENDA[2], false, true],
    ]);
    await page.screenshot({ path: `${SHOTS}/meetings-page.png`, fullPage: true });
  }, TEST_TIMEOUT);

  it('takes the attendee list row by row with Enter and prints the sign-in sheet', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openMeeting(page, ids.assembly!);

    // Enter moves 姓名 → 职务 → the next row (a new one after the last).
    for (const [i, p] of PEOPLE.entries()) {
      if (i > 0) await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(`attendee-name-${i}`);
      // A new row takes the party of the row above (an assembly's first row: 居委会).
      const preset = i === 0 ? '居委会' : PEOPLE[i - 1]!.party;
      if (preset !== p.party) {
        await choose(page, `attendee-party-${i}`, new RegExp(`^${p.party}$`));
        await page.getByTestId(`attendee-name-${i}`).click();
      }
      await page.keyboard.type(p.name);
      await page.keyboard.press('Enter');
      await page.keyboard.type(p.role);
      await page.keyboard.press('Enter');
    }
    // The last Enter added an empty row; it is not saved.
    await page.getByTestId(`attendee-row-${PEOPLE.length}`).waitFor();
    await page.getByTestId('attendees-save').click();
    await expect.poll(async () => (await env.call('meeting.get', { id: ids.assembly! }, session)).attendees.length, { timeout: UI_TIMEOUT }).toBe(PEOPLE.length);
    const saved = await env.call('meeting.get', { id: ids.assembly! }, session);
    expect(saved.attendees.map((a) => ({ party: a.party, name: a.name, role: a.role }))).toEqual(PEOPLE);
    await page.screenshot({ path: `${SHOTS}/meetings-attendees.png`, fullPage: true });

    await page.getByTestId('meeting-print-signin').click();
    await page.locator('[data-testid=signin-print][data-ready=true]').waitFor();
    expect(await page.getByTestId('signin-row').count()).toBe(PEOPLE.length);
    expect(await page.getByTestId('signin-blank-row').count()).toBe(10);
    await page.screenshot({ path: `${SHOTS}/meetings-signin-screen.png`, fullPage: true });

    const flat = squeeze(await printToPdf(page, 'signin'));
    expect(flat).toContain(`${ASSEMBLY_TITLE}签到表`);
    expect(flat).toContain('地点：小区活动中心二楼会议室');
    for (const header of ['序号', '单位/所属方', '姓名', '职务', '签到']) expect(flat).toContain(header);
    for (const p of PEOPLE) expect(flat).toContain(`${p.name}${p.role}`);
    // Grouped by party in the fixed order: 居委会 before 业委会 before 物业.
    expect(flat.indexOf('王丽华')).toBeLessThan(flat.indexOf('张建国'));
    expect(flat.indexOf('李秀英')).toBeLessThan(flat.indexOf('赵志强'));
    expect(flat).toContain(`应到${PEOPLE.length}人`);

    await page.getByTestId('print-toolbar').getByRole('button', { name: '返回' }).click();
    await page.locator('[data-testid=meeting-page][data-ready=true]').waitFor();
  }, TEST_TIMEOUT);

  it('prints the meeting notice with its agenda, the vote item marked', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openMeeting(page, ids.assembly!);
    await page.getByTestId('meeting-print-notice').click();
    await page.locator('[data-testid=meeting-notice-print][data-ready=true]').waitFor();
    expect(await page.getByTestId('print-title').textContent()).toBe(`关于召开${ASSEMBLY_TITLE}的通知`);
    await page.screenshot({ path: `${SHOTS}/meetings-notice-screen.png`, fullPage: true });

    const flat = squeeze(await printToPdf(page, 'notice'));
    expect(flat).toContain(`关于召开${ASSEMBLY_TITLE}的通知`);
    expect(flat).toContain('全体业主：');
    expect(flat).toContain('会议地点：小区活动中心二楼会议室');
    expect(flat).toContain('会议形式：现场会议');
    expect(flat).toContain(`1.${squeeze(AGENDA[0]!)}2.${squeeze(AGENDA[1]!)}（表决事项）3.${squeeze(AGENDA[2]!)}`);
    expect(flat).not.toContain(`${squeeze(AGENDA[0]!)}（表决事项）`);
    expect(flat).toContain('和平小区业主委员会');
    expect(flat).toContain('09:30');
  }, TEST_TIMEOUT);

  it('refuses to record a committee meeting with 2 of 5 members present, then records it with a reason', async () => {
    const { page } = env;
    const dialog = await newMeetingForm(env, '业委会会议');
    await dialog.getByTestId('meeting-title').fill('业委会第五次会议');
    await dialog.getByTestId('meeting-date').fill(TODAY);
    await dialog.getByTestId('meeting-time').fill('19:00');
    await dialog.getByTestId('meeting-members').fill('5');
    await dialog.getByTestId('agenda-add').click();
    await dialog.getByTestId('agenda-title-0').fill('决定更换小区监控设备');
    await dialog.getByTestId('agenda-vote-0').check();
    await dialog.getByTestId('meeting-save').click();
    await page.locator('[data-testid=meeting-page][data-ready=true]').waitFor();
    ids.committee = await currentMeetingId(page);
    expect((await env.call('meeting.get', { id: ids.committee }, session)).membersTotal).toBe(5);

    await env.call('meeting.setAttendees', {
      id: ids.committee,
      attendees: ['甲', '乙', '丙', '丁', '戊'].map((n) => ({ party: '业委会' as const, name: `委员${n}`, role: '委员', isMember: true })),
    }, session);
    await page.reload();
    await page.locator('[data-testid=meeting-page][data-ready=true]').waitFor();
    expect(await page.getByTestId('check-quorum').textContent()).toContain('成员5人，须过半数即至少3人出席');

    await page.getByTestId('meeting-record-results').click();
    const results = page.getByRole('dialog');
    await results.getByTestId('results-form').waitFor();
    await results.getByTestId('results-present-0').check();
    await results.getByTestId('results-present-1').check();
    await results.getByTestId('results-votes-0').fill('2');
    await results.getByTestId('results-save').click();
    const violations = results.getByTestId('override-violations');
    await violations.waitFor({ timeout: UI_TIMEOUT });
    expect(await violations.textContent()).toContain('成员5人，至少3人出席，实到2人');
    expect((await env.call('meeting.get', { id: ids.committee }, session)).status).toBe('planned');
    await page.screenshot({ path: `${SHOTS}/meetings-quorum.png` });

    await results.getByTestId('override-reason').fill('三名委员出差，会议照常进行，决定待补充表决');
    await results.getByTestId('results-override-save').click();
    await results.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('meeting-page').getAttribute('data-status')).toBe('held');
    expect(await page.getByTestId('check-quorum').getAttribute('data-state')).toBe('bad');
    expect(await page.getByTestId('check-quorum').textContent()).toContain('实到成员2人');
    expect(await page.getByTestId('meeting-override').getAttribute('data-rule')).toBe('quorum');
    // 2 yes votes of 5 members do not pass.
    expect(await page.getByTestId('meeting-agenda-passed').textContent()).toBe('未通过');
    const saved = await env.call('meeting.get', { id: ids.committee }, session);
    expect(saved.attendees.map((a) => a.present)).toEqual([true, true, false, false, false]);
    await page.screenshot({ path: `${SHOTS}/meetings-committee.png`, fullPage: true });
  }, TEST_TIMEOUT);

  it('shows meetings on their day in the month calendar and opens them', async () => {
    const { page } = env;
    const month = TODAY.slice(0, 7);
    const day = `${month}-17`;
    const other = addDays(`${month}-01`, 40); // another month
    const created = await env.call('meeting.create', {
      communityId, kind: '联席会议', title: '三方联席会议（月历）', date: day, startTime: '14:30', place: '社区会议室',
    }, session);
    await env.call('meeting.create', { communityId, kind: '院坝会', title: '下月院坝会', date: other }, session);

    await openAndLogin(env);
    await openMeetings(page);
    await page.getByTestId('meetings-tab-calendar').click();
    const calendar = page.locator(`[data-testid=meeting-calendar][data-month="${month}"][data-loaded=true]`);
    await calendar.waitFor();
    // The calendar's own cell of the day (antd titles each cell with its date), not only our mark.
    const cellOf = (date: string) => calendar.locator(`td[title="${date}"]`);
    expect(await cellOf(day).textContent()).toContain('14:30 三方联席会议（月历）');
    expect(await cellOf(addDays(day, -1)).textContent()).not.toContain('三方联席会议');
    expect(await cellOf(addDays(day, 1)).textContent()).not.toContain('三方联席会议');
    expect(await cellOf(TODAY).textContent()).toContain('业委会第五次会议');
    expect(await page.getByTestId(`calendar-day-${day}`).textContent()).toContain('三方联席会议（月历）');
    expect(await calendar.textContent()).not.toContain('下月院坝会');
    await page.screenshot({ path: `${SHOTS}/meetings-calendar.png`, fullPage: true });

    await page.getByTestId(`calendar-meeting-${created.id}`).click();
    await page.locator('[data-testid=meeting-page][data-ready=true]').waitFor();
    expect(await currentMeetingId(page)).toBe(created.id);
    expect(await page.getByTestId('meeting-page-title').textContent()).toBe('三方联席会议（月历）');

    // The list of upcoming meetings: from today on, in date order.
    await openMeetings(page);
    const grid = page.getByTestId('meetings-grid');
    await expect.poll(() => grid.getAttribute('data-total')).not.toBe('');
    const titles = await grid.locator('.data-grid-row [role=cell]:nth-child(4)').allTextContents();
    expect(titles).toContain(ASSEMBLY_TITLE);
    expect(titles).toContain('下月院坝会');
    await page.screenshot({ path: `${SHOTS}/meetings-list.png`, fullPage: true });
  }, TEST_TIMEOUT);

  it('keeps the meeting rules in the community settings, with their defaults and sources', async () => {
    const { page } = env;
    await openAndLogin(env);
    // The rules live on 小区设置 (the community's page), no longer in a dialog.
    const dialog = await openCommunitySettings(page);
    const rules = dialog.getByTestId('community-meeting-rules');
    await rules.waitFor();
    expect(await rules.getByTestId('rule-assembly-notice').inputValue()).toBe('15');
    expect(await rules.getByTestId('rule-posting-days').inputValue()).toBe('3');
    expect(await rules.getByTestId('rule-committee-months').inputValue()).toBe('2');
    expect(await rules.textContent()).toContain('《物业管理条例》第十四条');
    expect(await rules.textContent()).toContain('过半数（超过全体委员的一半）');

    await rules.getByTestId('rule-extraordinary-notice').fill('7');
    await rules.getByTestId('rule-decision').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '半数以上（含半数）' }).click();
    await rules.evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: `${SHOTS}/meetings-community-rules.png` });
    await saveCommunitySettings(page);
    const saved = await env.call('community.get', { id: communityId }, session);
    expect(saved.settings.meetingRules).toEqual({
      assemblyNoticeDays: 15, extraordinaryNoticeDays: 7, committeeDecisionRule: 'half-or-more', postingDays: 3, committeeMeetingMonths: 2,
    });
    // The committee meeting's 2 yes votes of 5 still do not pass (half or more of 5 is 3).
    const committee = await env.call('meeting.get', { id: ids.committee! }, session);
    expect(committee.agenda[0]!.passed).toBe(false);
  }, TEST_TIMEOUT);
});
