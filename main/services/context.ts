/**
 * What every service works with, and the one way to write: a transaction that
 * leaves an audit row for each record it changes.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../../shared/contract/errors';
import type { Db, Sqlite } from '../db/connection';
import type { DataKeys } from '../security/cipher';
import { faultMessage, isSqliteBusy } from '../db/faults';
import { recordAudit, type AuditEntry } from './system/audit';
import type { Change, ChangeFeed } from './change-feed';
import { recordKey, type CallKey } from './system/idempotency';
import { nowIso } from '../db/clock';

export interface ServiceContext {
  db: Db;
  sqlite: Sqlite;
  dataDir: string;
  backupDir: string;
  migrationsDir: string;
  /** Seals and opens personal data, and hashes it for matching (main/security/personal-data.ts says where). */
  keys: DataKeys;
  /** Where committed changes are announced to the other people working on this database (change-feed.ts). */
  changes?: ChangeFeed;
}

/** Who is acting: the logged-in user's display name and id, or "CLI:<os user>". */
export interface Actor {
  author: string;
  userId: string | null;
}

export interface WriteScope {
  audit(entry: Omit<AuditEntry, 'author'>): void;
}

/**
 * The writes one call of the contract has committed so far (main/router.ts): a
 * call refused as BUSY before its first commit can safely be run again; a call
 * that changed data (`changed`) says so in its response, so that the screens
 * read again (renderer/src/api/queries.ts). Recording that someone looked at
 * personal data commits an audit row but changes no data. A call sent with an
 * idempotency key (`key`) records it in the transaction of its first write that
 * changes data, so that the key is on record exactly when the write is
 * (main/services/system/idempotency.ts).
 */
export interface CallWrites {
  commits: number;
  changed: number;
  key?: CallKey | undefined;
}
export const callWrites = new AsyncLocalStorage<CallWrites>();

/**
 * Run `fn` in one transaction (all or nothing); the audit rows it records are
 * part of the same transaction, so a write without its audit cannot happen.
 *
 * The transaction starts IMMEDIATE: it takes the write lock before reading, so
 * another writer's commit cannot invalidate what it read (SQLITE_BUSY_SNAPSHOT).
 * While another process holds the lock SQLite waits busy_timeout (a moment);
 * after that the write is refused as BUSY with nothing written, and the router
 * waits without blocking and runs the call again (main/router.ts).
 */
export function write<T>(ctx: ServiceContext, actor: Actor, fn: (scope: WriteScope) => T): T {
  return commit(ctx, actor, fn, true);
}

/** That someone saw what the audit log must show (a person's full ID and phone): audited like a write, though no data changed. */
export function auditView(ctx: ServiceContext, actor: Actor, entry: Omit<AuditEntry, 'author'>): void {
  commit(ctx, actor, (tx) => tx.audit(entry), false);
}

/** The records the open outermost transaction has audited so far, announced when it commits (change-feed.ts). */
const changedInTransaction = new WeakMap<Sqlite, Change[]>();

function commit<T>(ctx: ServiceContext, actor: Actor, fn: (scope: WriteScope) => T, changesData: boolean): T {
  const nested = ctx.sqlite.inTransaction;
  const changed = (nested ? changedInTransaction.get(ctx.sqlite) : undefined) ?? [];
  const scope: WriteScope = {
    audit: (entry) => {
      recordAudit(ctx.sqlite, { ...entry, author: actor.author });
      if (changesData) changed.push({ entity: entry.entity, id: entry.entityId });
    },
  };
  // Nested in another write: a savepoint of the outer transaction, which already holds the lock (and records the key).
  if (nested) return ctx.sqlite.transaction(() => fn(scope))();
  const call = callWrites.getStore();
  const key = changesData && call?.key && !call.key.recorded ? call.key : null;
  const tx = ctx.sqlite.transaction(() => {
    const result = fn(scope);
    if (key) recordKey(ctx.db, key, nowIso());
    return result;
  });
  let result: T;
  changedInTransaction.set(ctx.sqlite, changed);
  try {
    result = tx.immediate();
  } catch (error) {
    if (isSqliteBusy(error)) throw new AppError('BUSY', faultMessage('busy'));
    throw error;
  } finally {
    changedInTransaction.delete(ctx.sqlite);
  }
  if (key) key.recorded = true;
  ctx.changes?.publish(changed);
  if (call) {
    call.commits++;
    if (changesData) call.changed++;
  }
  return result;
}
