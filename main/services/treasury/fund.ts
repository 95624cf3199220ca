/**
 * The maintenance fund (docs/domain.md §5): a sub-ledger per exclusive part,
 * deposits, the weights of earnings (balance × days; interest.ts shares them), shares by area, the top-up list.
 * Every amount is posted through ledger.postEntry, so the fund account and the
 * sub-ledgers move together in one transaction.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import type { apportionInput, depositInput, householdQuery, scopeInput } from '../../../shared/contract/treasury/fund';
import { formatHundredths } from '../../../shared/domain/area';
import { FUND_CATEGORIES, daysBetween } from '../../../shared/domain/ledger';
import { apportion, belowShare, fenToYuan, topUpTo } from '../../../shared/domain/money';
import { checkedRows, oneOf } from '../../db/rows';
import { ownerships, parts, persons } from '../../db/schema/register';
import { fundParts, journalEntries, journalLines, partFundBalances } from '../../db/schema/treasury';
import { getCommunity } from '../register/communities';
import { write, type Actor, type ServiceContext } from '../context';
import { accountByRole, getEntry, postEntry } from './ledger';

type Scope = z.output<typeof scopeInput>;

/**
 * The initial deposit due: as imported with the opening balances, or the
 * part's area × the community's rate (fen per m²; area in 0.01 m²), rounded to
 * the nearest fen.
 */
const initialDue = (rate: number) => sql<number>`coalesce(${fundParts.initialDue}, (${parts.area} * ${sql.raw(String(Math.trunc(rate)))} + 50) / 100)`;

/** A sub-ledger's cached figure (none yet: 0). */
const cached = (column: AnySQLiteColumn) => sql<number>`coalesce(${column}, 0)`;

const householdColumns = (rate: number) => ({
  partId: parts.id, address: parts.address, area: parts.area, owners: parts.ownerNames, initialDue: initialDue(rate),
  deposited: cached(partFundBalances.deposited), earnings: cached(partFundBalances.earnings), charges: cached(partFundBalances.charges),
  transfers: cached(partFundBalances.transfers), balance: cached(partFundBalances.balance),
});

/** Below the top-up trigger: the balance under its percent of the initial deposit due. */
const belowTrigger = (rate: number, triggerPercent: number) =>
  sql`coalesce(${partFundBalances.balance}, 0) * 100 < ${initialDue(rate)} * ${sql.raw(String(triggerPercent))}`;

/** Parts with their sub-ledger's cached figures and their initial deposit due; or how many. */
const households = (ctx: ServiceContext, rate: number) =>
  ctx.db.select(householdColumns(rate)).from(parts).leftJoin(partFundBalances, eq(partFundBalances.partId, parts.id)).leftJoin(fundParts, eq(fundParts.partId, parts.id));
const householdCount = (ctx: ServiceContext, where: SQL | undefined) =>
  ctx.db.select({ count: sql<number>`count(*)` }).from(parts).leftJoin(partFundBalances, eq(partFundBalances.partId, parts.id))
    .leftJoin(fundParts, eq(fundParts.partId, parts.id)).where(where).get()!.count;

interface HouseholdFigures {
  partId: string; address: string; area: number; owners: string;
  initialDue: number; deposited: number; earnings: number; charges: number; transfers: number; balance: number;
}

function rulesOf(ctx: ServiceContext, communityId: string) {
  return getCommunity(ctx, communityId).settings.fundRules;
}

function householdOut(h: HouseholdFigures, trigger: number, target: number) {
  return {
    partId: h.partId, address: h.address, area: formatHundredths(h.area), owners: h.owners,
    initialDue: fenToYuan(h.initialDue), deposited: fenToYuan(h.deposited), earnings: fenToYuan(h.earnings),
    charges: fenToYuan(h.charges), transfers: fenToYuan(h.transfers), balance: fenToYuan(h.balance),
    belowTopUp: belowShare(h.balance, h.initialDue, trigger),
    topUp: fenToYuan(belowShare(h.balance, h.initialDue, trigger) ? topUpTo(h.balance, h.initialDue, target) : 0),
  };
}

/** The sub-ledgers of a community in address order, filtered by words or to those below the top-up trigger. */
export function householdPage(ctx: ServiceContext, q: z.output<typeof householdQuery>) {
  const rules = rulesOf(ctx, q.communityId);
  const filter = and(
    eq(parts.communityId, q.communityId),
    q.text ? sql`(instr(${parts.address}, ${q.text}) > 0 or instr(${parts.ownerNames}, ${q.text}) > 0)` : undefined,
    q.belowTopUpOnly ? belowTrigger(rules.depositRatePerM2, rules.topUpTriggerPercent) : undefined,
  );
  const total = householdCount(ctx, filter);
  const rows: HouseholdFigures[] = households(ctx, rules.depositRatePerM2).where(filter).orderBy(parts.sortKey).limit(q.limit).offset(q.offset).all();
  return { total, rows: rows.map((h) => householdOut(h, rules.topUpTriggerPercent, rules.topUpTargetPercent)) };
}

