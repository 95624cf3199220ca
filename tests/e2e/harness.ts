/**
 * End-to-end harness: per test file a fresh data folder, the browser-mode
 * server in-process (serving the built renderer from dist/renderer) and one
 * Chromium; per test a fresh browser context and page. Everything is closed
 * after the file.
 *
 * The renderer must have been built before (`npm test` builds it; by hand:
 * `npx vite build`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../main/transport/http-server';
import type { App } from '../../main/app-types';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { rosterCsv, type RosterExportRow } from '../fixtures/roster-generator';

/** E2E_RENDERER_DIR lets parallel work build and test its own copy of the renderer. */
export const RENDERER_DIR = path.resolve(process.env.E2E_RENDERER_DIR ?? 'dist/renderer');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run',
];

/** Generous: two slow cores run the server, Chromium and vitest at once. */
export const UI_TIMEOUT = 30_000;
export const TEST_TIMEOUT = 180_000;

export interface E2E {
  server: WebServer;
  browser: Browser;
  dataDir: string;
  /** A scratch folder for files the test writes (rosters to import). */
  tmpDir: string;
  /** The page of the current test (a fresh context per test). */
  page: Page;
  context: BrowserContext;
  /** Call a contract method directly on the app (no browser), with an optional session. */
  call<M extends MethodName>(method: M, input: MethodInput<M>, session?: string): Promise<MethodOutput<M>>;
}

const uncaught = new WeakMap<Page, string[]>();

/**
 * Register the hooks of one test file; the returned object is filled in as they run. `app`: what the server serves
 * on the data folder instead of the plain app (the workstation the desktop app and `npm run web` use).
 */
export function useE2E(options: { prepareDataDir?: (dataDir: string) => void; app?: (dataDir: string) => Promise<App> } = {}): E2E {
  const env = {} as E2E;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
      throw new Error('dist/renderer is missing: build the renderer first (npx vite build)');
    }
    env.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-e2e-data-'));
    env.tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-e2e-files-'));
    options.prepareDataDir?.(env.dataDir);
    const app = options.app ? { app: await options.app(env.dataDir) } : {};
    env.server = await startWebServer({ dataDir: env.dataDir, migrationsDir: MIGRATIONS_DIR, rendererDir: RENDERER_DIR, ...app });
    env.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    env.call = async (method, input, session) => {
      const response = await env.server.app.handle(session === undefined ? { method, input } : { method, input, session });
      if (!response.ok) throw new Error(`${method}: ${response.error.code} ${response.error.message}`);
      return response.result as never;
    };
  }, TEST_TIMEOUT);

  afterAll(async () => {
    await env.browser?.close().catch(() => undefined);
    await env.server?.close().catch(() => undefined);
    for (const dir of [env.dataDir, env.tmpDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, TEST_TIMEOUT);

  beforeEach(async () => {
    env.context = await env.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    env.context.setDefaultTimeout(UI_TIMEOUT);
    env.page = await env.context.newPage();
    const errors: string[] = [];
    env.page.on('pageerror', (e) => errors.push(e.message));
    uncaught.set(env.page, errors);
  });

  afterEach(async (ctx) => {
    const errors = (env.page && uncaught.get(env.page)) ?? [];
    if (ctx.task.result?.state === 'fail' && env.page) {
      const dir = path.resolve('test-results');
      fs.mkdirSync(dir, { recursive: true });
      const name = ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
      await env.page.screenshot({ path: path.join(dir, `${name}.png`) }).catch(() => undefined);
    }
    await env.context?.close().catch(() => undefined);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  });

  return env;
}

export const ADMIN = { username: 'admin', displayName: '王主任', password: 'mima-2026-sanfang' };

/** First start done through the API (for tests that are not about accounts). Returns a session. */
export async function setupAdmin(env: E2E): Promise<string> {
  const status = await env.call('auth.status', {});
  if (status.needsSetup) return (await env.call('auth.setup', ADMIN)).session;
  return (await env.call('auth.login', { username: ADMIN.username, password: ADMIN.password })).session;
}

/**
 * Fill in and send the login screen once it shows. Does not wait for the
 * outcome: the caller checks whether the login was taken or refused.
 */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-form').waitFor();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Open the app (with the server's token) and log in through the login screen. */
export async function openAndLogin(env: E2E, username = ADMIN.username, password = ADMIN.password): Promise<void> {
  const { page } = env;
  await page.goto(env.server.url);
  await submitLogin(page, username, password);
  await page.getByTestId('current-user').waitFor();
}

/** Wait until the roster grid paints the results of `query` and return its total. */
export async function rosterPainted(page: Page, query: string): Promise<number> {
  const grid = page.getByTestId('roster-grid');
  await expect.poll(() => grid.getAttribute('data-query'), { timeout: UI_TIMEOUT }).toBe(query);
  await expect.poll(async () => (await grid.getAttribute('data-total')) ?? '', { timeout: UI_TIMEOUT }).not.toBe('');
  return Number(await grid.getAttribute('data-total'));
}

/** Search the roster and return the total painted for that search. */
export async function searchRoster(page: Page, text: string): Promise<number> {
  await page.getByTestId('roster-search').fill(text);
  return rosterPainted(page, text);
}

/** The text of each visible roster row's first cell (the address), top to bottom. */
export async function visibleAddresses(page: Page): Promise<string[]> {
  return page.locator('[data-testid=roster-grid] .data-grid-row:not(.placeholder)').evaluateAll((rows) =>
    rows
      .map((r) => ({ top: new DOMMatrixReadOnly(getComputedStyle(r).transform).m42, text: r.querySelector('[role=cell]')?.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((r) => r.text),
  );
}

/** Import rows as a new community through the API (as CSV); returns its id. */
export async function importRosterApi(
  env: E2E, session: string, name: string, rows: readonly RosterExportRow[], countParkingInVotes = false,
): Promise<string> {
  const base64 = Buffer.from(`\uFEFF${rosterCsv(rows)}`, 'utf8').toString('base64');
  const result = await env.call('roster.import', {
    file: { fileName: `${name}.csv`, base64 },
    community: { name, address: '', streetOffice: '', communityOffice: '', developer: '', settings: { countParkingInVotes } },
  }, session);
  return result.communityId;
}

/** Open a community's roster (after login) and wait for its first rows. */
export async function openRoster(env: E2E, communityId: string): Promise<number> {
  await env.page.evaluate((id) => { window.location.hash = `#/c/${id}/roster`; }, communityId);
  return rosterPainted(env.page, '');
}

/** Go to a screen by its hash route, as a link in the app would. */
export async function goTo(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => { window.location.hash = h; }, hash);
}

/** Write rows (the header first) as an xlsx in the test's scratch folder, as a treasurer's Excel would; returns its path. */
export async function writeXlsx(env: E2E, name: string, rows: readonly (string | number | Date | null)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const r of rows) sheet.addRow(r);
  const file = path.join(env.tmpDir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}
