/** Test helpers: temp folders, an app on a real SQLite file, typed calls through the router. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import type { ErrorEnvelope } from '../shared/contract/errors';
import type { MethodInput, MethodName, MethodOutput } from '../shared/contract/methods';
import { openApp, type App, type AppOptions } from '../main/app';
import { openDatabase } from '../main/db/connection';
import { MIGRATIONS_DIR } from '../main/node-paths';
import { requireDataKeys } from '../main/security/data-key';
import type { ServiceContext } from '../main/services/context';
import { DEFAULT_HOME } from './fixtures/cli-home';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

export function tempDir(prefix = 'sanfang-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function testApp(dataDir = tempDir(), extra: Pick<AppOptions, 'fixedAuthor' | 'trustedCaller' | 'keyProtector'> = {}): Promise<App> {
  const app = await openApp({ dataDir, migrationsDir: MIGRATIONS_DIR, ...extra });
  cleanups.unshift(() => app.close());
  return app;
}

/**
 * A second connection to a data folder's database as a service context, for tests that call services directly
 * beside the app (signing a package by hand); closed after the test, before its folder goes.
 */
export async function serviceContextOf(dataDir: string): Promise<ServiceContext> {
  const dbPath = path.join(dataDir, 'sanfang.sqlite');
  const backupDir = path.join(dataDir, 'backups');
  const opened = await openDatabase(dbPath, MIGRATIONS_DIR, backupDir);
  cleanups.unshift(() => opened.sqlite.close());
  return { db: opened.db, sqlite: opened.sqlite, dataDir, backupDir, migrationsDir: MIGRATIONS_DIR, keys: requireDataKeys(opened.sqlite, dbPath) };
}

export class CallError extends Error {
  constructor(readonly envelope: ErrorEnvelope) {
    super(envelope.message);
  }
}

export async function call<M extends MethodName>(app: App, method: M, input: MethodInput<M>, session?: string): Promise<MethodOutput<M>> {
  const response = await app.handle({ method, input, session });
  if (!response.ok) throw new CallError(response.error);
  return response.result as MethodOutput<M>;
}

export async function callError<M extends MethodName>(app: App, method: M, input: MethodInput<M>, session?: string): Promise<ErrorEnvelope> {
  const response = await app.handle({ method, input, session });
  if (response.ok) throw new Error(`${method} was expected to fail but returned ${JSON.stringify(response.result).slice(0, 200)}`);
  return response.error;
}

/** An app with its administrator created; returns the session. */
export async function loggedInApp(dataDir?: string) {
  const app = await testApp(dataDir);
  const { session } = await call(app, 'auth.setup', { username: 'admin', displayName: '王主任', password: 'correct horse' });
  return { app, session };
}

export { DEFAULT_HOME };

/** Where a CLI run points: a data folder (a plain string), {db: FILE}, or {global: []} for none (the default folder). */
export type CliTarget = string | { db: string } | { dataDir: string } | { global: string[] };

function globalArgs(target: CliTarget): string[] {
  if (typeof target === 'string') return ['--data-dir', target];
  if ('db' in target) return ['--db', target.db];
  if ('dataDir' in target) return ['--data-dir', target.dataDir];
  return target.global;
}

/**
 * Run the CLI as a process: exactly one JSON document on stdout (docs/cli.md §3),
 * its exit code and stderr. Under `npm test` every argument list is recorded
 * (SANFANG_CLI_RECORD) for the check that every documented option is run (tests/coverage).
 */
export function runCli(target: CliTarget, ...args: string[]) {
  return runCliWith({}, target, ...args);
}

/** runCli with more environment (the fault drills' SANFANG_MAX_PAGE_COUNT, SANFANG_BUSY_WAIT). */
export function runCliWith(extraEnv: Record<string, string>, target: CliTarget, ...args: string[]) {
  const argv = [...globalArgs(target), ...args];
  if (process.env.SANFANG_CLI_RECORD) fs.appendFileSync(process.env.SANFANG_CLI_RECORD, `${JSON.stringify(argv)}\n`);
  const r = spawnSync(process.execPath, ['scripts/cli.mjs', ...argv], {
    encoding: 'utf8', env: { ...process.env, HOME: DEFAULT_HOME, XDG_CONFIG_HOME: path.join(DEFAULT_HOME, '.config'), APPDATA: DEFAULT_HOME, ...extraEnv },
  });
  const lines = r.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  // stderr is not enumerable, so that tests can compare { code, json } as a whole.
  return Object.defineProperty({ code: r.status, json: JSON.parse(lines[0]!) }, 'stderr', { value: r.stderr, enumerable: false }) as
    { code: number | null; json: any; stderr: string }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
