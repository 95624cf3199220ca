/**
 * Owners' votes (main/services/votes/, shared/contract/votes.ts; docs/domain.md §4): a vote of the owners'
 * assembly with its items, the electorate frozen when it is created (subjects, their parts and each item's
 * share of them), the returned ballots and their choices, the running tally, the second clerk's entries
 * under double entry, and the amendments of a closed vote. A vote stands on a meeting, its items may name
 * matters, so this file imports meetings.ts directly (never the index).
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamps } from './columns';
import { matters, meetings } from './meetings';
import { communities, parts } from './register';

/**
 * A vote of the owners' assembly (a meeting in session or a written
 * solicitation). Its electorate is frozen into vote_subjects /
 * vote_item_subjects when it is created; later register changes do not move it.
 */
export const votes = sqliteTable('votes', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  meetingId: text('meeting_id').notNull().references(() => meetings.id),
  title: text('title').notNull(),
  opens: text('opens').notNull(),
  closes: text('closes').notNull(),
  status: text('status').notNull().default('open'), // open | closed
  /** How a blank item on a valid ballot counts: abstain | not-counted (stated on the notice). */
  blankRule: text('blank_rule').notNull(),
  invalidParticipates: integer('invalid_participates', { mode: 'boolean' }).notNull(),
  countParking: integer('count_parking', { mode: 'boolean' }).notNull(),
  /** Two clerks enter the ballots independently; differences are settled before closing (services/votes/double-entry.ts). */
  doubleEntry: integer('double_entry', { mode: 'boolean' }).notNull().default(false),
  frozenAt: text('frozen_at').notNull(),
  freezeReason: text('freeze_reason').notNull().default(''),
  closedAt: text('closed_at'),
  closedBy: text('closed_by'),
  postedDate: text('posted_date'),
  ...timestamps,
}, (t) => [index('votes_community').on(t.communityId, t.opens)]);

export const voteItems = sqliteTable('vote_items', {
  id: text('id').primaryKey(),
  voteId: text('vote_id').notNull().references(() => votes.id),
  position: integer('position').notNull(),
  title: text('title').notNull(),
  /** Civil Code Art. 278 item number 1–9, or a local item (10 and up) of the community's settings. */
  category: integer('category').notNull(),
  /** The category's name and threshold as they stood when the vote was created (settings may change later). */
  categoryName: text('category_name').notNull().default(''),
  threshold: text('threshold').notNull().default('majority'),
  /** JSON [{buildingId, entranceId?}] or '[]' for the whole community; scopeLabel as docs/cli.md §7 writes it (2幢/1单元+3幢). */
  scope: text('scope').notNull().default('[]'),
  scopeLabel: text('scope_label').notNull().default(''),
  matterId: text('matter_id').references(() => matters.id),
  electorateCount: integer('electorate_count').notNull(),
  electorateArea: integer('electorate_area').notNull(),
  /** JSON ElectorateBreakdown of the item's scope at freezing (shown with the electorate). */
  breakdown: text('breakdown').notNull().default('{}'),
  /** The outcome once the vote is closed (re-set by an amendment); null while open. */
  passed: integer('passed', { mode: 'boolean' }),
}, (t) => [index('vote_items_vote').on(t.voteId, t.position)]);

/** The frozen voting subjects: one per owner set (the developer's unsold parts are one). */
export const voteSubjects = sqliteTable('vote_subjects', {
  id: text('id').primaryKey(),
  voteId: text('vote_id').notNull().references(() => votes.id),
  /** Short code printed on the ballot, typed at entry. */
  code: text('code').notNull(),
  subjectKey: text('subject_key').notNull(),
  kind: text('kind').notNull(), // owners | developer | no-owner
  /** Owners' names as printed on the ballot. */
  label: text('label').notNull(),
  /** Addresses of the subject's parts, joined by 、 (ballot and entry search). */
  addresses: text('addresses').notNull(),
  area: integer('area').notNull(),
}, (t) => [uniqueIndex('vote_subjects_code').on(t.voteId, t.code), uniqueIndex('vote_subjects_key').on(t.voteId, t.subjectKey)]);

export const voteSubjectParts = sqliteTable('vote_subject_parts', {
  subjectId: text('subject_id').notNull().references(() => voteSubjects.id),
  voteId: text('vote_id').notNull().references(() => votes.id),
  partId: text('part_id').notNull().references(() => parts.id),
  /** The part as it was when the electorate was frozen: a later correction of the register does not move the vote. */
  address: text('address').notNull(),
  buildingId: text('building_id').notNull(),
  entranceId: text('entrance_id'),
  buildingName: text('building_name').notNull(),
  entranceName: text('entrance_name').notNull().default(''),
  room: text('room').notNull(),
  sortKey: text('sort_key').notNull(),
  area: integer('area').notNull(),
}, (t) => [uniqueIndex('vote_subject_parts_pk').on(t.subjectId, t.partId), index('vote_subject_parts_vote_part').on(t.voteId, t.partId)]);

