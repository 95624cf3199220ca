/**
 * Idempotency keys (issue 17): a request sent again after a broken connection — the office server restarted, the
 * network dropped between the save and its answer — is answered, not run again, so nothing is saved twice.
 *
 * The client names each request with a fresh key and sends the same request with the same key when it retries
 * (renderer/src/api/client.ts). The key is recorded, with the caller and the method, in the transaction of the
 * call's first write (main/services/context.ts): the write and the key commit together or not at all, so a key
 * on record means the write is done. When the call is over its answer is stored beside the key (main/router.ts).
 * A request whose key is on record does not run: it gets the stored answer, or — when the server stopped between
 * the commit and storing the answer — a refusal saying the save was already done. A call that wrote nothing
 * leaves nothing here (running a read twice is harmless).
 *
 * Not audit data: a key is transport bookkeeping that says nothing the audit row of the write does not say
 * already, so recording or purging keys leaves no audit row.
 */
import { eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, ERROR_CODES, problemSchema } from '../../../shared/contract/errors';
import type { InvokeResponse, MethodName } from '../../../shared/contract/methods';
import type { Db } from '../../db/connection';
import { idempotencyKeys } from '../../db/schema/system';

/** The key of the call under way, carried by the call's store (context.ts callWrites) to its first write. */
export interface CallKey {
  key: string;
  userId: string | null;
  method: string;
  /** Set once the key committed with a write: the answer is then stored. */
  recorded: boolean;
}

/** How long a key is kept: a client retries for 2 minutes; a week covers a PC that slept through a weekend. */
export const KEY_DAYS = 7;

/** The answer to a request whose write committed before the connection broke, when its own answer was not kept. */
export const ALREADY_DONE = '这次保存已经完成（连接中断前已保存），请刷新后查看';
const KEY_TAKEN = '这个请求标识已被另一项操作使用，操作没有执行。请刷新页面后重试';

/**
 * Methods whose answer holds a secret — a session token, a recovery code, a temporary password — which must not
 * lie in the database in plain: their key is recorded (nothing runs twice) but their answer is not, so a retry
 * gets ALREADY_DONE. tests/integration/idempotency.test.ts checks that every output with such a field is listed.
 */
export const SECRET_ANSWERS: ReadonlySet<MethodName> = new Set<MethodName>([
  'auth.setup', 'auth.login', 'auth.recover', 'auth.changePassword', 'user.create', 'user.resetPassword',
]);

/**
 * In the transaction of the call's first write: the key, or — when another run of the same request committed
 * it first (a retry that arrived while the first was still running in another process) — a refusal that undoes
 * this run's write.
 */
export function recordKey(db: Db, call: CallKey, at: string): void {
  const inserted = db.insert(idempotencyKeys).values({ key: call.key, userId: call.userId, method: call.method, createdAt: at }).onConflictDoNothing().run();
  if (inserted.changes === 0) throw new AppError('REFUSED', ALREADY_DONE);
}

/** The call is over: its answer, kept for a retry (a method with a secret answer keeps none). */
export function storeAnswer(db: Db, call: CallKey, response: InvokeResponse): void {
  if (SECRET_ANSWERS.has(call.method as MethodName)) return;
  db.update(idempotencyKeys).set({ response: JSON.stringify(response) }).where(eq(idempotencyKeys.key, call.key)).run();
}

const storedResponse = z.union([
  z.object({ ok: z.literal(true), result: z.unknown(), wrote: z.literal(true).optional() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.array(problemSchema).optional() }),
    wrote: z.literal(true).optional(),
  }),
]);

/**
 * A request whose key is on record: its stored answer, ALREADY_DONE when none was stored, or a refusal when the
 * key came with another caller or method (a key is never shared: someone else's answer is not theirs to read).
 * null: the key is new, the call runs.
 */
export function answerFor(db: Db, call: Omit<CallKey, 'recorded'>): InvokeResponse | null {
  const row = db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, call.key)).get();
  if (!row) return null;
  if (row.userId !== call.userId || row.method !== call.method) throw new AppError('REFUSED', KEY_TAKEN);
  // `wrote`: the first run changed data the screen has not read yet.
  if (row.response === null) return { ok: false, error: { code: 'REFUSED', message: ALREADY_DONE }, wrote: true };
  const parsed = storedResponse.safeParse(JSON.parse(row.response));
  return parsed.success ? parsed.data : { ok: false, error: { code: 'REFUSED', message: ALREADY_DONE }, wrote: true };
}

/** At start: keys older than KEY_DAYS are forgotten (no client retries that long). */
function keysBefore(now: number): string {
  return new Date(now - KEY_DAYS * 24 * 60 * 60 * 1000).toISOString();
}

export function purgeOldKeys(db: Db, now = Date.now()): number {
  return db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, keysBefore(now))).run().changes;
}

/** Whether purgeOldKeys has anything to do (a read: no write lock taken). */
export function hasOldKeys(db: Db, now = Date.now()): boolean {
  return db.select({ key: idempotencyKeys.key }).from(idempotencyKeys).where(lt(idempotencyKeys.createdAt, keysBefore(now))).limit(1).get() !== undefined;
}
