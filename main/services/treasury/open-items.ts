/**
 * What makes up the balance of each liability the fund's bank account holds
 * besides the fund (shared/domain/ledger.ts FUND_BANK_LIABILITIES), as of a
 * date: the account's lines grouped into open items, each group's sum its
 * amount, so that the list adds up to the account's balance by construction.
 *
 * - 待查明款项 (suspense): by the item claimed — a receipt, the opening
 *   difference, any entry that booked money to it; a claim (suspense_claims)
 *   and a reversal count against the item they belong to.
 * - 待分配增值收益 (interest): by the sharing entry that shared the receipt (a
 *   group that nets to zero), else by the receipt or bank charge itself.
 * - 应付维修款 (payable): by repair project (payments less the charge).
 * - 代收公共收益 (revenue-due): by entry.
 * A reversal always belongs to the group of the entry it reverses; an entry
 * and its reversal, both dated by the day asked, net to nothing and vanish.
 */
import { and, eq, gt, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { AccountRole } from '../../../shared/domain/ledger';
import { journalEntries, journalLines, repairProjects } from '../../db/schema/treasury';
import type { Db } from '../../db/connection';
import { preparedPer } from '../../db/prepared';
import type { ServiceContext } from '../context';
import { accountByRole } from './ledger';

const ITEM_ROLES = ['suspense', 'interest', 'payable', 'revenue-due'] as const;
export type ItemRole = (typeof ITEM_ROLES)[number];

/** The lines (l) and their entries (e) the groups are made of. */
const l = alias(journalLines, 'l');
const e = alias(journalEntries, 'e');

/** The entry an entry's line belongs with: its own, or for a reversal the original's. */
const ROOT = sql`coalesce(${e.reversesId}, ${e.id})`;

/** A sharing entry (or a bank receipt it shares) that is in force on `asOf`: posted by then, not reversed by then. */
const SHARE_IN_FORCE = (share: SQL, asOf: AsOf) => sql`(select date from journal_entries x where x.id = ${share}) <= ${asOf}
  and not exists (select 1 from journal_entries r where r.reverses_id = ${share} and r.date <= ${asOf})`;

type AsOf = ReturnType<typeof sql.placeholder>;
const GROUP: Record<ItemRole, (asOf: AsOf) => SQL> = {
  suspense: () => sql`coalesce((select c.item_entry_id from suspense_claims c where c.entry_id = ${ROOT} limit 1), ${ROOT})`,
  interest: (asOf) => sql`case when exists (select 1 from interest_shares s where s.share_entry_id = ${ROOT}) then ${ROOT}
    else coalesce((select s.share_entry_id from interest_shares s where s.item_entry_id = ${ROOT} and ${SHARE_IN_FORCE(sql`s.share_entry_id`, asOf)}), ${ROOT}) end`,
  payable: () => sql`coalesce('project:' || ${e.projectId}, ${ROOT})`,
  'revenue-due': () => ROOT,
};

export interface OpenItem {
  /** The item's entry (a receipt, the opening…), or null for a repair project's group. */
  entryId: string | null;
  number: number | null;
  date: string;
  kind: string;
  memo: string;
  counterparty: string;
  projectId: string | null;
  /** Credit-normal fen: what the item adds to the liability (a bank charge held against interest is negative). */
  amount: number;
}

/** A role's lines grouped into items, summed: prepared once per role (a reconciliation asks for three, each screen again). */
function groupsQuery(db: Db, role: ItemRole) {
  const asOf = sql.placeholder('asOf');
  const lines = db.select({ grp: sql<string>`${GROUP[role](asOf)}`.as('grp'), amount: l.amount, date: l.date })
    .from(l).innerJoin(e, eq(e.id, l.entryId)).where(and(eq(l.accountId, sql.placeholder('accountId')), lte(l.date, asOf))).as('lines');
  return db.select({ grp: lines.grp, amount: sql<number>`-sum(${lines.amount})`, firstDate: sql<string>`min(${lines.date})` })
    .from(lines).groupBy(sql`${lines.grp}`).having(sql`sum(${lines.amount}) != 0`).prepare();
}
const groupsOf = preparedPer((db) => new Map(ITEM_ROLES.map((role) => [role, groupsQuery(db, role)])));

/** An item's entry, or its repair project, as the list names it: once per item, so prepared. */
const entryNamed = preparedPer((db) => db.select({
  id: journalEntries.id, number: journalEntries.number, date: journalEntries.date, kind: journalEntries.kind, memo: journalEntries.memo,
  counterparty: journalEntries.counterparty, projectId: journalEntries.projectId,
}).from(journalEntries).where(eq(journalEntries.id, sql.placeholder('entryId'))).prepare());
const projectNamed = preparedPer((db) => db.select({ title: repairProjects.title, contractor: repairProjects.contractor }).from(repairProjects)
  .where(eq(repairProjects.id, sql.placeholder('projectId'))).prepare());

/** The open items of a liability as of a day, oldest first; their amounts add up to the account's balance that day. */
export function openItems(ctx: ServiceContext, communityId: string, role: ItemRole, asOf: string): OpenItem[] {
  const account = accountByRole(ctx, communityId, role as AccountRole);
  const groups = groupsOf(ctx.db).get(role)!.all({ accountId: account.id, asOf });
  return groups.map((g): OpenItem => {
    if (g.grp.startsWith('project:')) {
      const projectId = g.grp.slice('project:'.length);
      const p = projectNamed(ctx.db).get({ projectId })!;
      return { entryId: null, number: null, date: g.firstDate, kind: 'project', memo: p.title, counterparty: p.contractor, projectId, amount: g.amount };
    }
    const entry = entryNamed(ctx.db).get({ entryId: g.grp })!;
    return {
      entryId: entry.id, number: entry.number, date: entry.date, kind: entry.kind, memo: entry.memo, counterparty: entry.counterparty, projectId: entry.projectId,
      amount: g.amount,
    };
  }).sort((a, b) => a.date.localeCompare(b.date) || (a.number ?? 0) - (b.number ?? 0));
}

/** What an account's lines dated after a day add up to (debit-positive fen). */
const movedAfter = preparedPer((db) => db.select({ sum: sql<number>`coalesce(sum(${journalLines.amount}), 0)` }).from(journalLines)
  .where(and(eq(journalLines.accountId, sql.placeholder('accountId')), gt(journalLines.date, sql.placeholder('asOf')))).prepare());

/**
 * An account's debit sum as of a day: its cached balance less the lines dated
 * after it (few: the day is recent), so that the fund's million lines are
 * not summed again (the cache is proven equal to its lines by ledgerProblems).
 */

export function debitSumAsOf(ctx: ServiceContext, communityId: string, role: AccountRole, asOf: string): number {
  const account = accountByRole(ctx, communityId, role);
  const later = movedAfter(ctx.db).get({ accountId: account.id, asOf })!.sum;
  return account.debitSum - later;
}

/** An account's balance as of a day, credit-normal fen (the liabilities' side). */
export const liabilityAsOf = (ctx: ServiceContext, communityId: string, role: AccountRole, asOf: string) => -debitSumAsOf(ctx, communityId, role, asOf);
