/**
 * Common-part revenue (公共收益, Civil Code Art. 282): income by kind, payer
 * and contract, its reasonable costs, the net that belongs to the owners, and
 * the transfer to the fund the community's rule asks for (shared/domain/
 * treasury.ts), shared to the sub-ledgers by area.
 */
import { and, asc, between, eq, inArray, isNotNull, like, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import type { periodQuery, revenueInput, transferInput } from '../../../shared/contract/treasury/revenue';
import { formatHundredths, formatHundredthsGrouped } from '../../../shared/domain/area';
import { ENTRY_KIND_NAMES } from '../../../shared/domain/ledger';
import { fenToYuan, parseYuan } from '../../../shared/domain/money';
import { treasurerVoucher } from '../../../shared/domain/voucher';
import { proposeTransfer, REVENUE_KINDS, type RevenueKind } from '../../../shared/domain/treasury';
import { parts } from '../../db/schema/register';
import { budgetLines, fundParts, journalEntries, journalLines, ledgerAccounts, partFundBalances } from '../../db/schema/treasury';
import { getCommunity } from '../register/communities';
import { write, type Actor, type ServiceContext } from '../context';
import { scopeParts, shareOut } from './fund';
import { accountByRole, bankLinesOf, getEntry, postEntry } from './ledger';

export function recordRevenue(ctx: ServiceContext, actor: Actor, input: z.output<typeof revenueInput>) {
  const bank = accountByRole(ctx, input.communityId, 'revenue-bank');
  const other = accountByRole(ctx, input.communityId, input.direction === 'income' ? 'revenue' : 'revenue-cost');
  const lines = input.direction === 'income'
    ? [{ accountId: bank.id, amount: input.amount }, { accountId: other.id, amount: -input.amount }]
    : [{ accountId: other.id, amount: input.amount }, { accountId: bank.id, amount: -input.amount }];
  const id = write(ctx, actor, (scope) => postEntry(ctx, scope, actor, {
    communityId: input.communityId, date: input.date, kind: input.direction === 'income' ? 'revenue' : 'revenue-cost', memo: input.memo,
    counterparty: input.counterparty, contract: input.contract, revenueKind: input.kind, lines,
  }));
  return getEntry(ctx, id);
}

/** The fund as a whole against its initial deposits (the Beijing rule looks at the whole fund). */
function fundPosition(ctx: ServiceContext, communityId: string) {
  const rate = getCommunity(ctx, communityId).settings.fundRules.depositRatePerM2;
  return ctx.db.select({
    balance: sql<number>`coalesce(sum(coalesce(${partFundBalances.balance}, 0)), 0)`,
    initialDue: sql<number>`coalesce(sum(coalesce(${fundParts.initialDue}, (${parts.area} * ${sql.raw(String(Math.trunc(rate)))} + 50) / 100)), 0)`,
  }).from(parts).leftJoin(partFundBalances, eq(partFundBalances.partId, parts.id)).leftJoin(fundParts, eq(fundParts.partId, parts.id))
    .where(eq(parts.communityId, communityId)).get()!;
}

/** The period's revenue by kind, its costs, the net, what went to the fund, and what the rule asks. */
export function revenueSummary(ctx: ServiceContext, q: z.output<typeof periodQuery>) {
  if (q.to < q.from) throw new AppError('VALIDATION', `结束日期 ${q.to} 早于开始日期 ${q.from}`);
  const rules = getCommunity(ctx, q.communityId).settings.fundRules;
  const rows = ctx.db.select({ kind: journalEntries.revenueKind, role: ledgerAccounts.role, amount: sql<number>`sum(${journalLines.amount})` })
    .from(journalEntries).innerJoin(journalLines, eq(journalLines.entryId, journalEntries.id)).innerJoin(ledgerAccounts, eq(ledgerAccounts.id, journalLines.accountId))
    .where(and(
      eq(journalEntries.communityId, q.communityId), between(journalEntries.date, q.from, q.to), isNotNull(journalEntries.revenueKind),
      inArray(ledgerAccounts.role, ['revenue', 'revenue-cost']),
    ))
    .groupBy(journalEntries.revenueKind, ledgerAccounts.role).all();
  const byKind = REVENUE_KINDS.map((kind: RevenueKind) => {
    const income = -(rows.find((r) => r.kind === kind && r.role === 'revenue')?.amount ?? 0);
    const cost = rows.find((r) => r.kind === kind && r.role === 'revenue-cost')?.amount ?? 0;
    return { kind, income, cost, net: income - cost };
  });
  const income = byKind.reduce((s, k) => s + k.income, 0);
  const cost = byKind.reduce((s, k) => s + k.cost, 0);
  const transferred = transfersByPeriod(ctx, q.communityId)
    .filter((t) => t.from >= q.from && t.to <= q.to).reduce((sum, t) => sum + t.amount, 0);
  const rule = { percent: rules.revenueTransferPercent, strictlyMore: rules.revenueTransferStrict, onlyWhileFundBelowPercent: rules.revenueTransferOnlyBelowPercent };
  // The fund as it stood before this period's own transfers: a transfer that lifts it above the share must not undo the proposal that asked for it.
  const fund = fundPosition(ctx, q.communityId);
  const proposal = proposeTransfer(income - cost, rule, { ...fund, balance: fund.balance - transferred });
  const condition = proposal.condition.words !== null && transferred !== 0
    ? `${proposal.condition.words}（余额不计本期已转入维修资金的 ${formatHundredthsGrouped(transferred)} 元）`
    : proposal.condition.words;
  return {
    from: q.from, to: q.to,
    byKind: byKind.map((k) => ({ kind: k.kind, income: fenToYuan(k.income), cost: fenToYuan(k.cost), net: fenToYuan(k.net) })),
    income: fenToYuan(income), cost: fenToYuan(cost), net: fenToYuan(income - cost), transferred: fenToYuan(transferred),
    proposal: {
      required: proposal.required, amount: fenToYuan(proposal.amount), outstanding: fenToYuan(Math.max(0, proposal.amount - transferred)), why: proposal.why,
      rule: `${rule.strictlyMore ? '超过' : '不少于'} ${rule.percent}%${rule.onlyWhileFundBelowPercent !== null ? `，仅在维修资金低于首期应缴的 ${rule.onlyWhileFundBelowPercent}% 时` : ''}`,
      condition, conditionHolds: proposal.condition.holds, fundRatio: proposal.condition.ratio,
    },
    ...accountMovements(ctx, q),
  };
}

/**
 * Every movement of the revenue account (公共收益账户存款) in the period, with
 * its balance before and after: income and costs, the transfer to the fund,
 * budget spending, entries of the books' own forms, reversals (red ink). What
 * each was comes from its tags; which way it went from the voucher's words.
 */
function accountMovements(ctx: ServiceContext, q: z.output<typeof periodQuery>) {
  const bank = accountByRole(ctx, q.communityId, 'revenue-bank');
  const before = ctx.db.select({ sum: sql<number>`coalesce(sum(${journalLines.amount}), 0)` }).from(journalLines)
    .where(and(eq(journalLines.accountId, bank.id), lt(journalLines.date, q.from))).get()!.sum;
  const e = journalEntries;
  const original = alias(journalEntries, 'o');
  const rows = ctx.db.select({
    id: e.id, number: e.number, date: e.date, kind: e.kind, baseKind: sql<string>`coalesce(${original.kind}, ${e.kind})`,
    reversal: sql<number>`${e.reversesId} is not null`, revenueKind: e.revenueKind, budgetLine: budgetLines.name, reference: e.reference,
    counterparty: e.counterparty, contract: e.contract, memo: e.memo, amount: sql<number>`sum(${journalLines.amount})`,
  }).from(journalLines).innerJoin(e, eq(e.id, journalLines.entryId)).leftJoin(original, eq(original.id, e.reversesId))
    .leftJoin(budgetLines, eq(budgetLines.id, e.budgetLineId))
    .where(and(eq(journalLines.accountId, bank.id), between(journalLines.date, q.from, q.to)))
    .groupBy(e.id).orderBy(asc(e.date), asc(e.number)).all();
  // A bank account's words depend on the entry's bank lines alone (shared/domain/voucher.ts): the households' lines are not read.
  const banks = bankLinesOf(ctx, q.communityId, rows.map((r) => r.id));
  let balance = before;
  const entries = rows.map((r) => {
    balance += r.amount;
    // The account's row in the voucher's words; an entry moving it both ways (none posted by the app) reads by its net.
    const own = treasurerVoucher(r.kind, banks.get(r.id)!).accounts.filter((a) => a.account === bank.id);
    const word = own.length === 1 ? own[0]! : own.find((a) => (a.direction === '收入' || a.direction === '转入') === (r.amount * (r.reversal ? -1 : 1) > 0))!;
    return {
      entryId: r.id, number: r.number, date: r.date, kind: movementKind(r), direction: word.direction,
      amount: fenToYuan(r.reversal ? -Math.abs(r.amount) : Math.abs(r.amount)), balance: fenToYuan(balance), reversal: r.reversal === 1,
      counterparty: r.counterparty, contract: r.contract, memo: r.memo,
    };
  });
  return { accountOpening: fenToYuan(before), accountClosing: fenToYuan(balance), entries };
}

/** What a movement of the revenue account was, from the entry's (or, for a reversal, its original's) tags. */
function movementKind(r: { baseKind: string; revenueKind: string | null; budgetLine: string | null; reference: string }): string {
  if (r.revenueKind !== null) return r.baseKind === 'revenue-cost' ? `${r.revenueKind}（合理成本）` : r.revenueKind;
  if (r.budgetLine !== null) return `业委会经费（${r.budgetLine}）`;
  if (r.reference.startsWith(REFERENCE_PREFIX)) return '转入维修资金';
  return ENTRY_KIND_NAMES[r.baseKind] ?? r.baseKind;
}

/** Which period a transfer is for: kept in the entry's reference so the summary can net it. */
const REFERENCE_PREFIX = '公共收益 ';
const periodReference = (from: string, to: string) => `${REFERENCE_PREFIX}${from}—${to}`;

/** The period a transfer (or its reversal) was for, read back from its reference; null for any other reference. */
export function transferPeriodOf(reference: string): { from: string; to: string } | null {
  if (!reference.startsWith(REFERENCE_PREFIX)) return null;
  const [from, to] = reference.slice(REFERENCE_PREFIX.length).split('—');
  return from && to ? { from, to } : null;
}

/**
 * Every period something was transferred for, with the net amount (a reversal
 * carries its original's reference, so it nets out). A period's summary counts
 * the transfers of the periods inside it.
 */
function transfersByPeriod(ctx: ServiceContext, communityId: string) {
  const rows = ctx.db.select({ reference: journalEntries.reference, amount: sql<number>`sum(${journalLines.amount})` })
    .from(journalLines).innerJoin(ledgerAccounts, eq(ledgerAccounts.id, journalLines.accountId)).innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .where(and(eq(journalEntries.communityId, communityId), eq(ledgerAccounts.role, 'revenue-transfer'), like(journalEntries.reference, `${REFERENCE_PREFIX}%`)))
    .groupBy(journalEntries.reference).all();
  return rows.flatMap((r) => {
    const period = transferPeriodOf(r.reference);
    return period && r.amount !== 0 ? [{ ...period, amount: r.amount }] : [];
  });
}

/**
 * What a transfer would do, checked as the transfer is: the same revenue
 * never goes twice (a period cutting across one already transferred for is
 * refused), nor more than the period's net not yet transferred; every part
 * gets its share by area.
 */
function planTransfer(ctx: ServiceContext, input: z.output<typeof transferInput>) {
  const across = transfersByPeriod(ctx, input.communityId)
    .find((t) => t.from <= input.to && t.to >= input.from && !(t.from >= input.from && t.to <= input.to));
  if (across) {
    throw new AppError('REFUSED', `${across.from} 至 ${across.to} 的公共收益已转入维修资金 ${fenToYuan(across.amount)} 元，与本次期间部分重叠；请按该期间或包含它的期间转入`);
  }
  const summary = revenueSummary(ctx, input);
  const net = parseYuan(summary.net)! - parseYuan(summary.transferred)!;
  if (input.amount > net) throw new AppError('REFUSED', `转入金额超过本期尚未转入的净收益 ${fenToYuan(Math.max(0, net))} 元`);
  const parts = scopeParts(ctx, { communityId: input.communityId });
  if (parts.length === 0) throw new AppError('REFUSED', '本小区没有登记的房屋');
  return { parts, ...shareOut(input.amount, parts, '专有部分面积', (w) => `${formatHundredths(Number(w))} 平方米`) };
}

/** The transfer's shares to every part, before anything is posted (the preview the treasurer confirms). */
export function previewTransfer(ctx: ServiceContext, input: z.output<typeof transferInput>) {
  return planTransfer(ctx, input).printed;
}

/**
 * Move revenue to the fund: the money from the revenue account to the fund's
 * account, and the owners' share into every sub-ledger by area.
 */
export function transferToFund(ctx: ServiceContext, actor: Actor, input: z.output<typeof transferInput>) {
  const { parts, shares } = planTransfer(ctx, input);
  const account = (role: 'revenue-transfer' | 'fund' | 'fund-bank' | 'revenue-bank') => accountByRole(ctx, input.communityId, role).id;
  const fund = account('fund');
  const id = write(ctx, actor, (scope) => postEntry(ctx, scope, actor, {
    communityId: input.communityId, date: input.date, kind: 'transfer', memo: `公共收益转入维修资金（${input.from} 至 ${input.to}），按面积分入各户`,
    reference: periodReference(input.from, input.to),
    lines: [
      { accountId: account('revenue-transfer'), amount: input.amount },
      ...parts.filter((p) => shares.get(p.partId)! > 0).map((p) => ({ accountId: fund, amount: -shares.get(p.partId)!, partId: p.partId, category: 'transfer' as const })),
      { accountId: account('fund-bank'), amount: input.amount },
      { accountId: account('revenue-bank'), amount: -input.amount },
    ],
  }));
  return getEntry(ctx, id);
}
