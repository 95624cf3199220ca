/**
 * This PC's choice in the browser (issue 17), served through the workstation the desktop app and `npm run web` use
 * (main/transport/workstation.ts), on a fresh data folder: the first screen's 连接到办公室服务器 with a wrong and
 * the right pairing code, the office server's login and its community, the way back to this PC's own data; and the
 * 办公室服务器 screen: 本机作为办公室服务器 on, the pairing code it shows is the certificate's, and another PC pairs
 * with what it shows. The office server is a real one on a loopback address of its own, its first administrator
 * made at its own side.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp } from '../../main/app';
import type { App } from '../../main/app-types';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { connectToServer, pairWithServer } from '../../main/transport/office-client';
import { startOfficeServer, type OfficeServer } from '../../main/transport/office-server';
import { ensureServerCertificate } from '../../main/transport/server-certificate';
import { createWorkstation } from '../../main/transport/workstation';
import { ADMIN, goTo, submitLogin, TEST_TIMEOUT, UI_TIMEOUT, useE2E } from './harness';
import { freePort } from '../fixtures/office-server';

const SERVER_HOST = '127.0.0.22';
const HOSTING_HOST = '127.0.0.23';
const SERVER_ADMIN = { username: 'chief', displayName: '服务器主任', password: 'office server 2026' };

/** E2E_SHOTS=folder: the screens as PNGs, to look at. */
async function shot(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SHOTS) await page.screenshot({ path: path.join(process.env.E2E_SHOTS, `${name}.png`) });
}

const env = useE2E({ app: (dataDir) => createWorkstation({ dataDir, migrationsDir: MIGRATIONS_DIR }) });

let serverDir: string;
let serverApp: App;
let office: OfficeServer;
let pairingCode: string;
beforeAll(async () => {
  serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-e2e-office-'));
  serverApp = await openApp({ dataDir: serverDir, migrationsDir: MIGRATIONS_DIR });
  // At the server's own screen: the first administrator and a community.
  const setup = await serverApp.handle({ method: 'auth.setup', input: SERVER_ADMIN });
  if (!setup.ok) throw new Error(setup.error.message);
  const { session } = setup.result as { session: string };
  await serverApp.handle({ method: 'community.create', input: { name: '服务器上的小区' }, session });
  const certificate = await ensureServerCertificate(serverDir, [SERVER_HOST]);
  pairingCode = certificate.pairingCode;
  office = await startOfficeServer({ app: serverApp, certificate, host: SERVER_HOST, port: 0 });
}, TEST_TIMEOUT);

afterAll(async () => {
  await office?.close();
  serverApp?.close();
  if (serverDir) fs.rmSync(serverDir, { recursive: true, force: true });
});

async function fillConnect(page: Page, address: string, code: string): Promise<void> {
  const form = page.getByTestId('connect-form');
  await form.waitFor();
  await form.getByLabel('服务器地址').fill(address);
  await form.getByLabel('配对码').fill(code);
  await page.getByTestId('connect-save').click();
}

