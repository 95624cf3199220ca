/**
 * This PC's choice (issue 17) through the workstation the desktop app and browser mode use
 * (main/transport/workstation.ts): connecting to an office server by its address and pairing code, the status the
 * login screen shows, going back to this PC's own data, the choice kept across a restart; and serving this PC's
 * database to the others (本机作为办公室服务器) — only for its 管理员, only at this PC, only while it works on its own
 * data — with a second PC pairing by the code shown. Real databases, real TLS on loopback addresses of their own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../main/app';
import type { App } from '../../main/app-types';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { SHELL_ONLY } from '../../main/router';
import { connectToServer, pairWithServer } from '../../main/transport/office-client';
import { startOfficeServer, type OfficeServer } from '../../main/transport/office-server';
import { ensureServerCertificate } from '../../main/transport/server-certificate';
import { createWorkstation, HOSTING_FILE, LINK_FILE, type Workstation } from '../../main/transport/workstation';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import type { ErrorEnvelope } from '../../shared/contract/errors';
import { freePort } from '../fixtures/office-server';

const SERVER_HOST = '127.0.0.20';
const HOSTING_HOST = '127.0.0.21';
const ADMIN = { username: 'admin', displayName: '王主任', password: 'office admin 2026' };

async function ok<M extends MethodName>(app: App, method: M, input: MethodInput<M>, session?: string): Promise<MethodOutput<M>> {
  const r = await app.handle(session === undefined ? { method, input } : { method, input, session });
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.result as MethodOutput<M>;
}
async function refused<M extends MethodName>(app: App, method: M, input: MethodInput<M>, session?: string): Promise<ErrorEnvelope> {
  const r = await app.handle(session === undefined ? { method, input } : { method, input, session });
  if (r.ok) throw new Error(`${method} was expected to be refused`);
  return r.error;
}

const dirs: string[] = [];
function folder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-workstation-'));
  dirs.push(dir);
  return dir;
}
const opened: App[] = [];
async function workstation(dataDir: string): Promise<Workstation> {
  const w = await createWorkstation({ dataDir, migrationsDir: MIGRATIONS_DIR, trustedCaller: true });
  opened.push(w);
  return w;
}
function closeAll(): void {
  for (const a of opened.splice(0)) a.close();
}

/** The office server: its own database with an administrator made at its own screen and one community. */
let officeApp: App;
let office: OfficeServer;
let pairingCode: string;
beforeAll(async () => {
  officeApp = await openApp({ dataDir: folder(), migrationsDir: MIGRATIONS_DIR });
  const { session } = await ok(officeApp, 'auth.setup', ADMIN);
  await ok(officeApp, 'community.create', { name: '服务器上的小区' }, session);
  const certificate = await ensureServerCertificate(officeApp.dataDir, [SERVER_HOST]);
  pairingCode = certificate.pairingCode;
  office = await startOfficeServer({ app: officeApp, certificate, host: SERVER_HOST, port: 0 });
}, 60_000);

