/** docs/domain.md §4's counting rules: every worked case, each threshold's boundary on both sides, and properties. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countBallots, DEFAULT_TALLY_SETTINGS, percent, tallyItem, thresholdOf, type CountArea, type CountedBallot, type ItemCounts } from '../../shared/domain/tally';

const ca = (count: number, area: number): CountArea => ({ count, area });
const Z = ca(0, 0);
const counts = (electorate: CountArea, yes: CountArea, no: CountArea = Z, abstain: CountArea = Z): ItemCounts =>
  ({ electorate, yes, no, abstain, blank: Z, invalid: Z });

describe('participation: two thirds of the area and of the people', () => {
  // A_total 10,000.00 m², N_total 90: A_part 6,666.67 and N_part 60 holds; 6,666.66 fails.
  it('A_part 6,666.67 m² and 60 of 90 people → met', () => {
    const t = tallyItem(counts(ca(90, 1_000_000), ca(60, 666_667)), 1);
    expect(t.participationMet).toBe(true);
    expect(t.comparisons.participationArea.text).toBe('3 × 6,666.67 ≥ 2 × 10,000.00');
    expect(t.comparisons.participationCount.text).toBe('3 × 60 ≥ 2 × 90');
  });
  it('A_part 6,666.66 m² → not met', () => {
    const t = tallyItem(counts(ca(90, 1_000_000), ca(60, 666_666)), 1);
    expect(t.participationMet).toBe(false);
    expect(t.comparisons.participationArea.text).toBe('3 × 6,666.66 < 2 × 10,000.00');
    expect(t.passed).toBe(false);
  });
  it('59 of 90 people → not met even with the area', () => {
    expect(tallyItem(counts(ca(90, 1_000_000), ca(59, 700_000)), 1).participationMet).toBe(false);
  });
});

describe('ordinary items: more than half of those who took part', () => {
  // A_total 10,000, N_total 100; A_part 7,000, N_part 70.
  const E = ca(100, 1_000_000);
  const part = (yes: CountArea) => counts(E, yes, ca(70 - yes.count, 700_000 - yes.area));
  it('yes 3,500.00 m² → fails (exactly half is not more than half)', () => {
    const t = tallyItem(part(ca(36, 350_000)), 4);
    expect(t.participationMet).toBe(true);
    expect(t.approvalMet).toBe(false);
    expect(t.comparisons.approvalArea.text).toBe('2 × 3,500.00 ≤ 7,000.00');
  });
  it('3,500.01 m² with 36 people → passes', () => {
    const t = tallyItem(part(ca(36, 350_001)), 4);
    expect(t.passed).toBe(true);
    expect(t.comparisons.approvalCount.text).toBe('2 × 36 > 70');
  });
  it('3,500.01 m² with 35 people → fails', () => {
    expect(tallyItem(part(ca(35, 350_001)), 4).passed).toBe(false);
  });
});

describe('items 6–8: three quarters of those who took part', () => {
  // A_total 12,000, N_total 120; A_part 8,000, N_part 80; item 6.
  const E = ca(120, 1_200_000);
  it('yes 6,000 m² and 60 people → passes; 59 people → fails', () => {
    const pass = tallyItem(counts(E, ca(60, 600_000), ca(20, 200_000)), 6);
    expect(pass.threshold).toBe('three-quarters');
    expect(pass.passed).toBe(true);
    expect(pass.comparisons.approvalArea.text).toBe('4 × 6,000.00 ≥ 3 × 8,000.00');
    expect(tallyItem(counts(E, ca(59, 600_000), ca(21, 200_000)), 6).passed).toBe(false);
  });
  it('5,999.99 m² → fails', () => {
    expect(tallyItem(counts(E, ca(60, 599_999), ca(20, 200_001)), 7).passed).toBe(false);
  });
  it('items 6, 7, 8 need three quarters; 1–5 and 9 more than half', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(thresholdOf)).toEqual(['majority', 'majority', 'majority', 'majority', 'majority', 'three-quarters', 'three-quarters', 'three-quarters', 'majority']);
  });
});

describe('abstentions, blanks and invalid ballots', () => {
  const E = ca(10, 100_000);
  const ballots: CountedBallot[] = [
    ...Array.from({ length: 4 }, () => ({ choice: 'yes' as const, valid: true, area: 10_000 })),
    { choice: 'no', valid: true, area: 10_000 },
    { choice: 'abstain', valid: true, area: 10_000 },
    { choice: 'blank', valid: true, area: 10_000 },
    { choice: 'yes', valid: false, area: 10_000 },
  ];
  it('by default a blank is an abstention (took part, did not approve) and an invalid ballot does not take part', () => {
    const t = tallyItem(countBallots(E, ballots), 1);
    expect(t.participants).toEqual(ca(7, 70_000));
    expect(t.abstain).toEqual(ca(2, 20_000));
    expect(t.yes).toEqual(ca(4, 40_000)); // the invalid ballot's 同意 does not count
    expect(t.passed).toBe(true); // 2×4 > 7
  });
  it('blanks not counted, invalid ballots taking part: the settings change the outcome and are applied as stated', () => {
    const notCounted = tallyItem(countBallots(E, ballots), 1, { blankRule: 'not-counted', invalidParticipates: false });
    expect(notCounted.participants).toEqual(ca(6, 60_000));
    expect(notCounted.participationMet).toBe(false); // 3×6 < 2×10
    const invalidTakesPart = tallyItem(countBallots(E, ballots), 1, { blankRule: 'abstain', invalidParticipates: true });
    expect(invalidTakesPart.participants).toEqual(ca(8, 80_000));
    expect(invalidTakesPart.passed).toBe(false); // 2×4 = 8, not more than 8
  });
});

describe('properties', () => {
  const ballot = fc.record({
    choice: fc.constantFrom('yes', 'no', 'abstain', 'blank') as fc.Arbitrary<CountedBallot['choice']>,
    valid: fc.boolean(),
    area: fc.integer({ min: 1, max: 50_000 }),
  });
  const setting = fc.record({ blankRule: fc.constantFrom('abstain', 'not-counted') as fc.Arbitrary<'abstain' | 'not-counted'>, invalidParticipates: fc.boolean() });
  const electorateFor = (bs: CountedBallot[], extra: number, extraArea: number) => ca(bs.length + extra, bs.reduce((s, b) => s + b.area, 0) + extraArea);

  it('the order of ballots does not matter', () => {
    fc.assert(fc.property(fc.array(ballot, { maxLength: 40 }), fc.integer({ min: 1, max: 9 }), setting, (bs, cat, s) => {
      const E = electorateFor(bs, 3, 30_000);
      const reversed = [...bs].reverse();
      expect(tallyItem(countBallots(E, reversed), cat, s)).toEqual(tallyItem(countBallots(E, bs), cat, s));
    }));
  });

  it('turning a no or an abstention into a yes never turns a pass into a fail', () => {
    fc.assert(fc.property(fc.array(ballot, { minLength: 1, maxLength: 40 }), fc.nat(), fc.integer({ min: 1, max: 9 }), setting, (bs, pick, cat, s) => {
      const E = electorateFor(bs, 2, 20_000);
      const i = pick % bs.length;
      const more = bs.map((b, j) => (j === i && b.valid && b.choice !== 'blank' ? { ...b, choice: 'yes' as const } : b));
      if (tallyItem(countBallots(E, bs), cat, s).passed) expect(tallyItem(countBallots(E, more), cat, s).passed).toBe(true);
    }));
  });

  it('passing implies both thresholds in integers, never floats', () => {
    fc.assert(fc.property(fc.array(ballot, { maxLength: 40 }), fc.integer({ min: 1, max: 9 }), (bs, cat) => {
      const E = electorateFor(bs, 0, 0);
      const t = tallyItem(countBallots(E, bs), cat, DEFAULT_TALLY_SETTINGS);
      if (t.passed) {
        expect(3 * t.participants.area >= 2 * E.area && 3 * t.participants.count >= 2 * E.count).toBe(true);
        if (cat >= 6 && cat <= 8) expect(4 * t.yes.area >= 3 * t.participants.area && 4 * t.yes.count >= 3 * t.participants.count).toBe(true);
        else expect(2 * t.yes.area > t.participants.area && 2 * t.yes.count > t.participants.count).toBe(true);
      }
    }));
  });
});

it('percentages are computed in integers and rounded half up', () => {
  expect(percent(666_667, 1_000_000)).toBe('66.67%');
  expect(percent(2, 3)).toBe('66.67%');
  expect(percent(1, 8)).toBe('12.50%');
  expect(percent(0, 0)).toBe('0.00%');
});
