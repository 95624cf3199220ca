/**
 * The fund's bank account reconciles (docs/domain.md §5), as one line:
 *
 *   bank balance per the bank = fund (Σ sub-ledgers) + 待查明款项 + other liabilities of the account
 *
 * each term with its list, on one day: the bank's latest figure (a statement's
 * closing 余额, or the balance the books were opened with) and that day, or a
 * balance the treasurer typed for a day. The difference is bank − (fund +
 * unidentified + other); what explains a difference is listed:
 * - entries that moved the bank account without the fund's side (or the
 *   other way round) — the books' own gap (booked bank − liabilities);
 * - entries in the bank account that came from no statement row (booked, not
 *   on the bank's statement), and statement rows whose entry was reversed and
 *   not booked again — the gap between the bank's figure and the books;
 * - the rest, which no list explains (rows never imported or left out).
 */
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import type { reconciliationInput } from '../../../shared/contract/treasury/intake';
import { FUND_BANK_LIABILITIES, OTHER_FUND_LIABILITIES } from '../../../shared/domain/ledger';
import { fenToYuan } from '../../../shared/domain/money';
import { todayInOffice } from '../../db/clock';
import { journalEntries, journalLines, ledgerOpenings, partFundBalances, statementFiles, statementRows } from '../../db/schema/treasury';
import { getCommunity } from '../register/communities';
import type { ServiceContext } from '../context';
import { accountByRole, accountRows } from './ledger';
import { debitSumAsOf, liabilityAsOf, openItems, type OpenItem } from './open-items';

/** Each explaining list shows this many entries at most (with how many more there are). */
const LISTED = 200;

interface BankFigure { amount: number; asOf: string; source: 'statement' | 'opening' | 'typed' | 'books'; label: string }

/**
 * The bank's figure: the one typed; else the bank's own latest on or before
 * the day asked (default today) — a statement's closing balance or the
 * opening's, whichever is later; else the books' own that day.
 */
function bankFigure(ctx: ServiceContext, communityId: string, input: z.output<typeof reconciliationInput>): BankFigure {
  const today = todayInOffice();
  const day = input.asOf ?? today;
  if (day > today) throw new AppError('REFUSED', `对账日期 ${day} 晚于今天`);
  if (input.bankBalance !== undefined) return { amount: input.bankBalance, asOf: day, source: 'typed', label: `输入的 ${day} 银行余额` };
  const statement = ctx.db.select({ fileName: statementFiles.fileName, date: statementFiles.lastDate, balance: statementFiles.closingBalance }).from(statementFiles)
    .where(and(eq(statementFiles.communityId, communityId), isNotNull(statementFiles.closingBalance), lte(statementFiles.lastDate, day)))
    .orderBy(desc(statementFiles.lastDate), desc(statementFiles.createdAt)).limit(1).get();
  const opening = ctx.db.select({ date: ledgerOpenings.asOf, balance: ledgerOpenings.bankBalance }).from(ledgerOpenings)
    .where(and(eq(ledgerOpenings.communityId, communityId), lte(ledgerOpenings.asOf, day))).get();
  if (statement && statement.balance !== null && (!opening || statement.date >= opening.date)) {
    return { amount: statement.balance, asOf: statement.date, source: 'statement', label: `银行对账单“${statement.fileName}”${statement.date} 的余额` };
  }
  if (opening) return { amount: opening.balance, asOf: opening.date, source: 'opening', label: `期初建账时的银行余额（${opening.date}）` };
  return { amount: debitSumAsOf(ctx, communityId, 'fund-bank', day), asOf: day, source: 'books', label: '尚无银行给出的余额（导入带“余额”列的银行流水，或输入银行余额）：暂以账面专户存款代替' };
}

/** How many sub-ledgers hold money on a day: the cached balances, those moved after the day taken back to it. */
function householdsHolding(ctx: ServiceContext, communityId: string, asOf: string): number {
  const fund = accountByRole(ctx, communityId, 'fund');
  const now = ctx.db.select({ n: count() }).from(partFundBalances)
    .where(and(eq(partFundBalances.communityId, communityId), ne(partFundBalances.balance, 0))).get()?.n ?? 0;
  const moved = ctx.db.select({
    current: sql<number>`coalesce(${partFundBalances.balance}, 0)`, earlier: sql<number>`coalesce(${partFundBalances.balance}, 0) + sum(${journalLines.amount})`,
  }).from(journalLines).leftJoin(partFundBalances, eq(partFundBalances.partId, journalLines.partId))
    .where(and(eq(journalLines.accountId, fund.id), gt(journalLines.date, asOf))).groupBy(journalLines.partId).all();
  return now + moved.reduce((n, m) => n - Number(m.current !== 0) + Number(m.earlier !== 0), 0);
}

const itemOut = (i: OpenItem) => ({
  entryId: i.entryId, number: i.number, date: i.date, kind: i.kind, memo: i.memo, counterparty: i.counterparty, amount: fenToYuan(i.amount),
});

interface Listed { id: string | null; number: number | null; date: string; kind: string; memo: string; counterparty: string; amount: number }

/** An entry as the explaining lists show it (with its amount beside). */
const ENTRY_COLUMNS = {
  id: journalEntries.id, number: journalEntries.number, date: journalEntries.date, kind: journalEntries.kind, memo: journalEntries.memo,
  counterparty: journalEntries.counterparty,
};

