/** The quarterly service-quality evaluation: a weighted checklist scored with integers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bandOf, checkChecklist, DEFAULT_CHECKLIST, evaluationScore, quarterOf, type ChecklistItem,
} from '../../shared/domain/evaluation';

const scores = (cleaning: number, security: number, greening: number, repairs: number, service: number) =>
  ({ cleaning, security, greening, repairs, service });

const ok = (items: readonly ChecklistItem[], s: Record<string, number>) => {
  const r = evaluationScore(items, s);
  if (!r.ok) throw new Error(r.problems.join('；'));
  return r.score;
};

describe('the weighted score', () => {
  it('equal default weights: the plain mean', () => {
    expect(ok(DEFAULT_CHECKLIST, scores(90, 80, 70, 85, 95))).toEqual({ numerator: 8400, denominator: 100, tenths: 840, text: '84.0' });
  });

  it('edited weights: 30/30/10/20/10', () => {
    const items = DEFAULT_CHECKLIST.map((it, i) => ({ ...it, weight: [30, 30, 10, 20, 10][i]! }));
    // 30·92 + 30·81 + 10·77 + 20·68 + 10·90 = 2760 + 2430 + 770 + 1360 + 900 = 8220 → 82.2
    expect(ok(items, scores(92, 81, 77, 68, 90))).toEqual({ numerator: 8220, denominator: 100, tenths: 822, text: '82.2' });
  });

  it('rounds half up to one decimal for display only', () => {
    const items: ChecklistItem[] = [{ key: 'a', name: '甲', weight: 1 }, { key: 'b', name: '乙', weight: 1 }, { key: 'c', name: '丙', weight: 1 }];
    // 80.333… → 80.3; 80.666… → 80.7
    expect(ok(items, { a: 80, b: 80, c: 81 }).text).toBe('80.3');
    expect(ok(items, { a: 80, b: 81, c: 81 }).text).toBe('80.7');
    const two: ChecklistItem[] = [{ key: 'a', name: '甲', weight: 1 }, { key: 'b', name: '乙', weight: 19 }];
    // (100 + 19·89) / 20 = 89.55 exactly → 89.6; (2 + 19·89) / 20 = 84.65 → 84.7 (half up: rounding to even would give 84.6)
    expect(ok(two, { a: 100, b: 89 })).toMatchObject({ numerator: 1791, tenths: 896, text: '89.6' });
    expect(ok(two, { a: 2, b: 89 })).toMatchObject({ numerator: 1693, tenths: 847, text: '84.7' });
    expect(ok(two, { a: 0, b: 0 }).text).toBe('0.0');
    expect(ok(two, { a: 100, b: 100 }).text).toBe('100.0');
  });

  it('bands compare the exact fraction: 89.95 is 良好, not 优秀', () => {
    const items: ChecklistItem[] = [{ key: 'a', name: '甲', weight: 1 }, { key: 'b', name: '乙', weight: 19 }];
    const s = ok(items, { a: 99, b: 90 }); // (99 + 1710) / 20 = 90.45
    expect(bandOf(s)).toBe('优秀');
    const t = ok([{ key: 'a', name: '甲', weight: 1 }, { key: 'b', name: '乙', weight: 199 }], { a: 80, b: 90 }); // 17990/200 = 89.95
    expect(t.text).toBe('90.0');
    expect(bandOf(t)).toBe('良好');
    expect(bandOf({ numerator: 5999, denominator: 100 })).toBe('不合格');
    expect(bandOf({ numerator: 6000, denominator: 100 })).toBe('合格');
    expect(bandOf({ numerator: 50, denominator: 1 }, [{ name: '合格', from: 60 }])).toBeNull();
  });

  it('refuses, naming the item', () => {
    expect(evaluationScore(DEFAULT_CHECKLIST, { cleaning: 90, security: 80, greening: 70, repairs: 85 })).toEqual({ ok: false, problems: ['评价项“客户服务”未评分'] });
    expect(evaluationScore(DEFAULT_CHECKLIST, scores(90, 101, 70, 85.5, 95))).toEqual({ ok: false, problems: [
      '评价项“秩序维护”的得分应为0至100的整数，现为“101”',
      '评价项“设施维修”的得分应为0至100的整数，现为“85.5”',
    ] });
    expect(evaluationScore(DEFAULT_CHECKLIST, { ...scores(1, 2, 3, 4, 5), parking: 90 })).toEqual({ ok: false, problems: ['评分中的“parking”不在评价表中'] });
  });

  it('checks an edited checklist', () => {
    expect(checkChecklist(DEFAULT_CHECKLIST)).toEqual([]);
    expect(checkChecklist([])).toEqual(['评价表至少要有一项']);
    expect(checkChecklist([
      { key: 'a', name: '保洁', weight: 0 },
      { key: 'a', name: '', weight: 2.5 },
    ])).toEqual(['评价项“保洁”的权重应为正整数，现为“0”', '第2项缺少名称', '评价项第2项重复', '评价项第2项的权重应为正整数，现为“2.5”']);
  });
});

describe('properties', () => {
  const checklist = fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 12 })
    .map((ws) => ws.map((weight, i) => ({ key: `k${i}`, name: `项${i}`, weight })));

  it('the score lies between the lowest and highest item score, and its tenths within half a tenth of exact', () => {
    fc.assert(fc.property(checklist.chain((items) => fc.tuple(fc.constant(items), fc.array(fc.integer({ min: 0, max: 100 }), { minLength: items.length, maxLength: items.length }))), ([items, ss]) => {
      const s = ok(items, Object.fromEntries(items.map((it, i) => [it.key, ss[i]!])));
      expect(s.numerator).toBeGreaterThanOrEqual(Math.min(...ss) * s.denominator);
      expect(s.numerator).toBeLessThanOrEqual(Math.max(...ss) * s.denominator);
      // |tenths/10 − num/den| ≤ 1/20, half up: −den < 2·den·tenths − 20·num ≤ den
      const diff = 2 * s.denominator * s.tenths - 20 * s.numerator;
      expect(diff).toBeGreaterThan(-s.denominator);
      expect(diff).toBeLessThanOrEqual(s.denominator);
    }));
  });

  it('only the ratios of the weights matter', () => {
    fc.assert(fc.property(checklist, fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 100 }), (items, k, base) => {
      const ss = Object.fromEntries(items.map((it, i) => [it.key, (base + 7 * i) % 101]));
      const a = ok(items, ss);
      const b = ok(items.map((it) => ({ ...it, weight: it.weight * k })), ss);
      expect(b.tenths).toBe(a.tenths);
      expect(bandOf(b)).toBe(bandOf(a));
    }));
  });
});

describe('quarters', () => {
  it('gives the quarter and its days, leap February included', () => {
    expect(quarterOf('2028-02-29')).toEqual({ year: 2028, quarter: 1, label: '2028年第一季度', from: '2028-01-01', to: '2028-03-31' });
    expect(quarterOf('2026-06-30')).toMatchObject({ quarter: 2, from: '2026-04-01', to: '2026-06-30' });
    expect(quarterOf('2026-07-01')).toMatchObject({ quarter: 3, label: '2026年第三季度', to: '2026-09-30' });
    expect(quarterOf('2026-12-31')).toMatchObject({ quarter: 4, from: '2026-10-01', to: '2026-12-31' });
    expect(() => quarterOf('2026-13-01')).toThrow();
  });
});
