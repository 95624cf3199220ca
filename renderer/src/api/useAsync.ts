/**
 * Load something once per set of deps, with reload; late answers for old deps
 * are dropped. After any call that wrote (renderer/src/api/queries.ts), it
 * loads again quietly: no spinner, and the old value kept when nothing changed.
 * A single contract read is better as useQuery, which also caches.
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { afterNavigation, onChange } from './changes';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * `afterWrites: false` for the gates read once at start (the session, the data file's health): reading them
 * again in the middle of a login — which writes — would see the moment before the new session is kept.
 */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList, { afterWrites = true }: { afterWrites?: boolean } = {}): AsyncState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let live = true;
    setLoading(true);
    loadRef.current().then(
      (value) => {
        if (!live) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [...deps, attempt]);

  // Quietly, after a write: the data only when it differs (compared as JSON), never the spinner or an error of its own.
  const dataRef = useRef<T | undefined>(undefined);
  dataRef.current = data;
  useEffect(() => {
    let live = true;
    let cancel: () => void = () => undefined;
    const off = onChange((change) => {
      if (change !== 'wrote' || !afterWrites) return;
      cancel();
      // Not in the write's own task: a screen the save leaves never reads again (changes.ts, afterNavigation).
      cancel = afterNavigation(() => {
        loadRef.current().then(
          (value) => { if (live && JSON.stringify(value) !== JSON.stringify(dataRef.current)) setData(value); },
          () => undefined,
        );
      });
    });
    return () => { live = false; off(); cancel(); };
  }, deps);

  const reload = useCallback(() => setAttempt((a) => a + 1), []);
  return { data, error, loading, reload };
}
