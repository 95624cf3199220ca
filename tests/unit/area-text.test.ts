import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHundredths, formatHundredthsGrouped, parseArea } from '../../shared/domain/area';
import { addressSortKey, naturalKey, toHalfWidth } from '../../shared/domain/text';

describe('parseArea', () => {
  it.each([
    [89.5, 8950],
    [89.35, 8935],
    [89.349999999999994, 8935], // Excel's float noise
    [0.01, 1],
    ['89.50', 8950],
    ['８９．５０㎡', 8950],
    ['100 平方米', 10000],
    ['1,234.5 m²', 123450],
    ['95m2', 9500],
    [' 120 ', 12000],
    ['120.', 12000],
  ] as const)('reads %j as %i hundredths', (raw, expected) => {
    expect(parseArea(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [12.345, '超过两位小数'],
    ['12.345', '超过两位小数'],
    [0, '必须大于0'],
    ['0.00', '必须大于0'],
    [-5, '必须大于0'],
    ['-5', '必须大于0'],
    ['', '面积为空'],
    [null, '面积为空'],
    ['八十', '不是数字'],
    ['12.3.4', '不是数字'],
    [Number.NaN, '不是有效的数字'],
  ] as const)('refuses %j with a Chinese reason', (raw, reason) => {
    const result = parseArea(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(reason);
  });

  it('round-trips every two-decimal value through its text', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000_00 }), (h) => {
      expect(parseArea(formatHundredths(h))).toEqual({ ok: true, value: h });
      expect(parseArea(h / 100)).toEqual({ ok: true, value: h });
    }));
  });
});

describe('formatting', () => {
  it('prints exactly two decimals', () => {
    expect(formatHundredths(63500)).toBe('635.00');
    expect(formatHundredths(5)).toBe('0.05');
    expect(formatHundredths(-150)).toBe('-1.50');
    expect(formatHundredthsGrouped(123456789)).toBe('1,234,567.89');
  });
});

describe('text', () => {
  it('reads full-width letters and digits as half-width', () => {
    expect(toHalfWidth('１幢Ａ座　１０１')).toBe('1幢A座 101');
  });
  it('sorts 2幢 before 10幢 and 1单元 before 2单元', () => {
    const keys = ['10幢', '2幢', '1幢'].map(naturalKey).sort();
    expect(keys).toEqual(['1幢', '2幢', '10幢'].map(naturalKey));
    expect(addressSortKey('1幢', '2单元', '101') > addressSortKey('1幢', '1单元', '902')).toBe(true);
    expect(addressSortKey('1幢', null, '101') < addressSortKey('1幢', '1单元', '101')).toBe(true);
  });
});
