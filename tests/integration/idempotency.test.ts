/**
 * Idempotency keys (issue 17) through the router, on a real SQLite file: a write sent twice with one key writes
 * once and answers the same both times — also across a close and re-open of the app (a restart of the server);
 * the key committed with the write but its answer lost (the server stopped between the two) is answered “already
 * saved”, not run again; the same key from another person or for another method is refused; reads and refused
 * writes leave no key; answers that hold a secret are not kept; keys older than a week go at start.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openApp, type App } from '../../main/app';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { ALREADY_DONE, KEY_DAYS, SECRET_ANSWERS } from '../../main/services/system/idempotency';
import { METHOD_NAMES, methods, type InvokeResponse, type MethodInput, type MethodName } from '../../shared/contract/methods';
import { shapeOf } from '../fixtures/contract-shapes';
import { call, loggedInApp, tempDir } from '../helpers';

const KEY = 'k3yOfTheFirstSave0123456789abcd';

function issueInput(communityId: string, title = '地库入口积水'): MethodInput<'issue.create'> {
  return { communityId, title, category: '设施维修', reportedAt: '2026-12-01T09:30' };
}

/** The rows of the app's file through a second connection (the test's look, not the app's). */
function rowsOf(dbPath: string, sql: string, ...params: unknown[]): Record<string, unknown>[] {
  const db = new Database(dbPath);
  try {
    return db.prepare(sql).all(...params) as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

function send(app: App, method: MethodName, input: unknown, session: string | undefined, idempotencyKey?: string): Promise<InvokeResponse> {
  return app.handle({ method, input, ...(session ? { session } : {}), ...(idempotencyKey ? { idempotencyKey } : {}) });
}

async function world() {
  const dir = tempDir();
  const { app, session } = await loggedInApp(dir);
  const community = await call(app, 'community.create', { name: '翠苑一区' }, session);
  return { dir, app, session, communityId: community.id };
}

const issueCount = (dbPath: string) => rowsOf(dbPath, 'select count(*) as n from issues')[0]!.n;
const createAudits = (dbPath: string) => rowsOf(dbPath, "select count(*) as n from audit_log where entity = 'issue' and action = 'create'")[0]!.n;

describe('a write sent twice with one key', () => {
  it('writes once and answers the same, also after the app is closed and opened again', async () => {
    const { dir, app, session, communityId } = await world();
    const first = await send(app, 'issue.create', issueInput(communityId), session, KEY);
    expect(first).toMatchObject({ ok: true, wrote: true, result: { title: '地库入口积水' } });
    const again = await send(app, 'issue.create', issueInput(communityId), session, KEY);
    expect(again).toEqual(first);
    expect(issueCount(app.dbPath)).toBe(1);
    expect(createAudits(app.dbPath)).toBe(1);
    // The key is kept with its caller, its method and the answer.
    expect(rowsOf(app.dbPath, 'select user_id, method, response from idempotency_keys')).toEqual([
      { user_id: expect.any(String), method: 'issue.create', response: JSON.stringify(first) },
    ]);

    // A restart of the server: the same request, the same answer, still one issue — and the session still holds.
    app.close();
    const restarted = await openApp({ dataDir: dir, migrationsDir: MIGRATIONS_DIR });
    try {
      expect(await send(restarted, 'issue.create', issueInput(communityId), session, KEY)).toEqual(first);
      expect(issueCount(restarted.dbPath)).toBe(1);
      // Without a key (or with a new one) it is a new request, and runs.
      expect(await send(restarted, 'issue.create', issueInput(communityId, '楼道堆放杂物'), session, 'aNewKeyForANewSave00001')).toMatchObject({ ok: true });
      expect(issueCount(restarted.dbPath)).toBe(2);
    } finally {
      restarted.close();
    }
  });

  it('sent again while the first is still running: waits for it and gets its answer, one issue', async () => {
    const { app, session, communityId } = await world();
    const [a, b] = await Promise.all([
      send(app, 'issue.create', issueInput(communityId), session, KEY),
      send(app, 'issue.create', issueInput(communityId), session, KEY),
    ]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toEqual(a);
    expect(issueCount(app.dbPath)).toBe(1);
  });

  it('committed, but the server stopped before the answer was kept: “already saved”, not saved twice', async () => {
    const { dir, app, session, communityId } = await world();
    expect(await send(app, 'issue.create', issueInput(communityId), session, KEY)).toMatchObject({ ok: true });
    app.close();
    // The state a stop between the commit and storing the answer leaves: the key with the write, no answer.
    rowsOf(`${dir}/sanfang.sqlite`, 'update idempotency_keys set response = null returning key');
    const restarted = await openApp({ dataDir: dir, migrationsDir: MIGRATIONS_DIR });
    try {
      const retry = await send(restarted, 'issue.create', issueInput(communityId), session, KEY);
      expect(retry).toEqual({ ok: false, error: { code: 'REFUSED', message: ALREADY_DONE }, wrote: true });
      expect(ALREADY_DONE).toContain('已经完成');
      expect(issueCount(restarted.dbPath)).toBe(1);
    } finally {
      restarted.close();
    }
  });
});

describe('a key is one request of one person', () => {
  it('refuses the key from another person, or for another method, and runs nothing', async () => {
    const { app, session, communityId } = await world();
    const made = await call(app, 'user.create', { username: 'zhang', displayName: '张专员', grants: [{ role: 'officer', communities: [communityId] }] }, session);
    const login = await call(app, 'auth.login', { username: 'zhang', password: made.temporaryPassword });
    await call(app, 'auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: 'zhang own secret' }, login.session);
    const first = await send(app, 'issue.create', issueInput(communityId), session, KEY);

    const other = await send(app, 'issue.create', issueInput(communityId), login.session, KEY);
    expect(other).toMatchObject({ ok: false, error: { code: 'REFUSED', message: expect.stringContaining('另一项操作') } });
    // Not the first person's answer.
    expect(JSON.stringify(other)).not.toContain(first.ok ? (first.result as { id: string }).id : 'none');
    const otherMethod = await send(app, 'mediation.create', { communityId, parties: '张三、李四', mediator: '王调解' }, session, KEY);
    expect(otherMethod).toMatchObject({ ok: false, error: { code: 'REFUSED', message: expect.stringContaining('另一项操作') } });
    expect(issueCount(app.dbPath)).toBe(1);
    expect(rowsOf(app.dbPath, 'select count(*) as n from mediations')[0]!.n).toBe(0);
  });

  it('a key that is not 16–64 letters, digits, _ or - is refused before anything runs', async () => {
    const { app, session, communityId } = await world();
    expect(await send(app, 'issue.create', issueInput(communityId), session, 'short')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(issueCount(app.dbPath)).toBe(0);
  });
});

describe('what leaves no key', () => {
  it('reads and a refused write store nothing', async () => {
    const { app, session, communityId } = await world();
    expect(await send(app, 'community.list', {}, session, 'readKey0000000000001')).toMatchObject({ ok: true });
    expect(await send(app, 'issue.list', { communityId }, session, 'readKey0000000000002')).toMatchObject({ ok: true });
    // Refused by its schema (no title): nothing written, nothing kept; the same key may then carry the right request.
    const refused = await send(app, 'issue.create', { ...issueInput(communityId), title: '' }, session, KEY);
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(rowsOf(app.dbPath, 'select * from idempotency_keys')).toEqual([]);
    expect(await send(app, 'issue.create', issueInput(communityId), session, KEY)).toMatchObject({ ok: true });
    expect(rowsOf(app.dbPath, 'select key from idempotency_keys')).toEqual([{ key: KEY }]);
  });

  it('an answer with a secret (a temporary password) is not kept: the retry is told the save was done', async () => {
    const { app, session, communityId } = await world();
    const input = { username: 'li', displayName: '李会计', grants: [{ role: 'treasurer' as const, communities: [communityId] }] };
    const made = await send(app, 'user.create', input, session, KEY);
    expect(made).toMatchObject({ ok: true });
    const password = made.ok ? (made.result as { temporaryPassword: string }).temporaryPassword : '';
    expect(rowsOf(app.dbPath, 'select method, response from idempotency_keys')).toEqual([{ method: 'user.create', response: null }]);
    const retry = await send(app, 'user.create', input, session, KEY);
    expect(retry).toMatchObject({ ok: false, error: { code: 'REFUSED', message: ALREADY_DONE } });
    expect(JSON.stringify(retry)).not.toContain(password);
    expect(rowsOf(app.dbPath, "select count(*) as n from users where username = 'li'")[0]!.n).toBe(1);
  });

  it('every method whose answer holds a session, a recovery code or a temporary password is one whose answer is not kept', () => {
    const secretFields = ['session', 'recoveryCode', 'temporaryPassword'];
    const withSecrets = METHOD_NAMES.filter((name) => {
      const shape = shapeOf(methods[name].output);
      return shape !== null && secretFields.some((f) => f in shape);
    });
    expect(withSecrets.length).toBeGreaterThan(0);
    expect(withSecrets.filter((m) => !SECRET_ANSWERS.has(m))).toEqual([]);
  });
});

describe('old keys', () => {
  it(`are forgotten at start after ${KEY_DAYS} days; younger ones stay`, async () => {
    const { dir, app, session, communityId } = await world();
    await send(app, 'issue.create', issueInput(communityId), session, KEY);
    app.close();
    const day = 24 * 60 * 60 * 1000;
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * day).toISOString();
    const db = `${dir}/sanfang.sqlite`;
    rowsOf(db, 'update idempotency_keys set created_at = ? returning key', at(KEY_DAYS + 1));
    rowsOf(db, "insert into idempotency_keys (key, user_id, method, created_at, response) values ('youngKey000000000001', null, 'issue.create', ?, null) returning key", at(KEY_DAYS - 1));
    const restarted = await openApp({ dataDir: dir, migrationsDir: MIGRATIONS_DIR });
    restarted.close();
    expect(rowsOf(db, 'select key from idempotency_keys')).toEqual([{ key: 'youngKey000000000001' }]);
  });
});