/** The fund account, the sum of its sub-ledgers (equal by construction, shown side by side), the count below the trigger. */
export function fundBalance(ctx: ServiceContext, communityId: string) {
  const rules = rulesOf(ctx, communityId);
  const fund = accountByRole(ctx, communityId, 'fund');
  const bank = accountByRole(ctx, communityId, 'fund-bank');
  const sum = ctx.db.select({ balance: sql<number>`coalesce(sum(${partFundBalances.balance}), 0)` }).from(partFundBalances)
    .where(eq(partFundBalances.communityId, communityId)).get()!.balance;
  const below = householdCount(ctx, and(eq(parts.communityId, communityId), belowTrigger(rules.depositRatePerM2, rules.topUpTriggerPercent)));
  return { fund: fenToYuan(-fund.debitSum), households: fenToYuan(sum), belowTopUp: below, bank: fenToYuan(bank.debitSum) };
}

/** One part's sub-ledger: its figures, who held it when, and every line with the running balance. */
export function subLedgerOf(ctx: ServiceContext, partId: string) {
  const communityId = ctx.db.select({ communityId: parts.communityId }).from(parts).where(eq(parts.id, partId)).get()?.communityId;
  if (!communityId) throw new AppError('NOT_FOUND', '找不到这个房屋');
  const rules = rulesOf(ctx, communityId);
  const h: HouseholdFigures = households(ctx, rules.depositRatePerM2).where(eq(parts.id, partId)).get()!;
  const owners = ctx.db.select({ names: sql<string>`group_concat(${persons.name}, '、')`, from: ownerships.startDate, to: ownerships.endDate })
    .from(ownerships).innerJoin(persons, eq(persons.id, ownerships.personId)).where(eq(ownerships.partId, partId))
    .groupBy(ownerships.startDate, ownerships.endDate).orderBy(sql`${ownerships.endDate} is null`, ownerships.endDate, ownerships.startDate).all();
  const lines = ctx.db.select({
    entryId: journalEntries.id, number: journalEntries.number, date: journalEntries.date, memo: journalEntries.memo,
    category: journalLines.category, amount: sql<number>`-${journalLines.amount}`,
  }).from(journalLines).innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId)).where(eq(journalLines.partId, partId))
    .orderBy(journalEntries.date, journalEntries.number, journalLines.id).all()
    .map((l) => ({ ...l, category: oneOf(FUND_CATEGORIES, l.category, 'journal_lines.category') }));
  let running = 0;
  return {
    household: householdOut(h, rules.topUpTriggerPercent, rules.topUpTargetPercent),
    owners,
    lines: lines.map((l) => ({ ...l, amount: fenToYuan(l.amount), balance: fenToYuan((running += l.amount)) })),
  };
}

/** A deposit into one part's sub-ledger: the fund's bank account against the part. */
export function recordDeposit(ctx: ServiceContext, actor: Actor, input: z.output<typeof depositInput>) {
  const part = ctx.db.select({ communityId: parts.communityId, address: parts.address }).from(parts).where(eq(parts.id, input.partId)).get();
  if (!part) throw new AppError('NOT_FOUND', '找不到这个房屋');
  const bank = accountByRole(ctx, part.communityId, 'fund-bank');
  const fund = accountByRole(ctx, part.communityId, 'fund');
  const id = write(ctx, actor, (scope) => postEntry(ctx, scope, actor, {
    communityId: part.communityId, date: input.date, kind: 'deposit', memo: input.memo || `${part.address} 缴存维修资金`,
    counterparty: input.payer, reference: input.reference,
    lines: [
      { accountId: bank.id, amount: input.amount },
      { accountId: fund.id, amount: -input.amount, partId: input.partId, category: 'deposit' },
    ],
  }));
  return getEntry(ctx, id);
}

const METHOD = (left: number) =>
  `每户先取精确份额的整分（舍去分以下），余下的 ${left} 分按余数从大到小每户 1 分，余数相同的先给份额基数大的，再按地址先后；各户之和恰等于总额。`;

export interface Weighted { partId: string; address: string; area: number; weight: number }

