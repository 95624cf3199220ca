/**
 * The client's retries while main cannot be reached (renderer/src/api/connection.ts, issue 17): the pauses between
 * tries, and the keys it names requests with, which main's envelope check accepts.
 */
import { describe, expect, it } from 'vitest';
import { newIdempotencyKey, RETRY_LIMIT_MS, retryPause } from '../../renderer/src/api/connection';
import { isIdempotencyKey } from '../../shared/contract/methods';

describe('retrying a call', () => {
  it('pauses 0.5 s, 1 s, 2 s, then every 3 s, within 2 minutes', () => {
    expect([0, 1, 2, 3, 4, 40].map(retryPause)).toEqual([500, 1000, 2000, 3000, 3000, 3000]);
    expect(RETRY_LIMIT_MS).toBe(120_000);
  });

  it('names each request with a fresh key of 32 hex characters', () => {
    const keys = Array.from({ length: 1000 }, newIdempotencyKey);
    expect(new Set(keys).size).toBe(1000);
    for (const key of keys) {
      expect(key).toMatch(/^[0-9a-f]{32}$/);
      expect(isIdempotencyKey(key)).toBe(true);
    }
  });
});
