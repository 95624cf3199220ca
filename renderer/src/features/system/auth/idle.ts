/**
 * The idle lock's clock (issue 16): the minutes come from the current community's 锁屏分钟数 (the shell sets them
 * when the community changes); any key, click, touch, wheel or pointer movement counts as someone at the PC.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { DEFAULT_LOCK_MINUTES } from '../../../../../shared/contract/register';

let minutes = DEFAULT_LOCK_MINUTES;
const subscribers = new Set<() => void>();

/** The current community's 锁屏分钟数 (the default before one is known). */
export function setLockMinutes(value: number | null | undefined): void {
  const next = value ?? DEFAULT_LOCK_MINUTES;
  if (next === minutes) return;
  minutes = next;
  for (const notify of subscribers) notify();
}

export function useLockMinutes(): number {
  return useSyncExternalStore((notify) => {
    subscribers.add(notify);
    return () => subscribers.delete(notify);
  }, () => minutes);
}

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
/** How often the idle time is looked at: a lock comes at most this late, and moving the mouse costs nothing. */
const CHECK_MS = 5_000;

/** Calls `onIdle` once when nobody has touched the page for `idleMs`; counting starts again when `active` turns on. */
export function useIdle(idleMs: number, active: boolean, onIdle: () => void): void {
  useEffect(() => {
    if (!active) return undefined;
    let last = Date.now();
    const touched = () => { last = Date.now(); };
    for (const kind of ACTIVITY) window.addEventListener(kind, touched, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last >= idleMs) onIdle();
    }, CHECK_MS);
    return () => {
      window.clearInterval(timer);
      for (const kind of ACTIVITY) window.removeEventListener(kind, touched, { capture: true });
    };
  }, [idleMs, active, onIdle]);
}

const lockRequests = new Set<() => void>();

/** 锁屏 in the header: lock now when stepping away from the PC (the same lock as the idle one). */
export function lockNow(): void {
  for (const lock of lockRequests) lock();
}

export function onLockNow(listener: () => void): () => void {
  lockRequests.add(listener);
  return () => lockRequests.delete(listener);
}
