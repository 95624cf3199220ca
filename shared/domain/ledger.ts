/**
 * The treasurer's books (docs/domain.md §5) as double entry: every movement is an
 * entry whose lines add up to zero, in integer fen, debits positive. The
 * maintenance fund is one account whose every line names the exclusive part
 * (分户账) it belongs to, so the fund equals the sum of its sub-ledgers by
 * construction; the database refuses a fund line without a part.
 */

export const ACCOUNT_KINDS = ['asset', 'liability', 'income', 'expense'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** What an account is for; the forms and reports find accounts by role, never by name. */
export const ACCOUNT_ROLES = [
  'fund-bank', 'fund', 'interest', 'suspense', 'payable', 'revenue-due',
  'revenue-bank', 'revenue', 'revenue-cost', 'revenue-transfer', 'committee-expense',
] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export interface ChartAccount {
  code: string;
  name: string;
  kind: AccountKind;
  role: AccountRole;
}

/**
 * Every community's books start with this chart. Common revenue is kept apart
 * from the fund (its own bank account) because it is the owners' money with its
 * own disclosure rules and only part of it goes to the fund; the owners'
 * committee's spending (业委会工作经费) is paid from it against the budget.
 */
export const DEFAULT_CHART: readonly ChartAccount[] = [
  { code: '1001', name: '维修资金专户存款', kind: 'asset', role: 'fund-bank' },
  { code: '1002', name: '公共收益账户存款', kind: 'asset', role: 'revenue-bank' },
  { code: '2001', name: '住宅专项维修资金（分户）', kind: 'liability', role: 'fund' },
  { code: '2002', name: '待分配增值收益', kind: 'liability', role: 'interest' },
  { code: '2003', name: '待查明款项', kind: 'liability', role: 'suspense' },
  { code: '2101', name: '应付维修款', kind: 'liability', role: 'payable' },
  { code: '2102', name: '代收公共收益', kind: 'liability', role: 'revenue-due' },
  { code: '4001', name: '公共收益', kind: 'income', role: 'revenue' },
  { code: '5001', name: '公共收益合理成本', kind: 'expense', role: 'revenue-cost' },
  { code: '5002', name: '公共收益转入维修资金', kind: 'expense', role: 'revenue-transfer' },
  { code: '5101', name: '业主委员会经费支出', kind: 'expense', role: 'committee-expense' },
];

/**
 * What the fund's bank account holds (docs/domain.md §5, the reconciliation): the
 * fund itself (Σ sub-ledgers), 待查明款项, and the other liabilities of the
 * account — interest received and not yet shared (2002, less the bank's
 * charges), repair payments against their charges (2101), common revenue that
 * arrived in the fund's account and is owed to the revenue account (2102).
 * Every entry that moves the bank account moves these by the same amount, so
 * bank = fund + 待查明 + other holds in the books; the reconciliation lists
 * the entries where it does not.
 */
export const FUND_BANK_LIABILITIES = ['fund', 'suspense', 'interest', 'payable', 'revenue-due'] as const satisfies readonly AccountRole[];
export const OTHER_FUND_LIABILITIES = ['interest', 'payable', 'revenue-due'] as const satisfies readonly AccountRole[];

/** Assets and expenses grow by debits; liabilities and income by credits. */
export function normalBalance(kind: AccountKind, debitSum: number): number {
  return kind === 'asset' || kind === 'expense' ? debitSum : -debitSum;
}

/** A sub-ledger's parts of its movement (the statement's columns). */
export const FUND_CATEGORIES = ['deposit', 'earning', 'charge', 'transfer'] as const;
export type FundCategory = (typeof FUND_CATEGORIES)[number];

export interface EntryLine {
  accountId: string;
  /** Debit positive, credit negative, in fen; never zero. */
  amount: number;
  partId?: string | null;
  category?: FundCategory | null;
}

/** Why a set of lines is not an entry, or null: at least two lines, none zero, adding up to zero. */
export function entryProblem(lines: readonly EntryLine[]): string | null {
  if (lines.length < 2) return '一张凭证至少要涉及两个科目';
  if (lines.some((l) => !Number.isSafeInteger(l.amount))) return '金额应为整数分';
  if (lines.some((l) => l.amount === 0)) return '分录中不能有金额为零的行';
  const sum = lines.reduce((s, l) => s + l.amount, 0);
  return sum === 0 ? null : `凭证不平：收付两方相差 ${sum} 分，不能记账`;
}

/** 'YYYY-MM' of a date. */
export const monthOf = (date: string) => date.slice(0, 7);

/** Days from a to b ('YYYY-MM-DD'), b − a; calendar days, time zones play no part. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10)) -
    Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10))) / 86_400_000);
}

/**
 * A sub-ledger's weight for the earnings of [start, end] (both inclusive):
 * the sum over the days of the balance held at the end of each day, i.e.
 * balance × days. A movement on day d counts from d to the end of the period.
 * `opening` is the balance before `start`; movements are in credit-normal fen
 * (a deposit is positive). Negative days held never occur: movements outside
 * the period are the caller's error.
 */
export function balanceDays(opening: number, movements: readonly { date: string; amount: number }[], start: string, end: string): number {
  const days = daysBetween(start, end) + 1;
  if (days < 1) throw new Error(`period ends before it starts: ${start} – ${end}`);
  let weight = opening * days;
  for (const m of movements) {
    if (m.date < start || m.date > end) throw new Error(`movement on ${m.date} outside ${start} – ${end}`);
    weight += m.amount * (daysBetween(m.date, end) + 1);
  }
  return weight;
}

/** The entry kinds in the treasurer's words: the books' table, the entry's view and the xlsx export. */
export const ENTRY_KIND_NAMES: Readonly<Record<string, string>> = {
  income: '收入', expense: '支出', transfer: '转账', deposit: '缴存', earnings: '增值收益', reversal: '冲销',
  opening: '期初余额', charge: '分摊', unidentified: '待查明款项', revenue: '公共收益', 'revenue-cost': '公共收益成本',
  interest: '利息收入', 'bank-charge': '银行手续费', 'revenue-in': '代收公共收益', 'revenue-out': '转出公共收益', claim: '认领待查明款项',
};
