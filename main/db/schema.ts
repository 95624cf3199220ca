/**
 * The database schema (drizzle). Conventions (ARCHITECTURE.md §Data):
 * ids are UUID v7 text; areas are integers in 0.01 m²; calendar dates are
 * 'YYYY-MM-DD' text; instants are ISO UTC text. Foreign keys never cascade:
 * deleting a parent with children is refused, nothing disappears silently.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const timestamps = {
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
};

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role').notNull(), // 'admin' | 'staff'
  passwordHash: text('password_hash').notNull(),
  /** scrypt hash of the one-time recovery code; replaced each time it is used. */
  recoveryHash: text('recovery_hash').notNull(),
  ...timestamps,
});

/** Every write leaves a row here: who, when, which record, before and after. */
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

export const communities = sqliteTable('communities', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  address: text('address').notNull().default(''),
  streetOffice: text('street_office').notNull().default(''),
  communityOffice: text('community_office').notNull().default(''),
  developer: text('developer').notNull().default(''),
  /** JSON of shared/contract/schemas.ts communitySettings: new settings need no migration. */
  settings: text('settings').notNull().default('{}'),
  ...timestamps,
});

export const buildings = sqliteTable('buildings', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  name: text('name').notNull(),
  sortKey: text('sort_key').notNull(),
}, (t) => [uniqueIndex('buildings_name').on(t.communityId, t.name)]);

export const entrances = sqliteTable('entrances', {
  id: text('id').primaryKey(),
  buildingId: text('building_id').notNull().references(() => buildings.id),
  name: text('name').notNull(),
  sortKey: text('sort_key').notNull(),
}, (t) => [uniqueIndex('entrances_name').on(t.buildingId, t.name)]);

export const parts = sqliteTable('parts', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  buildingId: text('building_id').notNull().references(() => buildings.id),
  entranceId: text('entrance_id').references(() => entrances.id),
  /** entrance_id or '' — SQLite treats NULLs as distinct, so the unique address index needs a non-null key. */
  entranceKey: text('entrance_key').notNull().default(''),
  room: text('room').notNull(),
  /** building + entrance + room as printed (1幢1单元101), kept for search. */
  address: text('address').notNull(),
  /** Natural-order key (2幢 before 10幢), see shared/domain/text.ts. */
  sortKey: text('sort_key').notNull(),
  type: text('type').notNull(), // 住宅 商铺 车位 其他
  area: integer('area').notNull(), // 0.01 m²
  areaSource: text('area_source').notNull(), // 登记 实测 合同
  deliveryStatus: text('delivery_status').notNull(), // 已交付 未售 已售未交付
  /**
   * Cache: the current owners' person ids, sorted and comma-joined ('' for none).
   * Written in the same transaction as every ownership change (services/part-cache.ts)
   * and proven equal to the ownerships rows by tests, so that the electorate of a
   * 20,000-part community is one scan.
   */
  ownerKey: text('owner_key').notNull().default(''),
  /** Cache, same writer: current owners' names in name order, joined by 、 (display and sort). */
  ownerNames: text('owner_names').notNull().default(''),
  /** Cache, same writer: address, owners' names, phones and documents — what the roster search matches. */
  searchText: text('search_text').notNull().default(''),
  ...timestamps,
}, (t) => [
  // One part per address. (drizzle-kit 0.31 mangles expression indexes, hence entrance_key.)
  uniqueIndex('parts_address').on(t.buildingId, t.entranceKey, t.room),
  index('parts_community_sort').on(t.communityId, t.sortKey),
  index('parts_entrance').on(t.entranceId),
  // Covers the electorate's aggregate in owner-set order: no table lookups, no sort.
  index('parts_electorate').on(t.communityId, t.ownerKey, t.deliveryStatus, t.type, t.area, t.buildingId, t.entranceId),
]);

export const persons = sqliteTable('persons', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  name: text('name').notNull(),
  /** Normalised document number (mainland ID upper-case X), or null. */
  document: text('document'),
  documentKind: text('document_kind'), // mainland-id | credit-code | other
  phone: text('phone'),
  ...timestamps,
}, (t) => [
  uniqueIndex('persons_document').on(t.communityId, t.document).where(sql`${t.document} is not null`),
  index('persons_name').on(t.communityId, t.name),
]);

/**
 * Who holds a part, and from when to when. Co-owners are several rows with the
 * same period. A sale ends the current rows (end_date) and starts new ones, so
 * the history survives without a migration. Null start = held since before the
 * register was kept.
 */
export const ownerships = sqliteTable('ownerships', {
  id: text('id').primaryKey(),
  partId: text('part_id').notNull().references(() => parts.id),
  personId: text('person_id').notNull().references(() => persons.id),
  startDate: text('start_date'),
  endDate: text('end_date'),
  createdAt: text('created_at').notNull(),
}, (t) => [
  index('ownerships_part').on(t.partId, t.endDate),
  index('ownerships_person').on(t.personId),
]);

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
