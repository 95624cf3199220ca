/**
 * The connection to main (issue 17): when a call cannot reach it — the browser-mode server or the office server
 * stopped, the network dropped (fetch throws), or the relay answers OFFLINE — the client sends the same request
 * again, with the same idempotency key, so that a save that did reach main before the break is not saved twice
 * (main/services/system/idempotency.ts). Meanwhile a banner across the top says so (ConnectionBanner), and the
 * screens keep what was typed: the call has not failed yet. When a call gets through the banner goes; after
 * RETRY_LIMIT_MS the call fails as it always did, and the form shows the error with its text still in it.
 */
import { useSyncExternalStore } from 'react';
import { ApiError } from './errors';

/** Pauses between tries: quick at first (a restart takes seconds), then every 3 seconds. */
const RETRY_PAUSES_MS = [500, 1000, 2000];
const RETRY_EVERY_MS = 3000;
/** How long a call keeps trying before it fails. */
export const RETRY_LIMIT_MS = 2 * 60 * 1000;
/**
 * Before anyone has signed in there is nothing typed to keep but a login form (which keeps its text anyway), and
 * the first screen must soon say that the office server cannot be reached and offer what to do
 * (features/system/workstation): such calls try for a quarter of a minute.
 */
export const RETRY_LIMIT_SIGNED_OUT_MS = 15 * 1000;

export function retryPause(attempt: number): number {
  return RETRY_PAUSES_MS[attempt] ?? RETRY_EVERY_MS;
}

/** A fresh key for one request: 32 hex characters from the browser's cryptographic random numbers. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The call failed because main could not be reached (not because main said no): what was typed stays as it is. */
export function isOffline(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'OFFLINE';
}

// ── the store: how many calls are waiting for the connection ──
let waiting = 0;
const subscribers = new Set<() => void>();
/** Calls sleeping between tries, woken when another call got through (the connection is back: no need to wait). */
const sleepers = new Set<() => void>();

function notify(): void {
  for (const s of subscribers) s();
}

/** One call starts waiting for the connection; the returned function says it stopped (through, or gave up). */
export function waitingForConnection(): () => void {
  waiting++;
  notify();
  let done = false;
  return () => {
    if (done) return;
    done = true;
    waiting--;
    notify();
  };
}

/** A call reached main: the others waiting try again now. */
export function connectionWorks(): void {
  for (const wake of [...sleepers]) wake();
}

/** Sleep `ms` before the next try, or less when another call gets through. */
export function pauseBeforeRetry(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const wake = () => {
      window.clearTimeout(timer);
      sleepers.delete(wake);
      resolve();
    };
    const timer = window.setTimeout(wake, ms);
    sleepers.add(wake);
  });
}

/** True while any call is waiting for the connection: the banner shows. */
export function useConnectionLost(): boolean {
  return useSyncExternalStore((s) => {
    subscribers.add(s);
    return () => subscribers.delete(s);
  }, () => waiting > 0);
}
