/**
 * The server goes away and comes back (issue 17), in Chromium against the browser-mode server: a new issue is
 * typed into 登记问题, the server is stopped, 保存 is pressed — the banner says the connection is lost and the form
 * keeps its text; the server is started again on the same port and data folder (with the same access token, as
 * a restarted office server is the same address to the page) — the save goes through once, the banner goes, and
 * nobody is asked to log in again (the session is kept in the database). Then the answer of a save lost on its
 * way back (the server committed, the connection broke before the page heard): the page sends it again with the
 * same key and main answers instead of saving twice. And the login page keeps what was typed while the server is
 * away. Screenshots go to /tmp/reconnect-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../main/transport/http-server';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import { ADMIN, CHROMIUM, CHROMIUM_ARGS, RENDERER_DIR, submitLogin, TEST_TIMEOUT, UI_TIMEOUT } from './harness';
import { fillNewIssue, settled } from './ui-steps';

let dataDir = '';
let server: WebServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let session = '';
let communityId = '';
const pageErrors: string[] = [];

/** The server, started again on the port and with the token of the one before, on the same data folder. */
async function start(previous?: WebServer): Promise<WebServer> {
  return startWebServer({ dataDir, migrationsDir: MIGRATIONS_DIR, rendererDir: RENDERER_DIR, ...(previous ? { port: previous.port, token: previous.token } : {}) });
}

async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const response = await server.app.handle({ method, input, session });
  if (!response.ok) throw new Error(`${method}: ${response.error.code} ${response.error.message}`);
  return response.result as MethodOutput<M>;
}

const issueTitles = async () => (await call('issue.list', { communityId, overdueOnly: false, text: '' })).map((i) => i.title).sort();

beforeAll(async () => {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('dist/renderer is missing: build the renderer first (npx vite build)');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-e2e-reconnect-'));
  server = await start();
  const setup = await server.app.handle({ method: 'auth.setup', input: ADMIN });
  if (!setup.ok) throw new Error(setup.error.message);
  session = (setup.result as MethodOutput<'auth.setup'>).session;
  communityId = (await call('community.create', { name: '阳光小区' })).id;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, TEST_TIMEOUT);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}, TEST_TIMEOUT);

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(UI_TIMEOUT);
  page = await context.newPage();
  pageErrors.length = 0;
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterEach(async () => {
  await context?.close().catch(() => undefined);
  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
});

async function login(): Promise<void> {
  await page.goto(server.url);
  await submitLogin(page, ADMIN.username, ADMIN.password);
  await page.getByTestId('current-user').waitFor();
}

describe('the server goes away mid-form', () => {
  it('the save waits with a banner and the text kept, and goes through once when the server is back — no login asked', async () => {
    await login();
    const dialog = await fillNewIssue(page, communityId, '地库入口积水');

    await server.close();
    await dialog.getByTestId('issue-save').click();
    const banner = page.getByTestId('connection-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('与服务器的连接已中断，正在重试…（您填写的内容不会丢失）');
    // The form is as it was typed, still open, saving.
    expect(await dialog.getByTestId('issue-title').inputValue()).toBe('地库入口积水');
    expect(await dialog.getByTestId('issue-description').inputValue()).toBe('下雨后地库入口积水，车辆无法通行');
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/reconnect-banner.png' });

    server = await start(server);
    // The retry gets through: the new issue's page, the banner gone, the same person signed in.
    await page.locator('[data-testid=issue-page][data-ready=true]').waitFor();
    expect(await page.getByTestId('issue-title-shown').textContent()).toContain('地库入口积水');
    await banner.waitFor({ state: 'detached' });
    expect(await page.getByTestId('current-user').textContent()).toBe(ADMIN.displayName);
    expect(await page.getByTestId('login-form').count()).toBe(0);
    expect(await issueTitles()).toEqual(['地库入口积水']);
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/reconnect-saved.png' });
  });

  it('the answer of a save is lost on its way back: sent again with its key, main answers and nothing is saved twice', async () => {
    await login();
    const dialog = await fillNewIssue(page, communityId, '楼道堆放杂物');
    // The first issue.create reaches main and commits; the connection then breaks before the page hears the answer.
    let cut = 0;
    const keys: string[] = [];
    await page.route('**/api/invoke', async (route) => {
      const body = route.request().postDataJSON() as { method: string; idempotencyKey?: string };
      if (body.method !== 'issue.create') return route.continue();
      keys.push(body.idempotencyKey ?? '');
      if (cut++ > 0) return route.continue();
      await route.fetch();
      return route.abort('connectionreset');
    });
    await dialog.getByTestId('issue-save').click();
    await page.locator('[data-testid=issue-page][data-ready=true]').waitFor();
    expect(await page.getByTestId('issue-title-shown').textContent()).toContain('楼道堆放杂物');
    // Sent twice with one key, saved once.
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(await issueTitles()).toEqual(['地库入口积水', '楼道堆放杂物']);
  });

  it('the login page keeps what was typed while the server is away, and signs in when it is back', async () => {
    await page.goto(server.url);
    await page.getByTestId('login-form').waitFor();
    await server.close();
    await submitLogin(page, ADMIN.username, ADMIN.password);
    await page.getByTestId('connection-banner').waitFor();
    expect(await page.getByLabel('用户名').inputValue()).toBe(ADMIN.username);
    expect(await page.getByLabel('密码', { exact: true }).inputValue()).toBe(ADMIN.password);
    server = await start(server);
    await page.getByTestId('current-user').waitFor();
    await page.getByTestId('connection-banner').waitFor({ state: 'detached' });
  });
});
