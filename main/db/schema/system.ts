/**
 * What the office's system keeps for every feature (main/services/system/, shared/contract/system.ts): the
 * user accounts, the data key that seals personal data (docs/architecture.md §7), the audit log every write
 * leaves (docs/architecture.md §5), the attached files, and the holiday years the office keeps itself
 * (docs/domain.md §8). The search index is hand-written SQL, not declared here
 * (tests/integration/schema-drift.test.ts lists it).
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { revision, timestamps } from './columns';
import { communities } from './register';

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  /** 'admin' when the account holds a 管理员 grant, else 'staff': a summary kept for older readers; the grants decide. */
  role: text('role').notNull(),
  passwordHash: text('password_hash').notNull(),
  /** scrypt hash of the one-time recovery code; replaced each time it is used. */
  recoveryHash: text('recovery_hash').notNull(),
  /** A disabled account cannot sign in; accounts are never deleted, so the audit log keeps their names. */
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  /** Set by a temporary password (a new account, a reset): every call but changing it is refused until it is changed. */
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
  /**
   * A 物业联络员's property company (companies.id). No foreign key: the system tables stand on the register
   * only (schema/index.ts); the accounts service checks the company exists when it is set.
   */
  companyId: text('company_id'),
  /**
   * The data key wrapped by this administrator's recovery code, for an administrator whose code is not the one
   * in data_key.recovery_wrap (main/security/data-key.ts): every administrator's code opens a backup elsewhere.
   */
  keyWrap: text('key_wrap'),
  ...timestamps,
  ...revision,
});

/**
 * What each account may do where (shared/domain/permissions.ts): one row per role and community it covers;
 * community_id null is every community of the office, those added later too. Replaced as a whole when an
 * administrator edits the account (audited with before and after).
 */
export const userGrants = sqliteTable('user_grants', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id),
  role: text('role').notNull(),
  communityId: text('community_id').references(() => communities.id),
}, (t) => [index('user_grants_user').on(t.userId)]);

/**
 * The data key that seals personal data (main/security/data-key.ts): one row. The key itself is not here —
 * it lives beside the database (a key file, or wrapped by the OS through Electron's safeStorage); this row
 * names it (key_id) and holds it wrapped by the administrator's recovery code, so that a backup opens on
 * another PC with that code. sealed_at / vacuumed_at record the upgrade of plaintext from older versions.
 */
export const dataKey = sqliteTable('data_key', {
  id: integer('id').primaryKey(),
  keyId: text('key_id').notNull(),
  /** JSON from cipher.ts wrapWithCode, or null until an administrator's recovery code exists. */
  recoveryWrap: text('recovery_wrap'),
  createdAt: text('created_at').notNull(),
  sealedAt: text('sealed_at'),
  vacuumedAt: text('vacuumed_at'),
});

/** Every write leaves a row here: who, when, which record, before and after (personal data masked). */
export const auditLog = sqliteTable('audit_log', {
  id: text('id').primaryKey(),
  at: text('at').notNull(),
  author: text('author').notNull(),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id'),
  before: text('before'), // JSON
  after: text('after'), // JSON
}, (t) => [index('audit_entity').on(t.entity, t.entityId), index('audit_at').on(t.at)]);

/** Files copied into the data folder under their content hash (attachments/ab/abcdef….ext). */
export const attachments = sqliteTable('attachments', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  ownerType: text('owner_type').notNull(), // meeting | minutes | matter
  ownerId: text('owner_id').notNull(),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull(),
  size: integer('size').notNull(),
  mime: text('mime').notNull(),
  addedAt: text('added_at').notNull(),
  addedBy: text('added_by').notNull(),
}, (t) => [index('attachments_owner').on(t.ownerType, t.ownerId)]);

/**
 * Holiday years the office keeps itself (edited, or imported from xlsx). A year
 * here replaces the shipped arrangement of that year (shared/domain/holidays.ts)
 * entirely; other years use the shipped data.
 */
export const holidayYears = sqliteTable('holiday_years', {
  year: integer('year').primaryKey(),
  source: text('source').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const holidayDays = sqliteTable('holiday_days', {
  date: text('date').primaryKey(),
  year: integer('year').notNull().references(() => holidayYears.year),
  kind: text('kind').notNull(), // holiday 放假 | workday 调休上班
  name: text('name').notNull().default(''),
}, (t) => [index('holiday_days_year').on(t.year)]);

/**
 * Open sign-in sessions (main/services/system/auth.ts), kept here so that a restart of the app or the office
 * server does not sign everyone out and throw away a half-filled form. The token itself is never stored: only
 * its SHA-256 (a 32-byte random token needs no slow hash), so a copy of the file or a backup opens no session.
 * Instants are ISO UTC text; last_seen is written at most once a minute, not on every call.
 */
export const sessions = sqliteTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id),
  openedAt: text('opened_at').notNull(),
  lastSeen: text('last_seen').notNull(),
  /** The screen locked itself (issue 16): every call but unlock, status and logout is refused until the password is given. */
  locked: integer('locked', { mode: 'boolean' }).notNull().default(false),
}, (t) => [index('sessions_user').on(t.userId)]);

/**
 * One row per request key whose call wrote (main/services/system/idempotency.ts): recorded in the transaction
 * of the call's first write, so that a request sent again after a broken connection is answered, not run again.
 * `response` is the JSON of the call's answer, stored once the call is over (null: the call's write committed
 * but its answer was never stored, or it held a secret that is not kept). user_id is null for a call without a
 * session. Purged after 7 days.
 */
export const idempotencyKeys = sqliteTable('idempotency_keys', {
  key: text('key').primaryKey(),
  userId: text('user_id'),
  method: text('method').notNull(),
  createdAt: text('created_at').notNull(),
  response: text('response'),
}, (t) => [index('idempotency_keys_created').on(t.createdAt)]);
