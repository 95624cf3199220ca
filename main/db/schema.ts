/**
 * The database schema (drizzle). Conventions (docs/architecture.md §4):
 * ids are UUID v7 text; areas are integers in 0.01 m²; calendar dates are
 * 'YYYY-MM-DD' text; instants are ISO UTC text. Foreign keys never cascade:
 * deleting a parent with children is refused, nothing disappears silently.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

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

export const communities = sqliteTable('communities', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  address: text('address').notNull().default(''),
  streetOffice: text('street_office').notNull().default(''),
  communityOffice: text('community_office').notNull().default(''),
  developer: text('developer').notNull().default(''),
  /** JSON of shared/contract/register.ts communitySettings: new settings need no migration. */
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

// ── issue 3: meetings, minutes, matters ──────────────────────────────

/**
 * Workflow definitions (shared/domain/workflow.ts). Each row is one version;
 * versions of one workflow share `key`. Never edited: a change is a new
 * version, and each matter keeps the version it started with.
 */
export const workflows = sqliteTable('workflows', {
  id: text('id').primaryKey(),
  key: text('key').notNull(),
  name: text('name').notNull(),
  version: integer('version').notNull(),
  steps: text('steps').notNull(), // JSON StepDefinition[]
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
}, (t) => [uniqueIndex('workflows_version').on(t.key, t.version)]);

export const matters = sqliteTable('matters', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  workflowId: text('workflow_id').notNull().references(() => workflows.id),
  title: text('title').notNull(),
  category: text('category').notNull(),
  description: text('description').notNull().default(''),
  raisedBy: text('raised_by').notNull().default(''),
  raisedOn: text('raised_on').notNull(),
  ...timestamps,
}, (t) => [index('matters_community').on(t.communityId, t.raisedOn)]);

export const meetings = sqliteTable('meetings', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  kind: text('kind').notNull(),
  form: text('form'),
  title: text('title').notNull(),
  date: text('date').notNull(),
  startTime: text('start_time').notNull().default(''),
  place: text('place').notNull().default(''),
  convener: text('convener').notNull().default(''),
  noticeDate: text('notice_date'),
  membersTotal: integer('members_total'),
  status: text('status').notNull().default('planned'), // planned | held
  postedDate: text('posted_date'),
  ...timestamps,
}, (t) => [index('meetings_community_date').on(t.communityId, t.date)]);

export const agendaItems = sqliteTable('agenda_items', {
  id: text('id').primaryKey(),
  meetingId: text('meeting_id').notNull().references(() => meetings.id),
  position: integer('position').notNull(),
  title: text('title').notNull(),
  matterId: text('matter_id').references(() => matters.id),
  forVote: integer('for_vote', { mode: 'boolean' }).notNull().default(false),
  inNotice: integer('in_notice', { mode: 'boolean' }).notNull().default(true),
  yesVotes: integer('yes_votes'),
}, (t) => [index('agenda_meeting').on(t.meetingId, t.position), index('agenda_matter').on(t.matterId)]);

export const attendees = sqliteTable('attendees', {
  id: text('id').primaryKey(),
  meetingId: text('meeting_id').notNull().references(() => meetings.id),
  position: integer('position').notNull(),
  party: text('party').notNull(),
  name: text('name').notNull(),
  role: text('role').notNull().default(''),
  isMember: integer('is_member', { mode: 'boolean' }).notNull().default(false),
  present: integer('present', { mode: 'boolean' }),
}, (t) => [index('attendees_meeting').on(t.meetingId, t.position)]);

/** A rule the user went past with a written reason (also in the audit log). */
export const ruleOverrides = sqliteTable('rule_overrides', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  rule: text('rule').notNull(),
  message: text('message').notNull(),
  reason: text('reason').notNull(),
  author: text('author').notNull(),
  at: text('at').notNull(),
}, (t) => [index('rule_overrides_entity').on(t.entity, t.entityId)]);

