/**
 * The treasurer's books (main/services/treasury/, shared/contract/treasury/; docs/domain.md §5, the rules
 * in shared/domain/ledger.ts): each community's chart of accounts; the journal, which books the fund's money,
 * common revenue and the committee's spending alike (entries never change: a correction is a reversal); the
 * maintenance fund's sub-ledger per part and the caches its triggers keep; closed months and the opening
 * position; repair projects paid from the fund; the committee's budget; and the bank statements the fund's
 * account is reconciled with. A repair the owners approved names their vote.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { timestamps } from './columns';
import { communities, parts } from './register';
import { votes } from './votes';

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
  /** The contract the revenue or cost comes under, as written: text, not a key of the office's service_contracts. */
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

// The bank statements the fund's account is reconciled with (docs/domain.md §5).
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
