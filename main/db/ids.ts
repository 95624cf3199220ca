/**
 * Record ids: UUID v7 (time-ordered, unique across offices that exchange
 * records). The random bytes come from a 16 KiB pool: the uuid package's own
 * 256-byte pool made a roster import of 20,000 parts spend ~0.2 s in syscalls.
 */
import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

const pool = new Uint8Array(16 * 1024);
let offset = pool.length;

/**
 * `n` (≤ 16 KiB) fresh bytes from the system's CSPRNG through the pool, each handed out once. The
 * result is a view into the pool, valid until the next call: copy it to keep it (the nonces of
 * main/security/cipher.ts do).
 */
export function pooledRandomBytes(n: number): Uint8Array {
  if (offset + n > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  return pool.subarray(offset, (offset += n));
}

export function newId(): string {
  return uuidv7({ random: pooledRandomBytes(16) });
}
