/**
 * The ledger: the chart of accounts, posting entries (balanced, in open months,
 * numbered), reversals, closing months, the entries table, and the invariants
 * `check` and the tests hold it to. Entries and lines are insert-only; the
 * triggers of migration 0005 refuse edits and keep the balance caches.
 */
import { and, eq, inArray, max, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import type { closeMonthInput, entry as entrySchema, entryQuery, recordInput, reverseInput } from '../../../shared/contract/treasury/fund';
import {
  ACCOUNT_KINDS, ACCOUNT_ROLES, FUND_CATEGORIES, entryProblem, monthOf, normalBalance, type AccountKind, type AccountRole, type EntryLine, type FundCategory,
} from '../../../shared/domain/ledger';
import { fenToYuan } from '../../../shared/domain/money';
import { movedBy, treasurerVoucher, voucherLabels, type PostedLine } from '../../../shared/domain/voucher';
import { nowIso, todayInOffice } from '../../db/clock';
import type { Sqlite } from '../../db/connection';
import { newId } from '../../db/ids';
import { preparedPer } from '../../db/prepared';
import { checkedRows, countOf, oneOf } from '../../db/rows';
import { parts } from '../../db/schema/register';
import {
  accountBalances, interestShares, journalEntries, journalLines, ledgerAccounts, ledgerCloses, suspenseClaims,
} from '../../db/schema/treasury';
import { getCommunity } from '../register/communities';
import { write, type Actor, type ServiceContext, type WriteScope } from '../context';

type Entry = z.output<typeof entrySchema>;

export interface AccountRow {
  id: string; code: string; name: string; kind: AccountKind; role: AccountRole; subLedger: boolean; debitSum: number;
}

/** The chart with its balances: read for every role a reconciliation or a posting looks at, so prepared once. */
const chartOf = preparedPer((db) => db.select({
  id: ledgerAccounts.id, code: ledgerAccounts.code, name: ledgerAccounts.name, kind: ledgerAccounts.kind, role: ledgerAccounts.role,
  subLedger: ledgerAccounts.subLedger, debitSum: sql<number>`coalesce(${accountBalances.debitSum}, 0)`,
}).from(ledgerAccounts).leftJoin(accountBalances, eq(accountBalances.accountId, ledgerAccounts.id))
  .where(eq(ledgerAccounts.communityId, sql.placeholder('communityId'))).orderBy(ledgerAccounts.code).prepare());

export function accountRows(ctx: ServiceContext, communityId: string): AccountRow[] {
  return chartOf(ctx.db).all({ communityId })
    .map((a) => ({ ...a, kind: oneOf(ACCOUNT_KINDS, a.kind, 'ledger_accounts.kind'), role: oneOf(ACCOUNT_ROLES, a.role, 'ledger_accounts.role') }));
}

/** The one account of a role (the default chart has one of each). */
export function accountByRole(ctx: ServiceContext, communityId: string, role: AccountRole): AccountRow {
  const found = accountRows(ctx, communityId).find((a) => a.role === role);
  if (!found) throw new AppError('NOT_FOUND', `本小区账套中没有“${role}”科目`);
  return found;
}

export function closedThrough(ctx: ServiceContext, communityId: string): string | null {
  return ctx.db.select({ month: max(ledgerCloses.month) }).from(ledgerCloses).where(eq(ledgerCloses.communityId, communityId)).get()?.month ?? null;
}

export function booksOf(ctx: ServiceContext, communityId: string) {
  getCommunity(ctx, communityId);
  return {
    communityId,
    accounts: accountRows(ctx, communityId).map(({ debitSum, ...a }) => ({ ...a, balance: fenToYuan(normalBalance(a.kind, debitSum)) })),
    closedThrough: closedThrough(ctx, communityId),
  };
}

export interface NewEntry {
  communityId: string;
  date: string;
  kind: string;
  memo: string;
  counterparty?: string;
  reference?: string;
  reversesId?: string | null;
  reason?: string;
  revenueKind?: string | null;
  contract?: string;
  projectId?: string | null;
  budgetLineId?: string | null;
  lines: readonly EntryLine[];
}

/**
 * Inside an open write: check and post one entry; returns its id. Refuses an
 * unbalanced entry, a date in a closed month or in the future, accounts or
 * parts of another community.
 */
export function postEntry(ctx: ServiceContext, scope: WriteScope, actor: Actor, e: NewEntry): string {
  const problem = entryProblem(e.lines);
  if (problem) throw new AppError('REFUSED', problem);
  refuseClosedDate(ctx, e.communityId, e.date);
  const accounts = new Map(accountRows(ctx, e.communityId).map((a) => [a.id, a]));
  // Prepared once: a share names every part of the community (20,000 lines).
  const partOf = ctx.db.select({ communityId: parts.communityId }).from(parts).where(eq(parts.id, sql.placeholder('id'))).prepare();
  for (const l of e.lines) {
    const account = accounts.get(l.accountId);
    if (!account) throw new AppError('REFUSED', '科目不属于本小区的账套');
    if (account.subLedger && !l.partId) throw new AppError('REFUSED', `“${account.name}”要记到具体房屋的分户账，请选择房屋`);
    if (!account.subLedger && l.partId) throw new AppError('REFUSED', `“${account.name}”不设分户账，不能指定房屋`);
    if (l.partId && partOf.get({ id: l.partId })?.communityId !== e.communityId) throw new AppError('REFUSED', '房屋不属于本小区');
  }
  const id = newId();
  const number = ctx.db.select({ next: sql<number>`coalesce(max(${journalEntries.number}), 0) + 1` }).from(journalEntries)
    .where(eq(journalEntries.communityId, e.communityId)).get()!.next;
  const shown = tableColumns(ctx, e, accounts);
  // settles_id stays empty: claims of 待查明款项 are suspense_claims since migration 0008 (which took the old ones over).
  ctx.db.insert(journalEntries).values({
    id, communityId: e.communityId, number, date: e.date, kind: e.kind, memo: e.memo, counterparty: e.counterparty ?? '', reference: e.reference ?? '',
    reversesId: e.reversesId ?? null, settlesId: null, reason: e.reason ?? '', revenueKind: e.revenueKind ?? null, contract: e.contract ?? '',
    projectId: e.projectId ?? null, budgetLineId: e.budgetLineId ?? null,
    amount: shown.amount, accounts: shown.accounts, address: shown.address, searchText: shown.searchText, createdAt: nowIso(), createdBy: actor.author,
  }).run();
  // Prepared once: a share writes a line per part of the community (20,000).
  const line = ctx.db.insert(journalLines).values({
    entryId: id, communityId: e.communityId, accountId: sql.placeholder('accountId'), partId: sql.placeholder('partId'),
    category: sql.placeholder('category'), date: e.date, number, amount: sql.placeholder('amount'),
  }).prepare();
  for (const l of e.lines) line.run({ accountId: l.accountId, partId: l.partId ?? null, category: l.partId ? (l.category ?? 'transfer') : null, amount: l.amount });
  // The audit row names the entry and its size; the lines themselves are the record (a 20,000-line share is not copied twice).
  scope.audit({
    action: e.reversesId ? 'reverse' : 'post', entity: 'journal_entry', entityId: id,
    after: { number, date: e.date, kind: e.kind, memo: e.memo, lines: e.lines.length, amount: fenToYuan(shown.moved) },
  });
  return id;
}

const debitTotal = (lines: readonly EntryLine[]) => lines.reduce((s, l) => s + Math.max(0, l.amount), 0);

/**
 * The ledger table's columns of an entry: accounts, address (one part's, or "N 户"), searched words; and its
 * debit total, kept in the `amount` column for an accountant — the screens show the money moved (`moved`), read
 * from the lines by shared/domain/voucher.ts.
 */
function tableColumns(ctx: ServiceContext, e: NewEntry, accounts: Map<string, AccountRow>) {
  const names = [...new Set(e.lines.map((l) => accounts.get(l.accountId)!.name))].join('、');
  const partIds = [...new Set(e.lines.map((l) => l.partId).filter((p): p is string => !!p))];
  const address = partIds.length === 1 ? ctx.db.select({ address: parts.address }).from(parts).where(eq(parts.id, partIds[0]!)).get()!.address
    : partIds.length > 1 ? `${partIds.length} 户` : null;
  const moved = treasurerVoucher(e.kind, e.lines.map((l) => ({ account: l.accountId, accountKind: accounts.get(l.accountId)!.kind, amount: l.amount, category: l.category }))).amount;
  return {
    amount: debitTotal(e.lines), moved, accounts: names, address,
    searchText: [e.memo, e.counterparty ?? '', e.reference ?? '', partIds.length === 1 ? address : ''].join(' '),
  };
}

function refuseClosedDate(ctx: ServiceContext, communityId: string, date: string): void {
  const closed = closedThrough(ctx, communityId);
  if (closed !== null && monthOf(date) <= closed) {
    throw new AppError('REFUSED', `${closed.replace('-', '年')}月及以前已结账，不能再记入日期为 ${date} 的凭证；请用本月日期记账`);
  }
  if (date > todayInOffice()) throw new AppError('REFUSED', `记账日期 ${date} 晚于今天，不能预先记账`);
}

/** 收入 / 支出 / 转账: one debit line, one credit line. */
export function recordEntry(ctx: ServiceContext, actor: Actor, input: z.output<typeof recordInput>): Entry {
  if (input.debitAccountId === input.creditAccountId) throw new AppError('REFUSED', SAME_ACCOUNT[input.form]);
  const accounts = new Map(accountRows(ctx, input.communityId).map((a) => [a.id, a]));
  const lineFor = (accountId: string, amount: number): EntryLine => {
    const sub = accounts.get(accountId)?.subLedger === true;
    return { accountId, amount, partId: sub ? input.partId : null, category: sub ? (input.category ?? defaultCategory(input.form, amount)) : null };
  };
  const id = write(ctx, actor, (scope) => postEntry(ctx, scope, actor, {
    communityId: input.communityId, date: input.date, kind: input.form, memo: input.memo,
    counterparty: input.counterparty, reference: input.reference,
    lines: [lineFor(input.debitAccountId, input.amount), lineFor(input.creditAccountId, -input.amount)],
  }));
  return getEntry(ctx, id);
}

/** The treasurer's three forms name their two accounts as the form does (renderer's ledger texts). */
const SAME_ACCOUNT: Record<'income' | 'expense' | 'transfer', string> = {
  income: '收款账户和款项来源不能是同一个科目',
  expense: '用途和付款账户不能是同一个科目',
  transfer: '转出和转入不能是同一个科目',
};

/** Money coming into a sub-ledger through 收入 is a deposit; leaving it through 支出 is a charge. */
function defaultCategory(form: 'income' | 'expense' | 'transfer', amount: number): FundCategory {
  if (form === 'income' && amount < 0) return 'deposit';
  if (form === 'expense' && amount > 0) return 'charge';
  return 'transfer';
}

/** A reversal: the same lines with the opposite sign, dated in an open month, linked both ways. */
export function reverseEntry(ctx: ServiceContext, actor: Actor, input: z.output<typeof reverseInput>): Entry {
  const original = getEntry(ctx, input.id);
  if (original.reversedById) throw new AppError('REFUSED', `凭证第 ${original.number} 号已由第 ${original.reversedByNumber} 号冲销，不能再次冲销`);
  if (original.reversesId) throw new AppError('REFUSED', `第 ${original.number} 号本身是冲销凭证，不能再冲销；如需恢复，请重新记一笔`);
  if (input.date < original.date) throw new AppError('REFUSED', `冲销日期 ${input.date} 早于原凭证日期 ${original.date}`);
  const standing = recordStandingOn(ctx, original.id, original.number);
  if (standing) throw new AppError('REFUSED', standing);
  // The reversal carries the original's tags, so that revenue, project and budget figures net to zero too.
  const tags = ctx.db.select({
    communityId: journalEntries.communityId, revenueKind: journalEntries.revenueKind, contract: journalEntries.contract,
    projectId: journalEntries.projectId, budgetLineId: journalEntries.budgetLineId,
  }).from(journalEntries).where(eq(journalEntries.id, input.id)).get()!;
  const { communityId } = tags;
  const lines: EntryLine[] = ctx.db.select({ accountId: journalLines.accountId, partId: journalLines.partId, category: journalLines.category, amount: journalLines.amount })
    .from(journalLines).where(eq(journalLines.entryId, input.id)).orderBy(journalLines.id).all()
    .map((l) => ({ ...l, category: oneOf(FUND_CATEGORIES, l.category, 'journal_lines.category'), amount: -l.amount }));
  const id = write(ctx, actor, (scope) => postEntry(ctx, scope, actor, {
    communityId, date: input.date, kind: 'reversal', memo: `冲销第 ${original.number} 号：${original.memo}`,
    counterparty: original.counterparty, reference: original.reference, reversesId: original.id, reason: input.reason, lines,
    revenueKind: tags.revenueKind, contract: tags.contract, projectId: tags.projectId, budgetLineId: tags.budgetLineId,
  }));
  return getEntry(ctx, id);
}

/**
 * A record in force that stands on this entry and would be left wrong by its
 * reversal: a sharing of this interest to the sub-ledgers, a claim of this
 * 待查明 item. That record is reversed first.
 */
function recordStandingOn(ctx: ServiceContext, id: string, number: number): string | null {
  const r = alias(journalEntries, 'r');
  const inForce = notExists(ctx.db.select({ one: sql`1` }).from(r).where(eq(r.reversesId, journalEntries.id)));
  const share = ctx.db.select({ number: journalEntries.number }).from(interestShares).innerJoin(journalEntries, eq(journalEntries.id, interestShares.shareEntryId))
    .where(and(eq(interestShares.itemEntryId, id), inForce)).get()?.number;
  if (share !== undefined) return `第 ${number} 号凭证的利息已由第 ${share} 号凭证分配到各户：请先冲销第 ${share} 号分配凭证`;
  const claims = ctx.db.selectDistinct({ number: journalEntries.number }).from(suspenseClaims).innerJoin(journalEntries, eq(journalEntries.id, suspenseClaims.entryId))
    .where(and(eq(suspenseClaims.itemEntryId, id), inForce)).orderBy(journalEntries.number).all().map((c) => c.number);
  if (claims.length > 0) return `第 ${number} 号凭证的待查明款项已由第 ${claims.join('、')} 号凭证认领：请先冲销认领凭证`;
  return null;
}

export function getEntry(ctx: ServiceContext, id: string): Entry {
  const o = alias(journalEntries, 'o');
  const r = alias(journalEntries, 'r');
  const e = ctx.db.select({
    id: journalEntries.id, number: journalEntries.number, date: journalEntries.date, kind: journalEntries.kind, memo: journalEntries.memo,
    counterparty: journalEntries.counterparty, reference: journalEntries.reference, reversesId: journalEntries.reversesId,
    reversesNumber: o.number, reversedById: r.id, reversedByNumber: r.number, reason: journalEntries.reason, createdAt: journalEntries.createdAt, createdBy: journalEntries.createdBy,
  }).from(journalEntries).leftJoin(o, eq(o.id, journalEntries.reversesId)).leftJoin(r, eq(r.reversesId, journalEntries.id))
    .where(eq(journalEntries.id, id)).get();
  if (!e) throw new AppError('NOT_FOUND', '找不到这张凭证');
  const lines = ctx.db.select({
    accountId: journalLines.accountId, accountCode: ledgerAccounts.code, accountName: ledgerAccounts.name, accountKind: ledgerAccounts.kind,
    partId: journalLines.partId, address: parts.address, category: journalLines.category, amount: journalLines.amount,
  }).from(journalLines).innerJoin(ledgerAccounts, eq(ledgerAccounts.id, journalLines.accountId)).leftJoin(parts, eq(parts.id, journalLines.partId))
    .where(eq(journalLines.entryId, id)).orderBy(journalLines.id).all()
    .map((l) => ({ ...l, accountKind: oneOf(ACCOUNT_KINDS, l.accountKind, 'ledger_accounts.kind'), category: oneOf(FUND_CATEGORIES, l.category, 'journal_lines.category') }));
  // The treasurer's words (shared/domain/voucher.ts): debit and credit stay in the books.
  const v = treasurerVoucher(e.kind, lines.map((l) => ({ account: l.accountId, accountKind: l.accountKind, amount: l.amount, category: l.category })));
  const named = new Map(lines.map((l) => [l.accountId, l]));
  return {
    ...e,
    form: v.form,
    amount: fenToYuan(v.amount),
    labels: voucherLabels(e.kind, v.form),
    accounts: v.accounts.map((a) => ({
      accountId: a.account, accountCode: named.get(a.account)!.accountCode, accountName: named.get(a.account)!.accountName,
      direction: a.direction, amount: fenToYuan(a.amount),
      households: new Set(lines.filter((l, i) => l.accountId === a.account && l.partId && v.lines[i]!.direction === a.direction).map((l) => l.partId)).size,
    })),
    lines: lines.map(({ accountKind: _kind, amount: _amount, ...l }, i) => ({ ...l, direction: v.lines[i]!.direction, amount: fenToYuan(v.lines[i]!.amount) })),
  };
}

/**
 * The bank-account (asset) lines of each entry, summed per account and side:
 * what the money moved and the bank accounts' words need (shared/domain/
 * voucher.ts) — read through the (entry, account) index, never an entry's
 * household lines, so a page of the ledger table with a 20,000-household share
 * on it costs a few index seeks.
 */
export function bankLinesOf(ctx: ServiceContext, communityId: string, entryIds: readonly string[]): Map<string, PostedLine[]> {
  const out = new Map<string, PostedLine[]>(entryIds.map((id) => [id, []]));
  if (entryIds.length === 0) return out;
  const assets = ctx.db.select({ id: ledgerAccounts.id }).from(ledgerAccounts).where(and(eq(ledgerAccounts.communityId, communityId), eq(ledgerAccounts.kind, 'asset')));
  const rows = ctx.db.select({
    entryId: journalLines.entryId, account: journalLines.accountId, accountKind: sql<'asset'>`'asset'`, amount: sql<number>`sum(${journalLines.amount})`,
  }).from(journalLines)
    .where(and(sql`${journalLines.entryId} in (select value from json_each(${JSON.stringify(entryIds)}))`, inArray(journalLines.accountId, assets)))
    .groupBy(journalLines.entryId, journalLines.accountId, sql`${journalLines.amount} > 0`).all();
  for (const { entryId, ...l } of rows) out.get(entryId)!.push(l);
  return out;
}

// The ledger table stays raw SQL (its filter picks the cheapest index path, measured by `npm run bench -- ledger-filter`);
// its rows are checked by these.
const sumColumn = z.number().int().nullable();
const pageRow = z.object({ number: z.number().int(), total: z.number().int().optional() });
const tableRow = z.object({
  id: z.string(), number: z.number().int(), date: z.string(), kind: z.string(), memo: z.string(), counterparty: z.string(), debitTotal: z.number().int(),
  accounts: z.string(), address: z.string().nullable(), reversed: z.number().int(), reversal: z.number().int(),
});

/**
 * The ledger table: entries newest first, filtered by account, part, dates and
 * words (memo, counterparty, reference, the part's address). With an account
 * (or part) the amount is that account's movement on its normal side;
 * otherwise the money the entry moved, in the treasurer's words (never the
 * total of its debits).
 *
 * Each filter takes the cheapest path to the page's entry numbers (measured on
 * 100,000 entries in `npm run bench`): an account or part walks the lines'
 * (account, date, number) index without visiting entries; words scan the
 * entries table in storage order (`+community_id`), which is several times
 * faster than visiting it in date order through the index; dates alone use the
 * (community, date, number) index.
 */
export function entryPage(ctx: ServiceContext, q: z.output<typeof entryQuery>) {
  const byLines = q.accountId !== undefined || q.partId !== undefined;
  const linesWhere = [q.accountId ? 'account_id = ?' : null, q.partId ? 'part_id = ?' : null, q.from ? 'date >= ?' : null, q.to ? 'date <= ?' : null]
    .filter(Boolean).join(' and ');
  const linesParams = [q.accountId, q.partId, q.from, q.to].filter((x) => x !== undefined);
  // A scan for words finds every match anyway, so the count rides along (a window); the index paths stop after the page.
  const count = q.text ? ', count(*) over () as total' : '';
  let from: string;
  let params: unknown[];
  if (byLines && !q.text) {
    from = `select distinct date, number from journal_lines where ${linesWhere}`;
    params = linesParams;
  } else if (byLines) {
    from = `select e.date, e.number${count} from journal_entries e where +e.community_id = ? and instr(e.search_text, ?) > 0
      and e.number in (select number from journal_lines where ${linesWhere})`;
    params = [q.communityId, q.text, ...linesParams];
  } else {
    const where = [q.text ? '+e.community_id = ?' : 'e.community_id = ?', q.from ? 'e.date >= ?' : null, q.to ? 'e.date <= ?' : null, q.text ? 'instr(e.search_text, ?) > 0' : null];
    from = `select e.date, e.number${count} from journal_entries e where ${where.filter(Boolean).join(' and ')}`;
    params = [q.communityId, q.from, q.to, q.text || undefined].filter((x) => x !== undefined);
  }
  const page = checkedRows(pageRow, ctx.sqlite.prepare(`${from} order by date desc, number desc limit ? offset ?`).all(...params, q.limit, q.offset));
  // An account alone: its entry count is kept by the trigger (proven by ledgerProblems).
  const cachedCount = q.accountId && !q.partId && !q.from && !q.to && !q.text
    ? ctx.db.select({ entries: accountBalances.entries }).from(accountBalances).where(eq(accountBalances.accountId, q.accountId)).get()?.entries ?? 0
    : undefined;
  const total = page[0]?.total ?? cachedCount ?? countOf(ctx.sqlite.prepare(`select count(*) from (${from})`).pluck().get(...params));
  const entry = ctx.sqlite.prepare(`select e.id, e.number, e.date, e.kind, e.memo, e.counterparty, e.amount as debitTotal, e.accounts, e.address,
      exists (select 1 from journal_entries r where r.reverses_id = e.id) as reversed, e.reverses_id is not null as reversal
    from journal_entries e where e.community_id = ? and e.number = ?`);
  const movement = q.accountId || q.partId
    ? ctx.sqlite.prepare(`select sum(amount) from journal_lines where entry_id = ? ${q.accountId ? 'and account_id = ?' : ''} ${q.partId ? 'and part_id = ?' : ''}`).pluck()
    : null;
  const sign = q.accountId ? accountSign(ctx, q.accountId) : -1;
  const filterIds = [q.accountId, q.partId].filter((x) => x !== undefined);
  const rows = page.map(({ number }) => tableRow.parse(entry.get(q.communityId, number)));
  // With an account or part: its movement on its normal side; otherwise the money the entry moved (its bank lines and debit total).
  const banks = movement ? null : bankLinesOf(ctx, q.communityId, rows.map((r) => r.id));
  const moved = (r: (typeof rows)[number]) => {
    const lines = banks!.get(r.id)!;
    const side = (sign: 1 | -1) => lines.reduce((s, l) => s + Math.max(0, sign * l.amount), 0);
    return movedBy(r.kind, { bankDebits: side(1), bankCredits: side(-1), debitTotal: r.debitTotal }).amount;
  };
  return {
    total,
    rows: rows.map((r) => {
      const { debitTotal: _, ...shown } = r;
      return {
        ...shown,
        amount: fenToYuan(movement ? sign * (sumColumn.parse(movement.get(r.id, ...filterIds)) ?? 0) : moved(r)),
        reversed: r.reversed === 1, reversal: r.reversal === 1,
      };
    }) as never,
  };
}

function accountSign(ctx: ServiceContext, accountId: string): 1 | -1 {
  const account = ctx.db.select({ kind: ledgerAccounts.kind }).from(ledgerAccounts).where(eq(ledgerAccounts.id, accountId)).get();
  if (!account) throw new AppError('NOT_FOUND', '找不到这个科目');
  return normalBalance(oneOf(ACCOUNT_KINDS, account.kind, 'ledger_accounts.kind'), 1) as 1 | -1;
}

/** Close a month (and with it every earlier one): entries dated in it are refused from then on. */
export function closeMonth(ctx: ServiceContext, actor: Actor, input: z.output<typeof closeMonthInput>) {
  getCommunity(ctx, input.communityId);
  const closed = closedThrough(ctx, input.communityId);
  if (closed !== null && input.month <= closed) throw new AppError('REFUSED', `${closed} 及以前已结账`);
  if (input.month >= monthOf(todayInOffice())) throw new AppError('REFUSED', `${input.month} 还没有结束，月末之后才能结账`);
  write(ctx, actor, (scope) => {
    ctx.db.insert(ledgerCloses).values({ communityId: input.communityId, month: input.month, closedAt: nowIso(), closedBy: actor.author }).run();
    scope.audit({ action: 'close-month', entity: 'ledger', entityId: input.communityId, after: { month: input.month } });
  });
  return booksOf(ctx, input.communityId);
}

/**
 * What must always hold (issue 5): every entry balances; each cached balance
 * equals the sum of its lines; the fund account equals the sum of its
 * sub-ledgers; (issue 13) no bank statement row is booked twice, no interest
 * shared twice. Returns the broken ones in words (empty when the books are sound).
 */
export function ledgerProblems(sqlite: Sqlite): string[] {
  const problems: string[] = [];
  const unbalanced = countOf(sqlite.prepare(`select count(*) from (select entry_id from journal_lines group by entry_id having sum(amount) != 0)`).pluck().get());
  if (unbalanced > 0) problems.push(`${unbalanced} 张凭证各行合计不为零（账不平）`);
  const accounts = countOf(sqlite.prepare(`select count(*) from ledger_accounts a left join account_balances b on b.account_id = a.id
    where coalesce(b.debit_sum, 0) != coalesce((select sum(amount) from journal_lines l where l.account_id = a.id), 0)
      or coalesce(b.lines, 0) != (select count(*) from journal_lines l where l.account_id = a.id)
      or coalesce(b.entries, 0) != (select count(distinct entry_id) from journal_lines l where l.account_id = a.id)`).pluck().get());
  if (accounts > 0) problems.push(`${accounts} 个科目的余额缓存与分录不一致`);
  const parts = countOf(sqlite.prepare(`select count(*) from (select part_id, -sum(amount) as balance,
      -sum(case category when 'deposit' then amount else 0 end) as deposited, -sum(case category when 'earning' then amount else 0 end) as earnings,
      sum(case category when 'charge' then amount else 0 end) as charges, -sum(case category when 'transfer' then amount else 0 end) as transfers
      from journal_lines where part_id is not null group by part_id) s
    full outer join part_fund_balances b on b.part_id = s.part_id
    where s.part_id is null or b.part_id is null or s.balance != b.balance or s.deposited != b.deposited or s.earnings != b.earnings
      or s.charges != b.charges or s.transfers != b.transfers`).pluck().get());
  if (parts > 0) problems.push(`${parts} 户分户账余额缓存与分录不一致`);
  // The fund account's cached balance against the sum of its sub-ledgers' cached balances, per community.
  const fund = countOf(sqlite.prepare(`select count(*) from ledger_accounts a left join account_balances b on b.account_id = a.id
    where a.sub_ledger = 1 and -coalesce(b.debit_sum, 0) !=
      coalesce((select sum(balance) from part_fund_balances p where p.community_id = a.community_id), 0)`).pluck().get());
  if (fund > 0) problems.push(`${fund} 个维修资金科目与分户账合计不一致`);
  // Issue 13: a bank statement row is booked once (one posting in force), a receipt of interest shared once.
  const inForce = (entry: string) => `not exists (select 1 from journal_entries r where r.reverses_id = ${entry})`;
  const twice = countOf(sqlite.prepare(`select count(*) from statement_rows s where (select count(*) from statement_postings p
    where p.statement_row_id = s.id and ${inForce('p.entry_id')}) > 1`).pluck().get());
  if (twice > 0) problems.push(`${twice} 笔银行流水重复入账`);
  const sharedTwice = countOf(sqlite.prepare(`select count(*) from (select item_entry_id from interest_shares where ${inForce('share_entry_id')}
    group by item_entry_id having count(*) > 1)`).pluck().get());
  if (sharedTwice > 0) problems.push(`${sharedTwice} 笔利息收入重复分配`);
  return problems;
}
