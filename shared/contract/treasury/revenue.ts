/**
 * Common revenue, its transfer to the fund, and the owners' committee's
 * budget spent from it.
 */
import { z } from 'zod';
import { REVENUE_KINDS } from '../../domain/treasury';
import { calendarDate } from '../meetings';
import { decimal2, id, optionalText, requiredText } from '../fields';
import { apportionment, yuanText } from './fund';

// ── common revenue ────────────────────────────────────────────────────
export const revenueKind = z.enum(REVENUE_KINDS, { error: `收益类别应为${REVENUE_KINDS.join('、')}之一` });
export const revenueInput = z.object({
  communityId: id,
  date: calendarDate('日期'),
  kind: revenueKind,
  /** income: money in from the payer; cost: a reasonable cost paid out of it. */
  direction: z.enum(['income', 'cost']),
  amount: yuanText('金额'),
  counterparty: optionalText('付款方/收款方', 100),
  contract: optionalText('合同', 100),
  memo: requiredText('摘要', 200),
});
export const periodQuery = z.object({ communityId: id, from: calendarDate('开始日期'), to: calendarDate('结束日期') });
export const revenueSummary = z.object({
  from: z.string(), to: z.string(),
  byKind: z.array(z.object({ kind: revenueKind, income: decimal2, cost: decimal2, net: z.string() })),
  income: decimal2, cost: decimal2, net: z.string(),
  transferred: decimal2,
  /**
   * What the community's rule asks to go to the fund for the period, and why; the rule's condition (Beijing: only
   * while the fund is below 30 % of the initial deposits) in words with the fund's ratio, and whether it holds.
   */
  proposal: z.object({
    required: z.boolean(), amount: decimal2, outstanding: decimal2, why: z.string(), rule: z.string(),
    condition: z.string().nullable(), conditionHolds: z.boolean(), fundRatio: z.string().nullable(),
  }),
  /** The revenue account (公共收益账户存款) before the period and after it. */
  accountOpening: z.string(), accountClosing: z.string(),
  /**
   * Every movement of the revenue account in the period: income, costs, the transfer to the fund, budget
   * spending, reversals (negative, red ink); `kind` says what it was, `direction` which way (shared/domain/
   * voucher.ts), `balance` the account after it.
   */
  entries: z.array(z.object({
    entryId: id, number: z.number().int(), date: z.string(), kind: z.string(), direction: z.enum(['收入', '支出', '转入', '转出']),
    amount: z.string(), balance: z.string(), reversal: z.boolean(), counterparty: z.string(), contract: z.string(), memo: z.string(),
  })),
});
export const transferInput = periodQuery.extend({ date: calendarDate('转入日期'), amount: yuanText('转入金额') });
/** The transfer's shares to every part by area, before anything is posted. */
export const transferPreview = apportionment;

// ── the owners' committee's budget ────────────────────────────────────
export const budgetInput = z.object({
  communityId: id,
  year: z.number().int().min(2000).max(2100),
  lines: z.array(z.object({ name: requiredText('预算科目', 60), amount: yuanText('预算金额') })).min(1, { error: '至少一个预算科目' }).max(100),
});
export const budgetReport = z.object({
  year: z.number().int(),
  lines: z.array(z.object({
    id, name: z.string(), budget: decimal2, spent: decimal2, left: z.string(), percent: z.number().int(),
    /** near: 90 % reached; over: 100 % reached. */
    state: z.enum(['ok', 'near', 'over']),
  })),
  budget: decimal2, spent: decimal2,
});
export const spendInput = z.object({
  communityId: id, budgetLineId: id, date: calendarDate('日期'), amount: yuanText('金额'),
  counterparty: optionalText('收款方', 100), memo: requiredText('摘要', 200),
});