/**
 * Versions of a meeting's minutes. A draft is edited in place; an approved
 * version is never changed — a correction is a new version (supersedes_id).
 */
export const minutes = sqliteTable('minutes', {
  id: text('id').primaryKey(),
  meetingId: text('meeting_id').notNull().references(() => meetings.id),
  version: integer('version').notNull(),
  status: text('status').notNull(), // draft | approved
  content: text('content').notNull(), // JSON MinutesContent
  supersedesId: text('supersedes_id'),
  correctionReason: text('correction_reason').notNull().default(''),
  approvedAt: text('approved_at'),
  approvedBy: text('approved_by'),
  createdBy: text('created_by').notNull(),
  ...timestamps,
}, (t) => [uniqueIndex('minutes_version').on(t.meetingId, t.version)]);

/** Action items of the approved minutes, tracked to completion. */
export const actionItems = sqliteTable('action_items', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  meetingId: text('meeting_id').notNull().references(() => meetings.id),
  minutesId: text('minutes_id').notNull().references(() => minutes.id),
  text: text('text').notNull(),
  party: text('party').notNull().default(''),
  person: text('person').notNull().default(''),
  due: text('due').notNull().default(''),
  doneDate: text('done_date'),
  /** False once a later approved version of the minutes replaced it. */
  current: integer('current', { mode: 'boolean' }).notNull().default(true),
}, (t) => [index('action_items_open').on(t.communityId, t.current, t.doneDate, t.due)]);

export const matterSteps = sqliteTable('matter_steps', {
  id: text('id').primaryKey(),
  matterId: text('matter_id').notNull().references(() => matters.id),
  stepKey: text('step_key').notNull(),
  date: text('date').notNull(),
  skipped: integer('skipped', { mode: 'boolean' }).notNull().default(false),
  skipReason: text('skip_reason'),
  meetingId: text('meeting_id').references(() => meetings.id),
  /** The owners' vote that decided this step (issue 4); votes is declared below, hence the lazy reference. */
  voteId: text('vote_id').references((): AnySQLiteColumn => votes.id),
  postingStart: text('posting_start'),
  postingEnd: text('posting_end'),
  filingBody: text('filing_body'),
  noticeText: text('notice_text').notNull().default(''),
  document: text('document').notNull().default(''),
  note: text('note').notNull().default(''),
  recordedBy: text('recorded_by').notNull(),
  recordedAt: text('recorded_at').notNull(),
}, (t) => [uniqueIndex('matter_steps_key').on(t.matterId, t.stepKey), index('matter_steps_meeting').on(t.meetingId)]);

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

// ── issue 4: owners' votes ───────────────────────────────────────────

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
}, (t) => [uniqueIndex('vote_item_subjects_pk').on(t.itemId, t.subjectId)]);

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

// ── issue 5: the treasurer's books (shared/domain/ledger.ts) ──────────

/**
 * Each community's chart of accounts; forms and reports find an account by its role.
 * Migration 0005 fills it from its `default_chart` table (hand-written, not in this
 * file) for every community, by a trigger as communities are inserted.
 */
export const ledgerAccounts = sqliteTable('ledger_accounts', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  code: text('code').notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull(), // asset | liability | income | expense
  role: text('role').notNull(),
  /** 1 for the maintenance fund: every line names its part (分户账). */
  subLedger: integer('sub_ledger', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
}, (t) => [uniqueIndex('ledger_accounts_code').on(t.communityId, t.code), index('ledger_accounts_role').on(t.communityId, t.role)]);

/** A part's initial deposit due (area × the community's rate, or as imported with the opening balances). */
export const fundParts = sqliteTable('fund_parts', {
  partId: text('part_id').primaryKey().references(() => parts.id),
  communityId: text('community_id').notNull().references(() => communities.id),
  initialDue: integer('initial_due').notNull(), // fen
  updatedAt: text('updated_at').notNull(),
}, (t) => [index('fund_parts_community').on(t.communityId)]);

