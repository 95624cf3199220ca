/**
 * The renderer's one door to main: `invoke(method, input)` typed by the
 * contract. Uses the preload bridge in the desktop app, otherwise POSTs to the
 * browser-mode server on the same origin. Each call carries a fresh
 * idempotency key, and is sent again with it while main cannot be reached
 * (connection.ts).
 */
import type { InvokeResponse, MethodInput, MethodName, MethodOutput } from '../../../shared/contract/methods';
import { isErrorEnvelope } from '../../../shared/contract/errors';
import { zhCN } from '../i18n/zh-CN';
import { announce } from './changes';
import { ApiError } from './errors';
import { getSession, getToken, setSession } from './session';
import { connectionWorks, newIdempotencyKey, pauseBeforeRetry, RETRY_LIMIT_MS, RETRY_LIMIT_SIGNED_OUT_MS, retryPause, waitingForConnection } from './connection';

export { ApiError } from './errors';

interface SanfangBridge {
  invoke(method: string, input: unknown, session?: string, idempotencyKey?: string): Promise<InvokeResponse>;
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

interface Request {
  method: string;
  input: unknown;
  session?: string;
  idempotencyKey: string;
}

/** Main could not be reached: the request may be sent again (its key keeps a save from happening twice). */
const unreachable = (): ApiError => new ApiError({ code: 'OFFLINE', message: zhCN.transport.unreachable });

async function send(request: Request): Promise<InvokeResponse> {
  const bridge = window.sanfang;
  if (bridge && typeof bridge.invoke === 'function') {
    try {
      return await bridge.invoke(request.method, request.input, request.session, request.idempotencyKey);
    } catch {
      throw unreachable();
    }
  }

  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const token = getToken();
  if (token) headers['X-Sanfang-Token'] = token;
  let response: Response;
  try {
    response = await fetch('/api/invoke', {
      method: 'POST',
      headers,
      body: JSON.stringify(request),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw unreachable();
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    // The connection broke while the answer came: the request may have run, and is sent again with its key.
    throw unreachable();
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError({ code: 'INTERNAL', message: zhCN.transport.badResponse(response.status) });
  }
  if (typeof body === 'object' && body !== null && 'ok' in body) return body as InvokeResponse;
  if (isErrorEnvelope(body)) return { ok: false, error: body };
  throw new ApiError({ code: 'INTERNAL', message: zhCN.transport.badResponse(response.status) });
}

/**
 * Send, and while main cannot be reached (the transport failed, or the office server's relay answers OFFLINE)
 * send the same request again — the same key — after a pause, for up to RETRY_LIMIT_MS (RETRY_LIMIT_SIGNED_OUT_MS before sign-in); the banner shows
 * meanwhile. Then the last failure is the answer, as a call failed before there were retries.
 */
async function sendUntilThrough(request: Request, limitMs: number): Promise<InvokeResponse> {
  const started = Date.now();
  let stopWaiting: (() => void) | null = null;
  try {
    for (let attempt = 0; ; attempt++) {
      let failure: ApiError | InvokeResponse;
      try {
        const response = await send(request);
        if (response.ok || response.error.code !== 'OFFLINE') {
          connectionWorks();
          return response;
        }
        failure = response;
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 'OFFLINE')) throw e;
        failure = e;
      }
      const pause = retryPause(attempt);
      if (Date.now() - started + pause > limitMs) {
        if (failure instanceof ApiError) throw failure;
        return failure;
      }
      stopWaiting ??= waitingForConnection();
      await pauseBeforeRetry(pause);
    }
  } finally {
    stopWaiting?.();
  }
}

export async function invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const session = getSession() ?? undefined;
  const request: Request = { method, input, idempotencyKey: newIdempotencyKey(), ...(session === undefined ? {} : { session }) };
  const response = await sendUntilThrough(request, session === undefined ? RETRY_LIMIT_SIGNED_OUT_MS : RETRY_LIMIT_MS);
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
