/** The bank statement's rules (shared/domain/bank-statement.ts): classes by direction and words, rows posted before, the closing balance. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classFits, closingBalance, postedBefore, readsAsBankCharge, readsAsInterest, statementKey } from '../../shared/domain/bank-statement';

describe('classes', () => {
  it('fit receipts or payments, and the memo suggests interest and bank charges', () => {
    expect([classFits('interest', 1), classFits('interest', -1), classFits('repair', -1), classFits('repair', 1), classFits('booked', -1), classFits('skip', 1)])
      .toEqual([true, false, true, false, true, true]);
    expect(['2026年一季度结息', '利息', '存款利息入账', '维修资金'].map(readsAsInterest)).toEqual([true, true, true, false]);
    expect(['短信服务费', '账户管理费', '手续费', '利息税', '工程款'].map(readsAsBankCharge)).toEqual([true, true, true, true, false]);
  });
});

describe('rows posted before', () => {
  const row = (position: number, memo: string, amount = 100) => ({ position, key: statementKey({ date: '2026-01-05', amount, payer: 'A', memo }) });

  it('finds the same file by position, another file by content one for one, and a row of an earlier version by its memo’s first 55 characters', () => {
    const long = '维'.repeat(60);
    const recorded = [
      { id: 'same', key: row(2, 'x').key, samePosition: 2 },
      { id: 'other1', key: row(0, 'y').key, samePosition: null },
      { id: 'legacy', key: statementKey({ date: '2026-01-05', amount: 100, payer: 'A', memo: long.slice(0, 55) }), samePosition: null },
    ];
    const found = postedBefore([row(2, 'x'), row(3, 'y'), row(4, 'y'), row(5, long)], recorded);
    // The second identical "y" is a second receipt: posted now.
    expect([...found]).toEqual([[2, 'same'], [3, 'other1'], [5, 'legacy']]);
  });

  it('over any statements of whole days, repeated and overlapping, remembers each of the bank’s rows once: identical rows of a day too', () => {
    // A bank's export covers whole days; two rows alike (same day, amount, payer, memo) are two receipts.
    const bankRows = fc.array(fc.record({ day: fc.nat(6), what: fc.constantFrom('a', 'b') }), { minLength: 1, maxLength: 25 })
      .map((rows) => rows.sort((x, y) => x.day - y.day).map((r) => `${r.day}|${r.what}`));
    fc.assert(fc.property(bankRows, fc.array(fc.tuple(fc.nat(6), fc.nat(6)), { minLength: 1, maxLength: 8 }), (bank, windows) => {
      const recorded: { id: number; key: string; samePosition: null }[] = [];
      const covered = new Set<number>();
      for (const [a, b] of windows) {
        const [from, to] = [Math.min(a, b), Math.max(a, b)];
        const rows = bank.map((key, i) => ({ key, i })).filter((r) => Number(r.key.split('|')[0]) >= from && Number(r.key.split('|')[0]) <= to)
          .map((r, n) => ({ position: n + 2, key: r.key, bankIndex: r.i }));
        const found = postedBefore(rows, recorded);
        expect(new Set(found.values()).size).toBe(found.size);
        for (const r of rows) {
          covered.add(r.bankIndex);
          if (!found.has(r.position)) recorded.push({ id: recorded.length, key: r.key, samePosition: null });
        }
        for (const key of new Set(bank)) {
          expect(recorded.filter((r) => r.key === key).length).toBe([...covered].filter((i) => bank[i] === key).length);
        }
      }
    }));
  });
});

describe('the closing balance', () => {
  it('is the last row’s 余额 in date order, whichever way the bank lists them, or none without a 余额', () => {
    expect(closingBalance([{ date: '2026-01-01', balance: 1 }, { date: '2026-01-02', balance: 2 }, { date: '2026-01-02', balance: 3 }])).toEqual({ date: '2026-01-02', balance: 3 });
    expect(closingBalance([{ date: '2026-01-03', balance: 9 }, { date: '2026-01-02', balance: 8 }, { date: '2026-01-01', balance: 7 }])).toEqual({ date: '2026-01-03', balance: 9 });
    expect(closingBalance([{ date: '2026-01-03', balance: null }])).toBeNull();
  });
});
