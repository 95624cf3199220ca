/**
 * Vouchers in the treasurer's words (shared/domain/voucher.ts): every entry
 * kind the services post, with the lines they post (main/services/*), read
 * as 收入/支出/转入/转出 and one amount — the money that moved.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHART, type AccountRole, type FundCategory } from '../../shared/domain/ledger';
import { treasurerVoucher, voucherLabels, type PostedLine } from '../../shared/domain/voucher';

/** A line on the default chart's account of `role` (debit positive). */
function line(role: AccountRole, amount: number, category: FundCategory | null = null): PostedLine {
  const account = DEFAULT_CHART.find((a) => a.role === role)!;
  return { account: account.code, accountKind: account.kind, amount, category };
}

/** [account code, direction, amount] of each line. */
const words = (kind: string, lines: PostedLine[]) => {
  const v = treasurerVoucher(kind, lines);
  return { form: v.form, amount: v.amount, lines: v.lines.map((l, i) => [lines[i]!.account, l.direction, l.amount]) };
};

const reversed = (lines: PostedLine[]) => lines.map((l) => ({ ...l, amount: -l.amount }));

describe('each entry kind in the treasurer’s words', () => {
  it('a deposit (fund.deposit, a matched statement row): the bank and the household both 收入, the amount once', () => {
    expect(words('deposit', [line('fund-bank', 895_000), line('fund', -895_000, 'deposit')])).toEqual({
      form: 'income', amount: 895_000, lines: [['1001', '收入', 895_000], ['2001', '收入', 895_000]],
    });
  });

  it('an unidentified receipt: the bank and 待查明款项 收入', () => {
    expect(words('unidentified', [line('fund-bank', 5_000), line('suspense', -5_000)])).toEqual({
      form: 'income', amount: 5_000, lines: [['1001', '收入', 5_000], ['2003', '收入', 5_000]],
    });
  });

  it('a claim (fund.settleUnidentified, kind transfer): 待查明款项 转出, the household receives it as its deposit', () => {
    expect(words('transfer', [line('suspense', 5_000), line('fund', -5_000, 'deposit')])).toEqual({
      form: 'transfer', amount: 5_000, lines: [['2003', '转出', 5_000], ['2001', '收入', 5_000]],
    });
  });

  it('earnings shared to the households: the bank 收入 the interest once, each household 收入 its share', () => {
    expect(words('earnings', [line('fund-bank', 1_000), line('fund', -600, 'earning'), line('fund', -400, 'earning')])).toEqual({
      form: 'income', amount: 1_000, lines: [['1001', '收入', 1_000], ['2001', '收入', 600], ['2001', '收入', 400]],
    });
  });

  it('the opening: the bank’s balance is the amount; deposits and earnings 收入, what was used 支出, the difference to 待查明款项', () => {
    const opening = [
      line('fund-bank', 2_820_050),
      line('fund', -900_000, 'deposit'), line('fund', -12_050, 'earning'),
      line('fund', -1_100_000, 'deposit'), line('fund', 200_000, 'charge'),
      line('fund', -1_000_000, 'deposit'),
      line('suspense', -8_000),
    ];
    const v = treasurerVoucher('opening', opening);
    expect(v.form).toBe('income');
    expect(v.amount).toBe(2_820_050); // not the debits' 3,020,050
    expect(v.lines.map((l) => l.direction)).toEqual(['收入', '收入', '收入', '收入', '支出', '收入', '收入']);
    expect(v.accounts).toEqual([
      { account: '1001', direction: '收入', amount: 2_820_050, lines: 1 },
      { account: '2001', direction: '收入', amount: 3_012_050, lines: 4 },
      { account: '2001', direction: '支出', amount: 200_000, lines: 1 },
      { account: '2003', direction: '收入', amount: 8_000, lines: 1 },
    ]);
  });

  it('a repair charge: the households 支出 their shares, 应付维修款 转入 the final cost; no bank money moves', () => {
    expect(words('charge', [line('fund', 1_692_308, 'charge'), line('fund', 1_607_693, 'charge'), line('payable', -3_300_001)])).toEqual({
      form: 'transfer', amount: 3_300_001, lines: [['2001', '支出', 1_692_308], ['2001', '支出', 1_607_693], ['2101', '转入', 3_300_001]],
    });
  });

  it('a repair payment (kind expense): 应付维修款 and the bank 支出', () => {
    expect(words('expense', [line('payable', 1_000_000), line('fund-bank', -1_000_000)])).toEqual({
      form: 'expense', amount: 1_000_000, lines: [['2101', '支出', 1_000_000], ['1001', '支出', 1_000_000]],
    });
  });

  it('budget spending (kind expense): the committee’s expense and the revenue account 支出', () => {
    expect(words('expense', [line('committee-expense', 80_000), line('revenue-bank', -80_000)])).toEqual({
      form: 'expense', amount: 80_000, lines: [['5101', '支出', 80_000], ['1002', '支出', 80_000]],
    });
  });

  it('common revenue and its reasonable cost', () => {
    expect(words('revenue', [line('revenue-bank', 1_200_000), line('revenue', -1_200_000)])).toEqual({
      form: 'income', amount: 1_200_000, lines: [['1002', '收入', 1_200_000], ['4001', '收入', 1_200_000]],
    });
    expect(words('revenue-cost', [line('revenue-cost', 200_000), line('revenue-bank', -200_000)])).toEqual({
      form: 'expense', amount: 200_000, lines: [['5001', '支出', 200_000], ['1002', '支出', 200_000]],
    });
  });

  it('the revenue transfer to the fund: bank to bank, every line 转入/转出, the amount once (not twice, as the debits would)', () => {
    const transfer = [line('revenue-transfer', 500_000), line('fund', -300_001, 'transfer'), line('fund', -199_999, 'transfer'),
      line('fund-bank', 500_000), line('revenue-bank', -500_000)];
    expect(words('transfer', transfer)).toEqual({
      form: 'transfer', amount: 500_000,
      lines: [['5002', '转出', 500_000], ['2001', '转入', 300_001], ['2001', '转入', 199_999], ['1001', '转入', 500_000], ['1002', '转出', 500_000]],
    });
  });

  it('the three forms of the books: 收入, 支出 and 转账', () => {
    expect(words('income', [line('revenue-bank', 100), line('revenue', -100)]).lines.map((l) => l[1])).toEqual(['收入', '收入']);
    expect(words('expense', [line('revenue-cost', 100), line('revenue-bank', -100)]).lines.map((l) => l[1])).toEqual(['支出', '支出']);
    expect(words('transfer', [line('suspense', 100), line('payable', -100)])).toEqual({
      form: 'transfer', amount: 100, lines: [['2003', '转出', 100], ['2101', '转入', 100]],
    });
  });

  it('a reversal reads as its original in red: the same words, every amount negative', () => {
    const deposit = [line('fund-bank', 50_000), line('fund', -50_000, 'deposit')];
    expect(words('reversal', reversed(deposit))).toEqual({
      form: 'income', amount: -50_000, lines: [['1001', '收入', -50_000], ['2001', '收入', -50_000]],
    });
    const transfer = [line('revenue-transfer', 500), line('fund', -500, 'transfer'), line('fund-bank', 500), line('revenue-bank', -500)];
    expect(words('reversal', reversed(transfer))).toMatchObject({ form: 'transfer', amount: -500 });
    expect(treasurerVoucher('reversal', reversed(transfer)).lines.map((l) => l.direction)).toEqual(['转出', '转入', '转入', '转出']);
  });

  it('labels by kind: the opening’s note is 差额说明, a reversal’s 冲销原因', () => {
    expect(voucherLabels('opening', 'income')).toMatchObject({ note: '差额说明', amount: '期初专户余额' });
    expect(voucherLabels('reversal', 'income')).toMatchObject({ note: '冲销原因', amount: '冲销金额' });
    expect(voucherLabels('deposit', 'income')).toMatchObject({ amount: '收入金额', counterparty: '缴款人', note: '说明' });
    expect(voucherLabels('expense', 'expense')).toMatchObject({ amount: '支出金额', counterparty: '收款方' });
    expect(voucherLabels('transfer', 'transfer').amount).toBe('转账金额');
    expect(voucherLabels('charge', 'transfer')).toMatchObject({ amount: '分摊金额', counterparty: '施工单位' });
    // Neither debit nor credit in any label.
    for (const kind of ['opening', 'reversal', 'charge', 'deposit', 'unidentified', 'earnings', 'revenue', 'revenue-cost', 'income', 'expense', 'transfer', 'other']) {
      for (const form of ['income', 'expense', 'transfer'] as const) expect(JSON.stringify(voucherLabels(kind, form))).not.toMatch(/[借贷]/);
    }
  });
});

