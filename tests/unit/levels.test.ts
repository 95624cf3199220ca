/**
 * The three levels' rules (shared/domain/levels.ts): a target's rate as the street reads it, rounded down in
 * integers, and the reporter of an escalated issue as it goes up.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskReporter, rateText } from '../../shared/domain/levels';

describe('rateText', () => {
  it('gives two decimals, rounded down, never up into a target', () => {
    expect(rateText(5, 6)).toBe('83.33');
    expect(rateText(2, 3)).toBe('66.66');
    expect(rateText(1, 1)).toBe('100.00');
    expect(rateText(0, 7)).toBe('0.00');
    expect(rateText(0, 0)).toBe('0.00');
    // 7999/10000 = 79.99 %, and 79.996 % is not shown as 80.00 %.
    expect(rateText(7999, 10000)).toBe('79.99');
    expect(rateText(19999, 25000)).toBe('79.99');
    expect(rateText(4, 5)).toBe('80.00');
  });

  it('is floor(part × 10000 ÷ total) hundredths of a percent for any counts', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.nat(1_000_000), (total, p) => {
      const part = p % (total + 1);
      const text = rateText(part, total);
      expect(text).toMatch(/^\d{1,3}\.\d{2}$/);
      const hundredths = Number(text.replace('.', ''));
      expect(hundredths * total).toBeLessThanOrEqual(part * 10000);
      expect((hundredths + 1) * total).toBeGreaterThan(part * 10000);
    }));
  });

  it('refuses what is not a count', () => {
    expect(() => rateText(1.5, 3)).toThrow();
    expect(() => rateText(-1, 3)).toThrow();
  });
});

describe('maskReporter', () => {
  it('keeps the first character and hides the rest; a blank stays blank', () => {
    expect(maskReporter('张三丰')).toBe('张**');
    expect(maskReporter('李')).toBe('李*');
    expect(maskReporter('  王五 ')).toBe('王*');
    expect(maskReporter('')).toBe('');
    fc.assert(fc.property(fc.string({ minLength: 2, maxLength: 20 }).filter((s) => s.trim().length > 1), (name) => {
      const masked = maskReporter(name);
      expect(Array.from(masked).slice(1).every((c) => c === '*')).toBe(true);
    }));
  });
});
