/**
 * What every service works with, and the one way to write: a transaction that
 * leaves an audit row for each record it changes.
 */
import { AppError } from '../../shared/contract/errors';
import type { BusyWait } from '../app-types';
import type { Db, Sqlite } from '../db/connection';
import { faultMessage, isSqliteBusy } from '../db/faults';
import { recordAudit, type AuditEntry } from './audit';

export interface ServiceContext {
  db: Db;
  sqlite: Sqlite;
  dataDir: string;
  backupDir: string;
  migrationsDir: string;
  /** How long a write waits for another writer (the CLI, another PC's app) before it gives up. */
  busyWait?: BusyWait;
}

/** Who is acting: the logged-in user's display name and id, or "CLI:<os user>". */
export interface Actor {
  author: string;
  userId: string | null;
}

export interface WriteScope {
  audit(entry: Omit<AuditEntry, 'author'>): void;
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

export const DEFAULT_BUSY_WAIT: BusyWait = { limitMs: 15_000 };

/**
 * Run `fn` in one transaction (all or nothing); the audit rows it records are
 * part of the same transaction, so a write without its audit cannot happen.
 *
 * The transaction starts IMMEDIATE: it takes the write lock before reading, so
 * another writer's commit cannot invalidate what it read (SQLITE_BUSY_SNAPSHOT).
 * While another process holds the lock, SQLite waits busy_timeout; the whole
 * transaction is then tried again until the wait's limit, telling
 * busyWait.onWait each time, and finally refused as BUSY with nothing written.
 */
export function write<T>(ctx: ServiceContext, actor: Actor, fn: (scope: WriteScope) => T): T {
  const tx = ctx.sqlite.transaction(() => fn({ audit: (entry) => recordAudit(ctx.sqlite, { ...entry, author: actor.author }) }));
  // Nested in another write: a savepoint of the outer transaction, which already holds the lock.
  if (ctx.sqlite.inTransaction) return tx();
  const wait = ctx.busyWait ?? DEFAULT_BUSY_WAIT;
  const started = Date.now();
  for (;;) {
    const attempt = Date.now();
    try {
      return tx.immediate();
    } catch (error) {
      if (!isSqliteBusy(error)) throw error;
      // SQLite answers some busy states at once (a recovering WAL): do not spin.
      if (Date.now() - attempt < 100) Atomics.wait(PAUSE, 0, 0, 200);
      const waited = Date.now() - started;
      if (waited >= wait.limitMs) {
        throw new AppError('BUSY', faultMessage('busy', { waitedMs: waited }), { fault: 'busy' });
      }
      wait.onWait?.(waited, wait.limitMs);
    }
  }
}
