/**
 * This PC's choice (issue 17), in one place for the desktop app (main/electron/main.ts) and browser mode
 * (main/web.ts): work on this PC's own database, or on the office server; and, working on its own, serve it to the
 * office's other PCs while the app is open (本机作为办公室服务器).
 *
 * The workstation is itself an App. It answers `workstation.status`, `.connect` and `.disconnect` itself — they must
 * work before sign-in and when the server is gone — and passes every other call to the current App: this PC's
 * database (openApp) or the office server (connectToServer, every call over HTTPS to the pinned certificate). So
 * the renderer calls the same contract either way and cannot tell which it talks to.
 *
 * Serving others is a setting of this PC's own database: `workstation.host` and `.stopHosting` go to its router,
 * which checks that a 管理员 of that database asks at this PC and writes the audit row, then calls back here
 * (AppOptions.officeHosting) to listen or stop. Why not check the grants here: the router already enforces every
 * method's declared access (tests/integration/access.test.ts calls each as each role), and the audit is its.
 *
 * The choice is kept in the data folder beside the database, so the app starts the way it was left:
 * `office-link.json` (the server's address and the certificate paired with) and `office-server.json` (the listen
 * address while serving).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError, fieldProblem, type Problem } from '../../shared/contract/errors';
import { methods, type InvokeRequest, type InvokeResponse, type MethodName, type MethodOutput } from '../../shared/contract/methods';
import { openApp, resolvePaths } from '../app';
import type { App, AppOptions, CallOrigin, ChangeNotice, OfficeHosting } from '../app-types';
import { ensurePrivateDir } from '../db/file-modes';
import { connectToServer, pairWithServer, parseServerUrl, type OfficeLink } from './office-client';
import { hostOffice, type Hosting } from './office-hosting';

export type WorkstationStatus = MethodOutput<'workstation.status'>;

export interface WorkstationOptions extends Omit<AppOptions, 'fixedAuthor' | 'officeHosting'> {
  /** Paired before the start (`npm run web -- --server --pin`): remembered like the first screen's choice. */
  link?: OfficeLink;
}

export interface Workstation extends App {
  status(): WorkstationStatus;
}

export const LINK_FILE = 'office-link.json';
export const HOSTING_FILE = 'office-server.json';

const CONNECTED_NO_HOSTING = '这台电脑正在使用办公室服务器上的数据，不能再作为办公室服务器：请先在登录页选择“断开，改用本机数据”。';
const HOSTING_NO_CONNECT = '这台电脑正作为办公室服务器，其他电脑在使用本机的数据：请先由管理员在“办公室服务器”页停止，再连接其他服务器。';

type Current = { mode: 'local'; app: App } | { mode: 'office'; app: App & { readonly url: string } };

interface Subscription {
  app: App;
  stop: (() => void) | null;
  listener: (notice: ChangeNotice | null) => void;
}

