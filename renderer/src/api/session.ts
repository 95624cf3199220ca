/**
 * The browser-mode token and the login session, both kept in sessionStorage
 * (per tab, gone when the window closes).
 */
import { announce } from './changes';

const TOKEN_KEY = 'sanfang.token';
const SESSION_KEY = 'sanfang.session';

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * The token arrives once in the page URL (?token=…): keep it, and take it out
 * of the address bar so it is not bookmarked, printed or shared.
 */
export function captureToken(): void {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token === null) return;
  storage()?.setItem(TOKEN_KEY, token);
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
}

export function getToken(): string | null {
  return storage()?.getItem(TOKEN_KEY) ?? null;
}

export function getSession(): string | null {
  return storage()?.getItem(SESSION_KEY) ?? null;
}

export function setSession(session: string | null): void {
  if (session !== getSession()) announce('session');
  const s = storage();
  if (!s) return;
  if (session === null) s.removeItem(SESSION_KEY);
  else s.setItem(SESSION_KEY, session);
}
