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
