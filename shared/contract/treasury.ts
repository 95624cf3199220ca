/**
 * Contract schemas of issue 5 beyond the ledger itself: opening balances,
 * bank statements, repair projects, common revenue, the committee's budget;
 * and issue 13's: statement rows classified and remembered, 待查明款项 as
 * claimable items, the reconciliation of the fund's bank account.
 */
import { z } from 'zod';
import { STATEMENT_CLASSES, STATEMENT_CLASS_NAMES } from '../domain/bank-statement';
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

/** How a row of the statement is booked (shared/domain/bank-statement.ts). */
export const statementClass = z.enum(STATEMENT_CLASSES, { error: `分类应为${Object.values(STATEMENT_CLASS_NAMES).join('、')}之一` });

/** The treasurer's choice for one row of the file (by its row number): the class and its target. */
export const rowClass = z.object({
  row: z.number().int().min(2),
  class: statementClass,
  /** deposit: the part. */
  partId: id.nullable().default(null),
  /** repair: the project paid. */
  projectId: id.nullable().default(null),
  /** booked: the entry already booked by hand that this row is. */
  entryId: id.nullable().default(null),
});

export const bankImportInput = z.object({
  communityId: id,
  file: filePayload,
  /** Rows nobody could classify (receipts matched to no part, payments of unknown purpose): 待查明款项 for receipts (default), or left out and listed. */
  unmatched: z.enum(['suspense', 'skip']).default('suspense'),
  /** Classes chosen in the preview, overriding main's suggestion for those rows. */
  classes: z.array(rowClass).max(200_000).default([]),
});
export const statementRow = z.object({
  row: z.number().int(), date: z.string(),
  /** Receipts positive, payments negative. */
  amount: decimal2, payer: z.string(), memo: z.string(),
  /** The bank's running balance after the row (余额), when the file has it. */
  balance: decimal2.nullable(),
  /** null: a payment nobody could classify (it must be classified, or left out). */
  class: statementClass.nullable(),
  partId: id.nullable(), address: z.string().nullable(),
  projectId: id.nullable(), project: z.string().nullable(),
  /** booked: the entry already in the books that this row is. */
  entryId: id.nullable(), entryNumber: z.number().int().nullable(),
  /** Why main suggested the class, in a sentence. */
  how: z.string(),
  /** Posted by an earlier import (its entry reversed or not): skipped. */
  duplicate: z.boolean(),
  /** Where it was posted before, in words. */
  postedBefore: z.string().nullable(),
});
export const statementPreview = z.object({
  rows: z.array(statementRow), errors: z.array(rowError),
  /** The bank's balance at the file's end (its last row's 余额 in date order), when the file has a 余额 column. */
  closing: z.object({ date: z.string(), balance: decimal2 }).nullable(),
});
export const statementResult = z.object({
  /** Rows taken into the books now: a new entry each, or matched to an entry booked by hand. */
  posted: z.number().int(),
  /** Rows posted before: not posted again. */
  skipped: z.number().int(),
  deposits: z.number().int(), interest: z.number().int(), revenue: z.number().int(), unidentified: z.number().int(),
  payments: z.number().int(), booked: z.number().int(), leftOut: z.number().int(),
  /** Every row with what happened to it and the entry that booked it. */
  rows: z.array(statementRow.extend({ outcome: z.enum(['posted', 'duplicate', 'left-out']), postedAs: z.number().int().nullable() })),
});

