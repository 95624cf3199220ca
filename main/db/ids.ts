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

/**
 * Monotonic within this process, as uuid's own v7 is without options (RFC 9562 §6.2, method 1): ids made in the same
 * millisecond count up from a random start instead of being random among themselves, so rows ordered by id (the audit
 * log's, within one instant) keep the order they were written in.
 */
const state = { msecs: -Infinity, seq: 0 };

export function newId(): string {
  const random = pooledRandomBytes(16);
  const now = Date.now();
  if (now > state.msecs) {
    state.msecs = now;
    state.seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    state.seq = (state.seq + 1) | 0;
    if (state.seq === 0) state.msecs += 1;
  }
  return uuidv7({ random, msecs: state.msecs, seq: state.seq });
}
