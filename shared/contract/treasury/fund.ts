/** The treasury's books: the ledger, the maintenance fund and its sub-ledgers (the rest of the treasury beside it in this folder). */
import { z } from 'zod';
import { parseYuan } from '../../domain/money';
import { ACCOUNT_KINDS, ACCOUNT_ROLES, FUND_CATEGORIES } from '../../domain/ledger';
import { calendarDate } from '../meetings';
import { decimal2, id, optionalText, requiredText } from '../fields';

/** An amount typed by a person ("1,234.5", "￥1234") → fen; `positive` refuses zero and negatives. */
export const yuanText = (label: string) =>
  z.string({ error: `${label}应为金额` }).transform((value, ctx) => {
    const fen = parseYuan(value);
    if (fen === null) {
      ctx.addIssue({ code: 'custom', message: `${label}“${value}”不是金额，应为如 1234.56 的元数，最多两位小数` });
      return z.NEVER;
    }
    if (fen <= 0) {
      ctx.addIssue({ code: 'custom', message: `${label}应大于零` });
      return z.NEVER;
    }
    return fen;
  });

const percent = (label: string) => z.number({ error: `${label}应为百分数` }).int({ error: `${label}应为整数` }).min(1).max(100);

/** The fund's local rules (docs/domain.md §5), per community; each default is the national one. */
export const fundRules = z.object({
  /** Initial deposit per m² of exclusive area, fen (local 5–8 % of construction cost); 0 = not set yet. */
  depositRatePerM2: z.number().int().min(0).max(10_000_000).default(0),
  /** Top-up when the balance falls below this share of the initial deposit (national 30 %). */
  topUpTriggerPercent: percent('续筹触发比例').default(30),
  /** …back up to this share (Shanghai: 50 %). */
  topUpTargetPercent: percent('续筹目标比例').default(30),
  /** Common revenue to the fund (shared/domain/treasury.ts): Beijing ≥ 50 % while the fund is below 30 %; Shanghai > 50 %. */
  revenueTransferPercent: percent('公共收益转入比例').default(50),
  revenueTransferStrict: z.boolean().default(false),
  revenueTransferOnlyBelowPercent: percent('维修资金低于比例').nullable().default(null),
  /** Repairs: an audit above this cost (fen; Hangzhou 3,000,000), a new approval at this overrun share (Hangzhou 10). */
  repairAuditAbove: z.number().int().min(0).nullable().default(null),
  repairReapprovalPercent: percent('超支重新表决比例').nullable().default(null),
});
export type FundRules = z.output<typeof fundRules>;

export const fundCategory = z.enum(FUND_CATEGORIES);

export const account = z.object({
  id, code: z.string(), name: z.string(), kind: z.enum(ACCOUNT_KINDS), role: z.enum(ACCOUNT_ROLES), subLedger: z.boolean(),
  /** On the account's normal side (an asset's debit balance, a liability's credit balance). */
  balance: decimal2,
});

export const books = z.object({
  communityId: id,
  accounts: z.array(account),
  /** The latest closed month (YYYY-MM), or null. */
  closedThrough: z.string().nullable(),
});

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份应为 YYYY-MM' });

/**
 * The treasurer's three forms. 收入: money into a bank account from an account
 * (a part's deposit, revenue…). 支出: money out of a bank account to an account.
 * 转账: between two accounts. A fund account needs the part (分户).
 */
export const recordInput = z.object({
  communityId: id,
  form: z.enum(['income', 'expense', 'transfer']),
  date: calendarDate('记账日期'),
  amount: yuanText('金额'),
  /** income: the bank account; expense: the account charged; transfer: the account receiving. */
  debitAccountId: id,
  /** income: the source account; expense: the bank account; transfer: the account giving. */
  creditAccountId: id,
  /** The part whose sub-ledger a fund line belongs to. */
  partId: id.nullable().default(null),
  category: fundCategory.nullable().default(null),
  memo: requiredText('摘要', 200),
  counterparty: optionalText('付款方/收款方', 100),
  reference: optionalText('票据号', 60),
});

/** 收入/支出 (money across the bank account's edge) or 转入/转出 (between the community's own accounts): shared/domain/voucher.ts. */
export const direction = z.enum(['收入', '支出', '转入', '转出']);

/** A voucher's line in the treasurer's words: the direction and the amount (negative on a reversal, red ink). */
export const entryLine = z.object({
  accountId: id, accountCode: z.string(), accountName: z.string(),
  partId: id.nullable(), address: z.string().nullable(), category: fundCategory.nullable(),
  direction, amount: decimal2,
});

