/**
 * What every reader must hear about: a call that wrote to the database (the
 * response's `wrote`, main/router.ts), and a new session (another person may
 * not see the same). The client and the session announce; useQuery and
 * useAsync listen (renderer/src/api/queries.ts says why).
 */
export type Change = 'wrote' | 'session';

const listeners = new Set<(change: Change) => void>();

export function announce(change: Change): void {
  for (const listener of [...listeners]) listener(change);
}

export function onChange(listener: (change: Change) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * A screen on view reads again after a write, but not in the same task: a save usually moves on to another page
 * (the new record's), and the screen it leaves unmounts first (router.ts updates the route at once), so its
 * reads are never sent — they would only queue in front of the new page's in main. Returns the cancel.
 */
export function afterNavigation(run: () => (() => void) | void): () => void {
  let cancelRun: (() => void) | void;
  const timer = setTimeout(() => { cancelRun = run(); }, 0);
  return () => {
    clearTimeout(timer);
    if (cancelRun) cancelRun();
  };
}
