/**
 * Contract schemas of issue 5 beyond the ledger itself: opening balances,
 * bank statements, repair projects, common revenue, the committee's budget.
 */
import { z } from 'zod';
import { REVENUE_KINDS } from '../domain/treasury';
import { calendarDate, ruleOverride, ruleViolation } from './governance';
import { decimal2, filePayload, id, optionalText, requiredText, rowError } from './fields';
import { scopePart } from './votes';
import { apportionment, yuanText } from './fund';

/** A signed amount (a bank balance may be zero). */
const balanceText = (label: string) => z.string({ error: `${label}应为金额` }).transform((value, ctx) => {
  const t = value.trim().replace(/[,，\s]/g, '');
  const m = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) {
    ctx.addIssue({ code: 'custom', message: `${label}“${value}”不是金额，最多两位小数` });
    return z.NEVER;
  }
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
});

// ── opening balances and bank statements ──────────────────────────────
export const openingInput = z.object({
  communityId: id,
  asOf: calendarDate('期初日期'),
  bankBalance: balanceText('专户银行余额'),
  file: filePayload,
  /** Why the bank and the sub-ledgers differ, when they do: the difference goes to 待查明款项. */
  suspenseNote: optionalText('差额说明', 500),
});
export const openingPreview = z.object({
  rows: z.number().int(), missingParts: z.number().int(), errors: z.array(rowError),
  totals: z.object({ initialDue: decimal2, deposited: decimal2, earnings: decimal2, used: decimal2, balance: decimal2 }),
  bankBalance: decimal2, difference: z.string(),
  sample: z.array(z.object({ row: z.number().int(), address: z.string(), balance: decimal2 })),
});
/** rows: the parts opened; total: the sum of their balances; suspense: the bank balance minus that total (to 待查明款项). */
export const openingResult = z.object({ entryId: id, rows: z.number().int(), total: decimal2, suspense: z.string() });

export const bankImportInput = z.object({
  communityId: id,
  file: filePayload,
  /** Receipts matched to no part: booked to 待查明款项 (default) or left out and listed. */
  unmatched: z.enum(['suspense', 'skip']).default('suspense'),
});
export const statementRow = z.object({
  row: z.number().int(), date: z.string(), amount: decimal2, payer: z.string(), memo: z.string(),
  partId: id.nullable(), address: z.string().nullable(), how: z.string(),
  /** Already posted by an earlier import of the same statement: skipped. */
  duplicate: z.boolean(),
});
export const statementPreview = z.object({ rows: z.array(statementRow), errors: z.array(rowError) });
export const statementResult = z.object({
  deposits: z.number().int(), unidentified: z.number().int(), duplicates: z.number().int(), leftOut: z.array(statementRow),
});
export const unidentifiedReceipt = z.object({ id, number: z.number().int(), date: z.string(), payer: z.string(), memo: z.string(), amount: decimal2 });
export const settleInput = z.object({ entryId: id, partId: id, date: calendarDate('记账日期'), note: optionalText('说明', 200) });

// ── repair projects ───────────────────────────────────────────────────
export const projectScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('community') }),
  z.object({ kind: z.literal('places'), places: z.array(scopePart).min(1, { error: '请选择楼栋或单元' }).max(100) }),
  z.object({ kind: z.literal('parts'), partIds: z.array(id).min(1, { error: '请选择房屋' }).max(5000) }),
]);

export const projectFields = z.object({
  communityId: id,
  title: requiredText('项目名称', 100),
  scope: projectScope,
  /** By area (Civil Code Art. 283), or equally per part when the management covenant so agrees. */
  basis: z.enum(['area', 'equal']).default('area'),
  estimate: yuanText('预算金额'),
  contractor: optionalText('施工单位', 100),
  approval: z.enum(['vote', 'emergency']),
  voteId: id.nullable().default(null),
  emergencyReviewDate: calendarDate('业委会审核日期').nullable().default(null),
  emergencyStreetDate: calendarDate('街道确认日期').nullable().default(null),
  emergencyNote: optionalText('应急情形说明', 500),
});

export const projectPayment = z.object({ projectId: id, date: calendarDate('付款日期'), amount: yuanText('付款金额'), memo: optionalText('摘要', 200) });
export const projectNotice = z.object({ projectId: id, date: calendarDate('公示日期') });

