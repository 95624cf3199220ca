/** Temporary passwords (issue 16): read off a screen and typed without doubt, and not guessable. */
import { describe, expect, it } from 'vitest';
import { newTemporaryPassword } from '../../main/services/system/passwords';
import { password } from '../../shared/contract/system';

describe('a temporary password', () => {
  it('has 12 characters with no look-alikes (0 O o 1 l I), passes the password rule, and does not repeat', () => {
    const made = Array.from({ length: 2000 }, () => newTemporaryPassword());
    for (const p of made) {
      expect(p).toMatch(/^[A-HJ-NP-Za-km-np-z2-9]{12}$/);
      expect(p).not.toMatch(/[0Oo1lI]/);
      expect(password.safeParse(p).success).toBe(true);
    }
    expect(new Set(made).size).toBe(made.length);
    // Every character of the alphabet turns up: drawn from the whole of it, evenly enough to see all 56.
    expect(new Set(made.join('')).size).toBe(56);
  });
});
