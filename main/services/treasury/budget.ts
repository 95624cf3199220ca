/**
 * The owners' committee's annual budget by line; spending is posted against a
 * line (业委会经费支出, paid from the common-revenue account) and compared
 * with it, warned at 90 % and 100 % (shared/domain/treasury.ts budgetState).
 */
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import type { budgetInput, spendInput } from '../../../shared/contract/treasury/revenue';
import { fenToYuan } from '../../../shared/domain/money';
import { budgetState } from '../../../shared/domain/treasury';
import { nowIso } from '../../db/clock';
import { newId } from '../../db/ids';
import { budgetLines, journalEntries, journalLines, ledgerAccounts } from '../../db/schema/treasury';
import { getCommunity } from '../register/communities';
import { write, type Actor, type ServiceContext } from '../context';
import { accountByRole, getEntry, postEntry } from './ledger';

/**
 * Set a year's lines: amounts change in place (the budget is a plan, audited,
 * not a posted record); a line already spent against cannot be removed.
 */
export function setBudget(ctx: ServiceContext, actor: Actor, input: z.output<typeof budgetInput>) {
  getCommunity(ctx, input.communityId);
  const names = input.lines.map((l) => l.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new AppError('VALIDATION', `预算科目“${dup}”重复`);
  const existing = ctx.db.select({ id: budgetLines.id, name: budgetLines.name, amount: budgetLines.amount }).from(budgetLines)
    .where(and(eq(budgetLines.communityId, input.communityId), eq(budgetLines.year, input.year))).all();
  write(ctx, actor, (scope) => {
    const now = nowIso();
    for (const old of existing.filter((e) => !names.includes(e.name))) {
      const used = ctx.db.select({ n: count() }).from(journalEntries).where(eq(journalEntries.budgetLineId, old.id)).get()?.n ?? 0;
      if (used > 0) throw new AppError('REFUSED', `预算科目“${old.name}”已有 ${used} 笔支出，不能删除`);
      ctx.db.delete(budgetLines).where(eq(budgetLines.id, old.id)).run();
    }
    input.lines.forEach((line, position) => {
      const old = existing.find((e) => e.name === line.name);
      if (old) ctx.db.update(budgetLines).set({ amount: line.amount, position, updatedAt: now }).where(eq(budgetLines.id, old.id)).run();
      else {
        ctx.db.insert(budgetLines).values({
          id: newId(), communityId: input.communityId, year: input.year, name: line.name, amount: line.amount, position, createdAt: now, updatedAt: now,
        }).run();
      }
    });
    scope.audit({
      action: 'set-budget', entity: 'budget', entityId: `${input.communityId}:${input.year}`,
      before: existing.map((e) => ({ name: e.name, amount: fenToYuan(e.amount) })), after: input.lines.map((l) => ({ name: l.name, amount: fenToYuan(l.amount) })),
    });
  });
  return budgetReport(ctx, input.communityId, input.year);
}

/** Each line's budget and what was spent against it in the year (reversals net out: they carry the line). */
export function budgetReport(ctx: ServiceContext, communityId: string, year: number) {
  const spentOn = ctx.db.select({ sum: sql`sum(${journalLines.amount})` }).from(journalEntries)
    .innerJoin(journalLines, eq(journalLines.entryId, journalEntries.id)).innerJoin(ledgerAccounts, eq(ledgerAccounts.id, journalLines.accountId))
    .where(and(eq(journalEntries.budgetLineId, budgetLines.id), eq(ledgerAccounts.role, 'committee-expense')));
  const lines = ctx.db.select({ id: budgetLines.id, name: budgetLines.name, budget: budgetLines.amount, spent: sql<number>`coalesce(${spentOn}, 0)` }).from(budgetLines).where(and(eq(budgetLines.communityId, communityId), eq(budgetLines.year, year))).orderBy(asc(budgetLines.position)).all();
  const budget = lines.reduce((s, l) => s + l.budget, 0);
  const spent = lines.reduce((s, l) => s + l.spent, 0);
  return {
    year,
    lines: lines.map((l) => ({
      id: l.id, name: l.name, budget: fenToYuan(l.budget), spent: fenToYuan(l.spent), left: fenToYuan(l.budget - l.spent),
      percent: l.budget === 0 ? 0 : Math.floor((l.spent * 100) / l.budget), state: budgetState(l.spent, l.budget),
    })),
    budget: fenToYuan(budget), spent: fenToYuan(spent),
  };
}

/** Spend against a line, from the common-revenue account; the entry's year must be the line's. */
export function spendBudget(ctx: ServiceContext, actor: Actor, input: z.output<typeof spendInput>) {
  const line = ctx.db.select({ name: budgetLines.name, year: budgetLines.year, communityId: budgetLines.communityId }).from(budgetLines)
    .where(eq(budgetLines.id, input.budgetLineId)).get();
  if (!line || line.communityId !== input.communityId) throw new AppError('NOT_FOUND', '找不到这个预算科目');
  if (Number(input.date.slice(0, 4)) !== line.year) throw new AppError('REFUSED', `日期 ${input.date} 不在预算年度 ${line.year} 年内`);
  const expense = accountByRole(ctx, input.communityId, 'committee-expense');
  const bank = accountByRole(ctx, input.communityId, 'revenue-bank');
  const id = write(ctx, actor, (scope) => postEntry(ctx, scope, actor, {
    communityId: input.communityId, date: input.date, kind: 'expense', memo: input.memo, counterparty: input.counterparty, budgetLineId: input.budgetLineId,
    lines: [{ accountId: expense.id, amount: input.amount }, { accountId: bank.id, amount: -input.amount }],
  }));
  return getEntry(ctx, id);
}
