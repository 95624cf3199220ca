/**
 * The register (main/services/register/, shared/contract/register.ts): the communities, their buildings,
 * entrances and exclusive parts, the persons who own them and who held which part when. Every other
 * feature's records belong to a community and many name a part or a person, so these tables import nothing
 * of the schema but the shared columns; the parts carry caches of their current owners so that the
 * electorate of a 20,000-part community is one scan (docs/domain.md §4).
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { revision, timestamps } from './columns';

export const communities = sqliteTable('communities', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  address: text('address').notNull().default(''),
  streetOffice: text('street_office').notNull().default(''),
  communityOffice: text('community_office').notNull().default(''),
  developer: text('developer').notNull().default(''),
  /** 小区类型 (shared/domain/levels.ts COMMUNITY_TYPES): the street's and district's targets are read per type. */
  type: text('type').notNull().default('其他'),
  /** JSON of shared/contract/register.ts communitySettings: new settings need no migration. */
  settings: text('settings').notNull().default('{}'),
  ...timestamps,
  ...revision,
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
   * Written in the same transaction as every ownership change (services/register/part-cache.ts)
   * and proven equal to the ownerships rows by tests, so that the electorate of a
   * 20,000-part community is one scan.
   */
  ownerKey: text('owner_key').notNull().default(''),
  /** Cache, same writer: current owners' names in name order, joined by 、 (display and sort). */
  ownerNames: text('owner_names').notNull().default(''),
  /**
   * Cache, same writer: address, owners' names and their masked phones and documents — what the roster
   * search matches as text (a full number is found through persons' keyed hashes instead).
   */
  searchText: text('search_text').notNull().default(''),
  ...timestamps,
  ...revision,
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
  /**
   * The normalised document number (mainland ID upper-case X) SEALED — AES-256-GCM, main/security/cipher.ts's
   * `aes256gcm.v1.…` form, bound to this row — or null. Never plaintext (PIPL Art. 51); beside it the keyed
   * hash for matching and duplicates, and the masked form that every list shows.
   */
  document: text('document'),
  documentHash: text('document_hash'),
  documentMasked: text('document_masked'),
  documentKind: text('document_kind'), // mainland-id | credit-code | other
  /** The normalised phone sealed like the document, with its keyed hash and masked form. */
  phone: text('phone'),
  phoneHash: text('phone_hash'),
  phoneMasked: text('phone_masked'),
  ...timestamps,
  ...revision,
}, (t) => [
  // One person per document in a community, decided on the keyed hash (the sealed forms all differ).
  uniqueIndex('persons_document').on(t.communityId, t.documentHash).where(sql`${t.documentHash} is not null`),
  index('persons_phone').on(t.communityId, t.phoneHash).where(sql`${t.phoneHash} is not null`),
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
