/**
 * 待查明款项 as claimable items (docs/domain.md §5): every amount in the account is
 * an item — a receipt nobody could match, the opening's difference to the
 * bank, anything else booked there — and the list adds up to the account's
 * balance (open-items.ts groups the lines so). A claim splits what is left of
 * an item to one or several parts (a deposit into each sub-ledger) or to
 * common revenue (held for the revenue account), each with its note; a claim
 * is an entry, reversed like any other, and an item with a claim in force
 * cannot be reversed until the claim is.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, fieldProblem } from '../../../shared/contract/errors';
import type { claimInput } from '../../../shared/contract/treasury/intake';
import type { EntryLine } from '../../../shared/domain/ledger';
import { fenToYuan } from '../../../shared/domain/money';
import { todayInOffice } from '../../db/clock';
import { parts } from '../../db/schema/register';
import { journalEntries, journalLines, suspenseClaims } from '../../db/schema/treasury';
import { write, type Actor, type ServiceContext } from '../context';
import { accountByRole, getEntry, postEntry } from './ledger';
import { openItems } from './open-items';

/** The items of 待查明款项 today, in fen: what each brought and what is left; oldest first. */
function items(ctx: ServiceContext, communityId: string) {
  const suspense = accountByRole(ctx, communityId, 'suspense');
  const brought = (entryId: string) => ctx.db.select({ amount: sql<number>`-coalesce(sum(${journalLines.amount}), 0)` }).from(journalLines)
    .where(and(eq(journalLines.entryId, entryId), eq(journalLines.accountId, suspense.id))).get()!.amount;
  const note = (entryId: string) => ctx.db.select({ reason: journalEntries.reason }).from(journalEntries).where(eq(journalEntries.id, entryId)).get()!.reason;
  return openItems(ctx, communityId, 'suspense', todayInOffice()).map((item) => ({
    ...item, id: item.entryId!, number: item.number!, brought: brought(item.entryId!), note: note(item.entryId!),
  }));
}

/** The items of 待查明款项 with what each brought, what was claimed from it and what is left; they add up to the account. */
export function unidentifiedItems(ctx: ServiceContext, communityId: string) {
  return items(ctx, communityId).map((i) => ({
    id: i.id, number: i.number, date: i.date, kind: i.kind, payer: i.counterparty, memo: i.memo, note: i.note,
    amount: fenToYuan(i.brought), claimed: fenToYuan(i.brought - i.amount), remaining: fenToYuan(i.amount),
  }));
}

/** Claim what is left of an item (or part of it): 待查明款项 → each part's sub-ledger as a deposit, or → 代收公共收益. */
export function claimUnidentified(ctx: ServiceContext, actor: Actor, input: z.output<typeof claimInput>) {
  const item = ctx.db.select({
    communityId: journalEntries.communityId, number: journalEntries.number, date: journalEntries.date, counterparty: journalEntries.counterparty,
  }).from(journalEntries).where(eq(journalEntries.id, input.entryId)).get();
  if (!item) throw new AppError('NOT_FOUND', '找不到这笔待查明款项');
  const open = items(ctx, item.communityId).find((i) => i.id === input.entryId);
  if (!open) throw new AppError('REFUSED', `第 ${item.number} 号凭证不是待查明款项，或已全部认领、已冲销`);
  const left = open.amount;
  const total = input.targets.reduce((s, t) => s + t.amount, 0);
  if (left <= 0) throw new AppError('REFUSED', `第 ${item.number} 号待查明款项余额为 ${fenToYuan(left)} 元，没有可认领的金额`);
  if (total > left) {
    throw new AppError('VALIDATION', `认领合计 ${fenToYuan(total)} 元超过第 ${item.number} 号待查明款项尚未认领的 ${fenToYuan(left)} 元`,
      [fieldProblem('targets', `合计应不超过 ${fenToYuan(left)} 元`, '认领金额')]);
  }
  if (input.date < item.date) throw new AppError('REFUSED', `认领日期 ${input.date} 早于款项的日期 ${item.date}`);
  const address = (partId: string) => ctx.db.select({ address: parts.address }).from(parts)
    .where(and(eq(parts.id, partId), eq(parts.communityId, item.communityId))).get()?.address;
  const seen = new Set<string | null>();
  const targets = input.targets.map((t) => {
    if (seen.has(t.partId)) throw new AppError('REFUSED', t.partId ? `同一户不能在一次认领中出现两次：${address(t.partId)}` : '公共收益在一次认领中只能出现一次');
    seen.add(t.partId);
    if (t.partId === null) return { ...t, label: '公共收益' };
    const a = address(t.partId);
    if (!a) throw new AppError('REFUSED', '认领的房屋不属于本小区');
    return { ...t, label: a };
  });
  const suspense = accountByRole(ctx, item.communityId, 'suspense');
  const fund = accountByRole(ctx, item.communityId, 'fund');
  const revenueDue = accountByRole(ctx, item.communityId, 'revenue-due');
  const lines: EntryLine[] = [
    { accountId: suspense.id, amount: total },
    ...targets.map((t): EntryLine => (t.partId
      ? { accountId: fund.id, amount: -t.amount, partId: t.partId, category: 'deposit' }
      : { accountId: revenueDue.id, amount: -t.amount })),
  ];
  const id = write(ctx, actor, (scope) => {
    const entryId = postEntry(ctx, scope, actor, {
      communityId: item.communityId, date: input.date, kind: 'claim',
      memo: `认领第 ${item.number} 号待查明款项：${targets.map((t) => `${t.label} ${fenToYuan(t.amount)} 元`).join('，')}`,
      counterparty: item.counterparty, reason: targets.map((t) => `${t.label}：${t.note}`).join('；').slice(0, 500), lines,
    });
    for (const t of targets) ctx.db.insert(suspenseClaims).values({ entryId, itemEntryId: input.entryId, partId: t.partId, amount: t.amount, note: t.note }).run();
    scope.audit({ action: 'claim', entity: 'journal_entry', entityId: input.entryId, after: { claimEntryId: entryId, targets: targets.map((t) => ({ to: t.label, amount: fenToYuan(t.amount), note: t.note })) } });
    return entryId;
  });
  return getEntry(ctx, id);
}
