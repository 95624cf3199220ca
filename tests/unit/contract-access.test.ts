/**
 * Every method of the contract says who may call it (issue 16): public, or its access — a permission and how its
 * community is found from its input. The contract's types already refuse a signed-in method without access; this
 * checks what types cannot: that each locator names a field its input really has, an id.
 */
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, methods, type Access, type MethodName, type Methods } from '../../shared/contract/methods';
import { accessOf, shapeOf } from '../fixtures/contract-shapes';
import { PERMISSIONS } from '../../shared/domain/permissions';



/** The methods that are neither public nor declare access — by the types: the type check fails if any is. */
type Undeclared = { [M in MethodName]: Methods[M] extends { public: true } ? never : Methods[M] extends { access: Access } ? never : M }[MethodName];
const NONE_UNDECLARED: [Undeclared] extends [never] ? true : Undeclared = true;

describe('the contract declares who may call each method', () => {
  it('every method is public or declares its access, never both', () => {
    expect(NONE_UNDECLARED).toBe(true);
    for (const name of METHOD_NAMES) {
      const spec = methods[name] as { public?: boolean; access?: Access };
      expect(spec.public === true || spec.access !== undefined, `${name}: neither public nor access`).toBe(true);
      expect(spec.public === true && spec.access !== undefined, `${name}: public and access`).toBe(false);
    }
  });

  it('names a permission of the table, and fields its input has, holding ids', () => {
    for (const name of METHOD_NAMES) {
      const access = accessOf(name);
      if (access === undefined || access === 'signed-in') continue;
      expect(access.permission === 'any' || (PERMISSIONS as readonly string[]).includes(access.permission), name).toBe(true);
      const loc = access.community;
      if (loc === 'office' || loc === 'new') continue;
      const shape = shapeOf(methods[name].input);
      expect(shape, `${name}: input is not an object`).not.toBeNull();
      const field = 'input' in loc ? loc.input : loc.field;
      const schema = shape![field];
      expect(schema, `${name}: no field ${field}`).toBeDefined();
      // An id: a short string — a number or an object there could not name a record.
      expect(schema!.safeParse('x'.repeat(21)).success, `${name}.${field} is not an id`).toBe(true);
      expect(schema!.safeParse(12).success, `${name}.${field} is not an id`).toBe(false);
      if ('input' in loc && loc.absent === undefined) expect(schema!.safeParse(undefined).success, `${name}.${field} may be absent`).toBe(false);
      if ('recordOfType' in loc) expect(shape![loc.recordOfType], `${name}: no field ${loc.recordOfType}`).toBeDefined();
    }
  });

  it('keeps office-wide permissions on office-wide calls', () => {
    for (const name of METHOD_NAMES) {
      const access = accessOf(name);
      if (access === undefined || access === 'signed-in') continue;
      if (access.permission !== 'any' && access.permission.startsWith('office.')) expect(access.community, name).toBe('office');
    }
  });
});
