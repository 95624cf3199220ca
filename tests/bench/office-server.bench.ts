/**
 * Issue 17's load test: ten clients entering 2,000 ballots each at once through the office server, on a
 * community of about 20,000 voting subjects. The server is the real process (`scripts/serve.mjs`, what
 * `npm run serve` runs); each client is the real client path (connectToServer: HTTPS, the pinned certificate,
 * a kept-alive connection), signed in as its own 业委会秘书, connecting from a loopback address of its own so that
 * the per-address rate limit applies per client as it does per PC in an office. Each client enters its 2,000
 * subjects' ballots one after the other (`ballot.record`), as a clerk at a keyboard does, and every call is timed.
 *
 * Afterwards: every ballot recorded exactly once (rows and distinct subjects, the very subjects sent), no errors
 * (counted by code), and the vote's tally equal to the pure rule (shared/domain/tally.ts) applied to the ballots
 * sent. The raw baseline: the same 20,000 calls through `app.handle` in this process, one after another, on an
 * identical fresh database (the same roster imported the same way, the same accounts and vote).
 *
 * The ten clients run in this one process: each waits on the server between calls, so what they do themselves
 * (a JSON body, TLS) is small beside the server's work; the figures print both processes' CPU time to show it.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openApp } from '../../main/app';
import type { App } from '../../main/app-types';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { connectToServer, pairWithServer } from '../../main/transport/office-client';
import { OFFICE_RATE_LIMITS } from '../../main/transport/rate-limit';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import { countBallots, tallyItem, type Choice, type CountArea, type CountedBallot } from '../../shared/domain/tally';
import { freePort, startServe } from '../fixtures/office-server';
import { generateRoster, writeRosterXlsx } from '../fixtures/roster-generator';
import { PARTS_FOR_20000_SUBJECTS } from './votes.bench';

type Report = (name: string, app: number, baseline: number, target: string) => void;

export interface LoadSizes {
  clients: number;
  ballotsEach: number;
}
export const LOAD_SIZES: LoadSizes = { clients: 10, ballotsEach: 2_000 };

/** The office server's address and the clients' own (127.0.0.31 and up), all on loopback. */
const SERVER_HOST = '127.0.0.30';
const clientAddress = (c: number) => `127.0.0.${31 + c}`;
const ADMIN_PASSWORD = 'load bench admin 2026';

async function call<M extends MethodName>(app: App, method: M, input: MethodInput<M>, session?: string): Promise<MethodOutput<M>> {
  const r = await app.handle(session === undefined ? { method, input } : { method, input, session });
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.result as MethodOutput<M>;
}

