/**
 * Sandboxed preload: the page's only door to the main process.
 *
 * Exposes exactly one object, `window.sanfang`, with two functions:
 * `invoke(method, input, session?, idempotencyKey?)`, which resolves to the
 * contract's InvokeResponse envelope (`{ ok: true, result }` or `{ ok: false, error }`),
 * and `nextChange(session)`, which resolves to the next notice of others'
 * saves (main/transport/change-waiter.ts). Raw ipcRenderer is never exposed.
 *
 * A sandboxed preload can only `require('electron')`, so this file imports
 * nothing else: the contract's method names are injected at build time by
 * scripts/build-electron.mjs (esbuild `define`), and the channel name repeats
 * IPC_CHANNEL from main/transport/electron-policy.ts (a unit test checks it).
 * Main re-checks everything (sender frame, envelope, input schema).
 */
import { contextBridge, ipcRenderer } from 'electron';

/** JSON array of every contract method name, replaced by esbuild at build time. */
declare const __SANFANG_METHOD_NAMES__: readonly string[];

const CHANNEL = 'sanfang:invoke';
const CHANGES_CHANNEL = 'sanfang:next-change';
const KNOWN_METHODS: ReadonlySet<string> = new Set(__SANFANG_METHOD_NAMES__);

function refused(message: string) {
  return Promise.resolve({ ok: false as const, error: { code: 'VALIDATION' as const, message } });
}

const bridge = Object.freeze({
  invoke(method: unknown, input: unknown, session?: unknown, idempotencyKey?: unknown): Promise<unknown> {
    if (typeof method !== 'string' || !KNOWN_METHODS.has(method)) {
      const name = typeof method === 'string' ? method.slice(0, 100) : typeof method;
      return refused(`未知的接口方法：${name}`);
    }
    if (session !== undefined && session !== null && typeof session !== 'string') return refused('会话标识 session 应为字符串。');
    const envelope: Record<string, unknown> = { method, input };
    if (typeof session === 'string') envelope.session = session;
    // Passed on as given: main checks its form (parseInvokeEnvelope).
    if (idempotencyKey !== undefined && idempotencyKey !== null) envelope.idempotencyKey = idempotencyKey;
    return ipcRenderer.invoke(CHANNEL, envelope);
  },
  nextChange(session: unknown): Promise<unknown> {
    if (typeof session !== 'string') return refused('会话标识 session 应为字符串。');
    return ipcRenderer.invoke(CHANGES_CHANNEL, session);
  },
});

contextBridge.exposeInMainWorld('sanfang', bridge);
