/**
 * Reads with a cache, and fresh after every write.
 *
 * `useQuery(method, input)` reads through the contract, keyed by the method and
 * its input: a screen opened again shows what it read before at once, and
 * reads anew behind it. Every call that committed something says so in its
 * response (`wrote`, main/router.ts), whoever made it and from whichever
 * screen; then every cached read is stale, and the ones on screen read again
 * quietly — no spinner, and the old value stays (the same object) when nothing
 * changed, so an effect that depends on it does not run again. A new session
 * (login, logout) empties the cache: what a person may see depends on who
 * they are.
 *
 * Why our own thin layer rather than TanStack Query: the contract already
 * names every read (the key), main already knows which calls wrote (the
 * invalidation), and the screens need nothing else it offers — retries,
 * polling, mutations and devtools would be weight without use.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract/methods';
import { afterNavigation, onChange } from './changes';
import { invoke } from './client';
import type { AsyncState } from './useAsync';

interface Entry {
  data: unknown;
  /** The JSON of `data`: a read that brings the same keeps the same object. */
  json: string | undefined;
  stale: boolean;
  /** The read under way, shared by every screen that asks meanwhile. */
  pending: Promise<unknown> | null;
  usedAt: number;
}

const cache = new Map<string, Entry>();
/** Enough for every list and record a day's work opens; the least recently used go first. */
const CACHE_LIMIT = 300;

// A write makes every cached read stale; a new session forgets them all.
onChange((change) => {
  if (change === 'session') cache.clear();
  else for (const entry of cache.values()) entry.stale = true;
});

/** Start a read a page is about to need (its children's), so that it runs beside the page's own. */
export function prefetch<M extends MethodName>(method: M, input: MethodInput<M>): void {
  const key = keyOf(method, input);
  const entry = cache.get(key);
  if (entry && entry.json !== undefined && !entry.stale) return;
  fetchInto(key, () => invoke(method, input)).catch(() => undefined);
}

function keyOf(method: string, input: unknown): string {
  return `${method} ${JSON.stringify(input)}`;
}

function trim(): void {
  if (cache.size <= CACHE_LIMIT) return;
  const oldest = [...cache.entries()].sort((a, b) => a[1].usedAt - b[1].usedAt).slice(0, cache.size - CACHE_LIMIT);
  for (const [key] of oldest) cache.delete(key);
}

/** Read into the cache, sharing a read already under way. Resolves to the entry's data (the old object when unchanged). */
function fetchInto(key: string, read: () => Promise<unknown>): Promise<unknown> {
  const entry = cache.get(key) ?? { data: undefined, json: undefined, stale: true, pending: null, usedAt: Date.now() };
  cache.set(key, entry);
  entry.usedAt = Date.now();
  if (entry.pending) return entry.pending;
  const pending = read().then(
    (value) => {
      const json = JSON.stringify(value);
      if (json !== entry.json) {
        entry.data = value;
        entry.json = json;
      }
      entry.stale = false;
      entry.pending = null;
      return entry.data;
    },
    (error: unknown) => {
      entry.pending = null;
      throw error;
    },
  );
  entry.pending = pending;
  trim();
  return pending;
}

/**
 * One contract read, cached (see above). `input` null: nothing to read yet
 * (a dialog not open, nothing chosen): data undefined, not loading.
 */
export function useQuery<M extends MethodName>(method: M, input: MethodInput<M> | null): AsyncState<MethodOutput<M>> {
  const key = input === null ? null : keyOf(method, input);
  const cached = key === null ? undefined : cache.get(key);
  const [state, setState] = useState<{ key: string | null; data: unknown; error: unknown; loading: boolean }>(
    () => ({ key, data: cached?.data, error: null, loading: key !== null && (cached?.json === undefined || cached.stale) }),
  );
  const inputRef = useRef(input);
  inputRef.current = input;

  const load = useCallback((quiet: boolean) => {
    if (key === null) return () => undefined;
    let live = true;
    const entry = cache.get(key);
    // A quiet read (after a write) shows nothing new until it answers — unless there is nothing to show yet.
    if (!quiet || entry?.json === undefined) setState({ key, data: entry?.data, error: null, loading: true });
    fetchInto(key, () => invoke(method, inputRef.current as MethodInput<M>)).then(
      (data) => { if (live) setState((s) => (s.key === key && s.data === data && !s.loading && s.error === null ? s : { key, data, error: null, loading: false })); },
      (error: unknown) => { if (live) setState({ key, data: cache.get(key)?.data, error, loading: false }); },
    );
    return () => { live = false; };
  }, [key]);

  useEffect(() => {
    if (key === null) {
      setState({ key, data: undefined, error: null, loading: false });
      return undefined;
    }
    const entry = cache.get(key);
    // Fresh in the cache: shown as it is, no read.
    if (entry && entry.json !== undefined && !entry.stale) {
      setState((s) => (s.key === key && s.data === entry.data ? s : { key, data: entry.data, error: null, loading: false }));
      return undefined;
    }
    return load(false);
  }, [key]);

  useEffect(() => {
    if (key === null) return undefined;
    let cancel: () => void = () => undefined;
    const off = onChange((change) => { if (change === 'wrote') { cancel(); cancel = afterNavigation(() => load(true)); } });
    return () => { off(); cancel(); };
  }, [key, load]);

  // Read again, quietly like after a write: what is shown stays until the answer differs.
  const reload = useCallback(() => {
    if (key === null) return;
    const entry = cache.get(key);
    if (entry) entry.stale = true;
    load(true);
  }, [key, load]);

  const current = state.key === key ? state : { data: cached?.data, error: null, loading: key !== null };
  return { data: current.data as MethodOutput<M> | undefined, error: current.error, loading: current.loading, reload };
}