/** Each item's electorate: the subjects with parts inside its scope, and their area there. */
export const voteItemSubjects = sqliteTable('vote_item_subjects', {
  itemId: text('item_id').notNull().references(() => voteItems.id),
  subjectId: text('subject_id').notNull().references(() => voteSubjects.id),
  area: integer('area').notNull(),
}, (t) => [
  uniqueIndex('vote_item_subjects_pk').on(t.itemId, t.subjectId),
  // A ballot's save reads its subject's items (services/votes/ballots.ts subjectScope): without this, a scan of
  // every subject of every item — most of a save's time on a 20,000-subject vote (npm run bench -- office-server).
  index('vote_item_subjects_subject').on(t.subjectId),
]);

/**
 * A returned ballot. A correction never edits one: it is superseded by a new
 * ballot (superseded_by) with the reason; only current ballots count.
 */
export const ballots = sqliteTable('ballots', {
  id: text('id').primaryKey(),
  voteId: text('vote_id').notNull().references(() => votes.id),
  subjectId: text('subject_id').notNull().references(() => voteSubjects.id),
  channel: text('channel').notNull(), // 纸质 | 现场 | 工作人员录入 | 导入
  valid: integer('valid', { mode: 'boolean' }).notNull(),
  invalidReason: text('invalid_reason').notNull().default(''),
  proxyHolder: text('proxy_holder').notNull().default(''),
  /** The proxy's authorisation as written, SEALED like persons.document ('' when there is no proxy). */
  proxyDocument: text('proxy_document').notNull().default(''),
  note: text('note').notNull().default(''),
  enteredBy: text('entered_by').notNull(),
  enteredAt: text('entered_at').notNull(),
  supersededBy: text('superseded_by'),
  /** Why this ballot replaced an earlier one (a misread ballot after closing is an amendment). */
  replaceReason: text('replace_reason').notNull().default(''),
}, (t) => [
  uniqueIndex('ballots_current_subject').on(t.voteId, t.subjectId).where(sql`${t.supersededBy} is null`),
  // Returned and valid counts of a tally from the index alone (no row lookups over 20,000 ballots).
  index('ballots_current_valid').on(t.voteId, t.valid).where(sql`${t.supersededBy} is null`),
]);

/**
 * A ballot's choice per item, with the subject's area inside the item's scope
 * and the ballot's validity copied in, so that a tally is one covering-index
 * aggregate. Rows of a superseded ballot get current = 0 in the same write.
 */
export const ballotChoices = sqliteTable('ballot_choices', {
  ballotId: text('ballot_id').notNull().references(() => ballots.id),
  voteId: text('vote_id').notNull().references(() => votes.id),
  itemId: text('item_id').notNull().references(() => voteItems.id),
  choice: text('choice').notNull(), // yes | no | abstain | blank
  valid: integer('valid', { mode: 'boolean' }).notNull(),
  current: integer('current', { mode: 'boolean' }).notNull().default(true),
  area: integer('area').notNull(),
}, (t) => [
  uniqueIndex('ballot_choices_pk').on(t.ballotId, t.itemId),
  index('ballot_choices_tally').on(t.voteId, t.current, t.itemId, t.valid, t.choice, t.area),
]);

/**
 * Running totals of each item's current choices, kept by triggers on
 * ballot_choices (migration 0004) in the same statement as every write, so a
 * tally reads a dozen rows instead of aggregating 60,000; `check` compares it
 * with the aggregate (services/votes/ballots.ts voteTallyMismatches).
 */
export const voteTally = sqliteTable('vote_tally', {
  itemId: text('item_id').notNull().references(() => voteItems.id),
  valid: integer('valid', { mode: 'boolean' }).notNull(),
  choice: text('choice').notNull(),
  count: integer('count').notNull(),
  area: integer('area').notNull(),
}, (t) => [uniqueIndex('vote_tally_key').on(t.itemId, t.valid, t.choice)]);

/** The second clerk's entry of a ballot under double entry: compared with the first, never counted. */
export const ballotChecks = sqliteTable('ballot_checks', {
  voteId: text('vote_id').notNull().references(() => votes.id),
  subjectId: text('subject_id').notNull().references(() => voteSubjects.id),
  valid: integer('valid', { mode: 'boolean' }).notNull(),
  invalidReason: text('invalid_reason').notNull().default(''),
  choices: text('choices').notNull(), // JSON {itemId: choice}
  enteredBy: text('entered_by').notNull(),
  enteredAt: text('entered_at').notNull(),
}, (t) => [uniqueIndex('ballot_checks_subject').on(t.voteId, t.subjectId)]);

/** Changes to a closed vote: the reason and the tally before and after. */
export const voteAmendments = sqliteTable('vote_amendments', {
  id: text('id').primaryKey(),
  voteId: text('vote_id').notNull().references(() => votes.id),
  reason: text('reason').notNull(),
  ballotId: text('ballot_id').notNull().references(() => ballots.id),
  tallyBefore: text('tally_before').notNull(),
  tallyAfter: text('tally_after').notNull(),
  author: text('author').notNull(),
  at: text('at').notNull(),
}, (t) => [index('vote_amendments_vote').on(t.voteId)]);