/** Share `total` over weighted parts (address order): as the contract prints it, and the fen by part. */
export function shareOut(total: number, parts: readonly Weighted[], basis: string, weightText: (w: bigint) => string) {
  const shares = apportion(total, parts.map((p) => ({ key: p.partId, weight: p.weight })));
  const totalWeight = parts.reduce((s, p) => s + BigInt(p.weight), 0n);
  const floors = Number(parts.reduce((s, p) => s + (BigInt(total) * BigInt(p.weight)) / totalWeight, 0n));
  const printed = {
    total: fenToYuan(total), basis, method: METHOD(total - floors), totalWeight: weightText(totalWeight),
    shares: parts.map((p) => ({ partId: p.partId, address: p.address, area: formatHundredths(p.area), amount: fenToYuan(shares.get(p.partId)!) })),
  };
  return { printed, shares };
}

/** The parts of a scope in address order, with their areas (the weights of a repair's cost). */
export function scopeParts(ctx: ServiceContext, scope: Scope): Weighted[] {
  getCommunity(ctx, scope.communityId);
  return ctx.db.select({ partId: parts.id, address: parts.address, area: parts.area, weight: parts.area }).from(parts)
    .where(and(
      eq(parts.communityId, scope.communityId),
      scope.buildingId ? eq(parts.buildingId, scope.buildingId) : undefined,
      scope.entranceId ? eq(parts.entranceId, scope.entranceId) : undefined,
    )).orderBy(parts.sortKey).all();
}

/** Shares of an amount by area over a scope, without writing anything (`fund apportion`). */
export function apportionByArea(ctx: ServiceContext, input: z.output<typeof apportionInput>) {
  if (input.entranceId && !input.buildingId) throw new AppError('VALIDATION', '指定单元时须同时指定楼栋');
  const parts = scopeParts(ctx, input);
  if (parts.length === 0) throw new AppError('REFUSED', '范围内没有登记的房屋，无法分摊');
  return shareOut(input.amount, parts, '专有部分面积', (w) => `${formatHundredths(Number(w))} 平方米`).printed;
}

const weightedRow = z.object({ partId: z.string(), address: z.string(), area: z.number().int(), weight: z.number() });

/**
 * Each part's balance × days over [start, end], both inclusive: the balance
 * before the period for every day, each movement from its date to the end
 * (shared/domain/ledger.ts balanceDays, here as one aggregate). Parts that held
 * nothing get no share.
 */
export function balanceDayWeights(ctx: ServiceContext, communityId: string, start: string, end: string): Weighted[] {
  // Raw: an aggregate over every sub-ledger line (a million in `npm run bench`), its rule shared with the statements as SQL text.
  return checkedRows(weightedRow, ctx.sqlite.prepare(`select p.id as partId, p.address, p.area, w.weight from (
      select part_id, sum(${balanceDaysOfLine('@start', '@end', '@days')}) as weight
      from journal_lines where community_id = @communityId and part_id is not null and date <= @end group by part_id) w
    join parts p on p.id = w.part_id where w.weight > 0 order by p.sort_key`)
    .all({ communityId, start, end, days: daysBetween(start, end) + 1 }));
}

/**
 * The rule of balanceDayWeights for one sub-ledger line (SQL over journal_lines,
 * the period's bounds and day count given as SQL expressions): a line before the
 * period counts every day, one inside it from its date to the end. Statements
 * use it to show the basis of past sharings.
 */
export const balanceDaysOfLine = (start: string, end: string, days: string) =>
  `case when date < ${start} then -amount * ${days} else -amount * (cast(julianday(${end}) - julianday(date) as integer) + 1) end`;

/** Which period earnings were shared for: kept in the entry's reference (as a revenue transfer keeps its), so a statement can show each part's basis. */
const EARNINGS_REFERENCE = '计息期 ';
export const earningsReference = (start: string, end: string) => `${EARNINGS_REFERENCE}${start}—${end}`;
const earningsMemo = (period: string) => `分配维修资金增值收益（${period}）`;

/**
 * The period an earnings entry (or its reversal) was shared for: from its
 * reference, else from the memo the app wrote by default before references
 * carried it; null when neither says (a memo typed by hand).
 */
export function earningsPeriodOf(reference: string, memo: string): { start: string; end: string } | null {
  const day = '(\\d{4}-\\d{2}-\\d{2})';
  const m = new RegExp(`^${EARNINGS_REFERENCE}${day}—${day}$`).exec(reference) ?? new RegExp(`^${earningsMemo(`${day} 至 ${day}`)}$`).exec(memo);
  return m ? { start: m[1]!, end: m[2]! } : null;
}
