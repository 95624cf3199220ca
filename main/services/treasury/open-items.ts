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
import type { AccountRole } from '../../../shared/domain/ledger';
import type { ServiceContext } from '../context';
import { accountByRole } from './ledger';

export type ItemRole = 'suspense' | 'interest' | 'payable' | 'revenue-due';

/** The entry an entry's line belongs with: its own, or for a reversal the original's. */
const ROOT = 'coalesce(e.reverses_id, e.id)';

/** A sharing entry (or a bank receipt it shares) that is in force on @asOf: posted by then, not reversed by then. */
const SHARE_IN_FORCE = (share: string) => `(select date from journal_entries x where x.id = ${share}) <= @asOf
  and not exists (select 1 from journal_entries r where r.reverses_id = ${share} and r.date <= @asOf)`;

const GROUP: Record<ItemRole, string> = {
  suspense: `coalesce((select c.item_entry_id from suspense_claims c where c.entry_id = ${ROOT} limit 1), ${ROOT})`,
  interest: `case when exists (select 1 from interest_shares s where s.share_entry_id = ${ROOT}) then ${ROOT}
    else coalesce((select s.share_entry_id from interest_shares s where s.item_entry_id = ${ROOT} and ${SHARE_IN_FORCE('s.share_entry_id')}), ${ROOT}) end`,
  payable: `coalesce('project:' || e.project_id, ${ROOT})`,
  'revenue-due': ROOT,
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

/** The open items of a liability as of a day, oldest first; their amounts add up to the account's balance that day. */
export function openItems(ctx: ServiceContext, communityId: string, role: ItemRole, asOf: string): OpenItem[] {
  const account = accountByRole(ctx, communityId, role as AccountRole);
  const groups = ctx.sqlite.prepare(`select grp, -sum(amount) as amount, min(date) as firstDate from (
      select ${GROUP[role]} as grp, l.amount, l.date from journal_lines l join journal_entries e on e.id = l.entry_id
      where l.account_id = @account and l.date <= @asOf)
    group by grp having sum(amount) != 0`).all({ account: account.id, asOf }) as { grp: string; amount: number; firstDate: string }[];
  const entry = ctx.sqlite.prepare('select id, number, date, kind, memo, counterparty, project_id as projectId from journal_entries where id = ?');
  const project = ctx.sqlite.prepare('select title, contractor from repair_projects where id = ?');
  return groups.map((g): OpenItem => {
    if (g.grp.startsWith('project:')) {
      const projectId = g.grp.slice('project:'.length);
      const p = project.get(projectId) as { title: string; contractor: string };
      return { entryId: null, number: null, date: g.firstDate, kind: 'project', memo: p.title, counterparty: p.contractor, projectId, amount: g.amount };
    }
    const e = entry.get(g.grp) as Omit<OpenItem, 'entryId' | 'amount'> & { id: string };
    return { entryId: e.id, number: e.number, date: e.date, kind: e.kind, memo: e.memo, counterparty: e.counterparty, projectId: e.projectId, amount: g.amount };
  }).sort((a, b) => a.date.localeCompare(b.date) || (a.number ?? 0) - (b.number ?? 0));
}

/**
 * An account's debit sum as of a day: its cached balance less the lines dated
 * after it (few: the day is recent), so that the fund's million lines are
 * not summed again (the cache is proven equal to its lines by ledgerProblems).
 */
export function debitSumAsOf(ctx: ServiceContext, communityId: string, role: AccountRole, asOf: string): number {
  const account = accountByRole(ctx, communityId, role);
  const later = ctx.sqlite.prepare('select coalesce(sum(amount), 0) from journal_lines where account_id = ? and date > ?').pluck().get(account.id, asOf) as number;
  return account.debitSum - later;
}

/** An account's balance as of a day, credit-normal fen (the liabilities' side). */
export const liabilityAsOf = (ctx: ServiceContext, communityId: string, role: AccountRole, asOf: string) => -debitSumAsOf(ctx, communityId, role, asOf);
