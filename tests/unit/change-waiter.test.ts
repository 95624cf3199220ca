/**
 * The window's long poll for change notices (main/transport/change-waiter.ts): a notice answers a waiting ask,
 * notices between asks are merged, an empty answer after the wait, null when the session ends, and a window that
 * signs in as someone else follows the new session only.
 */
import { describe, expect, it } from 'vitest';
import type { App, ChangeNotice } from '../../main/app-types';
import { ChangeWaiter } from '../../main/transport/change-waiter';

/** An App whose subscribe the test drives: `emit(session, notice)`. */
function fakeApp(valid: string[]) {
  const listeners = new Map<string, (n: ChangeNotice | null) => void>();
  const app = {
    subscribe(session: string | undefined, listener: (n: ChangeNotice | null) => void) {
      if (!session || !valid.includes(session)) return null;
      listeners.set(session, listener);
      return () => listeners.delete(session);
    },
  } as unknown as App;
  return { app, emit: (session: string, n: ChangeNotice | null) => listeners.get(session)?.(n), listening: () => [...listeners.keys()] };
}

describe('ChangeWaiter', () => {
  it('answers a waiting ask with the next notice, and merges those that come between asks', async () => {
    const { app, emit } = fakeApp(['s1']);
    const waiter = new ChangeWaiter(() => app);
    const first = waiter.next('w', 's1', 5000);
    emit('s1', { kinds: ['ballot'], ids: ['b1'] });
    expect(await first).toEqual({ kinds: ['ballot'], ids: ['b1'] });
    emit('s1', { kinds: ['ballot'], ids: ['b2'] });
    emit('s1', { kinds: ['vote', 'ballot'], ids: ['v1', 'b2'] });
    expect(await waiter.next('w', 's1', 5000)).toEqual({ kinds: ['ballot', 'vote'], ids: ['b2', 'v1'] });
    waiter.close();
  });

  it('answers empty after the wait, and null for a session that is not signed in or has ended', async () => {
    const { app, emit, listening } = fakeApp(['s1']);
    const waiter = new ChangeWaiter(() => app);
    expect(await waiter.next('w', 's1', 20)).toEqual({ kinds: [], ids: [] });
    expect(await waiter.next('x', 'nobody', 20)).toBeNull();
    const waiting = waiter.next('w', 's1', 5000);
    emit('s1', null);
    expect(await waiting).toBeNull();
    expect(listening()).toEqual([]);
  });

  it('follows a window’s new session only, once it signs in as someone else', async () => {
    const { app, emit, listening } = fakeApp(['s1', 's2']);
    const waiter = new ChangeWaiter(() => app);
    void waiter.next('w', 's1', 20);
    const second = waiter.next('w', 's2', 5000);
    expect(listening()).toEqual(['s2']);
    emit('s2', { kinds: ['issue'], ids: ['i1'] });
    expect(await second).toEqual({ kinds: ['issue'], ids: ['i1'] });
    waiter.close();
    expect(listening()).toEqual([]);
  });
});
