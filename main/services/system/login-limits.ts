/**
 * How many login and recovery-code attempts may be made.
 *
 * An attempt is counted when it STARTS, before its password is checked:
 * checking takes scrypt's time (about half a second), and counting only the
 * failures afterwards let 200 guesses sent at once all be checked before the
 * first failure was noted. Now the sixth attempt on a username within the
 * window is refused at once, whatever the first five turn out to be.
 *
 * Two limits, both over a sliding window:
 * - per username: 5 attempts a minute (a right password forgets that
 *   username's attempts, so a typo or two costs nothing);
 * - overall, all usernames together: 30 attempts a minute — guessing across
 *   many usernames gains nothing, and scrypt's memory (128 MiB an attempt)
 *   stays bounded.
 *
 * The record is bounded by construction: attempts older than the window are
 * dropped on every call, and no more than `overall` attempts fit in a window,
 * so at most that many usernames are remembered, each with at most `perUser`
 * times. Memory only: a restart of the app forgets it.
 */
import { AppError } from '../../../shared/contract/errors';

export interface LoginLimits {
  perUser: number;
  overall: number;
  windowMs: number;
}

export const LOGIN_LIMITS: LoginLimits = { perUser: 5, overall: 30, windowMs: 60_000 };

export class LoginLimiter {
  /** Start times of recent attempts per username, oldest first. */
  private perUser = new Map<string, number[]>();
  /** Start times of recent attempts of every username, oldest first. */
  private overall: number[] = [];

  constructor(
    private readonly limits: LoginLimits = LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Counts an attempt on this username, or refuses it (nothing counted) when
   * the username or the app as a whole has used its attempts for the window.
   * Synchronous on purpose: it runs before the caller's first await, so
   * attempts that arrive together are counted one after the other.
   */
  admit(username: string): void {
    const t = this.now();
    this.forgetBefore(t - this.limits.windowMs);
    const mine = this.perUser.get(username) ?? [];
    const seconds = (since: number) => Math.max(1, Math.ceil((since + this.limits.windowMs - t) / 1000));
    if (mine.length >= this.limits.perUser) {
      throw new AppError('REFUSED', `用户“${username}”在1分钟内已尝试登录${this.limits.perUser}次，请${seconds(mine[0]!)}秒后再试`);
    }
    if (this.overall.length >= this.limits.overall) {
      throw new AppError('REFUSED', `1分钟内的登录尝试已达${this.limits.overall}次（所有用户合计），请${seconds(this.overall[0]!)}秒后再试`);
    }
    mine.push(t);
    this.perUser.set(username, mine);
    this.overall.push(t);
  }

  /** A right password: this username's attempts are forgotten (the overall count keeps them). */
  succeeded(username: string): void {
    this.perUser.delete(username);
  }

  /** How many usernames are remembered (for tests of the bound). */
  get trackedUsers(): number {
    return this.perUser.size;
  }

  private forgetBefore(cutoff: number): void {
    while (this.overall.length > 0 && this.overall[0]! <= cutoff) this.overall.shift();
    for (const [username, times] of this.perUser) {
      while (times.length > 0 && times[0]! <= cutoff) times.shift();
      if (times.length === 0) this.perUser.delete(username);
    }
  }
}
