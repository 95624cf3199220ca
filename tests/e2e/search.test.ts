/**
 * Issue 15: 全文检索 finds meeting agendas, votes and issues beside minutes and matters; each hit
 * says what it is and opens its record.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateRoster } from '../fixtures/roster-generator';
import { TEST_TIMEOUT, UI_TIMEOUT, goTo, importRosterApi, openAndLogin, setupAdmin, useE2E } from './harness';

const env = useE2E();
let communityId = '';
const ids = { vote: '', issue: '', meeting: '' };

beforeAll(async () => {
  const session = await setupAdmin(env);
  communityId = await importRosterApi(env, session, '检索小区', generateRoster({ parts: 12, seed: 5 }));
  ids.meeting = (await env.call('meeting.create', { communityId, kind: '联席会议', title: '12月联席会议', date: '2026-12-02', agenda: [{ title: '地下车库防水处理' }] }, session)).id;
  ids.vote = (await env.call('vote.create', { communityId, title: '外墙防水维修表决', opens: '2026-11-01', closes: '2026-11-20', items: [{ title: '使用维修资金修缮外墙', category: 6 }] }, session)).id;
  ids.issue = (await env.call('issue.create', { communityId, title: '路灯不亮', category: '其他', reportedAt: '2026-12-01T09:00', place: '北门', description: '北门路灯夜间不亮' }, session)).id;
}, TEST_TIMEOUT);

async function search(page: Page, text: string): Promise<{ type: string | null; id: string | null; tag: string }[]> {
  await page.getByTestId('search-input').fill(text);
  await page.getByTestId('search-input').press('Enter');
  await page.locator(`[data-testid=search-hits][data-query="${text}"]`).waitFor({ timeout: UI_TIMEOUT });
  return page.getByTestId('search-hit').evaluateAll((hits) => hits.map((h) => ({
    type: h.getAttribute('data-type'), id: h.getAttribute('data-id'), tag: h.querySelector('.ant-tag')?.textContent ?? '',
  })));
}

describe('search across the office records', () => {
  it('finds an agenda, a vote and an issue, each named and opening its page', async () => {
    const { page } = env;
    await openAndLogin(env);
    await goTo(page, `#/c/${communityId}/search`);
    const waterproof = await search(page, '防水');
    expect(waterproof.map((h) => `${h.tag}:${h.type}`).sort()).toEqual(['表决:vote', '议程:agenda', '议程:agenda']);
    expect(waterproof.find((h) => h.type === 'vote')?.id).toBe(ids.vote);
    await page.screenshot({ path: '/tmp/search-hits.png' });
    await page.locator(`[data-testid=search-hit][data-type=vote]`).click();
    await expect.poll(() => page.url(), { timeout: UI_TIMEOUT }).toContain(`/vote/${ids.vote}`);

    await goTo(page, `#/c/${communityId}/search`);
    expect(await search(page, '路灯')).toEqual([{ type: 'issue', id: ids.issue, tag: '问题' }]);
    await page.getByTestId('search-hit').click();
    await expect.poll(() => page.url(), { timeout: UI_TIMEOUT }).toContain(`/issue/${ids.issue}`);

    await goTo(page, `#/c/${communityId}/search`);
    const agenda = await search(page, '车库');
    expect(agenda).toEqual([{ type: 'agenda', id: ids.meeting, tag: '议程' }]);
    await page.getByTestId('search-hit').click();
    await expect.poll(() => page.url(), { timeout: UI_TIMEOUT }).toContain(`/meeting/${ids.meeting}`);
  }, TEST_TIMEOUT);
});
