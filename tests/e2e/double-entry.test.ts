/**
 * Double entry (双人录入) through the UI, on docs/domain.md §4's worked roster
 * (0001 = A's 1幢101+102; 0002 = B's 2幢201; 0003 = C and D's 2幢202;
 * 0004 = the developer's 3幢301+302) and a vote with a whole-community item
 * and an item of 1幢:
 * - the create form's 双人录入 checkbox makes a double-entry vote, whose page
 *   has the 双人录入核对 panel; a vote without it has no pass switch;
 * - the second pass on the entry screen (第二遍复核录入, said by a label and a
 *   colour): the first entry is not shown, Enter saves with ballot.check, a
 *   subject entered again is replaced (no duplicate panel), the count shows
 *   how many subjects still differ, each saved entry says whether it matches;
 *   the ballots that count do not move;
 * - the vote page's settlement list in three filters with their counts —
 *   不一致 (default), 缺第二遍, 已核对 — following the live tally; a real
 *   difference is settled with a reason (以第二遍为准 replaces the counted
 *   ballot, 以第一遍为准 keeps it); a subject entered in one pass only has no
 *   such buttons but 去录第二遍 / 去录第一遍, which open the entry screen in that
 *   pass at that subject; agreeing passes are 已核对 at once (no confirmation
 *   step, said on the screen); closing is refused while any remain (main's
 *   message shown, until read); once none remain the vote closes;
 * - fast entry speaks through one status line under the lookup, never a stack
 *   of antd messages;
 * - the two passes of a ballot are two people's: the first pass is 李秘书's (a
 *   业委会秘书, made with user.create, entering on her own PC: the API here), the
 *   screen's second pass 王主任's; a pass over one's own other pass is refused
 *   by main, its words on the status line (the second pass of a ballot whose
 *   first is one's own; the first pass of one whose second is).
 *
 * Screenshots go to /tmp/shots/double-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ballotShown, choices, createWorkedVote, entryDone, focused, ITEM_GENERAL, setUpWorkedCommunity, statusSays, subjectByCode as subjectOf, type WorkedCommunity } from './ballot-entry-steps';
import { TEST_TIMEOUT, UI_TIMEOUT, goTo, openAndLogin, useE2E } from './harness';
import { choose } from './ui-steps';

const env = useE2E();
const SHOTS = '/tmp/shots';

let c: WorkedCommunity;
let session = '';
/** 李秘书's session: the other clerk, on her own PC. */
let clerk = '';
let communityId = '';
const LI = { username: 'li', displayName: '李秘书', password: 'li-mima-2026-sanfang' };

const createVote = (title: string, doubleEntry: boolean) => createWorkedVote(env, c, title, doubleEntry);

