/**
 * What the ballot-entry tests share (ballots.test.ts, double-entry.test.ts):
 * docs/domain.md §4's worked roster with a vote of one whole-community item and one
 * 1幢 item, and the entry screen's keyboard state.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { officeDay, WORKED_ROSTER } from '../fixtures/worked-roster';
import { UI_TIMEOUT, importRosterApi, setupAdmin, type E2E } from './harness';

export const ITEM_GENERAL = '续聘物业服务企业';
export const ITEM_LIFT = '1幢电梯更新筹集维修资金';

export interface WorkedCommunity { session: string; communityId: string; building1: string }

/** The administrator, and the worked roster as 阳光小区. */
export async function setUpWorkedCommunity(env: E2E): Promise<WorkedCommunity> {
  const session = await setupAdmin(env);
  const communityId = await importRosterApi(env, session, '阳光小区', WORKED_ROSTER);
  const building1 = (await env.call('community.buildings', { id: communityId }, session)).find((b) => b.name === '1幢')!.id;
  return { session, communityId, building1 };
}

/** A vote open since three days ago, closing in twelve: the general item and the 1幢 item. */
export function createWorkedVote(env: E2E, c: WorkedCommunity, title: string, doubleEntry = false) {
  return env.call('vote.create', {
    communityId: c.communityId, title, opens: officeDay(-3), closes: officeDay(12), doubleEntry,
    items: [{ title: ITEM_GENERAL, category: 4 }, { title: ITEM_LIFT, category: 6, scope: [{ buildingId: c.building1 }] }],
  }, c.session);
}

export async function subjectByCode(env: E2E, c: WorkedCommunity, voteId: string, code: string) {
  const page = await env.call('vote.subjects', { voteId, search: code, state: 'all', offset: 0, limit: 10 }, c.session);
  return page.rows.find((r) => r.code === code)!;
}

/** The test id of the focused element (or of its nearest ancestor that has one). */
export const focused = (page: Page) => page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null);

/** The choice shown for each item of the ballot on screen ('' = not entered). */
export const choices = (page: Page) => page.locator('[data-testid=entry-items] [data-testid=entry-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-choice')));

/** Wait until the ballot of `code` is on screen with the keyboard on it. */
export async function ballotShown(page: Page, code: string): Promise<void> {
  await page.locator(`[data-testid=entry-ballot][data-code="${code}"]`).waitFor();
  await expect.poll(() => focused(page), { timeout: UI_TIMEOUT }).toBe('entry-ballot');
}

/** The panel closed and the lookup has the keyboard again. */
export async function entryDone(page: Page): Promise<void> {
  await page.locator('[data-testid=entry-ballot]').waitFor({ state: 'detached' });
  await expect.poll(() => focused(page), { timeout: UI_TIMEOUT }).toBe('entry-lookup-input');
}

/**
 * The one status line under the lookup says `text` (what the last save did), and no antd message
 * is stacked over the screen: entry speaks through that line only.
 */
export async function statusSays(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.getByTestId('entry-status-text').textContent(), { timeout: UI_TIMEOUT }).toBe(text);
  expect(await page.getByTestId('entry-status').count()).toBe(1);
  expect(await page.locator('.ant-message-notice').count()).toBe(0);
}
