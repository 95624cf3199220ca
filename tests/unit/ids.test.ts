import { describe, expect, it } from 'vitest';
import { newId } from '../../main/db/ids';

describe('record ids', () => {
  it('are UUID v7, distinct, and ordered by time across milliseconds', async () => {
    const ids = Array.from({ length: 5000 }, newId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const before = newId();
    await new Promise((r) => setTimeout(r, 3));
    expect(newId() > before).toBe(true);
  });

  it('keep the order they were made in within one millisecond (rows ordered by id, like the audit log’s)', () => {
    // 5000 in a row span few milliseconds: many share one, and must still sort as made.
    const ids = Array.from({ length: 5000 }, newId);
    expect([...ids].sort()).toEqual(ids);
  });
});