afterAll(async () => {
  closeAll();
  await office?.close();
  officeApp?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('连接到办公室服务器', () => {
  it('starts on this PC’s own data; a wrong or malformed code is refused by field; the right one switches every call to the server', async () => {
    const dir = folder();
    const pc = await workstation(dir);
    expect(await ok(pc, 'workstation.status', {})).toEqual({ mode: 'local', server: null, hosting: null, hostingProblem: null });
    expect(await ok(pc, 'auth.status', {})).toMatchObject({ needsSetup: true });

    const last = pairingCode.at(-1) === '0' ? '1' : '0';
    const wrong = await refused(pc, 'workstation.connect', { address: office.url, pairingCode: `${pairingCode.slice(0, -1)}${last}` });
    expect(wrong).toMatchObject({ code: 'REFUSED', details: [{ field: 'pairingCode' }], message: expect.stringContaining('配对码不符') });
    expect(await refused(pc, 'workstation.connect', { address: office.url, pairingCode: 'ABCD' })).toMatchObject({ code: 'VALIDATION', details: [{ field: 'pairingCode' }] });
    expect(await refused(pc, 'workstation.connect', { address: `http://${SERVER_HOST}:${office.port}`, pairingCode })).toMatchObject({ code: 'VALIDATION', details: [{ field: 'address' }] });
    expect(await refused(pc, 'workstation.connect', { address: '', pairingCode })).toMatchObject({ code: 'VALIDATION', details: [{ field: 'address' }] });
    // Nothing changed by a refusal.
    expect((await ok(pc, 'workstation.status', {})).mode).toBe('local');
    expect(fs.existsSync(path.join(dir, LINK_FILE))).toBe(false);

    const connected = await ok(pc, 'workstation.connect', { address: ` ${office.url} `, pairingCode: pairingCode.toLowerCase() });
    expect(connected).toEqual({ mode: 'office', server: office.url, hosting: null, hostingProblem: null });
    // The server's database now: its administrator exists, its community is there.
    expect(await ok(pc, 'auth.status', {})).toMatchObject({ needsSetup: false });
    const { session } = await ok(pc, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect((await ok(pc, 'community.list', {}, session)).map((c) => c.name)).toEqual(['服务器上的小区']);
    // The first administrator is made at the server only: from here, refused.
    expect(await refused(pc, 'auth.setup', { username: 'mallory', displayName: '某人', password: 'another password' })).toMatchObject({ code: 'REFUSED' });
  });

  it('keeps the choice across a restart, and 断开 goes back to this PC’s own data (its sessions as they were)', async () => {
    const dir = folder();
    const first = await workstation(dir);
    const local = await ok(first, 'auth.setup', { username: 'me', displayName: '本机管理员', password: 'local password 1' });
    await ok(first, 'community.create', { name: '本机的小区' }, local.session);
    await ok(first, 'workstation.connect', { address: office.url, pairingCode });
    // A session of this PC's database is no session of the server's.
    expect(await refused(first, 'community.list', {}, local.session)).toMatchObject({ code: 'UNAUTHENTICATED' });
    first.close();

    const again = await workstation(dir);
    expect(await ok(again, 'workstation.status', {})).toMatchObject({ mode: 'office', server: office.url });
    expect(await ok(again, 'auth.status', {})).toMatchObject({ needsSetup: false });
    expect(await ok(again, 'workstation.disconnect', {})).toEqual({ mode: 'local', server: null, hosting: null, hostingProblem: null });
    expect(fs.existsSync(path.join(dir, LINK_FILE))).toBe(false);
    const back = await ok(again, 'auth.login', { username: 'me', password: 'local password 1' });
    expect((await ok(again, 'community.list', {}, back.session)).map((c) => c.name)).toEqual(['本机的小区']);
    again.close();

    const third = await workstation(dir);
    expect((await ok(third, 'workstation.status', {})).mode).toBe('local');
  });

  it('says OFFLINE while the server is unreachable, and still lets the person go back to this PC’s data', async () => {
    const dir = folder();
    const certificate = await ensureServerCertificate(folder(), [SERVER_HOST]);
    const gone = await startOfficeServer({ app: officeApp, certificate, host: SERVER_HOST, port: 0 });
    const pc = await workstation(dir);
    await ok(pc, 'workstation.connect', { address: gone.url, pairingCode: certificate.pairingCode });
    await gone.close();
    expect(await refused(pc, 'auth.status', {})).toMatchObject({ code: 'OFFLINE', message: expect.stringContaining(gone.url) });
    expect(await ok(pc, 'workstation.status', {})).toMatchObject({ mode: 'office', server: gone.url });
    expect((await ok(pc, 'workstation.disconnect', {})).mode).toBe('local');
    expect(await ok(pc, 'auth.status', {})).toMatchObject({ needsSetup: true });
  });
});

describe('本机作为办公室服务器', () => {
  it('is refused without a session, to anyone but a 管理员 of this database, and while connected to another server', async () => {
    const pc = await workstation(folder());
    const admin = await ok(pc, 'auth.setup', { username: 'boss', displayName: '主任', password: 'local password 2' });
    const reader = await ok(pc, 'user.create', { username: 'reader', displayName: '只读者', grants: [{ role: 'reader', communities: 'all' }] }, admin.session);
    const readerLogin = await ok(pc, 'auth.login', { username: 'reader', password: reader.temporaryPassword });
    await ok(pc, 'auth.changePassword', { oldPassword: reader.temporaryPassword, newPassword: 'reader password 2' }, readerLogin.session);
    const listen = `${HOSTING_HOST}:${await freePort(HOSTING_HOST)}`;

    expect(await refused(pc, 'workstation.host', { listen })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await refused(pc, 'workstation.host', { listen }, readerLogin.session)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('修改系统设置') });
    expect(await refused(pc, 'workstation.stopHosting', {}, readerLogin.session)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await ok(pc, 'workstation.status', {})).hosting).toBeNull();

    await ok(pc, 'workstation.connect', { address: office.url, pairingCode });
    const server = await ok(pc, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    // The server's 管理员 is no 管理员 of this PC's database, and a connected PC serves nothing.
    expect(await refused(pc, 'workstation.host', { listen }, server.session)).toMatchObject({ code: 'REFUSED', message: expect.stringContaining('断开') });
    expect(await refused(pc, 'workstation.stopHosting', {}, server.session)).toMatchObject({ code: 'REFUSED' });
  });

  it('serves this database: the addresses and the certificate’s pairing code shown, a second PC pairs with them and signs in; kept across a restart; stopped', async () => {
    const dir = folder();
    const host = await workstation(dir);
    const admin = await ok(host, 'auth.setup', { username: 'boss', displayName: '主任', password: 'local password 3' });
    await ok(host, 'community.create', { name: '主机上的小区' }, admin.session);

    expect(await refused(host, 'workstation.host', { listen: 'not an address' }, admin.session)).toMatchObject({ code: 'VALIDATION', details: [{ field: 'listen' }] });
    const port = await freePort(HOSTING_HOST);
    const on = await ok(host, 'workstation.host', { listen: `${HOSTING_HOST}:${port}` }, admin.session);
    const certificate = await ensureServerCertificate(dir);
    expect(on).toEqual({
      mode: 'local', server: null, hostingProblem: null,
      hosting: { listen: `${HOSTING_HOST}:${port}`, addresses: [`https://${HOSTING_HOST}:${port}`], pairingCode: certificate.pairingCode },
    });
    expect(await ok(host, 'workstation.status', {})).toEqual(on);
    // Who turned it on, in this database's log.
    const log = await ok(host, 'audit.list', { actions: ['office-server-start'] }, admin.session);
    expect(log.rows[0]).toMatchObject({ author: expect.stringContaining('boss') });

    // The port taken: named, on the field.
    const busy = await workstation(folder());
    const other = await ok(busy, 'auth.setup', { username: 'boss', displayName: '主任', password: 'local password 4' });
    expect(await refused(busy, 'workstation.host', { listen: `${HOSTING_HOST}:${port}` }, other.session)).toMatchObject({
      code: 'REFUSED', details: [{ field: 'listen' }], message: expect.stringContaining(`端口 ${port} 已被其他程序占用`),
    });
    // A PC serving the others does not leave them for another server.
    expect(await refused(host, 'workstation.connect', { address: office.url, pairingCode })).toMatchObject({ code: 'REFUSED', message: expect.stringContaining('停止') });

    // Another PC types what the screen shows.
    const pc = await workstation(folder());
    await ok(pc, 'workstation.connect', { address: on.hosting!.addresses[0]!, pairingCode: on.hosting!.pairingCode });
    const login = await ok(pc, 'auth.login', { username: 'boss', password: 'local password 3' });
    expect((await ok(pc, 'community.list', {}, login.session)).map((c) => c.name)).toEqual(['主机上的小区']);
    // Over the network the workstation's calls reach a database, which refuses them.
    const direct = connectToServer(await pairWithServer(on.hosting!.addresses[0]!, on.hosting!.pairingCode));
    opened.push(direct);
    expect(await refused(direct, 'workstation.host', { listen: `${HOSTING_HOST}:1` }, login.session)).toEqual({ code: 'REFUSED', message: SHELL_ONLY });
    expect(await refused(direct, 'workstation.status', {})).toEqual({ code: 'REFUSED', message: SHELL_ONLY });

    // Closed and opened again: serving again on the same address, with the same code.
    host.close();
    expect(await refused(pc, 'community.list', {}, login.session)).toMatchObject({ code: 'OFFLINE' });
    const restarted = await workstation(dir);
    expect((await ok(restarted, 'workstation.status', {})).hosting).toEqual(on.hosting);
    const relogin = await ok(pc, 'auth.login', { username: 'boss', password: 'local password 3' });
    expect(await ok(pc, 'community.list', {}, relogin.session)).toHaveLength(1);

    const session = (await ok(restarted, 'auth.login', { username: 'boss', password: 'local password 3' })).session;
    expect(await ok(restarted, 'workstation.stopHosting', {}, session)).toEqual({ mode: 'local', server: null, hosting: null, hostingProblem: null });
    expect(fs.existsSync(path.join(dir, HOSTING_FILE))).toBe(false);
    expect(await refused(pc, 'auth.status', {})).toMatchObject({ code: 'OFFLINE' });
  });

  it('says why when the saved setting cannot serve at the next start', async () => {
    const dir = folder();
    const port = await freePort(HOSTING_HOST);
    fs.writeFileSync(path.join(dir, HOSTING_FILE), JSON.stringify({ listen: `127.0.0.29:${port}x` }));
    const pc = await workstation(dir);
    expect(await ok(pc, 'workstation.status', {})).toMatchObject({ hosting: null, hostingProblem: { listen: `127.0.0.29:${port}x`, message: expect.stringContaining('监听地址应为') } });
  });
});

describe('the router', () => {
  it('answers the workstation’s calls only through the workstation', async () => {
    const bare = await openApp({ dataDir: folder(), migrationsDir: MIGRATIONS_DIR });
    opened.push(bare);
    expect(await refused(bare, 'workstation.status', {})).toEqual({ code: 'REFUSED', message: SHELL_ONLY });
    expect(await refused(bare, 'workstation.connect', { address: office.url, pairingCode })).toEqual({ code: 'REFUSED', message: SHELL_ONLY });
  });
});