export async function createWorkstation(options: WorkstationOptions): Promise<Workstation> {
  const { link: startLink, ...appOptions } = options;
  const { dataDir } = resolvePaths(options);
  ensurePrivateDir(dataDir);
  const linkFile = path.join(dataDir, LINK_FILE);
  const hostingFile = path.join(dataDir, HOSTING_FILE);

  let hosting: Hosting | null = null;
  let hostingProblem: WorkstationStatus['hostingProblem'] = null;
  /** Calls under way per App: an App switched away from is closed only after its calls have answered. */
  const running = new Map<App, Set<Promise<unknown>>>();
  const subscriptions = new Set<Subscription>();
  /** Switches one at a time; hosting starts and stops one at a time (a switch may wait for a hosting call: two chains). */
  let switching: Promise<unknown> = Promise.resolve();
  let hostingChain: Promise<unknown> = Promise.resolve();
  const serial = <T>(chain: 'switch' | 'hosting', run: () => Promise<T>): Promise<T> => {
    const next = (chain === 'switch' ? switching : hostingChain).then(run, run);
    if (chain === 'switch') switching = next.catch(() => undefined);
    else hostingChain = next.catch(() => undefined);
    return next;
  };

  const officeHosting: OfficeHosting = {
    start: (listen) => serial('hosting', async () => {
      const local = current.mode === 'local' ? current.app : null;
      if (!local) throw new AppError('REFUSED', CONNECTED_NO_HOSTING);
      if (hosting) {
        if (hosting.listen === listen.trim()) return status();
        await hosting.server.close();
        hosting = null;
      }
      const started = await hostOffice(local, listen);
      if (current.app !== local) {
        // Switched to the office server meanwhile: nobody may reach a database that is being closed.
        await started.server.close();
        throw new AppError('REFUSED', CONNECTED_NO_HOSTING);
      }
      hosting = started;
      hostingProblem = null;
      writeJson(hostingFile, { listen: started.listen });
      return status();
    }),
    stop: () => serial('hosting', async () => {
      if (hosting) await hosting.server.close();
      hosting = null;
      hostingProblem = null;
      fs.rmSync(hostingFile, { force: true });
      return status();
    }),
  };

  const openLocal = () => openApp({ ...appOptions, officeHosting });

  let current: Current;
  if (startLink) writeJson(linkFile, startLink);
  const savedLink = startLink ?? readLink(linkFile);
  if (savedLink) {
    current = { mode: 'office', app: connectToServer(savedLink) };
  } else {
    current = { mode: 'local', app: await openLocal() };
    // Serving was on when the app was last closed: on again, or the reason it is not on the screen.
    const saved = readJson(hostingFile, (v) => (typeof v === 'object' && v !== null && typeof (v as { listen?: unknown }).listen === 'string' ? (v as { listen: string }).listen : null));
    if (saved) {
      try {
        hosting = await hostOffice(current.app, saved);
      } catch (error) {
        hostingProblem = { listen: saved, message: error instanceof Error ? error.message : String(error) };
      }
    }
  }

  function status(): WorkstationStatus {
    return {
      mode: current.mode,
      server: current.mode === 'office' ? current.app.url : null,
      hosting: hosting ? { listen: hosting.listen, addresses: hosting.addresses, pairingCode: hosting.pairingCode } : null,
      hostingProblem,
    };
  }

  /** The current App becomes `next`: its sessions end (their listeners hear so), and the old one closes once its calls have answered. */
  async function switchTo(next: Current): Promise<void> {
    const old = current.app;
    current = next;
    for (const s of [...subscriptions]) {
      if (s.app !== old) continue;
      subscriptions.delete(s);
      s.stop?.();
      s.listener(null);
    }
    await Promise.allSettled([...(running.get(old) ?? [])]);
    running.delete(old);
    old.close();
  }

  async function connect(address: string, pairingCode: string): Promise<WorkstationStatus> {
    if (hosting) throw new AppError('REFUSED', HOSTING_NO_CONNECT);
    const link = await pairWithServer(address, pairingCode);
    return serial('switch', async () => {
      if (hosting) throw new AppError('REFUSED', HOSTING_NO_CONNECT);
      writeJson(linkFile, link);
      // The PC now works on the server: a serving setting that did not start this time is forgotten with it.
      hostingProblem = null;
      fs.rmSync(hostingFile, { force: true });
      await switchTo({ mode: 'office', app: connectToServer(link) });
      console.log(`[workstation] 已连接办公室服务器 ${link.url}`);
      return status();
    });
  }

  function disconnect(): Promise<WorkstationStatus> {
    return serial('switch', async () => {
      if (current.mode === 'local') return status();
      const was = current.app.url;
      fs.rmSync(linkFile, { force: true });
      await switchTo({ mode: 'local', app: await openLocal() });
      console.log(`[workstation] 已断开办公室服务器 ${was}，改用本机数据`);
      return status();
    });
  }

  async function answer(request: InvokeRequest, origin: CallOrigin): Promise<InvokeResponse> {
    const name = request.method as MethodName;
    if (name === 'workstation.host' || name === 'workstation.stopHosting') {
      if (current.mode === 'office') throw new AppError('REFUSED', CONNECTED_NO_HOSTING);
      return pass(request, origin);
    }
    const input = parse(name, request.input);
    if (name === 'workstation.status') return { ok: true, result: status() };
    if (name === 'workstation.connect') {
      const { address, pairingCode } = input as { address: string; pairingCode: string };
      return { ok: true, result: await connect(address, pairingCode) };
    }
    return { ok: true, result: await disconnect() };
  }

  function pass(request: InvokeRequest, origin: CallOrigin): Promise<InvokeResponse> {
    const app = current.app;
    const call = app.handle(request, origin);
    const calls = running.get(app) ?? new Set();
    running.set(app, calls);
    calls.add(call);
    void call.finally(() => calls.delete(call));
    return call;
  }

  return {
    dataDir,
    get dbPath() {
      return current.app.dbPath;
    },
    status,
    async handle(request, origin = 'local') {
      if (typeof request.method !== 'string' || !request.method.startsWith('workstation.') || !Object.hasOwn(methods, request.method)) {
        return pass(request, origin);
      }
      try {
        return await answer(request, origin);
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toEnvelope() };
        console.error(`[workstation] ${request.method} failed`, error);
        return { ok: false, error: { code: 'INTERNAL', message: '程序内部错误，操作未完成。请联系技术人员。' } };
      }
    },
    subscribe(session, listener) {
      const app = current.app;
      const entry: Subscription = { app, stop: null, listener };
      const stop = app.subscribe(session, (notice) => {
        if (notice === null) subscriptions.delete(entry);
        listener(notice);
      });
      if (!stop) return null;
      entry.stop = stop;
      subscriptions.add(entry);
      return () => {
        subscriptions.delete(entry);
        stop();
      };
    },
    backupTo: (file) => current.app.backupTo(file),
    close() {
      if (hosting) void hosting.server.close();
      hosting = null;
      for (const s of subscriptions) s.stop?.();
      subscriptions.clear();
      current.app.close();
    },
  };
}

/** A workstation.* call's input checked against the contract, refused by field as the router would. */
function parse(name: MethodName, input: unknown): unknown {
  const parsed = methods[name].input.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i): Problem => (i.path.length > 0 ? fieldProblem(i.path.join('.'), i.message) : { kind: 'input', message: i.message }));
  throw new AppError('VALIDATION', details.map((d) => d.message).join('；'), details);
}

function writeJson(file: string, value: unknown): void {
  // Written whole, then renamed over the old: a power cut leaves the old choice or the new, never half a file.
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

function readJson<T>(file: string, read: (value: unknown) => T | null): T | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    return read(JSON.parse(text));
  } catch {
    console.error(`[workstation] ${file} 无法读取，已忽略`);
    return null;
  }
}

/** The saved link, when it still reads as one (an address and a certificate). */
function readLink(file: string): OfficeLink | null {
  return readJson(file, (v) => {
    const o = v as Partial<OfficeLink> | null;
    if (!o || typeof o.url !== 'string' || typeof o.certPem !== 'string' || !o.certPem.includes('BEGIN CERTIFICATE')) return null;
    parseServerUrl(o.url);
    return { url: o.url, certPem: o.certPem };
  });
}
