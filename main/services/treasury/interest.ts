/**
 * The fund's earnings (增值收益, docs/domain.md §5): bank interest credited to the
 * fund's account is received once — a statement row classified as interest,
 * or an entry booked by hand into 待分配增值收益 — and then shared to the
 * sub-ledgers by balance × days. Sharing books no second receipt: it moves
 * the period's receipts (less the bank's charges held against them) out of
 * 待分配增值收益 into the parts, and links the receipts it shares, so what was
 * shared cannot be shared again until the sharing entry is reversed (a receipt
 * shared cannot be reversed before it is).
 */
import type { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import type { earningsInput } from '../../../shared/contract/treasury/fund';
import { fenToYuan } from '../../../shared/domain/money';
import { interestShares } from '../../db/schema/treasury';
import { write, type Actor, type ServiceContext } from '../context';
import { balanceDayWeights, earningsReference, shareOut } from './fund';
import { accountByRole, postEntry } from './ledger';
import { openItems } from './open-items';

/** The interest received (and bank charges) dated in [start, end] and not shared yet, oldest first. */
export function unsharedInterest(ctx: ServiceContext, communityId: string, start: string, end: string) {
  // As of the last day there is: a sharing in force on any day keeps its receipts out.
  return openItems(ctx, communityId, 'interest', '9999-12-31').filter((i) => i.date >= start && i.date <= end);
}

/**
 * Share the period's interest by balance × days over [start, end]; `post:
 * false` previews the shares and the receipts they come from.
 */
export function shareEarnings(ctx: ServiceContext, actor: Actor, input: z.output<typeof earningsInput>, post: boolean) {
  if (input.end < input.start) throw new AppError('VALIDATION', `计息结束日期 ${input.end} 早于开始日期 ${input.start}`);
  const date = input.date ?? input.end;
  if (date < input.end) throw new AppError('VALIDATION', `记账日期 ${date} 早于计息期末 ${input.end}：期末以后才能分配`);
  const period = `${input.start} 至 ${input.end}`;
  const receipts = unsharedInterest(ctx, input.communityId, input.start, input.end);
  const amount = receipts.reduce((s, r) => s + r.amount, 0);
  if (receipts.length === 0) {
    throw new AppError('REFUSED', `${period} 没有尚未分配的利息收入：请先导入该期的银行流水（结息行分类为“利息”），或在账簿中把利息记入“待分配增值收益”`);
  }
  if (amount <= 0) throw new AppError('REFUSED', `${period} 尚未分配的利息 ${fenToYuan(amount)} 元（已扣银行手续费）不大于零，没有可分配的增值收益`);
  const parts = balanceDayWeights(ctx, input.communityId, input.start, input.end);
  if (parts.length === 0) throw new AppError('REFUSED', `${input.start} 至 ${input.end} 各户维修资金余额均为零，没有可分配的户`);
  const { printed, shares } = shareOut(amount, parts, '余额×天数', (w) => `${fenToYuan(Number(w))} 元·天`);
  const listed = receipts.map((r) => ({ entryId: r.entryId!, number: r.number!, date: r.date, kind: r.kind, memo: r.memo, amount: fenToYuan(r.amount) }));
  if (!post) return { ...printed, entryId: null, period, receipts: listed };
  const interest = accountByRole(ctx, input.communityId, 'interest');
  const fund = accountByRole(ctx, input.communityId, 'fund');
  const entryId = write(ctx, actor, (scope) => {
    const id = postEntry(ctx, scope, actor, {
      communityId: input.communityId, date, kind: 'earnings', reference: earningsReference(input.start, input.end),
      memo: input.memo || `分配维修资金增值收益（${period}，第 ${receipts.map((r) => r.number).join('、')} 号凭证的利息）`,
      lines: [
        { accountId: interest.id, amount },
        ...[...shares].filter(([, fen]) => fen > 0).map(([partId, fen]) => ({ accountId: fund.id, amount: -fen, partId, category: 'earning' as const })),
      ],
    });
    for (const r of receipts) ctx.db.insert(interestShares).values({ shareEntryId: id, itemEntryId: r.entryId! }).run();
    return id;
  });
  return { ...printed, entryId, period, receipts: listed };
}
