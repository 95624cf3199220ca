/**
 * 复核 (two-person control, issue 16) in Chromium: a community with 复核 on (the switch on 小区设置); 王主任
 * asks to close a vote whose window is over — the vote stays open, shows 关闭待复核 and no second close button;
 * 待复核 lists it under 我提交的; signed in as 李会计, the menu's badge says 1, 待我复核 lists it, and confirming
 * closes the vote, its 结束时间 naming both people. Screenshots in /tmp/shots.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKED_ROSTER } from '../fixtures/worked-roster';
import { goTo, importRosterApi, openAndLogin, setupAdmin, submitLogin, TEST_TIMEOUT, UI_TIMEOUT, useE2E } from './harness';
import { gridRow, settled } from './ui-steps';

const env = useE2E();
const SHOTS = '/tmp/shots';
/** The second person: test-only, written straight into the file until the accounts track's user.create exists. */
const LI = { username: 'li', displayName: '李会计', password: 'li-mima-2026-sanfang' };

let session = '';
let communityId = '';
let voteId = '';

beforeAll(async () => {
  session = await setupAdmin(env);
  communityId = await importRosterApi(env, session, '阳光小区', WORKED_ROSTER);
  const vote = await env.call('vote.create', {
    communityId, title: '2026年外墙维修表决', opens: '2026-10-01', closes: '2026-10-20', items: [{ title: '1幢外墙维修', category: 5 }],
  }, session);
  voteId = vote.id;
  const subjects = (await env.call('vote.subjects', { voteId }, session)).rows;
  for (const s of subjects) await env.call('ballot.record', { voteId, subjectId: s.id, choices: [{ itemId: vote.items[0]!.id, choice: 'yes' }] }, session);
  // A second administrator, made as the office makes one: user.create, then the temporary password changed.
  const made = await env.call('user.create', { username: LI.username, displayName: LI.displayName, grants: [{ role: 'admin', communities: 'all' }], companyId: null }, session);
  const first = await env.call('auth.login', { username: LI.username, password: made.temporaryPassword });
  await env.call('auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: LI.password }, first.session);
  fs.mkdirSync(SHOTS, { recursive: true });
}, TEST_TIMEOUT);

async function openVote(): Promise<void> {
  await goTo(env.page, `#/c/${communityId}/vote/${voteId}`);
  await env.page.locator('[data-testid=vote-page][data-ready=true]').waitFor();
}

describe('closing a vote with 复核 on', () => {
  it('the first person asks, the list shows it, the second person confirms and the vote is closed', async () => {
    const { page } = env;
    await openAndLogin(env);

    // 小区设置: the switch, off by default, turned on and saved.
    await goTo(page, `#/c/${communityId}/settings`);
    const control = page.getByTestId('two-person-control');
    await control.waitFor();
    expect(await control.getAttribute('aria-checked')).toBe('false');
    await control.click();
    await control.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/reviews-setting.png` });
    await page.getByTestId('community-save').click();
    await expect.poll(async () => (await env.call('community.get', { id: communityId }, session)).settings.twoPersonControl, { timeout: UI_TIMEOUT }).toBe(true);

    // 王主任 asks: the vote stays open, says 关闭待复核, and offers no second close.
    await openVote();
    await page.getByTestId('vote-close').click();
    await page.getByTestId('vote-close-ok').click();
    await page.getByTestId('vote-close-pending').waitFor();
    await page.getByTestId('vote-close-pending-note').waitFor();
    expect(await page.getByTestId('vote-page').getAttribute('data-status')).toBe('open');
    expect(await page.getByTestId('vote-close').count()).toBe(0);
    expect(await page.getByTestId('vote-close-pending-note').textContent()).toContain('王主任（admin）');
    await page.screenshot({ path: `${SHOTS}/reviews-vote-pending.png` });

    // 待复核: nothing waits for the one who asked; 我提交的 lists it, to withdraw but not to confirm.
    await page.getByTestId('reviews-menu').click();
    await page.locator('[data-testid=reviews-page][data-tab=toConfirm][data-loaded=true]').waitFor();
    expect(await page.locator('[data-testid=reviews-grid] .data-grid-row:not(.placeholder)').count()).toBe(0);
    await page.getByTestId('reviews-tab').getByText('我提交的').click();
    await page.locator('[data-testid=reviews-page][data-tab=requested][data-loaded=true]').waitFor();
    const mine = gridRow(page, 'reviews-grid', '结束表决“2026年外墙维修表决”');
    await mine.waitFor();
    expect(await mine.getByTestId('review-status').textContent()).toBe('待复核');
    expect(await mine.getByTestId('review-confirm').count()).toBe(0);
    await mine.getByTestId('review-withdraw').waitFor();
    await settled(page.getByTestId('reviews-tab'));
    await page.screenshot({ path: `${SHOTS}/reviews-requested.png` });

    // 李会计 signs in: the badge, 待我复核, confirm.
    await page.getByRole('button', { name: '退出登录' }).click();
    await submitLogin(page, LI.username, LI.password);
    await page.getByTestId('current-user').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toBe('李会计');
    await expect.poll(() => page.getByTestId('reviews-menu').getAttribute('data-count'), { timeout: UI_TIMEOUT }).toBe('1');
    await page.getByTestId('reviews-menu').click();
    await page.locator('[data-testid=reviews-page][data-tab=toConfirm][data-loaded=true]').waitFor();
    const waiting = gridRow(page, 'reviews-grid', '结束表决“2026年外墙维修表决”');
    await waiting.waitFor();
    expect(await waiting.textContent()).toContain('王主任（admin）');
    await settled(page.getByTestId('reviews-tab'));
    await page.screenshot({ path: `${SHOTS}/reviews-to-confirm.png` });
    await waiting.getByTestId('review-confirm').click();
    const body = page.getByTestId('review-confirm-body');
    await body.waitFor();
    await settled(page.locator('.ant-modal').last());
    await page.screenshot({ path: `${SHOTS}/reviews-confirm-dialog.png` });
    await page.getByTestId('review-confirm-ok').click();
    await expect.poll(() => page.locator('[data-testid=reviews-grid] .data-grid-row:not(.placeholder)').count(), { timeout: UI_TIMEOUT }).toBe(0);
    await expect.poll(() => page.getByTestId('reviews-menu').getAttribute('data-count'), { timeout: UI_TIMEOUT }).toBe('0');

    // The vote is closed, by both.
    await openVote();
    expect(await page.getByTestId('vote-page').getAttribute('data-status')).toBe('closed');
    expect(await page.getByTestId('vote-closed-at').textContent()).toContain('王主任（admin）提交，李会计（li）复核');
    await page.screenshot({ path: `${SHOTS}/reviews-vote-closed.png` });
    await page.getByTestId('reviews-menu').click();
    await page.getByTestId('reviews-tab').getByText('本小区全部').click();
    await page.locator('[data-testid=reviews-page][data-tab=community][data-loaded=true]').waitFor();
    const done = gridRow(page, 'reviews-grid', '结束表决“2026年外墙维修表决”');
    expect(await done.getByTestId('review-status').textContent()).toBe('已复核');
    await settled(page.getByTestId('reviews-tab'));
    await page.screenshot({ path: `${SHOTS}/reviews-community.png` });
  }, TEST_TIMEOUT);

  it('the books and a repair show what waits: a reversal, a month’s closing, a charge', async () => {
    const { page } = env;
    const households = (await env.call('fund.households', { communityId, limit: 100 }, session)).rows;
    const partOf = (address: string) => households.find((h) => h.address === address)!.partId;
    const deposit = await env.call('fund.deposit', { partId: partOf('1幢101'), amount: '5000', date: '2026-10-01', payer: '业主' }, session);
    await env.call('fund.deposit', { partId: partOf('1幢102'), amount: '5000', date: '2026-10-01', payer: '业主' }, session);
    expect((await env.call('ledger.reverse', { id: deposit.id, date: '2026-10-05', reason: '房号录错' }, session)).review?.status).toBe('pending');
    expect((await env.call('ledger.closeMonth', { communityId, month: '2026-10' }, session)).review?.status).toBe('pending');
    const b1 = (await env.call('community.buildings', { id: communityId }, session)).find((b) => b.name === '1幢')!.id;
    const project = await env.call('repair.create', {
      communityId, title: '1幢外墙维修', scope: { kind: 'places', places: [{ buildingId: b1 }] }, estimate: '1000.00', contractor: '某建筑公司', approval: 'vote', voteId,
    }, session);
    await env.call('repair.notice', { projectId: project.id, date: '2026-10-22' }, session);
    expect((await env.call('repair.charge', { projectId: project.id, date: '2026-11-03', finalCost: '1000.00' }, session)).review?.status).toBe('pending');

    await openAndLogin(env);
    await goTo(page, `#/c/${communityId}/ledger/${deposit.id}`);
    await page.getByTestId('entry-reverse-pending').waitFor();
    expect(await page.getByTestId('entry-reverse').count()).toBe(0);
    await page.getByTestId('ledger-close-pending').waitFor();
    expect(await page.getByTestId('ledger-close-month').isDisabled()).toBe(true);
    expect(await page.getByTestId('ledger-close-pending').textContent()).toContain('结账：2026-10 及以前各月');
    await settled(page.getByTestId('entry-drawer'));
    await page.screenshot({ path: `${SHOTS}/reviews-ledger-pending.png` });

    await goTo(page, `#/c/${communityId}/repair/${project.id}`);
    await page.getByTestId('repair-charge-pending').waitFor();
    expect(await page.getByTestId('charge-form').count()).toBe(0);
    await page.getByTestId('repair-charge-pending').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/reviews-repair-pending.png` });

    await expect.poll(() => page.getByTestId('reviews-menu').getAttribute('data-count'), { timeout: UI_TIMEOUT }).toBe('0'); // all three are 王主任's own
    await page.getByTestId('reviews-menu').click();
    await page.getByTestId('reviews-tab').getByText('我提交的').click();
    await page.locator('[data-testid=reviews-page][data-tab=requested][data-loaded=true]').waitFor();
    await expect.poll(() => page.locator('[data-testid=reviews-grid] .data-grid-row:not(.placeholder)').count(), { timeout: UI_TIMEOUT }).toBe(4);
    await settled(page.getByTestId('reviews-tab'));
    await page.screenshot({ path: `${SHOTS}/reviews-requested-all.png` });
  }, TEST_TIMEOUT);
});