export const chargeInput = z.object({
  projectId: id,
  date: calendarDate('分摊记账日期'),
  finalCost: yuanText('决算金额'),
  /** The audit's opinion or report number; without it above the community's threshold, the charge needs `overrideReason`. */
  auditNote: optionalText('审计意见', 500),
  /** Required when the final cost exceeds the approved by the re-approval share. */
  overrunReason: optionalText('超支说明', 500),
  /**
   * Why the charge goes ahead although the notice before the works, the audit or the owners' decision is
   * missing (shared/domain/treasury.ts chargeWarnings): required then, kept with the charge and audited.
   */
  overrideReason: optionalText('先行分摊的理由', 500),
});
/** What the preview needs to say what is missing: the charge's date (default today) and the audit note as typed. */
export const chargePreviewInput = chargeInput.pick({ projectId: true, finalCost: true, auditNote: true })
  .extend({ date: calendarDate('分摊记账日期').optional() });
/** The shares of the final cost, and what is missing for the charge (each needs the written reason). */
export const chargePreview = apportionment.extend({ warnings: z.array(ruleViolation) });

export const projectSummary = z.object({
  id, title: z.string(), scopeLabel: z.string(), basis: z.enum(['area', 'equal']), estimate: decimal2, contractor: z.string(),
  approval: z.enum(['vote', 'emergency']), voteId: id.nullable(), voteTitle: z.string().nullable(),
  emergencyReviewDate: z.string().nullable(), emergencyStreetDate: z.string().nullable(), emergencyNote: z.string(),
  noticeDate: z.string().nullable(), finalCost: decimal2.nullable(), paid: decimal2,
  status: z.enum(['approved', 'charged']),
  auditRequired: z.boolean(), auditNote: z.string(), overrunReason: z.string(),
});
export const projectDetail = projectSummary.extend({
  communityId: id,
  parts: z.number().int(),
  payments: z.array(z.object({ entryId: id, number: z.number().int(), date: z.string(), amount: decimal2, memo: z.string(), reversed: z.boolean() })),
  /** The shares as charged (after charging), address order; what was missing then and the written reason. */
  charge: apportionment.extend({ entryId: id, date: z.string(), overrides: z.array(ruleOverride) }).nullable(),
});

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

// ── statements and the fund summary ───────────────────────────────────
/** One part (`partId`), one building (`buildingId`) or every part of the community. */
export const statementQuery = z.object({
  communityId: id, from: calendarDate('开始日期'), to: calendarDate('结束日期'), partId: id.optional(), buildingId: id.optional(),
});
const movement = {
  opening: z.string(), deposited: z.string(), earnings: z.string(), charges: z.string(), transfers: z.string(), closing: z.string(),
  /** The closing balance in Chinese capitals (大写). */
  closingCapitals: z.string(),
};
/**
 * What a sub-ledger line was, in the owner's words (main/services/fund-reports.ts
 * movementKind is the one mapping from the books): the opening position, a
 * deposit (or a receipt identified later), interest, a repair's share, another
 * charge, common revenue transferred in, another transfer.
 */
export const movementKind = z.enum(['opening', 'deposit', 'claim', 'interest', 'repair', 'charge', 'revenue', 'transfer']);
const period = z.object({ from: z.string(), to: z.string() });
export const statementMovement = z.object({
  date: z.string(), number: z.number().int(), kind: movementKind,
  /** opening: which figure of the opening file (deposit | earning | charge). */
  category: z.string().nullable(),
  /** Into the sub-ledger positive, out negative; the balance after it. */
  amount: z.string(), balance: z.string(),
  /** repair: the project's name. */
  project: z.string().nullable(),
  /** interest and revenue: the period the money was for. */
  period: period.nullable(),
  /**
   * interest: how this part's share was computed — balance × days over the
   * period, as the sharing saw it, against all parts' and the amount shared.
   */
  basis: z.object({ days: z.number().int(), part: decimal2, total: decimal2, amount: decimal2 }).nullable(),
  /** A reversal (its kind is what it undoes): the entry it reverses; `reason` says why. */
  reverses: z.object({ number: z.number().int(), date: z.string() }).nullable(),
  reason: z.string(),
  /** The entry's memo as written (what a manual entry says). */
  memo: z.string(),
});
export const householdStatements = z.object({
  community: z.string(), from: z.string(), to: z.string(),
  statements: z.array(z.object({
    partId: id, address: z.string(), area: decimal2, owners: z.string(), building: z.string(), ...movement,
    movements: z.array(statementMovement),
  })),
});
export const fundSummary = z.object({
  community: z.string(), from: z.string(), to: z.string(), ...movement,
  byBuilding: z.array(z.object({ building: z.string(), parts: z.number().int(), ...movement })),
  history: z.array(z.object({ month: z.string(), balance: z.string() })),
});
