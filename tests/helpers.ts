/** Test helpers: temp folders, an app on a real SQLite file, typed calls through the router. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import type { ErrorEnvelope } from '../shared/contract/errors';
import type { MethodInput, MethodName, MethodOutput } from '../shared/contract/methods';
import { openApp, type App, type AppOptions } from '../main/app';
import { MIGRATIONS_DIR } from '../main/node-paths';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

export function tempDir(prefix = 'sanfang-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function testApp(dataDir = tempDir(), extra: Pick<AppOptions, 'fixedAuthor' | 'keyProtector'> = {}): Promise<App> {
  const app = await openApp({ dataDir, migrationsDir: MIGRATIONS_DIR, ...extra });
  cleanups.unshift(() => app.close());
  return app;
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

/** Run the CLI as a process on a data folder: exactly one JSON document on stdout (../shared/CLI.md), and its exit code. */
export function runCli(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/cli.mjs', '--data-dir', dataDir, ...args], { encoding: 'utf8' });
  const lines = r.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return { code: r.status, json: JSON.parse(lines[0]!) };
}
