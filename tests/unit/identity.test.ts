import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkDocument, isValidCreditCode, mainlandIdCheckChar, maskDocument, maskPhone, normalizePhone, resolveOwners,
  type OwnerMention,
} from '../../shared/domain/identity';

/** A valid ID from its first 17 digits. */
export const id = (first17: string) => first17 + mainlandIdCheckChar(first17);

describe('mainland ID numbers (GB 11643)', () => {
  it('accepts the standard example and computes its check digit', () => {
    expect(mainlandIdCheckChar('11010519491231002')).toBe('X');
    expect(checkDocument('11010519491231002X')).toEqual({ ok: true, kind: 'mainland-id', value: '11010519491231002X' });
  });
  it('reads a lower-case x as X, and full-width digits as half-width', () => {
    expect(checkDocument('11010519491231002x')).toEqual({ ok: true, kind: 'mainland-id', value: '11010519491231002X' });
    expect(checkDocument('１１０１０５１９４９１２３１００２Ｘ')).toMatchObject({ ok: true, value: '11010519491231002X' });
  });
  it('refuses a wrong check digit, naming the right one', () => {
    const r = checkDocument('110105194912310021');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/校验位错误.*X/);
  });
  it('refuses an impossible birth date', () => {
    const bad = id('33010519900230123'); // 30 February
    expect(checkDocument(bad).ok).toBe(false);
  });
  it('refuses a masked number from an export', () => {
    const r = checkDocument('330105**********12');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('脱敏');
  });
  it('every single-digit change of a valid ID is caught', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
      const valid = id('33010519900307123');
      const digits = valid.split('');
      digits[pos] = String((Number(digits[pos]) + delta) % 10);
      const changed = digits.join('');
      const r = checkDocument(changed);
      // Either refused, or (rarely) it became a valid credit code — never a valid mainland ID.
      expect(r.ok && r.kind === 'mainland-id').toBe(false);
    }));
  });
});

describe('other documents', () => {
  it('recognises a unified social credit code by its check character', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(checkDocument('91350100M000100Y43')).toMatchObject({ ok: true, kind: 'credit-code' });
  });
  it('keeps passports and permits as text', () => {
    expect(checkDocument(' E12345678 ')).toEqual({ ok: true, kind: 'other', value: 'E12345678' });
    expect(checkDocument('H0123456789')).toMatchObject({ ok: true, kind: 'other' });
  });
});

describe('masking', () => {
  it('shows IDs and phones as the register issue says', () => {
    expect(maskDocument('330105199001011212')).toBe('330105**********12');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskDocument('E12345678')).toBe('E1*****78');
    expect(maskDocument(null)).toBe('');
    expect(maskPhone('')).toBe('');
  });
  it('normalises phones to their digits', () => {
    expect(normalizePhone('138 1234-5678')).toEqual({ ok: true, value: '13812345678' });
    expect(normalizePhone('电话')).toMatchObject({ ok: false });
  });
});

// The identity table of docs/domain.md §4, case by case.
describe('who is the same owner', () => {
  const A = id('33010519800101123');
  const B = id('33010519800101124');
  const m = (row: number, name: string, document: string | null, phone: string | null): OwnerMention => ({ row, name, document, phone });

  it('the same ID on two rows is one person', () => {
    const r = resolveOwners([m(2, '张三', A, '13800000001'), m(3, '张三', A, null)]);
    expect(r.personKeys[0]).toBe(r.personKeys[1]);
    expect(r.conflicts).toEqual([]);
  });
  it('the same ID under two names is an error naming both rows', () => {
    const r = resolveOwners([m(5, '张三', A, null), m(2, '李四', A, null)]);
    expect(r.conflicts).toEqual([{ row: 5, otherRow: 2, document: A, name: '张三', otherName: '李四' }]);
  });
  it('a row without ID is the documented owner whose name and phone both match', () => {
    const r = resolveOwners([m(2, '张三', A, '13800000001'), m(3, '张三', null, '13800000001')]);
    expect(r.personKeys[1]).toBe(r.personKeys[0]);
  });
  it('name matching but phone different → a new person', () => {
    const r = resolveOwners([m(2, '张三', A, '13800000001'), m(3, '张三', null, '13800000002')]);
    expect(r.personKeys[1]).not.toBe(r.personKeys[0]);
  });
  it('two documented owners with the same name and phone → not exactly one → a new person', () => {
    const r = resolveOwners([m(2, '张三', A, '13800000001'), m(3, '张三', B, '13800000001'), m(4, '张三', null, '13800000001')]);
    expect(new Set(r.personKeys).size).toBe(3);
  });
  it('rows without ID sharing name and phone are one person', () => {
    const r = resolveOwners([m(2, '王五', null, '13900000000'), m(3, '王五', null, '13900000000')]);
    expect(r.personKeys[0]).toBe(r.personKeys[1]);
  });
  it('rows without ID and without phone are never merged on a name alone', () => {
    const r = resolveOwners([m(2, '王五', null, null), m(3, '王五', null, null)]);
    expect(r.personKeys[0]).not.toBe(r.personKeys[1]);
  });
  it('other documents are compared as text', () => {
    const r = resolveOwners([m(2, 'John Smith', 'E12345678', null), m(3, 'John Smith', 'E12345678', null), m(4, 'John Smith', 'E12345679', null)]);
    expect(r.personKeys[0]).toBe(r.personKeys[1]);
    expect(r.personKeys[2]).not.toBe(r.personKeys[0]);
  });
  it('the partition into persons does not depend on the order of rows', () => {
    const names = ['张三', '李四'];
    const mention = fc.record({
      name: fc.constantFrom(...names),
      document: fc.constantFrom(null, A, B, 'E1'),
      phone: fc.constantFrom(null, '1', '2'),
    });
    fc.assert(fc.property(fc.array(mention, { maxLength: 12 }), fc.func(fc.integer()), (raw, f) => {
      const mentions = raw.map((x, i) => m(i + 2, x.name, x.document, x.phone));
      const shuffled = [...mentions].sort((a, b) => f(a.row!) - f(b.row!) || a.row! - b.row!);
      const partition = (ms: OwnerMention[]) => {
        const r = resolveOwners(ms);
        const groups = new Map<string, number[]>();
        r.personKeys.forEach((k, i) => groups.set(k, [...(groups.get(k) ?? []), ms[i]!.row!]));
        return { groups: [...groups.values()].map((g) => g.sort((a, b) => a - b).join(',')).sort(), conflicts: r.conflicts.length };
      };
      expect(partition(shuffled)).toEqual(partition(mentions));
    }));
  });
});
