/**
 * Calls per client address on the office server (issue 17): a token bucket per address. A person's PC makes a
 * few calls a second at most (a page's reads, a ballot a second at the fastest typist); the bucket lets a page's
 * burst through and stops a program hammering the server, which would slow every other PC of the office.
 * Passwords have their own, much tighter limits (main/services/system/login-limits.ts).
 */
export interface RateLimits {
  /** Calls a second an address may keep up. */
  perSecond: number;
  /** Calls an address may make at once after a quiet spell. */
  burst: number;
}

/** Far above a person's pace, far below what would starve the others (the bench's ten clients each stay under it). */
export const OFFICE_RATE_LIMITS: RateLimits = { perSecond: 200, burst: 400 };

/** Addresses silent this long are forgotten, so the table does not grow with every PC that ever called. */
const FORGET_AFTER_MS = 10 * 60 * 1000;

export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep: number;

  constructor(private readonly limits: RateLimits = OFFICE_RATE_LIMITS, private readonly now: () => number = Date.now) {
    this.lastSweep = now();
  }

  /** Takes one call from the address's bucket; false when it is empty (the call is refused, nothing run). */
  admit(address: string): boolean {
    const t = this.now();
    if (t - this.lastSweep > FORGET_AFTER_MS) this.sweep(t);
    const bucket = this.buckets.get(address) ?? { tokens: this.limits.burst, at: t };
    bucket.tokens = Math.min(this.limits.burst, bucket.tokens + ((t - bucket.at) / 1000) * this.limits.perSecond);
    bucket.at = t;
    this.buckets.set(address, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private sweep(t: number): void {
    this.lastSweep = t;
    for (const [address, bucket] of this.buckets) if (t - bucket.at > FORGET_AFTER_MS) this.buckets.delete(address);
  }
}
