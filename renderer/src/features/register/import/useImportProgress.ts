/**
 * A roster call (preview, error list, import) with its progress: the call
 * carries a ticket, and while it runs the page asks roster.importProgress for
 * rows read and written (the server yields between chunks of rows, so the
 * poll is answered). Elapsed seconds tick regardless; the line is shown only
 * after a second, so quick files never flash it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { invoke } from '../../../api/client';

export type ProgressReport = NonNullable<MethodOutput<'roster.importProgress'>>;

export interface RunningState {
  /** What the page is doing, for the stage text. */
  what: 'preview' | 'errors' | 'import';
  elapsedMs: number;
  report: ProgressReport | null;
}

const POLL_MS = 400;
/** Anything longer shows progress. */
export const SHOW_AFTER_MS = 1000;

function newTicket(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function useImportProgress() {
  const [running, setRunning] = useState<RunningState | null>(null);
  const timer = useRef<number | null>(null);

  const stop = () => {
    if (timer.current !== null) window.clearInterval(timer.current);
    timer.current = null;
  };
  useEffect(() => stop, []);

  /** Runs `call` with a fresh ticket, polling its progress until it settles. */
  const track = useCallback(async <T>(what: RunningState['what'], call: (ticket: string) => Promise<T>): Promise<T> => {
    const ticket = newTicket();
    const started = Date.now();
    let settled = false;
    setRunning({ what, elapsedMs: 0, report: null });
    stop();
    timer.current = window.setInterval(() => {
      const elapsedMs = Date.now() - started;
      setRunning((r) => (r ? { ...r, elapsedMs } : r));
      if (elapsedMs < SHOW_AFTER_MS / 2) return;
      invoke('roster.importProgress', { ticket }).then((report) => {
        if (!settled && report) setRunning((r) => (r ? { ...r, report } : r));
      }, () => undefined);
    }, POLL_MS);
    try {
      return await call(ticket);
    } finally {
      settled = true;
      stop();
      setRunning(null);
    }
  }, []);

  return { running, track };
}