describe('summed lines read the same as lines one by one', () => {
  const roles: AccountRole[] = ['fund-bank', 'revenue-bank', 'fund', 'suspense', 'payable', 'revenue', 'revenue-cost', 'revenue-transfer', 'committee-expense'];
  const categories: (FundCategory | null)[] = ['deposit', 'earning', 'charge', 'transfer'];
  const arbitraryLine = fc.tuple(fc.constantFrom(...roles), fc.integer({ min: -1_000_000, max: 1_000_000 }).filter((a) => a !== 0), fc.constantFrom(...categories))
    .map(([role, amount, category]) => line(role, amount, role === 'fund' ? category : null));

  it('property: the amount and the accounts’ totals do not depend on how the lines are split (the ledger table sums them per account)', () => {
    fc.assert(fc.property(fc.array(arbitraryLine, { minLength: 1, maxLength: 12 }), fc.constantFrom('deposit', 'transfer', 'reversal', 'charge'), (lines, kind) => {
      const summed = new Map<string, PostedLine>();
      for (const l of lines) {
        const key = `${l.account}|${l.category ?? ''}|${l.amount > 0}`;
        const s = summed.get(key);
        summed.set(key, s ? { ...s, amount: s.amount + l.amount } : { ...l });
      }
      const a = treasurerVoucher(kind, lines);
      const b = treasurerVoucher(kind, [...summed.values()]);
      expect(b.amount).toBe(a.amount);
      expect(b.form).toBe(a.form);
      const totals = (v: typeof a) => Object.fromEntries(v.accounts.map((x) => [`${x.account}${x.direction}`, x.amount]));
      expect(totals(b)).toEqual(totals(a));
      // And a reversal's amounts are never positive, anything else's never negative.
      for (const l of a.lines) expect(kind === 'reversal' ? l.amount <= 0 : l.amount >= 0).toBe(true);
    }));
  });
});
