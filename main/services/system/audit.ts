/** The audit log: who, when, which record, before and after. */
import { and, count, desc, eq } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { newId } from '../../db/ids';
import type { Sqlite } from '../../db/connection';
import { nowIso } from '../../db/clock';
import { auditLog } from '../../db/schema/system';
import { maskDocument, maskPhone } from '../../../shared/domain/identity';

export interface AuditEntry {
  author: string;
  action: string;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * The query builder on a connection. Both callers hand over the raw connection (write() in context.ts,
 * which runs the transaction on it, and the router's audit.list), so the builder is made here, once per
 * connection; it has no state of its own and runs on that same connection, inside its transaction.
 */
const builders = new WeakMap<Sqlite, BetterSQLite3Database>();
function dbOf(sqlite: Sqlite): BetterSQLite3Database {
  let db = builders.get(sqlite);
  if (!db) builders.set(sqlite, (db = drizzle(sqlite)));
  return db;
}

export function recordAudit(sqlite: Sqlite, entry: AuditEntry): void {
  dbOf(sqlite).insert(auditLog).values({
    id: newId(), at: nowIso(), author: entry.author, action: entry.action, entity: entry.entity, entityId: entry.entityId,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  }).run();
}

export interface AuditQuery {
  entity?: string | undefined;
  entityId?: string | undefined;
  offset: number;
  limit: number;
}

export function listAudit(sqlite: Sqlite, q: AuditQuery) {
  const db = dbOf(sqlite);
  const where = and(q.entity ? eq(auditLog.entity, q.entity) : undefined, q.entityId ? eq(auditLog.entityId, q.entityId) : undefined);
  const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
  const rows = db.select({
    id: auditLog.id, at: auditLog.at, author: auditLog.author, action: auditLog.action, entity: auditLog.entity, entityId: auditLog.entityId,
    before: auditLog.before, after: auditLog.after,
  }).from(auditLog).where(where).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(q.limit).offset(q.offset).all();
  return {
    total,
    rows: rows.map((r) => ({
      ...r,
      before: r.before ? maskPersonalData(JSON.parse(r.before)) : null,
      after: r.after ? maskPersonalData(JSON.parse(r.after)) : null,
    })),
  };
}

/**
 * The log is a list like any other: document numbers and phones in it are shown
 * masked. Persons' and ballots' personal data is also STORED masked
 * (main/security/personal-data.ts); this catches any other `document` or
 * `phone` (a company's phone) on the way out.
 */
export function maskPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => {
    if (k === 'document' && typeof v === 'string') return [k, maskDocument(v)];
    if (k === 'phone' && typeof v === 'string') return [k, maskPhone(v)];
    return [k, maskPersonalData(v)];
  }));
}