/**
 * Journal entries (凭证). Never updated or deleted (triggers refuse it): a
 * correction is a reversal entry naming the entry it reverses, then a new one.
 */
export const journalEntries = sqliteTable('journal_entries', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  /** 凭证号, consecutive per community. */
  number: integer('number').notNull(),
  date: text('date').notNull(),
  kind: text('kind').notNull(), // income | expense | transfer | deposit | earnings | reversal | opening
  memo: text('memo').notNull().default(''),
  counterparty: text('counterparty').notNull().default(''),
  reference: text('reference').notNull().default(''),
  reversesId: text('reverses_id').references((): AnySQLiteColumn => journalEntries.id),
  /** An unidentified receipt (待查明款项) this entry assigns to its part. */
  settlesId: text('settles_id').references((): AnySQLiteColumn => journalEntries.id),
  reason: text('reason').notNull().default(''),
  /** Common revenue: 电梯广告 | 停车 | 场地租金 | 其他 (shared/domain/ledger.ts REVENUE_KINDS). */
  revenueKind: text('revenue_kind'),
  /** The contract the revenue or cost comes under, as written (contracts are issue 6's). */
  contract: text('contract').notNull().default(''),
  projectId: text('project_id').references((): AnySQLiteColumn => repairProjects.id),
  budgetLineId: text('budget_line_id').references((): AnySQLiteColumn => budgetLines.id),
  // What the ledger table shows and filters on, written with the entry (which never changes, so these
  // cannot go stale): the debit total, the accounts' names, the part's address (or "N 户"), the words searched.
  amount: integer('amount').notNull(),
  accounts: text('accounts').notNull(),
  address: text('address'),
  searchText: text('search_text').notNull(),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').notNull(),
}, (t) => [
  uniqueIndex('journal_entries_number').on(t.communityId, t.number),
  // An entry is reversed at most once.
  uniqueIndex('journal_entries_reverses').on(t.reversesId).where(sql`${t.reversesId} is not null`),
  uniqueIndex('journal_entries_settles').on(t.settlesId).where(sql`${t.settlesId} is not null`),
  index('journal_entries_project').on(t.projectId).where(sql`${t.projectId} is not null`),
  index('journal_entries_date').on(t.communityId, t.date, t.number),
]);

/** Lines of the entries: debit positive, credit negative, fen. Integer key: a million rows stay compact. */
export const journalLines = sqliteTable('journal_lines', {
  id: integer('id').primaryKey(),
  entryId: text('entry_id').notNull().references(() => journalEntries.id),
  communityId: text('community_id').notNull().references(() => communities.id),
  accountId: text('account_id').notNull().references(() => ledgerAccounts.id),
  partId: text('part_id').references(() => parts.id),
  category: text('category'), // deposit | earning | charge | transfer (fund lines)
  // The entry's date and number, copied (lines never change): the sub-ledger's period sums and the ledger
  // table's account filter walk these indexes without visiting the entries.
  date: text('date').notNull(),
  number: integer('number').notNull(),
  amount: integer('amount').notNull(),
}, (t) => [
  index('journal_lines_entry').on(t.entryId, t.accountId),
  index('journal_lines_account').on(t.accountId, t.date, t.number),
  index('journal_lines_part').on(t.partId, t.date, t.number).where(sql`${t.partId} is not null`),
]);

/** Cache kept by the triggers of migration 0005: each account's sum of lines (debit positive). */
export const accountBalances = sqliteTable('account_balances', {
  accountId: text('account_id').primaryKey().references(() => ledgerAccounts.id),
  debitSum: integer('debit_sum').notNull(),
  lines: integer('lines').notNull(),
  /** Entries with a line in the account: the ledger table's total when filtered by it. */
  entries: integer('entries').notNull(),
});

