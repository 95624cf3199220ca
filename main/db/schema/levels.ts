/**
 * The three levels of offices (issue 18, docs/domain.md §10; main/services/levels/): this installation as an
 * office, the offices it exchanges packages with, what it has sent them and they have acknowledged, the records
 * received from them, and the answers an upper office gives to the issues escalated to it.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamps } from './columns';

export const offices = sqliteTable('offices', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** 社区 | 街道 | 区 */
  level: text('level').notNull(),
  /** This installation (exactly one row, once `office init` ran). */
  self: integer('self', { mode: 'boolean' }).notNull().default(false),
  /** For this office: the name of the office above (a 区 has none). For a 社区 known at a 区: its street. */
  aboveName: text('above_name'),
  /** The short code of the office's public key (shared/domain/fingerprint-code.ts), as registered. */
  code: text('code').notNull(),
  /** The Ed25519 public key (SPKI DER, base64): this office's; another's arrives with its first package. */
  publicKey: text('public_key'),
  /** This office's private key (PKCS#8 DER, base64), sealed with the data key; null for every other office. */
  privateKey: text('private_key'),
  /** The last package's sequence imported from this office (0: none yet), and when it arrived. */
  lastImported: integer('last_imported').notNull().default(0),
  /** That package's signed content's hash: the same number with other content is refused (the sender went back). */
  lastImportedHash: text('last_imported_hash'),
  lastReceivedAt: text('last_received_at'),
  /** The last package's sequence made for this office, and the last of ours it acknowledged. */
  lastSent: integer('last_sent').notNull().default(0),
  acknowledged: integer('acknowledged').notNull().default(0),
  /** For this office (a street or a district): days without a package after which an office below is flagged silent. */
  silentDays: integer('silent_days').notNull().default(30),
  /** Registered at the office above through a street's package rather than by its code read out (a 社区 at a 区). */
  viaOfficeId: text('via_office_id'),
  ...timestamps,
}, (t) => [
  uniqueIndex('offices_name').on(t.name),
  uniqueIndex('offices_self').on(t.self).where(sql`${t.self} = 1`),
]);

/**
 * Per receiving office and record: the hash of the record as the receiver acknowledged it, and as last sent.
 * A package holds the records whose hash differs from the acknowledged one, so a record sent and not yet
 * acknowledged goes again (importing it twice changes nothing), and one unchanged since is not sent.
 */
export const exchangeSent = sqliteTable('exchange_sent', {
  officeId: text('office_id').notNull(),
  recordKey: text('record_key').notNull(),
  acknowledgedHash: text('acknowledged_hash'),
  sentHash: text('sent_hash'),
  sentIn: integer('sent_in'),
}, (t) => [primaryKey({ columns: [t.officeId, t.recordKey] })]);

/** A record another office sent: read-only here (answers are this office's own records). */
export const receivedRecords = sqliteTable('received_records', {
  /** The office the record came from (its origin, also when a street forwarded it). */
  officeId: text('office_id').notNull(),
  kind: text('kind').notNull(),
  recordId: text('record_id').notNull(),
  /** The origin's 小区 (its community id there), when the record belongs to one. */
  communityId: text('community_id'),
  /** JSON of the record's body, as shared/contract/levels.ts's schema of its kind. */
  body: text('body').notNull(),
  sequence: integer('sequence').notNull(),
  receivedAt: text('received_at').notNull(),
}, (t) => [primaryKey({ columns: [t.officeId, t.kind, t.recordId] }), index('received_records_kind').on(t.kind, t.officeId)]);

/** At a street: each package received from a 社区, kept whole to be forwarded to the district, still signed by its origin. */
export const receivedPackages = sqliteTable('received_packages', {
  id: text('id').primaryKey(),
  officeId: text('office_id').notNull(),
  sequence: integer('sequence').notNull(),
  text: text('text').notNull(),
  receivedAt: text('received_at').notNull(),
}, (t) => [uniqueIndex('received_packages_sequence').on(t.officeId, t.sequence)]);

/**
 * The upper office's answer to an issue escalated to it (吹哨报到): accepted, dispatched to a department with a
 * deadline, the department's report back, answered, returned. Insert-only; travels down to the issue's office.
 */
export const issueAnswers = sqliteTable('issue_answers', {
  id: text('id').primaryKey(),
  /** The office whose issue this answers, and the issue's id there. */
  officeId: text('office_id').notNull(),
  issueId: text('issue_id').notNull(),
  kind: text('kind').notNull(), // 受理 | 派单 | 部门反馈 | 答复 | 退回
  department: text('department').notNull().default(''),
  due: text('due'),
  text: text('text').notNull().default(''),
  at: text('at').notNull(),
  author: text('author').notNull(),
  createdAt: text('created_at').notNull(),
}, (t) => [index('issue_answers_issue').on(t.officeId, t.issueId, t.at)]);

/** A notice an upper office sends to the offices below it. Insert-only; travels down in the next package. */
export const officeNotices = sqliteTable('office_notices', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  sentOn: text('sent_on').notNull(),
  author: text('author').notNull(),
  createdAt: text('created_at').notNull(),
});

/**
 * The roll-up as it stood in each quarter (its last state in that quarter), for the 汇总's trend: written when a
 * package changes what the roll-up reads — at an upper office on import, at a 社区 on export.
 */
export const rollupQuarters = sqliteTable('rollup_quarters', {
  quarter: text('quarter').primaryKey(), // YYYY-Qn
  /** JSON: the roll-up's rows per 社区 and its total (shared/contract/levels.ts rollupRow). */
  rows: text('rows').notNull(),
  total: text('total').notNull(),
  updatedAt: text('updated_at').notNull(),
});
