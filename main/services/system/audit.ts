/** The audit log: who, when, which record, before and after. */
import { newId } from '../../db/ids';
import type { Sqlite } from '../../db/connection';
import { nowIso } from '../../db/clock';
import { maskDocument, maskPhone } from '../../../shared/domain/identity';

export interface AuditEntry {
  author: string;
  action: string;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

export function recordAudit(sqlite: Sqlite, entry: AuditEntry): void {
  sqlite
    .prepare('insert into audit_log (id, at, author, action, entity, entity_id, before, after) values (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(
      newId(), nowIso(), entry.author, entry.action, entry.entity, entry.entityId,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    );
}

export interface AuditQuery {
  entity?: string | undefined;
  entityId?: string | undefined;
  offset: number;
  limit: number;
}

export function listAudit(sqlite: Sqlite, q: AuditQuery) {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.entity) { where.push('entity = ?'); args.push(q.entity); }
  if (q.entityId) { where.push('entity_id = ?'); args.push(q.entityId); }
  const clause = where.length ? `where ${where.join(' and ')}` : '';
  const total = (sqlite.prepare(`select count(*) as n from audit_log ${clause}`).get(...args) as { n: number }).n;
  const rows = sqlite
    .prepare(`select id, at, author, action, entity, entity_id as entityId, before, after from audit_log ${clause} order by at desc, id desc limit ? offset ?`)
    .all(...args, q.limit, q.offset) as { id: string; at: string; author: string; action: string; entity: string; entityId: string | null; before: string | null; after: string | null }[];
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
