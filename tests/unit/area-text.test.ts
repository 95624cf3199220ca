import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AREA_BOUNDS, describeAreaBound, formatHundredths, formatHundredthsGrouped, parseArea, unusualArea } from '../../shared/domain/area';
import { parseYuan } from '../../shared/domain/money';
import { PART_TYPES } from '../../shared/domain/register';
import { addressSortKey, naturalKey, toHalfWidth, ungroupThousands } from '../../shared/domain/text';

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

  it.each([
    ['89,50'], ['1,2,3.5'], ['96，5'], ['1,23'], ['1234,567'], [',123'], ['1,234,5'], ['12,34.5'], ['1,000,00.5'],
  ])('refuses %j: a comma only groups thousands', (raw) => {
    const result = parseArea(raw);
    expect(result).toEqual({ ok: false, message: expect.stringContaining('逗号') });
    if (!result.ok) expect(result.message).toContain(raw);
  });

  it.each([
    ['1,234.56', 123456], ['12,345', 1234500], ['1,234,567.8', 123456780], ['１，２３４．５６㎡', 123456],
  ] as const)('reads %j with thousands grouping as %i hundredths', (raw, expected) => {
    expect(parseArea(raw)).toEqual({ ok: true, value: expected });
  });

  it('any grouped value reads back; a comma moved off the grouping is refused', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 99_999_999_999 }), (h) => {
      const grouped = formatHundredthsGrouped(h);
      expect(parseArea(grouped)).toEqual({ ok: true, value: h });
      expect(parseYuan(grouped)).toBe(h);
    }));
    // Shifting any comma of a grouped number by one place breaks the grouping.
    fc.assert(fc.property(fc.integer({ min: 100_000, max: 99_999_999_999 }), fc.nat(), fc.boolean(), (h, pick, left) => {
      const grouped = formatHundredthsGrouped(h);
      const commas = [...grouped].flatMap((c, i) => (c === ',' ? [i] : []));
      const at = commas[pick % commas.length]!;
      const chars = [...grouped];
      const to = left ? at - 1 : at + 1;
      [chars[at], chars[to]] = [chars[to]!, chars[at]!];
      const shifted = chars.join('');
      expect(ungroupThousands(shifted)).toBeNull();
      expect(parseArea(shifted).ok).toBe(false);
      expect(parseYuan(shifted)).toBeNull();
    }));
  });

  it('round-trips every two-decimal value through its text', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000_00 }), (h) => {
      expect(parseArea(formatHundredths(h))).toEqual({ ok: true, value: h });
      expect(parseArea(h / 100)).toEqual({ ok: true, value: h });
    }));
  });
});

describe('plausible areas per part type', () => {
  it('flags areas outside the bounds, naming the type, the area and the range', () => {
    expect(unusualArea('住宅', 4_500_000, DEFAULT_AREA_BOUNDS)).toBe('住宅面积 45,000.00 ㎡ 偏大，超出本小区设定的住宅面积合理范围（5.00–1,000.00 ㎡）');
    expect(unusualArea('住宅', 499, DEFAULT_AREA_BOUNDS)).toContain('偏小');
    expect(unusualArea('住宅', 500, DEFAULT_AREA_BOUNDS)).toBeNull();
    expect(unusualArea('住宅', 100_000, DEFAULT_AREA_BOUNDS)).toBeNull();
    expect(unusualArea('车位', 5_001, DEFAULT_AREA_BOUNDS)).toContain('车位面积 50.01 ㎡ 偏大');
    expect(unusualArea('车位', 1_250, DEFAULT_AREA_BOUNDS)).toBeNull();
    expect(unusualArea('住宅', 1, { ...DEFAULT_AREA_BOUNDS, 住宅: { min: null, max: null } })).toBeNull();
    expect(describeAreaBound({ min: null, max: 5000 })).toBe('不超过 50.00 ㎡');
    expect(describeAreaBound({ min: 100, max: null })).toBe('至少 1.00 ㎡');
  });

  it('an area is unusual exactly when it lies outside [min, max]', () => {
    const bound = fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: null });
    fc.assert(fc.property(fc.constantFrom(...PART_TYPES), fc.integer({ min: 1, max: 2_000_000 }), bound, bound, (type, area, min, max) => {
      const bounds = { ...DEFAULT_AREA_BOUNDS, [type]: { min, max } };
      const outside = (min !== null && area < min) || (max !== null && area > max);
      expect(unusualArea(type, area, bounds) !== null).toBe(outside);
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