/** "1234.56" → 123456 (0.01 m²), exactly. */
const hundredths = (decimal: string) => Number(decimal.replace('.', ''));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The import and the first administrator, through the CLI as an office does it; the administrator's one-time password. */
function freshDataFolder(dataDir: string, roster: string): string {
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['scripts/cli.mjs', '--data-dir', dataDir, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed: ${r.stdout}\n${r.stderr}`);
    return r.stdout.trim();
  };
  cli('import-roster', '--community', '负载基准小区', roster);
  return (JSON.parse(cli('user', 'add', '--username', 'boss', '--display-name', '王主任', '--role', '管理员')) as { temporaryPassword: string }).temporaryPassword;
}

interface Ballot {
  input: MethodInput<'ballot.record'>;
  /** For the pure rule: the subject's area in each item of its scope. */
  areas: Map<string, number>;
}

interface Prepared {
  voteId: string;
  /** One 业委会秘书's session per client. */
  sessions: string[];
  /** Each client's ballots, in the order it enters them. */
  ballots: Ballot[][];
  electorate: Map<string, { category: number; threshold: 'three-quarters' | 'majority'; electorate: CountArea }>;
  settings: { blankRule: 'abstain' | 'not-counted'; invalidParticipates: boolean };
}

/**
 * Through `app` (the server over the network, or the app in process): the administrator's first sign-in, the
 * vote of three items, one 业委会秘书 per client signed in, and each client's share of the subjects with the
 * ballot it will enter (one in twenty invalid, some items left blank).
 */
async function prepare(app: App, temporaryPassword: string, sizes: LoadSizes): Promise<Prepared> {
  const admin = (await call(app, 'auth.login', { username: 'boss', password: temporaryPassword })).session;
  await call(app, 'auth.changePassword', { oldPassword: temporaryPassword, newPassword: ADMIN_PASSWORD }, admin);
  const communityId = (await call(app, 'community.list', {}, admin))[0]!.id;
  const vote = await call(app, 'vote.create', {
    communityId, meetingId: null, title: '负载基准表决', opens: '2026-01-01', closes: '2026-12-31', settings: { blankRule: 'abstain', invalidParticipates: false }, doubleEntry: false,
    items: [
      { title: '续聘物业服务企业', category: 4, scope: [], matterId: null },
      { title: '筹集维修资金', category: 6, scope: [], matterId: null },
      { title: '使用维修资金更新电梯', category: 5, scope: [], matterId: null },
    ],
  }, admin);
  const sessions: string[] = [];
  for (let c = 0; c < sizes.clients; c++) {
    const username = `clerk${c + 1}`;
    const { temporaryPassword: once } = await call(app, 'user.create', {
      username, displayName: `录入员${c + 1}`, grants: [{ role: 'secretary', communities: [communityId] }], companyId: null,
    }, admin);
    const session = (await call(app, 'auth.login', { username, password: once })).session;
    await call(app, 'auth.changePassword', { oldPassword: once, newPassword: `load bench clerk ${c + 1} 2026` }, session);
    sessions.push(session);
  }
  const total = sizes.clients * sizes.ballotsEach;
  const { rows } = await call(app, 'vote.subjects', { voteId: vote.id, search: '', state: 'all', offset: 0, limit: 50_000 }, admin);
  if (rows.length < total) throw new Error(`the vote has ${rows.length} subjects, fewer than the ${total} ballots to enter`);
  const choices: Choice[] = ['yes', 'yes', 'no', 'abstain', 'yes', 'blank', 'yes'];
  const ballots: Ballot[][] = Array.from({ length: sizes.clients }, () => []);
  rows.slice(0, total).forEach((row, k) => {
    const valid = k % 20 !== 7;
    ballots[Math.floor(k / sizes.ballotsEach)]!.push({
      input: {
        voteId: vote.id, subjectId: row.id, valid, invalidReason: valid ? '' : '未签名', channel: '纸质', proxyHolder: '', proxyDocument: '', note: '',
        // A blank item is left out, as the entry screen sends it.
        choices: row.items.map((it, i) => ({ itemId: it.itemId, choice: choices[(k + 3 * i) % choices.length]! })).filter((c) => c.choice !== 'blank'),
      },
      areas: new Map(row.items.map((it) => [it.itemId, hundredths(it.area)])),
    });
  });
  return {
    voteId: vote.id, sessions, ballots,
    electorate: new Map(vote.items.map((i) => [i.id, { category: i.category, threshold: i.threshold, electorate: { count: i.electorate.count, area: hundredths(i.electorate.area) } }])),
    settings: { blankRule: vote.settings.blankRule, invalidParticipates: vote.settings.invalidParticipates },
  };
}

/**
 * Every ballot sent recorded exactly once, and the vote's tally as the pure rule counts the ballots sent.
 * Throws on any difference: these are the load test's correctness, not its speed.
 */
async function verify(label: string, app: App, dbFile: string, prepared: Prepared): Promise<void> {
  const sent = prepared.ballots.flat();
  const db = new Database(dbFile, { readonly: true });
  const stored = db.prepare('select subject_id from ballots where vote_id = ?').pluck().all(prepared.voteId) as string[];
  const current = db.prepare('select count(*) from ballots where vote_id = ? and superseded_by is null').pluck().get(prepared.voteId) as number;
  db.close();
  const distinct = new Set(stored);
  const sentSubjects = new Set(sent.map((b) => b.input.subjectId));
  const same = distinct.size === sentSubjects.size && [...sentSubjects].every((s) => distinct.has(s));
  console.log(`office server (${label}): ${stored.length} ballot rows, ${current} current, ${distinct.size} distinct subjects — ${same && stored.length === sent.length ? 'exactly the ballots sent, each once' : 'NOT the ballots sent'}`);
  if (!same || stored.length !== sent.length || current !== sent.length) throw new Error(`${label}: ${sent.length} ballots sent, ${stored.length} rows for ${distinct.size} subjects recorded`);

  const admin = (await call(app, 'auth.login', { username: 'boss', password: ADMIN_PASSWORD })).session;
  const tally = await call(app, 'vote.tally', { id: prepared.voteId }, admin);
  const differences: string[] = [];
  for (const item of tally.items) {
    const frozen = prepared.electorate.get(item.itemId)!;
    const counted: CountedBallot[] = sent.filter((b) => b.areas.has(item.itemId)).map((b) => ({
      valid: b.input.valid !== false, area: b.areas.get(item.itemId)!,
      choice: b.input.choices.find((c) => c.itemId === item.itemId)?.choice ?? 'blank',
    }));
    const pure = tallyItem(countBallots(frozen.electorate, counted), frozen.category, prepared.settings, frozen.threshold);
    for (const key of ['electorate', 'participants', 'yes', 'no', 'abstain'] as const) {
      const got = { count: item[key].count, area: hundredths(item[key].area) };
      if (got.count !== pure[key].count || got.area !== pure[key].area) differences.push(`${item.title} ${key}: app ${JSON.stringify(got)}, rule ${JSON.stringify(pure[key])}`);
    }
    for (const key of ['participationMet', 'approvalMet', 'passed'] as const) {
      if (item[key] !== pure[key]) differences.push(`${item.title} ${key}: app ${item[key]}, rule ${pure[key]}`);
    }
  }
  const summary = tally.items.map((i) => `${i.title} ${i.participants.count} took part, ${i.yes.count} yes, ${i.passed ? 'passed' : 'failed'}`).join('; ');
  console.log(`office server (${label}): tally ${differences.length === 0 ? 'equal to the pure rule on the ballots sent' : 'DIFFERS from the pure rule'} — ${summary}`);
  if (differences.length > 0) throw new Error(`${label}: the tally differs from the pure rule:\n${differences.join('\n')}`);
}

/** CPU seconds (user + system) of a process and its children still running, from /proc (Linux; null elsewhere). */
function cpuSecondsOf(pid: number): number | null {
  try {
    const ticks = (p: number): number => {
      const fields = fs.readFileSync(`/proc/${p}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      const own = Number(fields[11]) + Number(fields[12]);
      const children = fs.readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
      return own + children.reduce((sum, child) => sum + ticks(child), 0);
    };
    const hz = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
    return ticks(pid) / hz;
  } catch {
    return null;
  }
}

