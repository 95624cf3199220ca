/**
 * Change notices for a window of this PC (issue 17): the renderer asks for the next one and the answer comes
 * when someone — on this PC or another — saves something the person may see (main/services/change-feed.ts), or
 * empty after a while so that the window asks again. One long poll serves both of this PC's windows: the desktop
 * app's (a second IPC channel through the preload, which thus still exposes nothing but invoke-style calls) and a
 * browser's on the loopback server. Notices arriving between two asks are merged, never queued without bound.
 */
import type { App, ChangeNotice } from '../app-types';

/** Under the usual 30-60 s idle timeouts of proxies and sockets; the window asks again at once. */
export const WAIT_MS = 25_000;
/** A window that stopped asking (closed, crashed) loses its subscription after this. */
const FORGET_MS = 2 * 60_000;

interface Follower {
  session: string;
  stop: () => void;
  /** Notices since the last answer, merged; null once the session ended. */
  pending: ChangeNotice | null | undefined;
  answer: ((notice: ChangeNotice | null) => void) | null;
  lastAsked: number;
}

const EMPTY: ChangeNotice = { kinds: [], ids: [] };

function merge(a: ChangeNotice | undefined, b: ChangeNotice): ChangeNotice {
  if (!a) return b;
  return { kinds: [...new Set([...a.kinds, ...b.kinds])], ids: [...new Set([...a.ids, ...b.ids])] };
}

export class ChangeWaiter {
  private followers = new Map<string, Follower>();

  /** `app` is asked each time: the desktop app may switch between its own database and the office server. */
  constructor(private readonly app: () => App, private readonly now: () => number = Date.now) {}

  /**
   * The next notice for this window (`client`: the window's own key) and session: resolves with one, an empty
   * one after `waitMs`, or null when the session is not (or no longer) signed in.
   */
  next(client: string, session: string, waitMs = WAIT_MS): Promise<ChangeNotice | null> {
    this.forgetSilent();
    let f = this.followers.get(client);
    if (f && f.session !== session) {
      this.drop(client);
      f = undefined;
    }
    if (!f) {
      const follower: Follower = { session, stop: () => undefined, pending: undefined, answer: null, lastAsked: this.now() };
      const stop = this.app().subscribe(session, (notice) => {
        if (notice === null) follower.pending = null;
        else if (follower.pending !== null) follower.pending = merge(follower.pending, notice);
        if (follower.answer) this.flush(follower);
      });
      if (!stop) return Promise.resolve(null);
      follower.stop = stop;
      this.followers.set(client, (f = follower));
    }
    const follower = f;
    follower.lastAsked = this.now();
    // A second ask from the same window replaces the first (a reload): the first gets an empty answer.
    follower.answer?.(EMPTY);
    follower.answer = null;
    if (follower.pending !== undefined) {
      const notice = follower.pending;
      follower.pending = undefined;
      if (notice === null) this.drop(client);
      return Promise.resolve(notice);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (follower.answer === settle) follower.answer = null;
        resolve(EMPTY);
      }, waitMs);
      const settle = (notice: ChangeNotice | null) => {
        clearTimeout(timer);
        resolve(notice);
      };
      follower.answer = settle;
    });
  }

  /** Stop following a window (it closed, or signed out). */
  drop(client: string): void {
    const f = this.followers.get(client);
    if (!f) return;
    this.followers.delete(client);
    f.stop();
    f.answer?.(null);
  }

  close(): void {
    for (const client of [...this.followers.keys()]) this.drop(client);
  }

  private flush(f: Follower): void {
    const answer = f.answer;
    if (!answer || f.pending === undefined) return;
    const notice = f.pending;
    f.pending = undefined;
    f.answer = null;
    if (notice === null) {
      for (const [client, other] of this.followers) if (other === f) this.drop(client);
    }
    answer(notice);
  }

  private forgetSilent(): void {
    const t = this.now();
    for (const [client, f] of this.followers) if (!f.answer && t - f.lastAsked > FORGET_MS) this.drop(client);
  }
}