function listOut(rows: Listed[]) {
  return {
    total: fenToYuan(rows.reduce((s, r) => s + r.amount, 0)),
    entries: rows.slice(0, LISTED).map((r) => ({ entryId: r.id, number: r.number, date: r.date, kind: r.kind, memo: r.memo, counterparty: r.counterparty, amount: fenToYuan(r.amount) })),
    more: Math.max(0, rows.length - LISTED),
  };
}

export function reconcile(ctx: ServiceContext, input: z.output<typeof reconciliationInput>) {
  getCommunity(ctx, input.communityId);
  const { communityId } = input;
  const bank = bankFigure(ctx, communityId, input);
  const { asOf } = bank;
  const bankAccount = accountByRole(ctx, communityId, 'fund-bank');
  const booksBank = debitSumAsOf(ctx, communityId, 'fund-bank', asOf);
  const fund = liabilityAsOf(ctx, communityId, 'fund', asOf);
  const households = householdsHolding(ctx, communityId, asOf);
  const unidentified = liabilityAsOf(ctx, communityId, 'suspense', asOf);
  const accounts = OTHER_FUND_LIABILITIES.map((role) => {
    const a = accountByRole(ctx, communityId, role);
    return { role, code: a.code, name: a.name, fen: liabilityAsOf(ctx, communityId, role, asOf), items: openItems(ctx, communityId, role, asOf).map(itemOut) };
  });
  const other = accounts.reduce((s, a) => s + a.fen, 0);
  const difference = bank.amount - (fund + unidentified + other);

  // The books' own gap: entries whose lines in the bank account and its liabilities do not net to zero. An entry
  // balances, so those are the entries whose other lines do not: found among the few lines of the other accounts.
  const side = new Set([bankAccount.id, ...FUND_BANK_LIABILITIES.map((role) => accountByRole(ctx, communityId, role).id)]);
  const others = accountRows(ctx, communityId).filter((a) => !side.has(a.id)).map((a) => a.id);
  const outside: Listed[] = ctx.db.select({ ...ENTRY_COLUMNS, amount: sql<number>`-sum(${journalLines.amount})` })
    .from(journalLines).innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .where(and(inArray(journalLines.accountId, others), lte(journalLines.date, asOf)))
    .groupBy(journalEntries.id).having(sql`sum(${journalLines.amount}) != 0`).orderBy(asc(journalEntries.date), asc(journalEntries.number)).all();
  // The gap to the bank's own figure (a statement's or the opening's): what the books hold that the bank did not say, and the other way round.
  const bankSaid = bank.source === 'statement' || bank.source === 'opening';
  const notOnStatement: Listed[] = !bankSaid ? [] : ctx.db.select({ ...ENTRY_COLUMNS, amount: sql<number>`sum(${journalLines.amount})` })
    .from(journalLines).innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .where(and(
      eq(journalLines.accountId, bankAccount.id), lte(journalLines.date, asOf), ne(journalEntries.kind, 'opening'), isNull(journalEntries.reversesId),
      sql`not exists (select 1 from journal_entries r where r.reverses_id = ${journalEntries.id} and r.date <= ${asOf})`,
      sql`not exists (select 1 from statement_postings p where p.entry_id = ${journalEntries.id})`,
    ))
    .groupBy(journalEntries.id).having(sql`sum(${journalLines.amount}) != 0`).orderBy(asc(journalEntries.date), asc(journalEntries.number)).all();
  const notInBooks: Listed[] = !bankSaid ? [] : ctx.db.select({ date: statementRows.date, memo: statementRows.memo, payer: statementRows.payer, amount: statementRows.amount })
    .from(statementRows)
    .where(and(eq(statementRows.communityId, communityId), lte(statementRows.date, asOf), sql`not exists (
      select 1 from statement_postings p join journal_entries e on e.id = p.entry_id where p.statement_row_id = ${statementRows.id} and e.date <= ${asOf}
        and not exists (select 1 from journal_entries r where r.reverses_id = e.id and r.date <= ${asOf}))`))
    .orderBy(asc(statementRows.date)).all()
    .map((s) => ({ id: null, number: null, date: s.date, kind: 'statement-row', memo: s.memo, counterparty: s.payer, amount: s.amount }));
  const sum = (rows: Listed[]) => rows.reduce((s, r) => s + r.amount, 0);
  const unexplained = (bank.amount - booksBank) + sum(notOnStatement) - sum(notInBooks);

  return {
    asOf,
    bank: { amount: fenToYuan(bank.amount), source: bank.source, label: bank.label },
    booksBank: fenToYuan(booksBank),
    fund: { amount: fenToYuan(fund), households },
    unidentified: { amount: fenToYuan(unidentified), items: openItems(ctx, communityId, 'suspense', asOf).map(itemOut) },
    other: { amount: fenToYuan(other), accounts: accounts.map(({ fen, ...a }) => ({ ...a, amount: fenToYuan(fen) })) },
    difference: fenToYuan(difference),
    explanation: {
      outsideFund: listOut(outside),
      notOnStatement: listOut(notOnStatement),
      notInBooks: listOut(notInBooks),
      unexplained: fenToYuan(unexplained),
    },
  };
}
