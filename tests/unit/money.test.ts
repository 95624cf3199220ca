/** Money in fen (docs/domain.md §5): yuan text, capitals, and shares that add up to the fen. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion, belowShare, fenToCapitals, fenToYuan, parseYuan, topUpTo } from '../../shared/domain/money';

describe('amounts', () => {
  it('prints and reads yuan with two decimals', () => {
    expect(fenToYuan(123456)).toBe('1234.56');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(-100)).toBe('-1.00');
    expect(parseYuan('1,234.5')).toBe(123450);
    expect(parseYuan('￥1234元')).toBe(123400);
    expect(parseYuan('12.345')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
  });

  it.each([
    [1234567, '壹万贰仟叁佰肆拾伍元陆角柒分'], // docs/domain.md §5
    [100000, '壹仟元整'],
    [1000, '壹拾元整'],
    [100500, '壹仟零伍元整'],
    [10000700, '壹拾万零柒元整'],
    [10007, '壹佰元零柒分'],
    [120, '壹元贰角'],
    [5, '伍分'],
    [0, '零元整'],
    [200000000000, '贰拾亿元整'],
    [10000000000, '壹亿元整'],
    [1000100000, '壹仟万壹仟元整'], // a group's trailing zeros are not read
    [1000010000, '壹仟万零壹佰元整'],
    [-250, '负贰元伍角'],
  ] as const)('%i fen in capitals is %s', (fen, text) => {
    expect(fenToCapitals(fen)).toBe(text);
  });
});

describe('shares by area add up to the fen', () => {
  it('gives the leftover fen to the largest remainders, ties to the larger area, then the earlier address', () => {
    // 100.00 yuan over three equal areas: 33.34 / 33.33 / 33.33 — the first address takes the extra fen.
    expect([...apportion(10000, [{ key: 'a', weight: 9000 }, { key: 'b', weight: 9000 }, { key: 'c', weight: 9000 }]).values()]).toEqual([3334, 3333, 3333]);
    // 1.00 yuan over 90 and 110 m²: 45 / 55 exactly.
    expect(apportion(100, [{ key: '101', weight: 9000 }, { key: '102', weight: 11000 }])).toEqual(new Map([['101', 45], ['102', 55]]));
    // 0.01 yuan: the largest remainder is the larger area.
    expect(apportion(1, [{ key: 'small', weight: 100 }, { key: 'large', weight: 300 }])).toEqual(new Map([['small', 0], ['large', 1]]));
  });

  it('property: shares add up exactly, and each is its exact share rounded down or up', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 10_000_000_000 }),
      fc.array(fc.integer({ min: 1, max: 2_000_000_000 }), { minLength: 1, maxLength: 40 }),
      (total, weights) => {
        const basis = weights.map((weight, i) => ({ key: String(i), weight }));
        const shares = apportion(total, basis);
        const sum = weights.reduce((s, w) => s + BigInt(w), 0n);
        expect([...shares.values()].reduce((s, v) => s + v, 0)).toBe(total);
        basis.forEach((b) => {
          const floor = Number((BigInt(total) * BigInt(b.weight)) / sum);
          expect(shares.get(b.key)! - floor).toBeGreaterThanOrEqual(0);
          expect(shares.get(b.key)! - floor).toBeLessThanOrEqual(1);
        });
      },
    ));
  });

  it('property: the order of entries with different weights does not change anyone’s share', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.uniqueArray(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 20 }), (total, weights) => {
      const basis = weights.map((weight) => ({ key: `w${weight}`, weight }));
      const a = apportion(total, basis);
      const b = apportion(total, [...basis].reverse());
      for (const k of a.keys()) expect(b.get(k)).toBe(a.get(k));
    }));
  });
});

describe('top-up of a household sub-ledger', () => {
  it('is due strictly below 30 % of the initial deposit (boundary on both sides)', () => {
    expect(belowShare(299_999, 1_000_000, 30)).toBe(true);
    expect(belowShare(300_000, 1_000_000, 30)).toBe(false);
    expect(belowShare(3, 10, 30)).toBe(false); // balance*10 < initial*3 → 30 < 30 is false
    expect(belowShare(2, 10, 30)).toBe(true);
  });
  it('tops up to the target share (Shanghai: 50 %), rounded up to the fen', () => {
    expect(topUpTo(200_000, 1_000_000, 50)).toBe(300_000);
    expect(topUpTo(600_000, 1_000_000, 50)).toBe(0);
    expect(topUpTo(0, 333, 50)).toBe(167);
  });
});
