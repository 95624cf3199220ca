/**
 * A voucher in the treasurer's words (issue 13). The books keep double entry
 * (shared/domain/ledger.ts: debits positive); the treasurer reads, per account,
 * whether money came in or went out — 收入/支出 when it crossed the bank
 * account's edge, 转入/转出 when it moved between the community's own accounts
 * — and one amount: the money that moved, never the total of the debits (a
 * transfer from the revenue account to the fund would otherwise count twice).
 * Debit and credit stay inside the books and the accountant's export.
 *
 * This is the one rule: the entry's view, the ledger table, the export and
 * the revenue page's movements all read it. Lines may be given one by one or
 * summed per account, part category and side; the words and amounts are the
 * same. The money moved needs only the bank lines (`movedBy`).
 */
import type { AccountKind, FundCategory } from './ledger';

export type Direction = '收入' | '支出' | '转入' | '转出';

/**
 * 收款 (money into a bank account from outside), 付款 (out of one), 转账
 * (between the community's own accounts, or bank to bank).
 */
export type VoucherForm = 'income' | 'expense' | 'transfer';

export interface PostedLine {
  /** What identifies the account (its id): lines of one account are summed in `accounts`. */
  account: string;
  accountKind: AccountKind;
  /** Debit positive, credit negative, in fen, as the books keep it. */
  amount: number;
  /** A sub-ledger line's part of its movement (缴存, 增值收益, 使用, 转入转出); null on other accounts. */
  category?: FundCategory | null;
}

export interface TreasurerLine {
  direction: Direction;
  /** Fen, never negative — except on a reversal, whose every amount is the original's in red (negative). */
  amount: number;
}

export interface TreasurerVoucher {
  form: VoucherForm;
  /** The money that moved, in fen; negative on a reversal (红字冲销). */
  amount: number;
  /** Each line in the order given. */
  lines: TreasurerLine[];
  /** Per account and direction, in the order first met: the voucher's summary. */
  accounts: { account: string; direction: Direction; amount: number; lines: number }[];
}

/**
 * Money comes *into* an asset (a bank account) on the debit side; into
 * everything else — the owners' sub-ledgers, 待查明款项, income — on the
 * credit side. An expense account's debit is money going out to it.
 */
const inward = (l: PostedLine, amount: number) => (l.accountKind === 'asset' ? amount > 0 : amount < 0);

/**
 * A sub-ledger line says what happened to the household's money whatever
 * the voucher's form: a deposit or earnings came in, a repair used it (a
 * charge moves no bank money, yet the household paid); its transfers are
 * transfers.
 */
function wordsOf(l: PostedLine, form: VoucherForm): 'cash' | 'transfer' {
  if (l.category === 'deposit' || l.category === 'earning' || l.category === 'charge') return 'cash';
  if (l.category === 'transfer') return 'transfer';
  return form === 'transfer' ? 'transfer' : 'cash';
}

/** What an entry's bank accounts (its asset lines) did, as posted: debits and credits in fen, and the entry's debit total. */
export interface BankMovement {
  bankDebits: number;
  bankCredits: number;
  debitTotal: number;
}

/**
 * The voucher's form and the money it moved: into a bank account (收款), out
 * of one (付款), or — both sides of a bank, or none — between the community's
 * own accounts (转账), where the money moved is the bank-to-bank amount or,
 * with no bank, the debit total (a charge's cost, a claim's receipt). A
 * reversal reads as its original, negative. Needs only the bank lines and the
 * debit total, so the ledger table reads no household lines for it.
 */
export function movedBy(kind: string, m: BankMovement): { form: VoucherForm; amount: number } {
  const reversal = kind === 'reversal';
  // A reversal's lines are its original's negated: the original's bank debits are its credits; the debit totals are equal (balanced).
  const bankIn = reversal ? m.bankCredits : m.bankDebits;
  const bankOut = reversal ? m.bankDebits : m.bankCredits;
  const form: VoucherForm = (bankIn > 0) === (bankOut > 0) ? 'transfer' : bankIn > 0 ? 'income' : 'expense';
  const moved = form === 'income' ? bankIn : form === 'expense' ? bankOut : bankIn > 0 ? Math.max(bankIn, bankOut) : m.debitTotal;
  return { form, amount: reversal ? -moved : moved };
}

/**
 * The voucher of an entry of `kind` in the treasurer's words. A reversal
 * (kind 'reversal', lines the original's negated) reads as its original with
 * every amount negative, as a red-ink reversal is written.
 */
export function treasurerVoucher(kind: string, lines: readonly PostedLine[]): TreasurerVoucher {
  const sign = kind === 'reversal' ? -1 : 1;
  const m: BankMovement = { bankDebits: 0, bankCredits: 0, debitTotal: 0 };
  for (const l of lines) {
    if (l.amount > 0) m.debitTotal += l.amount;
    if (l.accountKind === 'asset') {
      if (l.amount > 0) m.bankDebits += l.amount;
      else m.bankCredits -= l.amount;
    }
  }
  const { form, amount } = movedBy(kind, m);
  const original = lines.map((l) => l.amount * sign);
  const out: TreasurerLine[] = lines.map((l, i) => {
    const a = original[i]!;
    const into = inward(l, a);
    const direction: Direction = wordsOf(l, form) === 'cash' ? (into ? '收入' : '支出') : (into ? '转入' : '转出');
    return { direction, amount: Math.abs(a) * sign };
  });
  const accounts: TreasurerVoucher['accounts'] = [];
  lines.forEach((l, i) => {
    const { direction, amount } = out[i]!;
    const found = accounts.find((x) => x.account === l.account && x.direction === direction);
    if (found) {
      found.amount += amount;
      found.lines += 1;
    } else accounts.push({ account: l.account, direction, amount, lines: 1 });
  });
  return { form, amount, lines: out, accounts };
}

export interface VoucherLabels {
  /** What the voucher's one amount is called. */
  amount: string;
  /** The label of the entry's written note (the reason column). */
  note: string;
  counterparty: string;
  reference: string;
}

const AMOUNT_LABEL: Record<VoucherForm, string> = { income: '收入金额', expense: '支出金额', transfer: '转账金额' };

/** The labels of a voucher's fields by its kind: the opening's note explains the difference to the bank, a reversal's why. */
export function voucherLabels(kind: string, form: VoucherForm): VoucherLabels {
  const labels: VoucherLabels = { amount: AMOUNT_LABEL[form], note: '说明', counterparty: '付款方/收款方', reference: '票据号' };
  switch (kind) {
    case 'opening': return { ...labels, amount: '期初专户余额', note: '差额说明', reference: '期初余额文件' };
    case 'reversal': return { ...labels, amount: '冲销金额', note: '冲销原因' };
    case 'charge': return { ...labels, amount: '分摊金额', note: '先行分摊的理由', counterparty: '施工单位' };
    case 'deposit': return { ...labels, counterparty: '缴款人' };
    case 'unidentified': return { ...labels, counterparty: '付款人' };
    case 'earnings': return { ...labels, amount: '分配金额' };
    case 'revenue': case 'income': return { ...labels, counterparty: '付款方' };
    case 'revenue-cost': case 'expense': return { ...labels, counterparty: '收款方' };
    default: return labels;
  }
}