beforeAll(async () => {
  c = await setUpWorkedCommunity(env);
  ({ session, communityId } = c);
  // The other clerk, made as the office makes one: user.create, then the temporary password changed.
  const made = await env.call('user.create', { username: LI.username, displayName: LI.displayName, grants: [{ role: 'secretary', communities: [communityId] }], companyId: null }, session);
  const first = await env.call('auth.login', { username: LI.username, password: made.temporaryPassword });
  await env.call('auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: LI.password }, first.session);
  clerk = (await env.call('auth.login', { username: LI.username, password: LI.password })).session;
  fs.mkdirSync(SHOTS, { recursive: true });
}, TEST_TIMEOUT);

const go = goTo;




const checkDifferences = async (page: Page) => Number(await page.getByTestId('entry-check-count').getAttribute('data-differences'));
/** The first recent entry's code and match tag ('' when none). */
const lastRecent = async (page: Page) => {
  const item = page.locator('[data-testid=entry-recent-item]').first();
  return { code: await item.getAttribute('data-code'), kind: await item.getAttribute('data-kind'), match: await item.getAttribute('data-match') };
};

const subjectId = async (voteId: string, code: string) => (await subjectOf(env, c, voteId, code)).id;

/** A first-pass ballot entered elsewhere: by 李秘书 unless said. */
async function recordFirst(voteId: string, code: string, choices: { itemId: string; choice: 'yes' | 'no' | 'abstain' | 'blank' }[], by = clerk) {
  await env.call('ballot.record', {
    voteId, subjectId: await subjectId(voteId, code), choices,
    valid: true, invalidReason: '', channel: '纸质', proxyHolder: '', proxyDocument: '', note: '',
  }, by);
}

/** The save was refused: the one status line says so, with main's words, and the ballot stays on screen; Esc leaves it. */
async function refusedOnStatusLine(page: Page, addresses: string, words: string): Promise<void> {
  await expect.poll(() => page.getByTestId('entry-status').getAttribute('data-tone'), { timeout: UI_TIMEOUT }).toBe('error');
  expect(await page.getByTestId('entry-status-text').textContent()).toBe(`未保存 ${addresses}`);
  expect(await page.getByTestId('entry-status').textContent()).toContain(words);
  expect(await page.getByTestId('entry-status').count()).toBe(1);
  // Not in an antd message either (the vote page's 已处理 may still be fading out after a settlement).
  expect(await page.locator('.ant-message-notice', { hasText: words }).count()).toBe(0);
}

type Filter = 'differ' | 'missing' | 'agreed';

/**
 * Once the panel counts `blocking` subjects still to settle (不一致 + 缺第二遍), the rows of one filter:
 * [code, problems joined by ' | ', or the 已核对 result].
 */
async function rowsIn(page: Page, state: Filter, blocking: number): Promise<string[][]> {
  const panel = page.getByTestId('vote-double-entry');
  await expect.poll(() => panel.getAttribute('data-differences'), { timeout: UI_TIMEOUT }).toBe(String(blocking));
  if (await panel.getAttribute('data-state') !== state) await page.getByTestId(`vote-de-filter-${state}`).click();
  await expect.poll(() => panel.getAttribute('data-state'), { timeout: UI_TIMEOUT }).toBe(state);
  await panel.locator('[data-testid=vote-de-table], [data-testid=vote-de-empty]').first().waitFor();
  return panel.locator('[data-testid=vote-de-row]').evaluateAll((rows) => rows.map((r) => [
    r.getAttribute('data-code') ?? '',
    [...r.querySelectorAll('[data-testid=vote-de-problem], [data-testid=vote-de-agreed]')].map((p) => p.textContent ?? '').join(' | '),
  ]));
}
const differenceRows = (page: Page, blocking: number) => rowsIn(page, 'differ', blocking);

/** The count on each filter. */
async function filterCounts(page: Page): Promise<Record<Filter, number>> {
  const count = async (s: Filter) => Number(await page.getByTestId(`vote-de-filter-${s}`).getAttribute('data-count'));
  return { differ: await count('differ'), missing: await count('missing'), agreed: await count('agreed') };
}

async function openVotePage(page: Page, voteId: string): Promise<void> {
  await go(page, `#/c/${communityId}/vote/${voteId}`);
  await page.locator('[data-testid=vote-page][data-ready=true]').waitFor();
}

describe('double entry', () => {
  it('the create form\'s 双人录入 makes a double-entry vote with its 核对 panel; a vote without it has no second pass', async () => {
    const { page } = env;
    await openAndLogin(env);
    await go(page, `#/c/${communityId}/votes`);
    await page.locator('[data-testid=votes-page][data-ready=true]').waitFor();
    await page.getByTestId('vote-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('vote-form').waitFor();
    expect(await dialog.getByTestId('vote-double-entry').isChecked()).toBe(false);
    expect(await dialog.getByTestId('vote-double-entry-help').textContent()).toContain('两位工作人员各自独立录入');
    await dialog.getByTestId('vote-title').fill('2026年第三次业主大会表决');
    await dialog.getByTestId('vote-item-title-0').fill(ITEM_GENERAL);
    await choose(page, 'vote-item-category-0', /^第4项/);
    await dialog.getByTestId('vote-double-entry').check();
    await dialog.getByTestId('vote-entry-mode').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'double-form.png') });
    await dialog.getByTestId('vote-save').click();
    await page.locator('[data-testid=vote-page][data-ready=true]').waitFor();
    const voteId = await page.evaluate(() => /#\/c\/[^/]+\/vote\/([^/?]+)/.exec(window.location.hash)?.[1] ?? '');
    expect((await env.call('vote.get', { id: voteId }, session)).doubleEntry).toBe(true);
    await page.getByTestId('vote-de-none').waitFor();
    expect(await page.getByTestId('vote-de-count').textContent()).toBe('0');

    // A vote without double entry: no panel, and the entry screen has one pass only.
    const plain = await createVote('2026年第四次业主大会表决', false);
    await openVotePage(page, plain.id);
    await page.getByTestId('vote-items').waitFor();
    expect(await page.getByTestId('vote-double-entry').count()).toBe(0);
    await go(page, `#/c/${communityId}/vote/${plain.id}/entry`);
    await page.locator('[data-testid=ballot-entry-page][data-ready=true]').waitFor();
    expect(await page.getByTestId('entry-pass').count()).toBe(0);
    expect(await page.getByTestId('entry-pass-banner').count()).toBe(0);
  }, TEST_TIMEOUT);

  let voteId = '';

  it('enters the second pass with ballot.check: the first entry hidden, a repeat replaced, the differences counted, the tally untouched', async () => {
    const { page } = env;
    const vote = await createVote('2026年第一次业主大会表决', true);
    voteId = vote.id;
    const [general, lift] = vote.items;
    // The first pass (the ballots that count): 0001 yes/yes, 0002 yes, 0003 no; 0004 not returned.
    await recordFirst(voteId, '0001', [{ itemId: general!.id, choice: 'yes' }, { itemId: lift!.id, choice: 'yes' }]);
    await recordFirst(voteId, '0002', [{ itemId: general!.id, choice: 'yes' }]);
    await recordFirst(voteId, '0003', [{ itemId: general!.id, choice: 'no' }]);
    const tallyBefore = await env.call('vote.tally', { id: voteId }, session);

    await openAndLogin(env);
    // Before the second pass nothing differs: every first entry misses its second pass.
    await openVotePage(page, voteId);
    expect(await differenceRows(page, 3)).toEqual([]);
    expect(await filterCounts(page)).toEqual({ differ: 0, missing: 3, agreed: 0 });
    expect(await rowsIn(page, 'missing', 3)).toEqual([['0001', '只有第一遍录入'], ['0002', '只有第一遍录入'], ['0003', '只有第一遍录入']]);

    await go(page, `#/c/${communityId}/vote/${voteId}/entry`);
    const entry = page.locator('[data-testid=ballot-entry-page][data-ready=true]');
    await entry.waitFor();
    // The first pass by default, said by the label.
    expect(await entry.getAttribute('data-pass')).toBe('first');
    expect(await page.getByTestId('entry-pass-banner').textContent()).toContain('第一遍录入');
    const firstColour = await page.locator('.be-pass-label').evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(await page.getByTestId('entry-check-count').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'double-entry-first.png') });

    await page.getByTestId('entry-pass').getByText('第二遍复核录入').click();
    await expect.poll(() => entry.getAttribute('data-pass')).toBe('second');
    expect(await page.getByTestId('entry-pass-banner').textContent()).toContain('第二遍复核录入：须由第一遍之外的另一人');
    expect(await page.locator('.be-pass-label').evaluate((e) => getComputedStyle(e).backgroundColor)).not.toBe(firstColour);
    await expect.poll(() => focused(page), { timeout: UI_TIMEOUT }).toBe('entry-lookup-input');
    expect(await checkDifferences(page)).toBe(3);

    // 0001, mistyped (yes/no): the first entry is not shown; Enter saves the second entry, which differs.
    await page.keyboard.type('0001');
    await ballotShown(page, '0001');
    expect(await page.getByTestId('entry-existing').count()).toBe(0);
    await page.keyboard.press('1');
    await page.keyboard.press('2');
    await expect.poll(() => choices(page)).toEqual(['yes', 'no']);
    await page.screenshot({ path: path.join(SHOTS, 'double-entry-second.png') });
    await page.keyboard.press('Enter');
    await entryDone(page);
    expect(await lastRecent(page)).toEqual({ code: '0001', kind: 'checked', match: 'differs' });
    expect(await checkDifferences(page)).toBe(3);

    // 0001 again (yes/yes): said to replace the earlier second entry; no duplicate panel; now it matches.
    await page.keyboard.type('0001');
    await ballotShown(page, '0001');
    await page.getByTestId('entry-check-again').waitFor();
    await page.keyboard.press('1');
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await entryDone(page);
    expect(await page.getByTestId('entry-conflict').count()).toBe(0);
    expect(await lastRecent(page)).toEqual({ code: '0001', kind: 'checked', match: 'same' });
    await expect.poll(() => checkDifferences(page)).toBe(2);
    expect(await page.locator('[data-testid=entry-recent-item][data-code="0001"]').count()).toBe(1);

    // 0002 read as no (the first pass had yes).
    await page.keyboard.type('0002');
    await ballotShown(page, '0002');
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
    await entryDone(page);
    expect(await lastRecent(page)).toEqual({ code: '0002', kind: 'checked', match: 'differs' });
    expect(await checkDifferences(page)).toBe(2);

    // 0004 (not in the first pass): invalid with its reason (W), as on the first pass.
    await page.keyboard.type('0004');
    await ballotShown(page, '0004');
    await page.keyboard.press('w');
    await expect.poll(() => focused(page)).toBe('entry-invalid-reason');
    await page.keyboard.type('未签名');
    await page.keyboard.press('Enter');
    await entryDone(page);
    expect(await lastRecent(page)).toEqual({ code: '0004', kind: 'checked', match: 'no-first' });
    await expect.poll(() => checkDifferences(page)).toBe(3);
    expect(await page.getByTestId('entry-check-entered').textContent()).toContain('3');
    await page.screenshot({ path: path.join(SHOTS, 'double-entry-second-done.png') });
    await page.getByTestId('entry-recent').screenshot({ path: path.join(SHOTS, 'double-entry-recent.png') });

    // The ballots that count are the first pass's.
    expect(await env.call('vote.tally', { id: voteId }, session)).toEqual(tallyBefore);
  }, TEST_TIMEOUT);

  it('lists the differences, refuses to close while any remain, settles each with a reason, then closes', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openVotePage(page, voteId);
    expect(await differenceRows(page, 3)).toEqual([
      ['0002', `议题“${ITEM_GENERAL}”：第一遍同意，第二遍反对`],
      ['0004', '只有第二遍录入'],
    ]);
    expect(await filterCounts(page)).toEqual({ differ: 2, missing: 1, agreed: 1 });
    const panel = page.getByTestId('vote-double-entry');
    expect(await panel.locator('[data-testid=vote-de-row][data-code="0002"]').textContent()).toContain('2幢201');

    // Another clerk's second entry elsewhere: the open page follows with the live tally, without a reload.
    const vote = await env.call('vote.get', { id: voteId }, session);
    const a = await subjectId(voteId, '0001');
    const recheck = (lift: 'yes' | 'no') => env.call('ballot.check', {
      voteId, subjectId: a, choices: [{ itemId: vote.items[0]!.id, choice: 'yes' }, { itemId: vote.items[1]!.id, choice: lift }],
      valid: true, invalidReason: '', channel: '纸质', proxyHolder: '', proxyDocument: '', note: '',
    }, session);
    await recheck('no');
    expect((await differenceRows(page, 4)).map((r) => r[0])).toEqual(['0001', '0002', '0004']);
    expect(await page.getByTestId('vote-de-count').textContent()).toBe('4');
    await recheck('yes');
    expect((await differenceRows(page, 3)).map((r) => r[0])).toEqual(['0002', '0004']);
    expect(await page.getByTestId('vote-de-blocks-close').textContent()).toContain('不能结束表决');
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'double-vote-panel.png') });

    // 0002 以第二遍为准: a reason is required; then the counted ballot becomes no.
    const row = (code: string) => panel.locator(`[data-testid=vote-de-row][data-code="${code}"]`);
    await row('0002').getByTestId('vote-de-keep-second').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('[data-testid=vote-de-settle][data-keep=second]').waitFor();
    await dialog.getByTestId('vote-de-settle-save').click();
    await dialog.getByText('请填写理由').first().waitFor();
    expect(await differenceRows(page, 3)).toHaveLength(2);
    await dialog.getByTestId('vote-de-reason').fill('核对原票：第1项勾选的是反对');
    await page.screenshot({ path: path.join(SHOTS, 'double-settle.png') });
    await dialog.getByTestId('vote-de-settle-save').click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await differenceRows(page, 2)).map((r) => r[0])).toEqual(['0004']);
    const tally = await env.call('vote.tally', { id: voteId }, session);
    expect(tally.items[0]).toMatchObject({ yes: { count: 1, area: '200.00' }, no: { count: 2, area: '195.00' } });
    // Settled, it is 已核对, marked with the pass kept.
    expect(await rowsIn(page, 'agreed', 2)).toEqual([['0001', '两遍一致'], ['0002', '已处理：以第二遍为准']]);

    // 0004 was entered in the second pass only: nothing to choose between, so no 以…为准 — 去录第一遍 opens the
    // first pass at 0004. That second pass was 王主任's (above): the first is not his to enter, main says so on the
    // status line; 李秘书 enters it on her PC, reading a valid abstention.
    expect(await differenceRows(page, 2)).toEqual([['0004', '只有第二遍录入']]);
    expect(await row('0004').getByTestId('vote-de-keep-first').count()).toBe(0);
    expect(await row('0004').getByTestId('vote-de-keep-second').count()).toBe(0);
    await row('0004').getByTestId('vote-de-go-first').click();
    const entry = page.locator('[data-testid=ballot-entry-page][data-ready=true]');
    await entry.waitFor();
    expect(await entry.getAttribute('data-pass')).toBe('first');
    await ballotShown(page, '0004');
    await page.keyboard.press('3');
    await page.keyboard.press('Enter');
    await refusedOnStatusLine(page, '3幢301、3幢302', '双人录入的第一遍须由另一人录入：这张票的第二遍是您录入的（王主任（admin）），请由另一位工作人员录入第一遍');
    await page.screenshot({ path: path.join(SHOTS, 'double-entry-own-second.png') });
    expect((await env.call('vote.tally', { id: voteId }, session)).ballots.returned).toBe(3);
    await page.keyboard.press('Escape');
    await entryDone(page);
    await recordFirst(voteId, '0004', [{ itemId: vote.items[0]!.id, choice: 'abstain' }]);
    expect((await env.call('vote.tally', { id: voteId }, session)).ballots.returned).toBe(4);

    // 0003 misses its second pass: 去录第二遍 opens the second pass at 0003; the second clerk reads no, as the first did.
    await page.getByTestId('entry-back').click();
    await page.locator('[data-testid=vote-page][data-ready=true]').waitFor();
    expect(await rowsIn(page, 'missing', 2)).toEqual([['0003', '只有第一遍录入']]);
    expect(await row('0003').getByTestId('vote-de-keep-second').count()).toBe(0);
    await row('0003').getByTestId('vote-de-go-second').click();
    await entry.waitFor();
    expect(await entry.getAttribute('data-pass')).toBe('second');
    await ballotShown(page, '0003');
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
    await entryDone(page);
    expect(await lastRecent(page)).toEqual({ code: '0003', kind: 'checked', match: 'same' });

    await page.getByTestId('entry-back').click();
    await page.locator('[data-testid=vote-page][data-ready=true]').waitFor();
    // An invalid ballot counts for none of its marks: only the validity differs.
    expect(await differenceRows(page, 1)).toEqual([['0004', '有效性不同：第一遍有效，第二遍无效']]);
    expect(await filterCounts(page)).toEqual({ differ: 1, missing: 0, agreed: 3 });

    // Every ballot returned, one difference left: closing is refused by main, its message shown until read.
    await page.getByTestId('vote-close').click();
    expect(await page.getByTestId('vote-close-confirm').textContent()).toContain('双人录入');
    await page.getByTestId('vote-close-ok').click();
    const refused = page.getByTestId('vote-close-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('双人录入尚有1处不一致');
    expect(await refused.textContent()).toContain('0004');
    await page.getByTestId('vote-close-confirm').waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(SHOTS, 'double-close-refused.png') });
    await page.getByTestId('vote-close-refused-ok').click();
    await refused.waitFor({ state: 'detached' });
    expect((await env.call('vote.get', { id: voteId }, session)).status).toBe('open');

    // The paper ballot has no signature: 以第二遍为准 makes the counted ballot invalid.
    await row('0004').getByTestId('vote-de-keep-second').click();
    await dialog.getByTestId('vote-de-reason').fill('核对原票：未签名，应为无效票');
    await dialog.getByTestId('vote-de-settle-save').click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await differenceRows(page, 0)).toEqual([]);
    expect((await env.call('vote.tally', { id: voteId }, session)).ballots).toEqual({ returned: 4, valid: 3, invalid: 1, subjects: 4 });
    await page.getByTestId('vote-de-none').waitFor();
    expect(await page.getByTestId('vote-de-blocks-close').count()).toBe(0);

    await page.getByTestId('vote-close').click();
    await page.getByTestId('vote-close-ok').click();
    await page.locator('[data-testid=vote-page][data-status=closed]').waitFor();
    expect(await page.getByTestId('vote-de-none').textContent()).toContain('已全部核对一致');
    await page.getByTestId('vote-double-entry').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'double-closed.png') });
    expect((await env.call('vote.get', { id: voteId }, session)).status).toBe('closed');
  }, TEST_TIMEOUT);

  it('the settlement filters count 不一致 / 缺第二遍 / 已核对; 去录第二遍 opens the second pass at the subject; fast entry shows one status line', async () => {
    const { page } = env;
    const vote = await createVote('2026年第五次业主大会表决', true);
    const [general, lift] = vote.items;
    const check = async (code: string, picks: { itemId: string; choice: 'yes' | 'no' | 'abstain' | 'blank' }[], by = session) => env.call('ballot.check', {
      voteId: vote.id, subjectId: await subjectId(vote.id, code), choices: picks, valid: true, invalidReason: '', channel: '纸质', proxyHolder: '', proxyDocument: '', note: '',
    }, by);
    // The first pass complete (李秘书's, but 0004 王主任's); the second partial: 0001 agrees, 0002 differs (no for yes); 0003 and 0004 not yet.
    await recordFirst(vote.id, '0001', [{ itemId: general!.id, choice: 'yes' }, { itemId: lift!.id, choice: 'no' }]);
    await recordFirst(vote.id, '0002', [{ itemId: general!.id, choice: 'yes' }]);
    await recordFirst(vote.id, '0003', [{ itemId: general!.id, choice: 'no' }]);
    await recordFirst(vote.id, '0004', [{ itemId: general!.id, choice: 'abstain' }], session);
    await check('0001', [{ itemId: general!.id, choice: 'yes' }, { itemId: lift!.id, choice: 'no' }]);
    await check('0002', [{ itemId: general!.id, choice: 'no' }]);

    await openAndLogin(env);
    await openVotePage(page, vote.id);
    const panel = page.getByTestId('vote-double-entry');
    // 不一致 is the default: the one real disagreement, with its two ways to settle.
    expect(await differenceRows(page, 3)).toEqual([['0002', `议题“${ITEM_GENERAL}”：第一遍同意，第二遍反对`]]);
    expect(await panel.getAttribute('data-state')).toBe('differ');
    expect(await filterCounts(page)).toEqual({ differ: 1, missing: 2, agreed: 1 });
    expect(await panel.locator('[data-testid=vote-de-keep-second]').count()).toBe(1);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'double-filters-differ.png') });

    // 缺第二遍: no 以第二遍为准 (there is no second entry), 去录第二遍 on each row instead.
    expect(await rowsIn(page, 'missing', 3)).toEqual([['0003', '只有第一遍录入'], ['0004', '只有第一遍录入']]);
    expect(await panel.locator('[data-testid=vote-de-keep-second], [data-testid=vote-de-keep-first]').count()).toBe(0);
    expect(await panel.locator('[data-testid=vote-de-go-second]').count()).toBe(2);
    await page.screenshot({ path: path.join(SHOTS, 'double-filters-missing.png') });

    // 已核对: agreeing passes are checked when the second is saved; no confirmation step, and the screen says so.
    expect(await rowsIn(page, 'agreed', 3)).toEqual([['0001', '两遍一致']]);
    expect(await page.getByTestId('vote-de-filter-help').textContent()).toContain('自动核对通过，无需再逐户或批量确认');
    await page.screenshot({ path: path.join(SHOTS, 'double-filters-agreed.png') });

    // 去录第二遍 at 0003: the entry screen in the second pass with 0003 looked up and the keyboard on its ballot.
    await rowsIn(page, 'missing', 3);
    await panel.locator('[data-testid=vote-de-row][data-code="0003"] [data-testid=vote-de-go-second]').click();
    const entry = page.locator('[data-testid=ballot-entry-page][data-ready=true]');
    await entry.waitFor();
    expect(await entry.getAttribute('data-pass')).toBe('second');
    await ballotShown(page, '0003');
    expect(await page.getByTestId('entry-existing').count()).toBe(0); // the first entry stays hidden in the second pass

    // Fast entry, watched throughout: at most one status line, never an antd message.
    await page.evaluate(() => {
      const w = window as unknown as { __most: { notices: number; lines: number } };
      w.__most = { notices: 0, lines: 0 };
      const look = () => {
        w.__most.notices = Math.max(w.__most.notices, document.querySelectorAll('.ant-message-notice').length);
        w.__most.lines = Math.max(w.__most.lines, document.querySelectorAll('[data-testid=entry-status]').length);
      };
      new MutationObserver(look).observe(document.body, { childList: true, subtree: true, characterData: true });
      look();
    });
    expect(await page.getByTestId('entry-status').textContent()).toContain('保存结果显示在这里');
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
    await entryDone(page);
    await statusSays(page, '已保存 2幢202 · 第二遍 · 第 3 张');
    expect(await page.getByTestId('entry-status-match').textContent()).toBe('与第一遍一致');
    // 0004's first pass is 王主任's own: his second pass is refused, main's words on the same line; Esc leaves the ballot,
    // and 李秘书 enters that second pass on her PC.
    await page.keyboard.type('00043');
    await ballotShown(page, '0004');
    await expect.poll(() => choices(page)).toEqual(['abstain']);
    await page.keyboard.press('Enter');
    await refusedOnStatusLine(page, '3幢301、3幢302', '双人录入的第二遍须由另一人录入：这张票的第一遍是您录入的（王主任（admin）），请由另一位工作人员录入第二遍');
    await page.screenshot({ path: path.join(SHOTS, 'double-entry-own-first.png') });
    await page.keyboard.press('Escape');
    await entryDone(page);
    await check('0004', [{ itemId: general!.id, choice: 'abstain' }], clerk);
    // 0002 again, as the paper says (yes): it replaces the earlier second entry and now agrees.
    await page.keyboard.type('00021');
    await ballotShown(page, '0002');
    await expect.poll(() => choices(page)).toEqual(['yes']);
    await page.keyboard.press('Enter');
    await entryDone(page);
    await statusSays(page, '已保存 2幢201 · 第二遍 · 第 4 张');
    expect(await page.evaluate(() => (window as unknown as { __most: { notices: number; lines: number } }).__most)).toEqual({ notices: 0, lines: 1 });
    await page.screenshot({ path: path.join(SHOTS, 'double-entry-status.png') });
    await page.getByTestId('entry-lookup').screenshot({ path: path.join(SHOTS, 'double-entry-status-line.png') });

    // Back on the vote page: everything checked.
    await page.getByTestId('entry-back').click();
    await page.locator('[data-testid=vote-page][data-ready=true]').waitFor();
    expect(await differenceRows(page, 0)).toEqual([]);
    expect(await filterCounts(page)).toEqual({ differ: 0, missing: 0, agreed: 4 });
    await page.getByTestId('vote-de-none').waitFor();
  }, TEST_TIMEOUT);
});
