/**
 * The result notice's threshold words (shared/domain/tally-words.ts): the
 * percentage rounded half up in integers, 达到 / 未达到 from the exact check
 * only, and a percentage that rounds onto the threshold from the wrong side
 * written 不足 / 超过 it — docs/domain.md §4's worked cases at each boundary,
 * and properties over random shares.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percent, percentHundredths, tallyItem, type CountArea, type ItemCounts } from '../../shared/domain/tally';
import { FRACTION_WORDS, shareSentence, shareText, thresholdSentences } from '../../shared/domain/tally-words';
import { titleWith } from '../../shared/domain/titles';

const ca = (count: number, area: number): CountArea => ({ count, area });
const Z = ca(0, 0);
const counts = (electorate: CountArea, yes: CountArea, no: CountArea = Z, abstain: CountArea = Z): ItemCounts =>
  ({ electorate, yes, no, abstain, blank: Z, invalid: Z });

describe('participation in words', () => {
  it('all took part: 100.00%, 达到三分之二以上', () => {
    const t = tallyItem(counts(ca(4, 63_500), ca(3, 39_500), ca(1, 24_000)), 4);
    expect(thresholdSentences(t.comparisons, t.threshold).participation)
      .toBe('参与表决的专有部分面积占总面积100.00%，达到三分之二以上；参与表决人数占总人数100.00%，达到三分之二以上。');
  });
  it('exactly two thirds of the people (60 of 90) is 66.67% and 达到', () => {
    const t = tallyItem(counts(ca(90, 1_000_000), ca(60, 666_667)), 1);
    expect(shareSentence('participationCount', t.comparisons.participationCount, FRACTION_WORDS.participation)).toBe('参与表决人数占总人数66.67%，达到三分之二以上');
    expect(shareSentence('participationArea', t.comparisons.participationArea, FRACTION_WORDS.participation)).toBe('参与表决的专有部分面积占总面积66.67%，达到三分之二以上');
  });
  it('6,666.66 of 10,000.00 m² rounds to 66.67% but is short: 不足66.67%，未达到', () => {
    const t = tallyItem(counts(ca(90, 1_000_000), ca(60, 666_666)), 1);
    expect(t.comparisons.participationArea.met).toBe(false);
    expect(t.comparisons.participationArea.share).toEqual({ percent: '66.67%', beyond: 'under' });
    expect(shareSentence('participationArea', t.comparisons.participationArea, FRACTION_WORDS.participation)).toBe('参与表决的专有部分面积占总面积不足66.67%，未达到三分之二以上');
  });
  it('59 of 90 people is 65.56%, 未达到, with no qualifier', () => {
    const t = tallyItem(counts(ca(90, 1_000_000), ca(59, 700_000)), 1);
    expect(shareText(t.comparisons.participationCount.share)).toBe('65.56%');
    expect(t.comparisons.participationCount.met).toBe(false);
  });
});

describe('approval in words', () => {
  // A_total 10,000, N_total 100; 7,000.00 m² and 70 people took part.
  const took = (yesArea: number, yesCount: number) => tallyItem(counts(ca(100, 1_000_000), ca(yesCount, yesArea), ca(70 - yesCount, 700_000 - yesArea)), 4);
  it('exactly half is 50.00% and not more than half: 未达到过半数', () => {
    const t = took(350_000, 36);
    expect(thresholdSentences(t.comparisons, t.threshold).approval)
      .toBe('同意的专有部分面积占参与表决专有部分面积50.00%，未达到过半数；同意人数占参与表决人数51.43%，达到过半数。');
  });
  it('3,500.01 of 7,000.00 m² shows 50.00% but is more than half: 超过50.00%，达到过半数', () => {
    const t = took(350_001, 36);
    expect(t.comparisons.approvalArea.share).toEqual({ percent: '50.00%', beyond: 'over' });
    expect(shareSentence('approvalArea', t.comparisons.approvalArea, FRACTION_WORDS.majority)).toBe('同意的专有部分面积占参与表决专有部分面积超过50.00%，达到过半数');
    expect(t.passed).toBe(true);
  });
  it('35 of 70 people: 50.00%，未达到过半数', () => {
    const t = took(350_001, 35);
    expect(shareSentence('approvalCount', t.comparisons.approvalCount, FRACTION_WORDS.majority)).toBe('同意人数占参与表决人数50.00%，未达到过半数');
  });
  it('item 6: 6,000 of 8,000 m² is 75.00%, 达到四分之三以上; 5,999.99 is 不足75.00%', () => {
    const at = tallyItem(counts(ca(120, 1_200_000), ca(60, 600_000), ca(20, 200_000)), 6);
    expect(thresholdSentences(at.comparisons, at.threshold).approval)
      .toBe('同意的专有部分面积占参与表决专有部分面积75.00%，达到四分之三以上；同意人数占参与表决人数75.00%，达到四分之三以上。');
    const under = tallyItem(counts(ca(120, 1_200_000), ca(60, 599_999), ca(20, 200_001)), 6);
    expect(shareSentence('approvalArea', under.comparisons.approvalArea, FRACTION_WORDS['three-quarters'])).toBe('同意的专有部分面积占参与表决专有部分面积不足75.00%，未达到四分之三以上');
  });
  it('nobody took part: 0.00% of nothing, no 不足 or 超过', () => {
    const t = tallyItem(counts(ca(10, 100_000), Z), 4);
    expect(shareText(t.comparisons.approvalArea.share)).toBe('0.00%');
    expect(t.comparisons.approvalArea.met).toBe(false);
    expect(shareText(t.comparisons.participationArea.share)).toBe('0.00%');
  });
});

describe('percentages in integers', () => {
  it('round half up to 0.01 %', () => {
    expect(percent(1, 8)).toBe('12.50%');
    expect(percent(1, 20_000)).toBe('0.01%'); // 0.005 % → 0.01 %
    expect(percent(1, 20_001)).toBe('0.00%');
    expect(percent(2, 3)).toBe('66.67%');
    expect(percent(1, 3)).toBe('33.33%');
    expect(percent(7, 7)).toBe('100.00%');
  });
  it('stay exact for areas far beyond any estate (no floating-point surprises)', () => {
    // 9e13 × 20,000 is past 2^53: BigInt keeps it exact.
    expect(percent(60_000_000_000_000, 90_000_000_000_000)).toBe('66.67%');
    expect(percentHundredths(45_000_000_000_001, 90_000_000_000_000)).toBe(5000);
  });
});

describe('properties', () => {
  const pair = fc.integer({ min: 0, max: 2_000_000_000 }).chain((whole) => fc.tuple(fc.integer({ min: 0, max: whole }), fc.constant(whole)));

  it('the percentage is the share rounded half up: |h·whole − part·10,000| ≤ whole/2, ties up', () => {
    fc.assert(fc.property(pair, ([part, whole]) => {
      fc.pre(whole > 0);
      const h = BigInt(percentHundredths(part, whole));
      const diff = h * BigInt(whole) * 2n - BigInt(part) * 20_000n; // 2·whole·(h − exact)
      expect(diff > -BigInt(whole) && diff <= BigInt(whole)).toBe(true);
    }));
  });

  it('达到 follows the exact check only, and what the sentence states is true of the exact share', () => {
    const item = fc.record({
      total: fc.integer({ min: 1, max: 5_000_000 }), totalCount: fc.integer({ min: 1, max: 3000 }),
      part: fc.double({ min: 0, max: 1, noNaN: true }), yes: fc.double({ min: 0, max: 1, noNaN: true }),
      category: fc.integer({ min: 1, max: 9 }),
    });
    fc.assert(fc.property(item, ({ total, totalCount, part, yes, category }) => {
      const pa = Math.floor(total * part), pc = Math.floor(totalCount * part);
      const ya = Math.floor(pa * yes), yc = Math.floor(pc * yes);
      const t = tallyItem(counts(ca(totalCount, total), ca(yc, ya), ca(pc - yc, pa - ya)), category);
      type Check = [keyof typeof t.comparisons, number, number, number, number, boolean];
      const approval: Check[] = t.threshold === 'three-quarters'
        ? [['approvalArea', ya, pa, 3, 4, false], ['approvalCount', yc, pc, 3, 4, false]]
        : [['approvalArea', ya, pa, 1, 2, true], ['approvalCount', yc, pc, 1, 2, true]];
      const checks: Check[] = [['participationArea', pa, total, 2, 3, false], ['participationCount', pc, totalCount, 2, 3, false], ...approval];
      for (const [key, x, y, p, q, strict] of checks) {
        const c = t.comparisons[key];
        const exact = strict ? q * x > p * y : q * x >= p * y;
        const sentence = shareSentence(key, c, 'X');
        expect(sentence.includes('，达到X')).toBe(exact);
        expect(sentence.includes('，未达到X')).toBe(!exact);
        if (y === 0) continue;
        const h = percentHundredths(x, y);
        // 不足 h% is true (x/y < h/10000); 超过 h% is true (x/y > h/10000).
        if (c.share.beyond === 'under') expect(x * 10_000 < h * y).toBe(true);
        if (c.share.beyond === 'over') expect(x * 10_000 > h * y).toBe(true);
        // Without a qualifier the rounded figure agrees with the decision.
        if (c.share.beyond === null) expect(strict ? q * h > p * 10_000 : q * h >= p * 10_000).toBe(exact);
      }
    }));
  });
});

describe('at the boundary', () => {
  it('participation within a few hundredths of two thirds: the sentence never contradicts the exact check', () => {
    const near = fc.integer({ min: 3, max: 50_000_000 }).chain((total) => fc.tuple(fc.constant(total), fc.integer({ min: -3, max: 3 })));
    fc.assert(fc.property(near, ([total, d]) => {
      const part = Math.min(total, Math.max(0, Math.floor((2 * total) / 3) + d));
      const t = tallyItem(counts(ca(3, total), ca(2, part)), 1);
      const c = t.comparisons.participationArea;
      expect(c.met).toBe(3 * part >= 2 * total);
      const sentence = shareSentence('participationArea', c, FRACTION_WORDS.participation);
      expect(sentence.endsWith(c.met ? '，达到三分之二以上' : '，未达到三分之二以上')).toBe(true);
      // A figure at or above 66.67% that is short says 不足; none that meets it shows less than 66.67%.
      const h = percentHundredths(part, total);
      if (!c.met && h >= 6667) expect(c.share.beyond).toBe('under');
      if (c.met) expect(h).toBeGreaterThanOrEqual(6667);
    }), { numRuns: 2000 });
  });
});

describe('titles without doubled words', () => {
  it('joins the overlap once', () => {
    expect(titleWith('2026年业主表决', '表决票')).toBe('2026年业主表决票');
    expect(titleWith('2026年第一次业主大会', '表决票')).toBe('2026年第一次业主大会表决票');
    expect(titleWith('2026年第一次业主大会表决', '表决结果公告')).toBe('2026年第一次业主大会表决结果公告');
    expect(titleWith('第六次业委会会议', '会议纪要')).toBe('第六次业委会会议纪要');
    expect(titleWith('维修资金使用公告', '公告')).toBe('维修资金使用公告');
  });
  it('leaves a single shared character alone', () => {
    expect(titleWith('业主大会', '会议纪要')).toBe('业主大会会议纪要');
  });
});
