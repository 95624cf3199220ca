/**
 * What every service works with, and the one way to write: a transaction that
 * leaves an audit row for each record it changes.
 */
import type { Db, Sqlite } from '../db/connection';
import type { DataKeys } from '../security/cipher';
import { recordAudit, type AuditEntry } from './audit';

export interface ServiceContext {
  db: Db;
  sqlite: Sqlite;
  dataDir: string;
  backupDir: string;
  migrationsDir: string;
  /** Seals and opens personal data, and hashes it for matching (main/security/personal-data.ts says where). */
  keys: DataKeys;
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
 * Run `fn` in one transaction (all or nothing); the audit rows it records are
 * part of the same transaction, so a write without its audit cannot happen.
 */
export function write<T>(ctx: ServiceContext, actor: Actor, fn: (scope: WriteScope) => T): T {
  return ctx.sqlite.transaction(() =>
    fn({ audit: (entry) => recordAudit(ctx.sqlite, { ...entry, author: actor.author }) }),
  )();
}
