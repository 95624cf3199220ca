/** The fund charts' value axis (renderer/src/features/treasury/prints/chartAxis.ts): what is visible, and that every value fits. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { niceStep, valueAxis } from '../../renderer/src/features/treasury/prints/chartAxis';

const yuan = (n: number) => Math.round(n * 100);

describe('the value axis of the fund charts', () => {
  it('a 37,000 repair on a 2,600,000 fund spans most of the chart, counted in 万元', () => {
    const balances = [2_600_000, 2_600_000, 2_600_000, 2_600_000, 2_600_000, 2_563_000, 2_563_000].map(yuan);
    const axis = valueAxis(balances, 'line');
    expect(axis.unit).toBe(10_000);
    expect(axis.min).toBeGreaterThan(yuan(2_500_000));
    expect(axis.max).toBeLessThan(yuan(2_700_000));
    // The drop is at least a quarter of the axis (from zero it would be 1.4 %).
    expect((yuan(37_000) / (axis.max - axis.min))).toBeGreaterThanOrEqual(0.25);
    expect(axis).toEqual({ min: yuan(2_550_000), max: yuan(2_610_000), interval: yuan(10_000), unit: 10_000 });
  });

  it('keeps zero when the balances spread over more than half of the top one, and for bars', () => {
    expect(valueAxis([9_000, 43_600, 43_000].map(yuan), 'line')).toEqual({ min: 0, max: yuan(50_000), interval: yuan(10_000), unit: 1 });
    expect(valueAxis([yuan(6_000), yuan(5_500)], 'bar').min).toBe(0);
    expect(valueAxis([yuan(-300), yuan(500)], 'bar')).toMatchObject({ min: yuan(-400), max: yuan(600) });
  });

  it('draws a flat or empty line in a band, never a zero-height axis', () => {
    const flat = valueAxis([yuan(1_000_000), yuan(1_000_000)], 'line');
    expect(flat.max).toBeGreaterThan(flat.min);
    expect(flat.min).toBeLessThan(yuan(1_000_000));
    expect(valueAxis([], 'line').max).toBeGreaterThan(0);
  });

  it('nice steps are 1, 2, 2.5 or 5 × a power of ten', () => {
    expect([1, 7, 11, 240, 2_600, 74_000].map(niceStep)).toEqual([1, 10, 20, 250, 5_000, 100_000]);
  });

  it('every value lies on the axis, which starts on a tick and has a handful of them', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: -1e11, max: 1e11 }), { minLength: 1, maxLength: 36 }), fc.constantFrom('line' as const, 'bar' as const),
      (values, kind) => {
        const axis = valueAxis(values, kind);
        for (const v of values) expect(v >= axis.min && v <= axis.max).toBe(true);
        expect(axis.min % axis.interval === 0).toBe(true);
        const ticks = (axis.max - axis.min) / axis.interval;
        expect(ticks >= 1 && ticks <= 12).toBe(true);
        if (kind === 'bar') expect(axis.min <= 0 && axis.max >= 0).toBe(true);
      },
    ));
  });
});
