/** The audit log: who, when, which record, before and after. */
import { and, count, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { newId } from '../../db/ids';
import type { Sqlite } from '../../db/connection';
import { nowIso, todayInOffice } from '../../db/clock';
import { auditLog } from '../../db/schema/system';
import { communities } from '../../db/schema/register';
import { addSafeRow } from '../../files/safe-cells';
import { addDays } from '../../../shared/domain/dates';
import { auditActionName, auditEntityName, PERSONAL_DATA_VIEWS } from '../../../shared/domain/audit-words';
import { auditCommunityOf, auditInCommunities } from './audit-community';
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

export interface AuditFilter {
  author?: string | undefined;
  communityId?: string | undefined;
  actions?: string[] | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  /** Office days (Asia/Shanghai), both included. */
  from?: string | undefined;
  to?: string | undefined;
  personalDataViews?: boolean | undefined;
}

export interface AuditQuery extends AuditFilter {
  offset: number;
  limit: number;
}

/** A record's history also holds rows filed under a related kind with the same id: a vote's ballot import. */
const HISTORY_KINDS: Record<string, string[]> = { vote: ['vote', 'ballot'] };

/** The start of an office day (Asia/Shanghai, no daylight saving) as the log's UTC ISO time. */
function officeDayStart(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

function whereOf(q: AuditFilter): SQL | undefined {
  const entityKinds = q.entity ? (HISTORY_KINDS[q.entity] ?? [q.entity]) : null;
  return and(
    q.author ? eq(auditLog.author, q.author) : undefined,
    q.communityId ? auditInCommunities([q.communityId]) : undefined,
    q.actions && q.actions.length > 0 ? inArray(auditLog.action, q.actions) : undefined,
    q.personalDataViews ? inArray(auditLog.action, [...PERSONAL_DATA_VIEWS]) : undefined,
    entityKinds && !q.entityId ? inArray(auditLog.entity, entityKinds) : undefined,
    entityKinds && q.entityId ? and(inArray(auditLog.entity, entityKinds), eq(auditLog.entityId, q.entityId)) : undefined,
    !entityKinds && q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    q.from ? gte(auditLog.at, officeDayStart(q.from)) : undefined,
    q.to ? lt(auditLog.at, officeDayStart(addDays(q.to, 1))) : undefined,
  );
}

const rowColumns = {
  id: auditLog.id, at: auditLog.at, author: auditLog.author, action: auditLog.action, entity: auditLog.entity, entityId: auditLog.entityId,
  communityId: auditCommunityOf(), before: auditLog.before, after: auditLog.after,
};

function shown(r: { before: string | null; after: string | null }) {
  return {
    before: r.before ? maskPersonalData(JSON.parse(r.before)) : null,
    after: r.after ? maskPersonalData(JSON.parse(r.after)) : null,
  };
}

export function listAudit(sqlite: Sqlite, q: AuditQuery) {
  const db = dbOf(sqlite);
  const where = whereOf(q);
  const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
  const rows = db.select(rowColumns).from(auditLog).where(where).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(q.limit).offset(q.offset).all();
  return { total, rows: rows.map((r) => ({ ...r, ...shown(r) })) };
}

/** Everyone named in the log, for the person filter (a disabled account's rows keep its name). */
export function auditAuthors(sqlite: Sqlite) {
  const rows = dbOf(sqlite).selectDistinct({ author: auditLog.author }).from(auditLog).orderBy(auditLog.author).all();
  return { authors: rows.map((r) => r.author) };
}

/** At most this many rows in one file: a filter narrows a larger log first (Excel itself stops near 1,048,576). */
export const AUDIT_EXPORT_MAX_ROWS = 200_000;

/** The filtered log as xlsx, newest first, in the screen's words; personal data masked as on the screen. */
export async function exportAudit(sqlite: Sqlite, q: AuditFilter) {
  const db = dbOf(sqlite);
  const rows = db.select(rowColumns).from(auditLog).where(whereOf(q)).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(AUDIT_EXPORT_MAX_ROWS).all();
  const names = new Map(db.select({ id: communities.id, name: communities.name }).from(communities).all().map((c) => [c.id, c.name]));
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('操作日志');
  sheet.addRow(['时间', '操作人', '小区', '操作', '对象', '编号', '修改前', '修改后']);
  sheet.getRow(1).font = { bold: true };
  const json = (v: unknown) => (v === null ? '' : JSON.stringify(v));
  for (const r of rows) {
    const { before, after } = shown(r);
    addSafeRow(sheet, [
      officeDateTime(r.at), r.author, r.communityId ? (names.get(r.communityId) ?? '') : '', auditActionName(r.action), auditEntityName(r.entity),
      r.entityId ?? '', json(before), json(after),
    ]);
  }
  sheet.columns.forEach((c, i) => { c.width = [20, 18, 16, 18, 14, 28, 50, 50][i] ?? 12; });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const day = todayInOffice();
  return { fileName: `操作日志${day}.xlsx`, base64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
}

/** 2026-12-04 09:30:15 on the office's clock. */
function officeDateTime(iso: string): string {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
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