/** The statement rows in the books, newest first. */
export const statementRowsQuery = z.object({
  communityId: id,
  text: z.string().trim().max(100).default(''),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(5000).default(500),
});
export const postedStatementRow = z.object({
  id, date: z.string(), amount: decimal2, payer: z.string(), memo: z.string(), balance: decimal2.nullable(),
  /** The file and row it was imported from ('' and null for rows posted by versions before 0008). */
  fileName: z.string(), position: z.number().int().nullable(),
  /** How it is booked now; null when its entry was reversed by hand and not re-made through a re-classification. */
  class: statementClass.nullable(),
  entryId: id.nullable(), entryNumber: z.number().int().nullable(),
  /** The part, project or account it went to, in words. */
  target: z.string(),
});
export const postedStatementPage = z.object({ total: z.number().int(), rows: z.array(postedStatementRow) });
export const reclassifyInput = z.object({
  id,
  class: statementClass.refine((c) => c !== 'booked' && c !== 'skip', { error: '重新分类应为缴存、利息、公共收益、待查明、维修付款、银行手续费或转出公共收益' }),
  partId: id.nullable().default(null),
  projectId: id.nullable().default(null),
  /** The day of the reversal and the new entry: the row's own day when its month is open, else today (the default). */
  date: calendarDate('记账日期').optional(),
  reason: requiredText('重新分类的原因', 500),
});

/** An amount in 待查明款项: a receipt nobody could match, the opening difference, anything else booked there. */
export const unidentifiedItem = z.object({
  id, number: z.number().int(), date: z.string(), kind: z.string(), payer: z.string(), memo: z.string(),
  /** The opening's 差额说明, a receipt's own reason. */
  note: z.string(),
  /** What the item brought to 待查明款项, what was claimed from it, what is left. */
  amount: z.string(), claimed: z.string(), remaining: z.string(),
});
export const claimTarget = z.object({
  /** The part whose sub-ledger receives it (a deposit), or null for common revenue (held for the revenue account). */
  partId: id.nullable(),
  amount: yuanText('认领金额'),
  note: requiredText('说明', 200),
});
export const claimInput = z.object({
  entryId: id,
  date: calendarDate('认领日期'),
  targets: z.array(claimTarget).min(1, { error: '至少认领给一户或公共收益' }).max(500),
});

// ── the reconciliation: bank = fund + 待查明 + other liabilities of the account ──
export const reconciliationInput = z.object({
  communityId: id,
  /** The bank's balance as the treasurer reads it; without it, the latest statement's (or the opening's). */
  bankBalance: balanceText('银行余额').optional(),
  /** The day: a typed balance's (default today); without one, the bank's latest figure on or before it is used. */
  asOf: calendarDate('对账日期').optional(),
});
export const reconciliationItem = z.object({
  entryId: id.nullable(), number: z.number().int().nullable(), date: z.string(), kind: z.string(), memo: z.string(), counterparty: z.string(), amount: z.string(),
});
export const reconciliation = z.object({
  asOf: z.string(),
  bank: z.object({
    amount: z.string(),
    /** statement: a statement's 余额; opening: the bank balance the books were opened with; typed; books: no bank figure known, the books' own. */
    source: z.enum(['statement', 'opening', 'typed', 'books']),
    label: z.string(),
  }),
  /** 专户存款 in the books that day. */
  booksBank: z.string(),
  fund: z.object({ amount: z.string(), households: z.number().int() }),
  unidentified: z.object({ amount: z.string(), items: z.array(reconciliationItem) }),
  other: z.object({
    amount: z.string(),
    accounts: z.array(z.object({ role: z.string(), code: z.string(), name: z.string(), amount: z.string(), items: z.array(reconciliationItem) })),
  }),
  /** bank − (fund + unidentified + other). */
  difference: z.string(),
  explanation: z.object({
    /** Entries that moved the bank account without the fund, 待查明 or the other liabilities (or those without the bank): bank − liabilities in the books. */
    outsideFund: z.object({ total: z.string(), entries: z.array(reconciliationItem), more: z.number().int() }),
    /** Entries in the bank account that came from no statement row, by that day (with the bank's own figure only: a statement's or the opening's). */
    notOnStatement: z.object({ total: z.string(), entries: z.array(reconciliationItem), more: z.number().int() }),
    /** Statement rows posted once whose entry is reversed by that day and not booked again. */
    notInBooks: z.object({ total: z.string(), entries: z.array(reconciliationItem), more: z.number().int() }),
    /** What the lists do not explain: statement rows never imported or left out, a balance typed for another day. */
    unexplained: z.string(),
  }),
});

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
 * What a sub-ledger line was, in the owner's words (main/services/treasury/fund-reports.ts
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
