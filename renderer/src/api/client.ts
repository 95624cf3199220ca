/**
 * The renderer's one door to main: `invoke(method, input)` typed by the
 * contract. Uses the preload bridge in the desktop app, otherwise POSTs to the
 * browser-mode server on the same origin.
 */
import type { InvokeResponse, MethodInput, MethodName, MethodOutput } from '../../../shared/contract/methods';
import { isErrorEnvelope } from '../../../shared/contract/errors';
import { zhCN } from '../i18n/zh-CN';
import { announce } from './changes';
import { ApiError, toApiError } from './errors';
import { getSession, getToken, setSession } from './session';

export { ApiError } from './errors';

interface SanfangBridge {
  invoke(method: string, input: unknown, session?: string): Promise<InvokeResponse>;
}

declare global {
  interface Window {
    sanfang?: SanfangBridge;
  }
}


const unauthenticatedListeners = new Set<() => void>();

/** Called when main says the session is gone (expired or logged out elsewhere). */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

const lockedListeners = new Set<() => void>();

/** Called when main refuses a call because the session's screen is locked (SCREEN_LOCKED): the lock shows. */
export function onScreenLocked(listener: () => void): () => void {
  lockedListeners.add(listener);
  return () => lockedListeners.delete(listener);
}

async function send(method: string, input: unknown, session: string | undefined): Promise<InvokeResponse> {
  const bridge = window.sanfang;
  if (bridge && typeof bridge.invoke === 'function') return bridge.invoke(method, input, session);

  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const token = getToken();
  if (token) headers['X-Sanfang-Token'] = token;
  let response: Response;
  try {
    response = await fetch('/api/invoke', {
      method: 'POST',
      headers,
      body: JSON.stringify(session === undefined ? { method, input } : { method, input, session }),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    throw toApiError(e, zhCN.transport.unreachable);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError({ code: 'INTERNAL', message: zhCN.transport.badResponse(response.status) });
  }
  if (typeof body === 'object' && body !== null && 'ok' in body) return body as InvokeResponse;
  if (isErrorEnvelope(body)) return { ok: false, error: body };
  throw new ApiError({ code: 'INTERNAL', message: zhCN.transport.badResponse(response.status) });
}

export async function invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const session = getSession() ?? undefined;
  const response = await send(method, input, session);
  if (response.wrote) announce('wrote');
  if (response.ok) return response.result as MethodOutput<M>;
  const error = new ApiError(response.error);
  if (error.code === 'UNAUTHENTICATED') {
    setSession(null);
    for (const listener of unauthenticatedListeners) listener();
  }
  if (error.code === 'SCREEN_LOCKED') for (const listener of lockedListeners) listener();
  throw error;
}