describe('连接到办公室服务器', () => {
  it('from the first screen: a wrong code is refused saying so, the right one brings the server’s login and its data', async () => {
    const { page } = env;
    await page.goto(env.server.url);
    // A fresh folder: the first start, which offers the office server too.
    await page.getByTestId('setup-form').waitFor();
    await page.getByTestId('connect-open').click();
    await expect.poll(() => page.getByTestId('connect-form').getByLabel('服务器地址').getAttribute('placeholder')).toBe('https://192.168.1.20:8443');

    const wrong = `${pairingCode.slice(0, -1)}${pairingCode.at(-1) === '0' ? '1' : '0'}`;
    await fillConnect(page, office.url, wrong);
    await page.getByText('配对码不符', { exact: false }).first().waitFor();
    await shot(page, 'connect-wrong-code');
    // Still this PC's own data.
    expect((await env.call('workstation.status', {})).mode).toBe('local');

    await page.getByTestId('connect-form').getByLabel('配对码').fill(pairingCode);
    await page.getByTestId('connect-save').click();
    await page.getByTestId('login-form').waitFor();
    await expect.poll(() => page.getByTestId('connected-server').textContent()).toContain(`已连接办公室服务器 ${office.url}`);
    await shot(page, 'connect-login');

    await submitLogin(page, SERVER_ADMIN.username, SERVER_ADMIN.password);
    await page.getByTestId('current-user').waitFor();
    await page.getByText('服务器上的小区').first().waitFor({ timeout: UI_TIMEOUT });
    await shot(page, 'connect-signed-in');
  }, TEST_TIMEOUT);

  it('says when the server cannot be reached, refuses a changed certificate until paired again, and 断开 goes back to this PC’s own data', async () => {
    const { page } = env;
    const port = office.port;
    await office.close();
    await page.goto(env.server.url);
    await page.getByText('连接不上办公室服务器', { exact: true }).waitFor();
    await expect.poll(() => page.getByTestId('server-problem').textContent()).toContain('重试');
    await shot(page, 'connect-offline');

    // Back on the same address with another certificate (a new one, or an impostor's): refused, in words, until paired again.
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-e2e-office-cert-'));
    const certificate = await ensureServerCertificate(otherDir, [SERVER_HOST]);
    fs.rmSync(otherDir, { recursive: true, force: true });
    office = await startOfficeServer({ app: serverApp, certificate, host: SERVER_HOST, port });
    pairingCode = certificate.pairingCode;
    await page.getByRole('button', { name: '重试' }).click();
    await page.getByText('办公室服务器的证书已改变', { exact: true }).waitFor();
    await expect.poll(() => page.getByTestId('server-problem').textContent()).toContain('重新配对');
    await shot(page, 'connect-certificate-changed');
    await page.getByRole('button', { name: '重新配对' }).click();
    await expect.poll(() => page.getByTestId('connect-form').getByLabel('服务器地址').inputValue()).toBe(office.url);
    await page.getByTestId('connect-form').getByLabel('配对码').fill(pairingCode);
    await page.getByTestId('connect-save').click();
    await page.getByTestId('login-form').waitFor();

    await page.getByTestId('disconnect').click();
    await page.getByTestId('setup-form').waitFor();
    await page.getByTestId('connect-open').waitFor();
    expect((await env.call('workstation.status', {})).mode).toBe('local');
  }, TEST_TIMEOUT);
});

describe('本机作为办公室服务器', () => {
  it('shows each address and the certificate’s pairing code in large type; another PC pairs with them', async () => {
    const { page } = env;
    await env.call('auth.setup', ADMIN);
    await page.goto(env.server.url);
    await submitLogin(page, ADMIN.username, ADMIN.password);
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('menuitem', { name: '办公室服务器' }).click();
    const form = page.getByTestId('hosting-form');
    await expect.poll(() => form.getByLabel('监听地址').inputValue()).toBe('0.0.0.0:8443');
    const port = await freePort(HOSTING_HOST);
    await form.getByLabel('监听地址').fill(`${HOSTING_HOST}:${port}`);
    await page.getByTestId('hosting-switch').click();

    const code = page.getByTestId('hosting-code');
    await code.waitFor();
    const certificate = await ensureServerCertificate(env.dataDir);
    expect(await code.textContent()).toBe(certificate.pairingCode);
    const address = await page.getByTestId('hosting-address').first().textContent();
    expect(address).toBe(`https://${HOSTING_HOST}:${port}`);
    await page.getByText('连接到办公室服务器', { exact: false }).first().waitFor();
    await shot(page, 'hosting-on');

    // Another PC types what this screen shows.
    const pc = connectToServer(await pairWithServer(address!, (await code.textContent())!));
    try {
      const login = await pc.handle({ method: 'auth.login', input: { username: ADMIN.username, password: ADMIN.password } });
      expect(login.ok).toBe(true);
    } finally {
      pc.close();
    }

    await page.getByTestId('hosting-switch').click();
    await code.waitFor({ state: 'detached' });
    expect((await env.call('workstation.status', {})).hosting).toBeNull();
  }, TEST_TIMEOUT);
});

describe('the server screen on a connected PC', () => {
  it('is not offered the switch: it says the PC works on the server’s data', async () => {
    const { page } = env;
    await env.call('workstation.connect', { address: office.url, pairingCode });
    await page.goto(env.server.url);
    await submitLogin(page, SERVER_ADMIN.username, SERVER_ADMIN.password);
    await page.getByTestId('current-user').waitFor();
    await goTo(page, '#/office-server');
    await page.getByText(`这台电脑正在使用办公室服务器 ${office.url} 上的数据`, { exact: false }).waitFor();
    expect(await page.getByTestId('hosting-switch').count()).toBe(0);
  }, TEST_TIMEOUT);
});
