/**
 * Screens load on demand (issue 14): the login page fetches at most 1.2 MB
 * of script; a screen's module comes with its route; ECharts (recognised by
 * a string its code carries, `__ec_inner_`) comes only when a chart is drawn
 * — not with the login page, the roster, or the issue ledger's table, but
 * with the ledger's statistics chart.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { officeDay, WORKED_ROSTER } from '../fixtures/worked-roster';
import { goTo, importRosterApi, openAndLogin, setupAdmin, TEST_TIMEOUT, useE2E } from './harness';

const env = useE2E();
const LOGIN_SCRIPT_LIMIT = 1_200_000;

let communityId = '';

beforeAll(async () => {
  const session = await setupAdmin(env);
  communityId = await importRosterApi(env, session, '阳光小区', WORKED_ROSTER);
  await env.call('issue.create', { communityId, title: '地库入口积水', category: '环境卫生', reportedAt: `${officeDay(-1)}T09:30` }, session);
}, TEST_TIMEOUT);

/** Every script the page fetches from now on: its URL, size in bytes, and whether it is ECharts. */
function scriptsOf(page: Page) {
  const fetched: { url: string; bytes: number; echarts: boolean }[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(response.body().then((body) => {
      fetched.push({ url: response.url(), bytes: body.length, echarts: body.includes('__ec_inner_') });
    }));
  });
  return {
    async all() {
      await Promise.all(pending);
      return [...fetched];
    },
  };
}

describe('screens load on demand', () => {
  it('the login page needs at most 1.2 MB of script and no ECharts; a screen brings its own module, a chart ECharts', async () => {
    const { page } = env;
    const scripts = scriptsOf(page);
    await page.goto(env.server.url);
    await page.getByTestId('login-form').waitFor();
    const login = await scripts.all();
    const loginBytes = login.reduce((s, f) => s + f.bytes, 0);
    console.log(`login page: ${login.length} scripts, ${loginBytes} bytes`);
    expect(loginBytes).toBeGreaterThan(0);
    expect(loginBytes).toBeLessThanOrEqual(LOGIN_SCRIPT_LIMIT);
    expect(login.filter((f) => f.echarts)).toEqual([]);

    await openAndLogin(env);
    await goTo(page, `#/c/${communityId}/roster`);
    await page.getByTestId('roster-grid').waitFor();
    const afterRoster = await scripts.all();
    // The roster's own module came with its route.
    expect(afterRoster.length).toBeGreaterThan(login.length);
    expect(afterRoster.filter((f) => f.echarts)).toEqual([]);

    await goTo(page, `#/c/${communityId}/issues`);
    await page.getByTestId('issues-tab-stats').waitFor();
    expect((await scripts.all()).filter((f) => f.echarts)).toEqual([]);
    await page.getByTestId('issues-tab-stats').click();
    await page.getByTestId('stats-from').fill(officeDay(-10));
    await page.locator('[data-testid=stats-chart] svg').first().waitFor();
    expect((await scripts.all()).filter((f) => f.echarts)).toHaveLength(1);
  }, TEST_TIMEOUT);
});