/** Cache, same triggers: each sub-ledger's movement by category, credit-normal (a deposit adds). */
export const partFundBalances = sqliteTable('part_fund_balances', {
  partId: text('part_id').primaryKey().references(() => parts.id),
  communityId: text('community_id').notNull().references(() => communities.id),
  deposited: integer('deposited').notNull(),
  earnings: integer('earnings').notNull(),
  charges: integer('charges').notNull(),
  transfers: integer('transfers').notNull(),
  balance: integer('balance').notNull(),
}, (t) => [index('part_fund_balances_community').on(t.communityId)]);

/** Closed months: no entry may be dated in a month on or before the latest closed one. */
export const ledgerCloses = sqliteTable('ledger_closes', {
  communityId: text('community_id').notNull().references(() => communities.id),
  month: text('month').notNull(), // YYYY-MM
  closedAt: text('closed_at').notNull(),
  closedBy: text('closed_by').notNull(),
}, (t) => [uniqueIndex('ledger_closes_month').on(t.communityId, t.month)]);

/** The books' opening position: the date, the bank balance it was reconciled with, the entry that opened them. */
export const ledgerOpenings = sqliteTable('ledger_openings', {
  communityId: text('community_id').primaryKey().references(() => communities.id),
  asOf: text('as_of').notNull(),
  bankBalance: integer('bank_balance').notNull(),
  /** The difference booked to 待查明款项 with its explanation (0 when the file matched the bank). */
  suspense: integer('suspense').notNull(),
  suspenseNote: text('suspense_note').notNull().default(''),
  entryId: text('entry_id').notNull().references(() => journalEntries.id),
  fileName: text('file_name').notNull(),
  createdAt: text('created_at').notNull(),
});

/**
 * Repairs paid from the fund (docs/domain.md §5): approved by an owners' vote
 * (Art. 278 item 5) or by the emergency path, charged to the parts in scope.
 * Money moves only as journal entries naming the project.
 */
export const repairProjects = sqliteTable('repair_projects', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  title: text('title').notNull(),
  /** JSON: {kind:'community'} | {kind:'places', places:[{buildingId, entranceId?}]} | {kind:'parts', partIds:[...]} */
  scope: text('scope').notNull(),
  scopeLabel: text('scope_label').notNull(),
  basis: text('basis').notNull(), // area | equal
  estimate: integer('estimate').notNull(),
  contractor: text('contractor').notNull().default(''),
  approval: text('approval').notNull(), // vote | emergency
  voteId: text('vote_id').references(() => votes.id),
  emergencyReviewDate: text('emergency_review_date'),
  emergencyStreetDate: text('emergency_street_date'),
  emergencyNote: text('emergency_note').notNull().default(''),
  noticeDate: text('notice_date'),
  finalCost: integer('final_cost'),
  /** Why the final cost stands although it exceeds the approved by the re-approval share. */
  overrunReason: text('overrun_reason').notNull().default(''),
  auditNote: text('audit_note').notNull().default(''),
  chargeEntryId: text('charge_entry_id').references(() => journalEntries.id),
  ...timestamps,
}, (t) => [index('repair_projects_community').on(t.communityId)]);

/** The owners' committee's budget by year and line; spending is committee-expense entries naming the line. */
export const budgetLines = sqliteTable('budget_lines', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  year: integer('year').notNull(),
  name: text('name').notNull(),
  amount: integer('amount').notNull(),
  position: integer('position').notNull(),
  ...timestamps,
}, (t) => [uniqueIndex('budget_lines_name').on(t.communityId, t.year, t.name)]);

// ── issue 6: property-service contracts, the community's bodies, the issue ledger ──

/** A property-service company, known by its unified social credit code (GB 32100). */
export const companies = sqliteTable('companies', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  creditCode: text('credit_code').notNull().unique(),
  contact: text('contact').notNull().default(''),
  phone: text('phone').notNull().default(''),
  ...timestamps,
});