export const entry = z.object({
  id, number: z.number().int(), date: z.string(), kind: z.string(), memo: z.string(), counterparty: z.string(), reference: z.string(),
  /** This entry reverses that one (冲销). */
  reversesId: id.nullable(), reversesNumber: z.number().int().nullable(),
  /** The entry that reverses this one, if any. */
  reversedById: id.nullable(), reversedByNumber: z.number().int().nullable(),
  reason: z.string(), createdAt: z.string(), createdBy: z.string(),
  /** 收款, 付款 or 转账 (shared/domain/voucher.ts). */
  form: z.enum(['income', 'expense', 'transfer']),
  /** The money that moved (never the total of the debits); negative on a reversal. */
  amount: decimal2,
  /** What this kind of voucher calls its amount, note, counterparty and reference. */
  labels: z.object({ amount: z.string(), note: z.string(), counterparty: z.string(), reference: z.string() }),
  /** Per account and direction: the voucher's summary (a share to 48 households is one row here, `households` 48). */
  accounts: z.array(z.object({ accountId: id, accountCode: z.string(), accountName: z.string(), direction, amount: decimal2, households: z.number().int() })),
  lines: z.array(entryLine),
});

export const reverseInput = z.object({
  id,
  date: calendarDate('冲销日期'),
  reason: requiredText('冲销原因', 500),
});

export const entryQuery = z.object({
  communityId: id,
  accountId: id.optional(),
  partId: id.optional(),
  from: calendarDate('开始日期').optional(),
  to: calendarDate('结束日期').optional(),
  /** Words of the memo, counterparty, reference or address. */
  text: z.string().trim().max(100).default(''),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
});

/** One row of the ledger table: an entry's line in the account filtered on, or the entry's total. */
export const entryRow = z.object({
  id, number: z.number().int(), date: z.string(), kind: z.string(), memo: z.string(), counterparty: z.string(),
  accounts: z.string(), address: z.string().nullable(), amount: decimal2, reversed: z.boolean(), reversal: z.boolean(),
});
export const entryPage = z.object({ total: z.number().int(), rows: z.array(entryRow) });

export const closeMonthInput = z.object({ communityId: id, month });

// ── the maintenance fund ──────────────────────────────────────────────
export const householdRow = z.object({
  partId: id, address: z.string(), area: decimal2, owners: z.string(),
  initialDue: decimal2, deposited: decimal2, earnings: decimal2, charges: decimal2, transfers: decimal2, balance: decimal2,
  /** Below the community's top-up trigger (docs/domain.md §5). */
  belowTopUp: z.boolean(),
  /** What brings it back to the target share. */
  topUp: decimal2,
});

export const householdQuery = z.object({
  communityId: id,
  text: z.string().trim().max(100).default(''),
  belowTopUpOnly: z.boolean().default(false),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(50_000).default(200),
});
export const householdPage = z.object({ total: z.number().int(), rows: z.array(householdRow) });

export const fundBalance = z.object({
  /** The fund account's balance. */
  fund: decimal2,
  /** The sum of the sub-ledgers (equal to the fund, by the ledger's construction). */
  households: decimal2,
  belowTopUp: z.number().int(),
  /** The fund's bank account. */
  bank: decimal2,
});

export const subLedger = z.object({
  household: householdRow,
  /** Who held the part when: the balance stays with the part on a sale. */
  owners: z.array(z.object({ names: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
  lines: z.array(z.object({
    entryId: id, number: z.number().int(), date: z.string(), memo: z.string(), category: fundCategory.nullable(),
    /** Into the sub-ledger (deposit, earnings) positive, out (charges) negative. */
    amount: decimal2, balance: decimal2,
  })),
});

export const depositInput = z.object({
  partId: id,
  date: calendarDate('缴存日期'),
  amount: yuanText('缴存金额'),
  payer: optionalText('缴款人', 100),
  memo: optionalText('摘要', 200),
  reference: optionalText('票据号', 60),
});

/** Sharing the interest received in a period (its receipts in 待分配增值收益, less the bank's charges): no new receipt is booked. */
export const earningsInput = z.object({
  communityId: id,
  start: calendarDate('计息开始日期'),
  end: calendarDate('计息结束日期'),
  /** Posting date; defaults to the period's end. */
  date: calendarDate('记账日期').optional(),
  memo: optionalText('摘要', 200),
});

export const scopeInput = z.object({ communityId: id, buildingId: id.optional(), entranceId: id.optional() });

export const apportionInput = scopeInput.extend({ amount: yuanText('分摊金额') });

export const share = z.object({ partId: id, address: z.string(), area: decimal2, amount: decimal2 });

/** Shares by area that add up to the fen; the method in words for the notice. */
export const apportionment = z.object({
  total: decimal2, basis: z.string(), method: z.string(),
  totalWeight: z.string(), shares: z.array(share),
});

export const earningsResult = apportionment.extend({
  entryId: id.nullable(), period: z.string(),
  /** The interest receipts (and bank charges) shared: what the total is made of. */
  receipts: z.array(z.object({ entryId: id, number: z.number().int(), date: z.string(), kind: z.string(), memo: z.string(), amount: z.string() })),
});
