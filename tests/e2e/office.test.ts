/**
 * Two PCs on one office server (issue 17), in Chromium: the server is `npm run serve` as a real process on
 * 127.0.0.4; each PC is a loopback server relaying to it through the client path (`npm run web -- --server`'s,
 * in-process), and a browser context of its own. One person enters ballots by keyboard while another watches
 * the vote's tally change on their screen, without reloading.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openApp } from '../../main/app';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { startWebServer, type WebServer } from '../../main/transport/http-server';
import { connectToServer, pairWithServer } from '../../main/transport/office-client';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import type { App } from '../../main/app-types';
import { rosterCsv } from '../fixtures/roster-generator';
import { officeDay, WORKED_ROSTER } from '../fixtures/worked-roster';
import { freePort, startServe, type ServeProcess } from '../fixtures/office-server';
import { ADMIN, CHROMIUM, CHROMIUM_ARGS, RENDERER_DIR, TEST_TIMEOUT, UI_TIMEOUT, goTo, submitLogin } from './harness';
import { ballotShown, entryDone, ITEM_GENERAL, ITEM_LIFT } from './ballot-entry-steps';
import { fillNewIssue, openIssueForm } from './ui-steps';

/** The second person: a 小区专员, who enters ballots and edits issues like the administrator. */
const SECRETARY = { username: 'li', displayName: '李专员', password: 'li-2026-office' };

async function ok<M extends MethodName>(app: App, method: M, input: MethodInput<M>, session?: string): Promise<MethodOutput<M>> {
  const r = await app.handle(session === undefined ? { method, input } : { method, input, session });
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.result as MethodOutput<M>;
}

let dataDir: string;
let serve: ServeProcess;
const pcs: WebServer[] = [];
let browser: Browser;
let communityId: string;
let voteId: string;
let issueId: string;

beforeAll(async () => {
  // The server's database, prepared at the server: its administrator, the worked roster, a vote, and a secretary.
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-office-e2e-'));
  const local = await openApp({ dataDir, migrationsDir: MIGRATIONS_DIR });
  const session = (await ok(local, 'auth.setup', ADMIN)).session;
  communityId = (await ok(local, 'roster.import', {
    file: { fileName: '阳光小区.csv', base64: Buffer.from(`\uFEFF${rosterCsv(WORKED_ROSTER)}`, 'utf8').toString('base64') },
    community: { name: '阳光小区' },
  }, session)).communityId;
  const building1 = (await ok(local, 'community.buildings', { id: communityId }, session)).find((b) => b.name === '1幢')!.id;
  voteId = (await ok(local, 'vote.create', {
    communityId, title: '两台电脑同时录入', opens: officeDay(-3), closes: officeDay(12),
    items: [{ title: ITEM_GENERAL, category: 4 }, { title: ITEM_LIFT, category: 6, scope: [{ buildingId: building1 }] }],
  }, session)).id;
  const secretary = await ok(local, 'user.create', { username: SECRETARY.username, displayName: SECRETARY.displayName, grants: [{ role: 'officer', communities: [communityId] }] }, session);
  issueId = (await ok(local, 'issue.create', { communityId, title: '3幢楼道堆放杂物', reportedAt: '2026-11-02T09:00', category: '安全', description: '楼道堆放纸箱' }, session)).id;
  const s2 = (await ok(local, 'auth.login', { username: SECRETARY.username, password: secretary.temporaryPassword })).session;
  await ok(local, 'auth.changePassword', { oldPassword: secretary.temporaryPassword, newPassword: SECRETARY.password }, s2);
  local.close();

  const host = '127.0.0.4';
  serve = await startServe(['--listen', `${host}:${await freePort(host)}`, '--data-dir', dataDir]);
  const link = await pairWithServer(serve.url, serve.pairingCode);
  for (let i = 0; i < 2; i++) pcs.push(await startWebServer({ app: connectToServer(link), rendererDir: RENDERER_DIR, migrationsDir: MIGRATIONS_DIR }));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, TEST_TIMEOUT);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  for (const pc of pcs) await pc.close().catch(() => undefined);
  await serve?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}, TEST_TIMEOUT);