/**
 * A property-service contract. Its notice periods are the statute's (90 / 60
 * days) unless the contract agrees others. The events that end it (a company's
 * notice of non-renewal, the owners' dismissal notice, the end, the handover)
 * are dated columns set once; the terms are edited with an audit row.
 */
export const serviceContracts = sqliteTable('service_contracts', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  companyId: text('company_id').notNull().references(() => companies.id),
  kind: text('kind').notNull(), // preliminary | bidding | vote
  voteId: text('vote_id').references(() => votes.id),
  startDate: text('start_date').notNull(),
  endDate: text('end_date').notNull(),
  nonRenewalNoticeDays: integer('non_renewal_notice_days').notNull().default(90),
  dismissalNoticeDays: integer('dismissal_notice_days').notNull().default(60),
  indefiniteNoticeDays: integer('indefinite_notice_days').notNull().default(60),
  /** JSON: [{partType, fee}] with fee in fen per m² per month. */
  fees: text('fees').notNull().default('[]'),
  serviceLevel: text('service_level').notNull().default(''),
  deposit: integer('deposit').notNull().default(0),
  signatories: text('signatories').notNull().default(''),
  note: text('note').notNull().default(''),
  nonRenewalNoticeOn: text('non_renewal_notice_on'),
  /** The owners' decision at expiry: renew | replace, and its date. */
  ownersDecision: text('owners_decision'),
  ownersDecisionOn: text('owners_decision_on'),
  /** A written notice ending the contract: the owners' dismissal in the term, either side's after expiry. */
  terminationNoticeOn: text('termination_notice_on'),
  endedOn: text('ended_on'),
  endReason: text('end_reason').notNull().default(''),
  handedOverOn: text('handed_over_on'),
  ...timestamps,
}, (t) => [index('service_contracts_community').on(t.communityId, t.endDate), index('service_contracts_company').on(t.companyId)]);

/** A quarter's service-quality evaluation: the weighted checklist as scored, satisfaction, complaints, collection. */
export const contractEvaluations = sqliteTable('contract_evaluations', {
  id: text('id').primaryKey(),
  contractId: text('contract_id').notNull().references(() => serviceContracts.id),
  quarter: text('quarter').notNull(), // YYYY-Qn
  /** JSON: [{name, weight, score}] — weights and scores as integers. */
  items: text('items').notNull(),
  /** The weighted score in tenths of a point, rounded half up (shared/domain/evaluation.ts); the exact one is recomputed from items. */
  score: integer('score').notNull(),
  /** Survey results in basis points (10000 = 100 %), null when no survey was entered. */
  satisfaction: integer('satisfaction'),
  surveyed: integer('surveyed').notNull().default(0),
  complaints: integer('complaints').notNull(),
  /** Fee collection rate in basis points, null when unknown. */
  collectionRate: integer('collection_rate'),
  note: text('note').notNull().default(''),
  ...timestamps,
}, (t) => [uniqueIndex('contract_evaluations_quarter').on(t.contractId, t.quarter)]);

/** A body of the community (业委会, 议事会, 监事会, 党支部) for one term. */
export const communityBodies = sqliteTable('community_bodies', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  kind: text('kind').notNull(), // owners_committee | council | supervisory | party_branch
  /** The term runs from the election for term_years (its end: shared/domain/committees.ts termEnd). */
  electedOn: text('elected_on').notNull(),
  termYears: integer('term_years').notNull(),
  filedOn: text('filed_on'),
  firstMeetingOn: text('first_meeting_on'),
  note: text('note').notNull().default(''),
  ...timestamps,
}, (t) => [index('community_bodies_community').on(t.communityId, t.kind)]);

export const bodyMembers = sqliteTable('body_members', {
  id: text('id').primaryKey(),
  bodyId: text('body_id').notNull().references(() => communityBodies.id),
  personId: text('person_id').references(() => persons.id),
  name: text('name').notNull(),
  role: text('role').notNull(), // 主任 | 副主任 | 委员 | 书记 | …
  partyMember: integer('party_member').notNull().default(0),
  onPartyBranch: integer('on_party_branch').notNull().default(0),
  onResidentsCommittee: integer('on_residents_committee').notNull().default(0),
  ...timestamps,
}, (t) => [index('body_members_body').on(t.bodyId)]);