interface Run {
  wallMs: number;
  latencies: number[];
  errors: Map<string, number>;
}

/** Each client enters its ballots one after the other; all clients at once. */
async function enter(clients: App[], prepared: Prepared): Promise<Run> {
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  const start = performance.now();
  await Promise.all(clients.map(async (client, c) => {
    for (const ballot of prepared.ballots[c]!) {
      const t = performance.now();
      const r = await client.handle({ method: 'ballot.record', input: ballot.input, session: prepared.sessions[c]! });
      latencies.push(performance.now() - t);
      if (!r.ok) errors.set(r.error.code, (errors.get(r.error.code) ?? 0) + 1);
    }
  }));
  return { wallMs: performance.now() - start, latencies, errors };
}

/** The same calls through `app.handle` in this process, one after another (client by client, interleaved as they arrive). */
async function enterInProcess(app: App, prepared: Prepared): Promise<Run> {
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  const start = performance.now();
  const longest = Math.max(...prepared.ballots.map((b) => b.length));
  for (let i = 0; i < longest; i++) {
    for (const [c, ballots] of prepared.ballots.entries()) {
      const ballot = ballots[i];
      if (!ballot) continue;
      const t = performance.now();
      const r = await app.handle({ method: 'ballot.record', input: ballot.input, session: prepared.sessions[c]! });
      latencies.push(performance.now() - t);
      if (!r.ok) errors.set(r.error.code, (errors.get(r.error.code) ?? 0) + 1);
    }
  }
  return { wallMs: performance.now() - start, latencies, errors };
}

const errorText = (errors: Map<string, number>) => (errors.size === 0 ? 'no errors' : [...errors].map(([code, n]) => `${code} × ${n}`).join(', '));

