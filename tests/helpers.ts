/** Test helpers: temp folders, an app on a real SQLite file, typed calls through the router. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { ErrorEnvelope } from '../shared/contract/errors';
import type { MethodInput, MethodName, MethodOutput } from '../shared/contract/methods';
import { openApp, type App } from '../main/app';
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

export async function testApp(dataDir = tempDir(), extra: { fixedAuthor?: string } = {}): Promise<App> {
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