/** A candidate for a body's election, vetted (关键人选把关) check by check. */
export const bodyCandidates = sqliteTable('body_candidates', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  kind: text('kind').notNull(),
  personId: text('person_id').references(() => persons.id),
  name: text('name').notNull(),
  recommendedBy: text('recommended_by').notNull(), // party | residents_committee | self | owners
  publicityStart: text('publicity_start'),
  publicityEnd: text('publicity_end'),
  ...timestamps,
}, (t) => [index('body_candidates_community').on(t.communityId, t.kind)]);

/** One check of a candidate: who checked what, when, and the result. Insert-only; the newest per check counts. */
export const candidateChecks = sqliteTable('candidate_checks', {
  id: text('id').primaryKey(),
  candidateId: text('candidate_id').notNull().references(() => bodyCandidates.id),
  check: text('check_key').notNull(), // owns_part | no_arrears | not_defaulter | no_conflict
  passed: integer('passed').notNull(),
  note: text('note').notNull().default(''),
  checkedBy: text('checked_by').notNull(),
  checkedAt: text('checked_at').notNull(),
}, (t) => [index('candidate_checks_candidate').on(t.candidateId, t.check)]);

/** 问题台账: a resident's issue, numbered per community. Its history is in issue_events. */
export const issues = sqliteTable('issues', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  number: integer('number').notNull(),
  title: text('title').notNull(),
  reportedAt: text('reported_at').notNull(), // office-local 'YYYY-MM-DDTHH:mm' (shared/domain/issue-ledger.ts)
  source: text('source').notNull(),
  reporter: text('reporter').notNull().default(''),
  category: text('category').notNull(),
  buildingId: text('building_id').references(() => buildings.id),
  partId: text('part_id').references(() => parts.id),
  place: text('place').notNull().default(''),
  description: text('description').notNull().default(''),
  responsibleParty: text('responsible_party').notNull().default(''),
  responsiblePerson: text('responsible_person').notNull().default(''),
  planDueAt: text('plan_due_at').notNull(),
  plan: text('plan').notNull().default(''),
  plannedAt: text('planned_at'),
  resolutionDue: text('resolution_due'),
  status: text('status').notNull(), // 登记 | 已派单 | 处理中 | 已办结 | 已回访
  level: text('level').notNull(), // 楼栋 | 小区 | 社区 | 街道
  closedAt: text('closed_at'),
  feedback: text('feedback').notNull().default(''),
  satisfaction: text('satisfaction'),
  visitedAt: text('visited_at'),
  matterId: text('matter_id').references(() => matters.id),
  meetingId: text('meeting_id').references(() => meetings.id),
  ...timestamps,
}, (t) => [
  uniqueIndex('issues_number').on(t.communityId, t.number),
  index('issues_status').on(t.communityId, t.status),
]);

/** The issue's history: dispatch, status changes, escalations with their reason. Insert-only. */
export const issueEvents = sqliteTable('issue_events', {
  id: text('id').primaryKey(),
  issueId: text('issue_id').notNull().references(() => issues.id),
  at: text('at').notNull(),
  kind: text('kind').notNull(), // status | escalate | plan | feedback
  fromValue: text('from_value'),
  toValue: text('to_value'),
  reason: text('reason').notNull().default(''),
  author: text('author').notNull(),
}, (t) => [index('issue_events_issue').on(t.issueId, t.at)]);

