/**
 * Page cache behind DataGrid's remote source. Rows live in main; the grid asks
 * for the pages that scroll into view. A new query is loaded aside and shown
 * only when its first rows are here (no flash of an empty grid), answers to
 * queries that are no longer wanted are dropped, and the last few queries stay
 * cached so that backspacing in the search box repaints at once.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface PageResult<T> {
  total: number;
  rows: T[];
}

export interface PagedSource<T> {
  kind: 'remote';
  /** Identifies the query (filters, sort, search): a new key starts at the top. */
  key: string;
  /** The search text of this query, echoed in the grid's data-query once painted. */
  label?: string;
  /** Bump to reload the same query (after an edit) without moving. */
  revision?: number;
  pageSize?: number;
  fetchPage(offset: number, limit: number): Promise<PageResult<T>>;
}

export interface PageCache<T> {
  key: string;
  revision: number;
  label: string;
  pageSize: number;
  total: number;
  pages: Map<number, T[]>;
  pending: Map<number, Promise<void>>;
  fetchPage(offset: number, limit: number): Promise<PageResult<T>>;
}

const KEEP_QUERIES = 8;

function pagesFor(start: number, end: number, size: number): number[] {
  const pages: number[] = [];
  for (let p = Math.floor(start / size); p <= Math.floor(end / size); p++) pages.push(p);
  return pages;
}

function loadPage<T>(cache: PageCache<T>, page: number): Promise<void> {
  if (cache.pages.has(page)) return Promise.resolve();
  const pending = cache.pending.get(page);
  if (pending) return pending;
  const promise = cache.fetchPage(page * cache.pageSize, cache.pageSize).then(
    (result) => {
      cache.pages.set(page, result.rows);
      cache.total = result.total;
      cache.pending.delete(page);
    },
    (e: unknown) => {
      cache.pending.delete(page);
      throw e;
    },
  );
  cache.pending.set(page, promise);
  return promise;
}

export function usePagedRows<T>(source: PagedSource<T> | null) {
  const [shown, setShown] = useState<PageCache<T> | null>(null);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const shownRef = useRef<PageCache<T> | null>(null);
  shownRef.current = shown;
  const wantedRef = useRef<PageCache<T> | null>(null);
  const recent = useRef(new Map<string, PageCache<T>>());
  const visible = useRef<[number, number]>([0, 0]);
  const sourceRef = useRef(source);
  sourceRef.current = source;

  const key = source?.key ?? null;
  const revision = source?.revision ?? 0;

  useEffect(() => {
    const src = sourceRef.current;
    if (!src || key === null) return;
    const cacheId = `${key}\u0001${revision}`;
    // Rows cached under an older revision are out of date.
    if ([...recent.current.values()].some((c) => c.revision !== revision)) recent.current.clear();
    const cached = recent.current.get(cacheId);
    if (cached && cached.pages.has(0)) {
      wantedRef.current = cached;
      recent.current.delete(cacheId);
      recent.current.set(cacheId, cached);
      setShown(cached);
      setError(null);
      setLoading(false);
      return;
    }
    const next: PageCache<T> = {
      key, revision, label: src.label ?? '', pageSize: src.pageSize ?? 200, total: 0,
      pages: new Map(), pending: new Map(), fetchPage: src.fetchPage,
    };
    recent.current.set(cacheId, next);
    while (recent.current.size > KEEP_QUERIES) {
      const oldest = recent.current.keys().next().value;
      if (oldest === undefined) break;
      recent.current.delete(oldest);
    }
    wantedRef.current = next;
    const sameQuery = shownRef.current?.key === key;
    const [start, end] = visible.current;
    const pages = sameQuery ? pagesFor(start, end, next.pageSize) : [0];
    setLoading(true);
    Promise.all(pages.map((p) => loadPage(next, p))).then(
      () => {
        if (wantedRef.current !== next) return;
        setShown(next);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        recent.current.delete(cacheId);
        if (wantedRef.current !== next) return;
        setError(e);
        setLoading(false);
      },
    );
  }, [key, revision, attempt]);

  const ensureRange = useCallback((start: number, end: number) => {
    visible.current = [start, end];
    const cache = shownRef.current;
    if (!cache) return;
    for (const page of pagesFor(start, end, cache.pageSize)) {
      if (cache.pages.has(page) || cache.pending.has(page)) continue;
      loadPage(cache, page).then(
        () => {
          if (shownRef.current === cache) setVersion((v) => v + 1);
        },
        (e: unknown) => {
          if (shownRef.current === cache) setError(e);
        },
      );
    }
  }, []);

  const rowAt = (index: number): T | undefined => {
    if (!shown) return undefined;
    return shown.pages.get(Math.floor(index / shown.pageSize))?.[index % shown.pageSize];
  };

  const retry = useCallback(() => {
    recent.current.clear();
    setError(null);
    setAttempt((a) => a + 1);
  }, []);

  return { shown, version, rowAt, ensureRange, loading, error, retry };
}
