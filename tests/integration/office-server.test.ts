/**
 * The office server (issue 17) as an office runs it: `npm run serve` as a real process on 127.0.0.2, clients on
 * this process's side through the same client code the desktop app and `npm run web -- --server` use
 * (main/transport/office-client.ts). TLS with the pin, a wrong pin, a changed certificate, no plain HTTP, no
 * browsers, accounts required, the first administrator only at the server, live notices within a person's
 * communities, and the relay process.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeNotice } from '../../main/app-types';
import { FIRST_ADMIN_AT_SERVER } from '../../main/router';
import { connectToServer, pairWithServer, type OfficeLink } from '../../main/transport/office-client';
import { startOfficeServer } from '../../main/transport/office-server';
import { ensureServerCertificate } from '../../main/transport/server-certificate';
import { openApp } from '../../main/app';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import type { App } from '../../main/app-types';
import { runCli } from '../helpers';
import { rosterCsv } from '../fixtures/roster-generator';
import { WORKED_ROSTER } from '../fixtures/worked-roster';
import { freePort, runUntil, startServe, stopProcess, type ServeProcess } from '../fixtures/office-server';

const HOST = '127.0.0.2';

async function ok<M extends MethodName>(app: App, method: M, input: MethodInput<M>, session?: string): Promise<MethodOutput<M>> {
  const r = await app.handle(session === undefined ? { method, input } : { method, input, session });
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.result as MethodOutput<M>;
}

/** A raw HTTPS request to the server, trusting anything (to see what the server itself answers). */
function raw(url: string, options: { path?: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = https.request({ host: u.hostname, port: u.port, path: options.path ?? '/api/invoke', method: options.method ?? 'POST', rejectUnauthorized: false, headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const dirs: string[] = [];
function folder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-office-'));
  dirs.push(dir);
  return dir;
}

let dir: string;
let port: number;
let serve: ServeProcess;
let link: OfficeLink;
let temporaryPassword: string;
const clients: App[] = [];
function client(): App {
  const c = connectToServer(link);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  dir = folder();
  const added = runCli(dir, 'user', 'add', '--username', 'boss', '--display-name', '王主任', '--role', '管理员');
  expect(added.code).toBe(0);
  temporaryPassword = added.json.temporaryPassword;
  port = await freePort(HOST);
  serve = await startServe(['--listen', `${HOST}:${port}`, '--data-dir', dir]);
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await serve?.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('npm run serve', () => {
  it('prints its address and pairing code on lines of their own, and speaks TLS only', async () => {
    expect(serve.url).toBe(`https://${HOST}:${port}`);
    expect(serve.pairingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    await expect.poll(() => serve.output()).toContain(`数据文件：${path.join(dir, 'sanfang.sqlite')}`);
    // Plain HTTP on the same port: the TLS server never answers it as HTTP.
    const plain = await new Promise<string>((resolve) => {
      http.get({ host: HOST, port, path: '/api/invoke' }, (res) => resolve(`answered ${res.statusCode}`)).on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    expect(plain).not.toMatch(/^answered/);
  });

  it('pairs by the code as read off its screen; a wrong or malformed code, or plain http, is refused', async () => {
    link = await pairWithServer(serve.url, ` ${serve.pairingCode.toLowerCase().replace(/-/g, ' ')} `);
    expect(link.url).toBe(serve.url);
    const last = serve.pairingCode.at(-1) === '0' ? '1' : '0';
    await expect(pairWithServer(serve.url, `${serve.pairingCode.slice(0, -1)}${last}`)).rejects.toMatchObject({ code: 'REFUSED', message: expect.stringContaining('配对码不符') });
    await expect(pairWithServer(serve.url, 'ABCD')).rejects.toMatchObject({ code: 'VALIDATION', details: [{ field: 'pairingCode' }] });
    await expect(pairWithServer(`http://${HOST}:${port}`, serve.pairingCode)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('https://') });
    await expect(pairWithServer(`https://${HOST}:1`, serve.pairingCode)).rejects.toMatchObject({ code: 'OFFLINE', message: expect.stringContaining('没有在运行') });
  });

  it('refuses browser pages (an Origin header), a Host that is a name, unknown paths, and never serves files', async () => {
    const body = JSON.stringify({ method: 'auth.status', input: {} });
    const json = { 'Content-Type': 'application/json' };
    expect((await raw(serve.url, { headers: json, body })).status).toBe(200);
    const fromPage = await raw(serve.url, { headers: { ...json, Origin: `https://${HOST}:${port}` }, body });
    expect(fromPage.status).toBe(403);
    expect(JSON.parse(fromPage.body).error.message).toContain('不接受网页');
    expect((await raw(serve.url, { headers: { ...json, Host: `evil.example:${port}` }, body })).status).toBe(421);
    for (const p of ['/', '/index.html', '/sanfang.sqlite', '/backups', '/../sanfang.sqlite']) {
      expect((await raw(serve.url, { path: p, method: 'GET' })).status, p).toBe(404);
    }
  });

  it('requires an account: nothing without a session, a temporary password only changes itself', async () => {
    const pc = client();
    expect(await pc.handle({ method: 'community.list', input: {} })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const login = await ok(pc, 'auth.login', { username: 'boss', password: temporaryPassword });
    expect(login.mustChangePassword).toBe(true);
    expect(await pc.handle({ method: 'community.list', input: {}, session: login.session })).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    const changed = await ok(pc, 'auth.changePassword', { oldPassword: temporaryPassword, newPassword: 'office server 2026' }, login.session);
    expect(changed.recoveryCode).toBeTruthy(); // the first administrator's code, shown once — at their PC
    expect(await ok(pc, 'community.list', {}, login.session)).toEqual([]);
    // The server's own details are not told to a PC that has not signed in.
    expect(await ok(pc, 'system.health', {})).toMatchObject({ ok: true, dbPath: null });
  });

  it('makes the first administrator only at the server, never from another PC', async () => {
    const empty = await openApp({ dataDir: folder(), migrationsDir: MIGRATIONS_DIR });
    const certificate = await ensureServerCertificate(empty.dataDir, ['127.0.0.3']);
    const server = await startOfficeServer({ app: empty, certificate, host: '127.0.0.3', port: 0 });
    try {
      const pc = connectToServer(await pairWithServer(server.url, certificate.pairingCode));
      clients.push(pc);
      expect(await ok(pc, 'auth.status', {})).toMatchObject({ needsSetup: true });
      const r = await pc.handle({ method: 'auth.setup', input: { username: 'mallory', displayName: '某人', password: 'from another pc' } });
      expect(r).toEqual({ ok: false, error: { code: 'REFUSED', message: FIRST_ADMIN_AT_SERVER } });
      expect(await ok(pc, 'auth.status', {})).toMatchObject({ needsSetup: true });
      // At the server itself (its own screen), the same call works.
      expect(await empty.handle({ method: 'auth.setup', input: { username: 'admin', displayName: '王主任', password: 'at the server' } })).toMatchObject({ ok: true });
    } finally {
      await server.close();
      empty.close();
    }
  });

  it('tells a signed-in PC which records others saved: kinds and ids of its own communities only', async () => {
    const admin = client();
    const session = (await ok(admin, 'auth.login', { username: 'boss', password: 'office server 2026' })).session;
    const east = await ok(admin, 'community.create', { name: '东苑' }, session);
    const west = await ok(admin, 'community.create', { name: '西苑' }, session);
    const reader = await ok(admin, 'user.create', { username: 'reader', displayName: '只读者', grants: [{ role: 'reader', communities: [west.id] }] }, session);
    const other = client();
    const readerLogin = await ok(other, 'auth.login', { username: 'reader', password: reader.temporaryPassword });
    await ok(other, 'auth.changePassword', { oldPassword: reader.temporaryPassword, newPassword: 'reader password 1' }, readerLogin.session);

    const heardByAdmin: ChangeNotice[] = [];
    const heardByReader: ChangeNotice[] = [];
    const stopAdmin = client().subscribe(session, (n) => n && heardByAdmin.push(n))!;
    const stopReader = other.subscribe(readerLogin.session, (n) => n && heardByReader.push(n))!;
    await new Promise((r) => setTimeout(r, 300)); // the streams open

    const issue = await ok(admin, 'issue.create', { communityId: east.id, title: '东苑垃圾清运不及时', reportedAt: '2026-12-01T09:30', category: '环境卫生', reporter: '张三' }, session);
    await expect.poll(() => heardByAdmin.flatMap((n) => n.ids), { timeout: 5000 }).toContain(issue.id);
    const heard = heardByAdmin.find((n) => n.ids.includes(issue.id))!;
    expect(heard.kinds).toContain('issue');
    expect(JSON.stringify(heard)).not.toContain('垃圾'); // never the record's contents
    // The reader covers 西苑 only: the issue of 东苑 reaches them neither by id nor by kind.
    await new Promise((r) => setTimeout(r, 500));
    expect(heardByReader.flatMap((n) => n.ids)).not.toContain(issue.id);
    expect(heardByReader.flatMap((n) => n.kinds)).not.toContain('issue');
    stopAdmin();
    stopReader();
  });
});

describe('two PCs entering ballots on one vote', () => {
  it('keep one ballot per subject across them: of two saves of the same subject at once, one is recorded', async () => {
    const [pc1, pc2] = [client(), client()];
    const s1 = (await ok(pc1, 'auth.login', { username: 'boss', password: 'office server 2026' })).session;
    const s2 = (await ok(pc2, 'auth.login', { username: 'boss', password: 'office server 2026' })).session;
    const { communityId } = await ok(pc1, 'roster.import', {
      file: { fileName: '南苑.csv', base64: Buffer.from(`\uFEFF${rosterCsv(WORKED_ROSTER)}`, 'utf8').toString('base64') }, community: { name: '南苑' },
    }, s1);
    const vote = await ok(pc1, 'vote.create', { communityId, title: '两台电脑', opens: '2026-12-01', closes: '2026-12-20', items: [{ title: '续聘物业', category: 4 }] }, s1);
    const subjects = (await ok(pc1, 'vote.subjects', { voteId: vote.id, state: 'all', offset: 0, limit: 10 }, s1)).rows;
    const ballot = (subjectId: string) => ({ voteId: vote.id, subjectId, choices: [{ itemId: vote.items[0]!.id, choice: 'yes' as const }] });
    for (const subject of subjects) {
      const [a, b] = await Promise.all([
        pc1.handle({ method: 'ballot.record', input: ballot(subject.id), session: s1 }),
        pc2.handle({ method: 'ballot.record', input: ballot(subject.id), session: s2 }),
      ]);
      expect([a.ok, b.ok].filter(Boolean), subject.code).toHaveLength(1);
      const refused = a.ok ? b : a;
      expect(refused.ok ? '' : refused.error.message).toContain('同一表决权人只能有一张票');
    }
    const tally = await ok(pc2, 'vote.tally', { id: vote.id }, s2);
    expect(tally.ballots.returned).toBe(subjects.length);
  }, 60_000);
});

describe('npm run serve’s options', () => {
  it('--db serves that file (its folder keeps the certificate); wrong options and a taken port are refused in words', async () => {
    const other = folder();
    const file = path.join(other, '办公室.sqlite');
    const byFile = await startServe(['--db', file, '--listen', `127.0.0.6:${await freePort('127.0.0.6')}`]);
    try {
      await expect.poll(() => byFile.output()).toContain(`数据文件：${file}`);
      expect(fs.existsSync(path.join(other, 'office-server', 'certificate.pem'))).toBe(true);
      await expect.poll(() => byFile.output()).toContain(`--db ${file} user add`); // no administrator yet: how to make one there
    } finally {
      await byFile.stop();
    }
    const refusals: [string[], RegExp][] = [
      [['--data-dir', other], /缺少 --listen/],
      [['--listen', '127.0.0.6'], /--listen 应为 地址:端口/],
      [['--listen', `${HOST}:${port}`, '--data-dir', other, '--db', file], /只能给一个/],
      [['--listen', `${HOST}:${port}`, '--verbose', 'yes'], /不认识的选项：--verbose/],
      [['--listen', `${HOST}:${port}`, '--data-dir', other], new RegExp(`端口 ${port} 已被其他程序占用`)],
    ];
    for (const [args, says] of refusals) {
      await expect(runUntil('scripts/serve.mjs', args, /配对码：/), args.join(' ')).rejects.toThrow(says);
    }
  }, 120_000);
});

describe('calls per client address', () => {
  it('are limited per address: a PC connecting from its own address (localAddress) has a bucket of its own', async () => {
    const app = await openApp({ dataDir: folder(), migrationsDir: MIGRATIONS_DIR });
    const certificate = await ensureServerCertificate(app.dataDir, ['127.0.0.30']);
    // Two calls and then practically none: the third call from an address is refused.
    const server = await startOfficeServer({ app, certificate, host: '127.0.0.30', port: 0, limits: { perSecond: 0.001, burst: 2 } });
    try {
      const paired = await pairWithServer(server.url, certificate.pairingCode);
      const [one, two] = ['127.0.0.31', '127.0.0.32'].map((localAddress) => {
        const pc = connectToServer(paired, { localAddress });
        clients.push(pc);
        return pc;
      });
      const status = { method: 'auth.status' as const, input: {} };
      expect(await one!.handle(status)).toMatchObject({ ok: true });
      expect(await one!.handle(status)).toMatchObject({ ok: true });
      expect(await one!.handle(status)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringContaining('请求过于频繁') } });
      expect(await two!.handle(status)).toMatchObject({ ok: true });
    } finally {
      await server.close();
      app.close();
    }
  });
});

describe('a changed certificate', () => {
  it('is refused with words saying so, and the old code no longer pairs', async () => {
    const pc = client();
    const session = (await ok(pc, 'auth.login', { username: 'boss', password: 'office server 2026' })).session;
    const ended: (ChangeNotice | null)[] = [];
    pc.subscribe(session, (n) => ended.push(n));
    await serve.stop();
    const down = await pc.handle({ method: 'community.list', input: {}, session });
    expect(down).toMatchObject({ ok: false, error: { code: 'OFFLINE', message: expect.stringContaining(serve.url) } });
    // A new certificate on the same address (the server's folder lost it, or an impostor took the address).
    fs.rmSync(path.join(dir, 'office-server'), { recursive: true });
    const oldCode = serve.pairingCode;
    serve = await startServe(['--listen', `${HOST}:${port}`, '--data-dir', dir]);
    expect(serve.pairingCode).not.toBe(oldCode);
    const refused = await pc.handle({ method: 'community.list', input: {}, session });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_CHANGED', message: expect.stringContaining('证书已改变') } });
    await expect(pairWithServer(serve.url, oldCode)).rejects.toMatchObject({ code: 'REFUSED' });
    // Paired again with the new code, the same account works (the accounts are the database's, not the certificate's).
    link = await pairWithServer(serve.url, serve.pairingCode);
    expect(await ok(client(), 'auth.login', { username: 'boss', password: 'office server 2026' })).toMatchObject({ user: { username: 'boss' } });
  }, 60_000);
});

describe('npm run web -- --server URL --pin CODE', () => {
  it('relays the browser’s calls to the office server over the pinned certificate', async () => {
    const { child, match } = await runUntil('scripts/web.mjs', ['--server', serve.url, '--pin', serve.pairingCode], /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/);
    try {
      const url = new URL(match[1]!);
      const invoke = async (method: string, input: unknown, session?: string) => {
        const r = await fetch(new URL('/api/invoke', url), {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-sanfang-token': url.searchParams.get('token')! },
          body: JSON.stringify({ method, input, ...(session ? { session } : {}) }),
        });
        return (await r.json()) as { ok: boolean; result?: { session?: string; name?: string }[] & { session?: string } };
      };
      const login = await invoke('auth.login', { username: 'boss', password: 'office server 2026' });
      expect(login.ok).toBe(true);
      const list = await invoke('community.list', {}, login.result!.session);
      expect(list.result!.map((c) => c.name).sort()).toEqual(['东苑', '南苑', '西苑']);
    } finally {
      await stopProcess(child);
    }
  }, 120_000);

  it('refuses to start with a wrong pin, saying why', async () => {
    const wrong = `${serve.pairingCode.slice(0, -1)}${serve.pairingCode.at(-1) === '0' ? '1' : '0'}`;
    await expect(runUntil('scripts/web.mjs', ['--server', serve.url, '--pin', wrong], /token=/)).rejects.toThrow(/配对码不符/);
  }, 120_000);
});
