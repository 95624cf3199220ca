/**
 * Money coming into the books: opening balances, bank statements (rows
 * classified and remembered), 待查明款项 as claimable items, and the
 * reconciliation of the fund's bank account.
 */
import { z } from 'zod';
import { STATEMENT_CLASSES, STATEMENT_CLASS_NAMES } from '../../domain/bank-statement';
import { calendarDate } from '../meetings';
import { decimal2, filePayload, id, optionalText, requiredText, rowError } from '../fields';
import { yuanText } from './fund';

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
