import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeElectorate, summarizeElectorate, type ElectoratePart } from '../../shared/domain/electorate';
import { DELIVERY_STATUSES, PART_TYPES } from '../../shared/domain/register';

const part = (id: string, area: number, ownerIds: string[], extra: Partial<ElectoratePart> = {}): ElectoratePart => ({
  id, area, ownerIds, type: '住宅', deliveryStatus: '已交付', ...extra,
});

describe('the electorate (docs/domain.md §4)', () => {
  it('worked case: N_total 4, A_total 635.00 m²', () => {
    const e = computeElectorate([
      part('101', 9000, ['A']),
      part('102', 11000, ['A']),
      part('201', 10000, ['B']),
      part('202', 9500, ['C', 'D']),
      part('301', 12000, [], { deliveryStatus: '未售' }),
      part('302', 12000, ['E'], { deliveryStatus: '已售未交付' }),
    ], { countParking: false });
    expect(e.count).toBe(4);
    expect(e.area).toBe(63500);
    expect(e.breakdown).toMatchObject({
      partsInScope: 6, countedParts: 6, coOwnedParts: 1, withoutOwner: 0, mergedParts: 2,
      developer: { parts: 2, area: 24000 }, multiPartSubjects: { subjects: 1, parts: 2 },
    });
  });

  it('X alone and X with Y are two subjects', () => {
    const e = computeElectorate([part('1', 100, ['X']), part('2', 100, ['X', 'Y'])], { countParking: false });
    expect(e.count).toBe(2);
  });

  it('co-owners listed in another order are the same subject', () => {
    const e = computeElectorate([part('1', 100, ['X', 'Y']), part('2', 100, ['Y', 'X'])], { countParking: false });
    expect(e.count).toBe(1);
    expect(e.area).toBe(200);
  });

  it('parking spaces count only where the community says so', () => {
    const parts = [part('1', 9000, ['A']), part('P1', 1250, ['B'], { type: '车位' }), part('P2', 1300, ['A'], { type: '车位' })];
    const without = computeElectorate(parts, { countParking: false });
    expect([without.count, without.area]).toEqual([1, 9000]);
    expect(without.breakdown.excludedParking).toEqual({ parts: 2, area: 2550 });
    const withParking = computeElectorate(parts, { countParking: true });
    expect([withParking.count, withParking.area]).toEqual([2, 11550]);
  });

  it('a delivered part with no owner on record counts as its own person and is flagged', () => {
    const e = computeElectorate([part('1', 100, []), part('2', 100, [])], { countParking: false });
    expect(e.count).toBe(2);
    expect(e.breakdown.withoutOwner).toBe(2);
  });

  it('unsold and sold-undelivered parts are one developer subject whoever the buyers are', () => {
    const e = computeElectorate([
      part('1', 100, ['E'], { deliveryStatus: '已售未交付' }),
      part('2', 100, ['F'], { deliveryStatus: '已售未交付' }),
      part('3', 100, [], { deliveryStatus: '未售' }),
    ], { countParking: false });
    expect(e.count).toBe(1);
    expect(e.subjects[0]!.kind).toBe('developer');
  });

  const arbitraryParts = fc.uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      area: fc.integer({ min: 1, max: 50_000 }),
      ownerIds: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 3 }),
      type: fc.constantFrom(...PART_TYPES),
      deliveryStatus: fc.constantFrom(...DELIVERY_STATUSES),
    }),
    { selector: (p) => p.id, maxLength: 40 },
  );

  it('the order of rows never changes the result', () => {
    fc.assert(fc.property(arbitraryParts, fc.boolean(), (parts, countParking) => {
      const reversed = [...parts].reverse();
      const shuffled = [...parts].sort((x, y) => (x.id < y.id ? 1 : -1));
      const a = computeElectorate(parts, { countParking });
      expect(computeElectorate(reversed, { countParking })).toEqual(a);
      expect(computeElectorate(shuffled, { countParking })).toEqual(a);
    }));
  });

  it('subjects partition the counted parts and their area adds up exactly', () => {
    fc.assert(fc.property(arbitraryParts, fc.boolean(), (parts, countParking) => {
      const e = computeElectorate(parts, { countParking });
      const counted = parts.filter((p) => countParking || p.type !== '车位');
      const ids = e.subjects.flatMap((s) => s.partIds).sort();
      expect(ids).toEqual(counted.map((p) => p.id).sort());
      expect(e.area).toBe(counted.reduce((sum, p) => sum + p.area, 0));
      expect(e.count).toBeLessThanOrEqual(counted.length);
      expect(e.breakdown.mergedParts).toBe(counted.length - e.count);
    }));
  });

  it('the summary (screens) and the full result (votes) agree', () => {
    fc.assert(fc.property(arbitraryParts, fc.boolean(), (parts, countParking) => {
      const { subjects: _subjects, ...full } = computeElectorate(parts, { countParking });
      expect(summarizeElectorate(parts, { countParking })).toEqual(full);
    }));
  });

  it('adding a part never lowers N or A', () => {
    fc.assert(fc.property(arbitraryParts, (parts) => {
      if (parts.length === 0) return;
      const smaller = computeElectorate(parts.slice(1), { countParking: true });
      const full = computeElectorate(parts, { countParking: true });
      expect(full.count).toBeGreaterThanOrEqual(smaller.count);
      expect(full.area).toBeGreaterThan(smaller.area);
    }));
  });
});