async function signIn(pc: WebServer, who: { username: string; password: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(UI_TIMEOUT);
  const page = await context.newPage();
  await page.goto(pc.url);
  await submitLogin(page, who.username, who.password);
  await page.getByTestId('current-user').waitFor();
  return { context, page };
}

const returnedOnTally = (page: Page) => page.getByTestId('vote-tally').getAttribute('data-returned');

describe('two PCs on one office server', () => {
  it('a save over the other PC’s newer change is refused, both changes side by side, the typing kept', async () => {
    const wang = await signIn(pcs[0]!, ADMIN);
    const li = await signIn(pcs[1]!, SECRETARY);
    try {
      const [wangForm, liForm] = [await openIssueForm(wang.page, communityId, issueId), await openIssueForm(li.page, communityId, issueId)];
      await wangForm.getByTestId('issue-description').fill('楼道堆放纸箱，已通知物业清理');
      await liForm.getByTestId('issue-description').fill('楼道堆放纸箱和旧家具，影响消防通行');
      await wangForm.getByTestId('issue-save').click();
      await wangForm.waitFor({ state: 'hidden' });
      await liForm.getByTestId('issue-save').click();
      await li.page.getByTestId('conflict-dialog').waitFor();
      expect(await li.page.getByTestId('conflict-message').textContent()).toMatch(/^此记录已被王主任（admin）于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改/);
      const rows = await li.page.getByTestId('conflict-table').locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
      expect(rows).toContainEqual(['问题描述', '楼道堆放纸箱', '楼道堆放纸箱，已通知物业清理', '楼道堆放纸箱和旧家具，影响消防通行']);
      await li.page.screenshot({ path: path.join('test-results', 'office-conflict.png') });
      expect(await liForm.getByTestId('issue-description').inputValue()).toBe('楼道堆放纸箱和旧家具，影响消防通行');
      await li.page.getByTestId('conflict-overwrite').click();
      await liForm.waitFor({ state: 'hidden' });
      const session = await li.page.evaluate(() => sessionStorage.getItem('sanfang.session'));
      expect((await ok(pcs[1]!.app, 'issue.get', { id: issueId }, session!)).description).toBe('楼道堆放纸箱和旧家具，影响消防通行');
    } finally {
      await wang.context.close();
      await li.context.close();
    }
  }, TEST_TIMEOUT);

  it('the office server stops mid-form: the banner, the text kept, and one save when it is back — nobody signs in again', async () => {
    const pc = await signIn(pcs[0]!, ADMIN);
    try {
      const dialog = await fillNewIssue(pc.page, communityId, '地库入口积水');
      const url = serve.url;
      await serve.stop();
      await dialog.getByTestId('issue-save').click();
      const banner = pc.page.getByTestId('connection-banner');
      await banner.waitFor();
      expect(await dialog.getByTestId('issue-title').inputValue()).toBe('地库入口积水');
      // The same server comes back on its address, with its certificate (kept in its data folder): the pin holds.
      serve = await startServe(['--listen', new URL(url).host, '--data-dir', dataDir]);
      await pc.page.locator('[data-testid=issue-page][data-ready=true]').waitFor();
      expect(await pc.page.getByTestId('issue-title-shown').textContent()).toContain('地库入口积水');
      await banner.waitFor({ state: 'detached' });
      expect(await pc.page.getByTestId('login-form').count()).toBe(0);
      const session = await pc.page.evaluate(() => sessionStorage.getItem('sanfang.session'));
      const issues = await ok(pcs[0]!.app, 'issue.list', { communityId, overdueOnly: false, text: '' }, session!);
      expect(issues.filter((i) => i.title === '地库入口积水')).toHaveLength(1); // saved once
    } finally {
      await pc.context.close();
    }
  }, TEST_TIMEOUT);


  it('one enters ballots by keyboard while the other watches the tally change', async () => {
    const watcher = await signIn(pcs[0]!, ADMIN);
    const clerk = await signIn(pcs[1]!, SECRETARY);
    try {
      await goTo(watcher.page, `#/c/${communityId}/vote/${voteId}`);
      await watcher.page.locator('[data-testid=vote-page][data-ready=true]').waitFor();
      await expect.poll(() => returnedOnTally(watcher.page), { timeout: UI_TIMEOUT }).toBe('0');

      await goTo(clerk.page, `#/c/${communityId}/vote/${voteId}/entry`);
      await clerk.page.locator('[data-testid=ballot-entry-page][data-ready=true]').waitFor();
      for (const [n, code] of ['0001', '0002'].entries()) {
        await clerk.page.getByTestId('entry-lookup-input').fill(code);
        await ballotShown(clerk.page, code);
        await clerk.page.keyboard.press('1');
        if (code === '0001') await clerk.page.keyboard.press('1'); // A owns in 1幢: both items
        await clerk.page.keyboard.press('Enter');
        await entryDone(clerk.page);
        // The other screen follows, without a reload, within the notice's gathering and the one-second pace.
        await expect.poll(() => returnedOnTally(watcher.page), { timeout: UI_TIMEOUT }).toBe(String(n + 1));
      }
      await watcher.page.screenshot({ path: path.join('test-results', 'office-watcher-tally.png') });
      // Same page, same tally as the server counts it.
      const session = await clerk.page.evaluate(() => sessionStorage.getItem('sanfang.session'));
      const tally = await ok(pcs[1]!.app, 'vote.tally', { id: voteId }, session!);
      expect(tally.ballots.returned).toBe(2);
      expect(await watcher.page.locator('[data-testid=ballots-returned]').getAttribute('data-value')).toBe('2');
      // Both at the entry screen: the count on each follows the other's saves.
      await goTo(watcher.page, `#/c/${communityId}/vote/${voteId}/entry`);
      await watcher.page.locator('[data-testid=ballot-entry-page][data-ready=true]').waitFor();
      await expect.poll(() => watcher.page.getByTestId('entry-count').getAttribute('data-returned'), { timeout: UI_TIMEOUT }).toBe('2');
      await clerk.page.getByTestId('entry-lookup-input').fill('0003');
      await ballotShown(clerk.page, '0003');
      await clerk.page.keyboard.press('2');
      await clerk.page.keyboard.press('Enter');
      await entryDone(clerk.page);
      await expect.poll(() => watcher.page.getByTestId('entry-count').getAttribute('data-returned'), { timeout: UI_TIMEOUT }).toBe('3');
    } finally {
      await watcher.context.close();
      await clerk.context.close();
    }
  }, TEST_TIMEOUT);
});