/** 物业纠纷人民调解: a mediation between residents and the property company (or among residents). */
export const mediations = sqliteTable('mediations', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  issueId: text('issue_id').references(() => issues.id),
  parties: text('parties').notNull(),
  mediator: text('mediator').notNull(),
  /** JSON: [{date, summary}] */
  sessions: text('sessions').notNull().default('[]'),
  outcome: text('outcome').notNull().default(''), // '' (ongoing) | 调解成功 | 调解不成
  agreement: text('agreement').notNull().default(''),
  ...timestamps,
}, (t) => [index('mediations_community').on(t.communityId)]);

// ── issue 13: the fund's bank account reconciles (docs/domain.md §5) ───────
// Insert-only, like the entries they point at (migration 0008's triggers refuse updates and deletes).

/** A bank statement file imported into a community's books: its SHA-256, and the bank's balance at its end when it has a 余额 column. */
export const statementFiles = sqliteTable('statement_files', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  sha256: text('sha256').notNull(),
  fileName: text('file_name').notNull(),
  firstDate: text('first_date').notNull(),
  lastDate: text('last_date').notNull(),
  /** The 余额 of the file's last row in date order, fen; null when the file has no 余额 column. */
  closingBalance: integer('closing_balance'),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').notNull(),
}, (t) => [uniqueIndex('statement_files_sha256').on(t.communityId, t.sha256), index('statement_files_date').on(t.communityId, t.lastDate)]);

/**
 * A statement row once posted, remembered by its identity (date, signed
 * amount, payer, memo, its row in the file and the file): never posted again,
 * even when its entry is reversed. Rows posted before migration 0008 have no
 * file and no position (`银行流水:` entries, taken over by the migration).
 */
export const statementRows = sqliteTable('statement_rows', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  fileId: text('file_id').references(() => statementFiles.id),
  /** The row as Excel numbers it (header = 1). */
  position: integer('position'),
  date: text('date').notNull(),
  /** fen: receipts positive, payments negative. */
  amount: integer('amount').notNull(),
  payer: text('payer').notNull(),
  memo: text('memo').notNull(),
  /** The bank's running balance after the row (余额), fen, when the file has it. */
  balance: integer('balance'),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').notNull(),
}, (t) => [
  uniqueIndex('statement_rows_position').on(t.fileId, t.position),
  index('statement_rows_identity').on(t.communityId, t.date, t.amount),
]);

/**
 * How a statement row was classified and the entry that booked it: the first
 * posting, then one per re-classification (whose reversal of the previous
 * entry is an ordinary reversal). `booked`: the row was matched to an entry
 * already booked by hand.
 */
export const statementPostings = sqliteTable('statement_postings', {
  entryId: text('entry_id').primaryKey().references(() => journalEntries.id),
  statementRowId: text('statement_row_id').notNull().references(() => statementRows.id),
  /** shared/domain/bank-statement.ts STATEMENT_CLASSES */
  class: text('class').notNull(),
  createdAt: text('created_at').notNull(),
}, (t) => [index('statement_postings_row').on(t.statementRowId)]);

/** Which interest receipts (and bank charges) of 待分配增值收益 a sharing entry (分配增值收益) shares. */
export const interestShares = sqliteTable('interest_shares', {
  shareEntryId: text('share_entry_id').notNull().references(() => journalEntries.id),
  itemEntryId: text('item_entry_id').notNull().references(() => journalEntries.id),
}, (t) => [uniqueIndex('interest_shares_pair').on(t.shareEntryId, t.itemEntryId), index('interest_shares_item').on(t.itemEntryId)]);

/** A claim of 待查明款项: each target of the claim entry (a part, or common revenue when part_id is null) with its note. */
export const suspenseClaims = sqliteTable('suspense_claims', {
  id: integer('id').primaryKey(),
  entryId: text('entry_id').notNull().references(() => journalEntries.id),
  itemEntryId: text('item_entry_id').notNull().references(() => journalEntries.id),
  partId: text('part_id').references(() => parts.id),
  amount: integer('amount').notNull(),
  note: text('note').notNull().default(''),
}, (t) => [index('suspense_claims_entry').on(t.entryId), index('suspense_claims_item').on(t.itemEntryId)]);
