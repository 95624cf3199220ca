/**
 * No lost updates (issue 17): every method that overwrites an editable record takes the revision its form was
 * opened with, and the record's read that fills the form carries it. Walks the contract, so that a new update
 * method without them fails here rather than losing someone's typing.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { METHOD_NAMES, methods, type MethodName } from '../../shared/contract/methods';
import { shapeOf } from '../fixtures/contract-shapes';

/** Each save that overwrites a record's editable fields, and the read its edit form is filled from. */
const SAVES: Partial<Record<MethodName, MethodName>> = {
  'community.update': 'community.get',
  'part.update': 'part.get',
  'person.update': 'person.get',
  'meeting.update': 'meeting.get',
  'matter.update': 'matter.get',
  'minutes.saveDraft': 'minutes.get',
  'workflow.save': 'workflow.list',
  'company.save': 'company.list',
  'contract.update': 'contract.get',
  'body.update': 'body.list',
  'issue.update': 'issue.get',
  'mediation.update': 'mediation.list',
  'user.update': 'user.list',
};

/** The record's shape in a read's output: the object itself, or a list's element. */
function recordShape(schema: z.ZodType): Record<string, z.ZodType> | null {
  return schema instanceof z.ZodArray ? shapeOf(schema.element as z.ZodType) : shapeOf(schema);
}

describe('record revisions in the contract', () => {
  it('knows every update method', () => {
    const updates = METHOD_NAMES.filter((m) => m.endsWith('.update'));
    expect(updates.filter((m) => !(m in SAVES))).toEqual([]);
  });

  it.each(Object.entries(SAVES))('%s takes expectedRevision and %s gives revision', (save, read) => {
    const input = shapeOf(methods[save as MethodName].input);
    expect(input?.expectedRevision, `${save} has no expectedRevision`).toBeDefined();
    // Optional: the CLI and older callers save without it.
    expect(input?.expectedRevision?.safeParse(undefined).success).toBe(true);
    expect(recordShape(methods[save as MethodName].output)?.revision, `${save}'s output has no revision`).toBeDefined();
    expect(recordShape(methods[read as MethodName].output)?.revision, `${read} has no revision`).toBeDefined();
  });
});