export async function benchOfficeServer(work: string, report: Report, sizes: LoadSizes = LOAD_SIZES): Promise<void> {
  const total = sizes.clients * sizes.ballotsEach;
  const roster = path.join(work, 'roster-load.xlsx');
  await writeRosterXlsx(roster, generateRoster({ parts: PARTS_FOR_20000_SUBJECTS, seed: 11 }));
  const serverDir = path.join(work, 'load-server');
  const localDir = path.join(work, 'load-in-process');
  const serverPassword = freshDataFolder(serverDir, roster);
  const localPassword = freshDataFolder(localDir, roster);

  // Over the network: the server as `npm run serve` runs it, the clients through the desktop's client code.
  const port = await freePort(SERVER_HOST);
  const serve = await startServe(['--listen', `${SERVER_HOST}:${port}`, '--data-dir', serverDir]);
  let network: Run;
  let prepared: Prepared;
  const clients: App[] = [];
  let serverCpu: number | null = null;
  let clientCpu: NodeJS.CpuUsage;
  try {
    const link = await pairWithServer(serve.url, serve.pairingCode);
    for (let c = 0; c < sizes.clients; c++) clients.push(connectToServer(link, { localAddress: clientAddress(c) }));
    prepared = await prepare(clients[0]!, serverPassword, sizes);
    // Each client's connection is opened before the clock starts, as a PC's is by the time its clerk types.
    for (const client of clients) await call(client, 'auth.status', {});
    const serverCpuBefore = cpuSecondsOf(serve.child.pid!);
    const clientCpuBefore = process.cpuUsage();
    network = await enter(clients, prepared);
    clientCpu = process.cpuUsage(clientCpuBefore);
    const serverCpuAfter = cpuSecondsOf(serve.child.pid!);
    if (serverCpuBefore !== null && serverCpuAfter !== null) serverCpu = serverCpuAfter - serverCpuBefore;
    console.log(`office server: ${sizes.clients} clients × ${sizes.ballotsEach} ballot.record at once over HTTPS (each its own address, limit ${OFFICE_RATE_LIMITS.perSecond}/s per address): ${errorText(network.errors)}`);
    await verify('network', clients[0]!, path.join(serverDir, 'sanfang.sqlite'), prepared);
  } finally {
    for (const client of clients) client.close();
    await serve.stop();
  }

  // The raw baseline: the same calls in process, on the identical fresh database.
  const app = await openApp({ dataDir: localDir, migrationsDir: MIGRATIONS_DIR });
  let local: Run;
  try {
    const preparedLocally = await prepare(app, localPassword, sizes);
    local = await enterInProcess(app, preparedLocally);
    await verify('in process', app, app.dbPath, preparedLocally);
  } finally {
    app.close();
  }

  const sortedNet = [...network.latencies].sort((a, b) => a - b);
  const sortedLocal = [...local.latencies].sort((a, b) => a - b);
  const netRate = total / (network.wallMs / 1000);
  const localRate = total / (local.wallMs / 1000);
  console.log(`office server: the same calls in process: ${errorText(local.errors)}`);
  const cpu = `clients' process ${((clientCpu!.user + clientCpu!.system) / 1e6).toFixed(1)} s CPU${serverCpu === null ? '' : `, server ${serverCpu.toFixed(1)} s CPU`}, over ${(network.wallMs / 1000).toFixed(1)} s`;
  console.log(`office server: ${total} ballots in ${(network.wallMs / 1000).toFixed(1)} s over the network (${cpu}), ${(local.wallMs / 1000).toFixed(1)} s in process`);
  report(`ballot.record p50, ${sizes.clients} clients over HTTPS (raw: in process)`, percentile(sortedNet, 50), percentile(sortedLocal, 50), 'reported');
  report(`ballot.record p95, ${sizes.clients} clients over HTTPS (raw: in process)`, percentile(sortedNet, 95), percentile(sortedLocal, 95), '< 50 ms');
  console.log(`${`throughput of ${total} ballot.record, ${sizes.clients} clients`.padEnd(44)} net ${netRate.toFixed(0).padStart(8)} /s   raw ${localRate.toFixed(0).padStart(8)} /s   ratio ${(netRate / localRate).toFixed(2).padStart(5)}×   target no errors`);
  if (network.errors.size > 0 || local.errors.size > 0) throw new Error(`office server load: ${errorText(network.errors)} over the network, ${errorText(local.errors)} in process`);
}
