/**
 * Other people's saves (issue 17): while someone is signed in, the window asks main for the next change notice
 * (main/transport/change-waiter.ts) — through the preload in the desktop app, over the loopback server in a
 * browser — and each notice makes the screens on view read again, quietly, as after a save of one's own
 * (changes.ts). A notice says only which kinds and ids changed; the reads themselves go through the permission
 * checks like any other. Ten PCs entering ballots send notices several times a second: the screens read again at
 * most once a second, and once more after the last notice.
 *
 * Not while someone is typing (a form or editor holds unsaved text, unsavedChanges.ts): a form filled from the
 * record it edits would be filled again from the other person's save, and the typing lost. The screens read
 * again once the text is saved or given up; a save over the other change meanwhile is refused and shown side
 * by side (components/ConflictDialog.tsx).
 */
import { hasUnsavedChanges } from '../unsavedChanges';
import { announce } from './changes';
import { getToken } from './session';

interface Notice {
  kinds: string[];
  ids: string[];
}

/** The preload's second function (main/electron/preload.ts); absent in a browser. */
type ChangeBridge = { nextChange?: (session: string) => Promise<Notice | null | { ok: false }> };

const REREAD_EVERY_MS = 1000;
/** While someone types, how often to look whether they have saved or given up (then the screens read again). */
const TYPING_CHECK_MS = 1000;

async function nextChange(session: string, signal: AbortSignal): Promise<Notice | null> {
  const bridge = (window as { sanfang?: ChangeBridge }).sanfang;
  if (bridge?.nextChange) {
    const notice = await bridge.nextChange(session);
    return notice && 'kinds' in notice ? notice : null;
  }
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const token = getToken();
  if (token) headers['X-Sanfang-Token'] = token;
  const response = await fetch('/api/next-change', { method: 'POST', headers, body: JSON.stringify({ session }), cache: 'no-store', signal });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = (await response.json()) as { ok: boolean; result?: Notice | null };
  return body.result ?? null;
}

/** Follows the session's notices until stopped or the session ends; returns the stop. */
export function followChanges(session: string): () => void {
  const controller = new AbortController();
  let last = 0;
  let trailing: ReturnType<typeof setTimeout> | null = null;
  let typing: ReturnType<typeof setInterval> | null = null;
  const reread = () => {
    if (hasUnsavedChanges()) {
      typing ??= setInterval(() => {
        if (hasUnsavedChanges()) return;
        clearInterval(typing!);
        typing = null;
        reread();
      }, TYPING_CHECK_MS);
      return;
    }
    const wait = last + REREAD_EVERY_MS - Date.now();
    if (wait <= 0) {
      last = Date.now();
      announce('wrote');
    } else {
      trailing ??= setTimeout(() => {
        trailing = null;
        last = Date.now();
        announce('wrote');
      }, wait);
    }
  };
  void (async () => {
    let pause = 1000;
    while (!controller.signal.aborted) {
      try {
        const notice = await nextChange(session, controller.signal);
        if (controller.signal.aborted) return;
        if (notice === null) return; // the session is over: the next call says so and the login shows
        pause = 1000;
        if (notice.kinds.length > 0) reread();
      } catch {
        if (controller.signal.aborted) return;
        // Main or the server is away: ask again a little later (the calls show the banner meanwhile).
        await new Promise((resolve) => setTimeout(resolve, pause));
        pause = Math.min(pause * 2, 15_000);
      }
    }
  })();
  return () => {
    controller.abort();
    if (trailing) clearTimeout(trailing);
    if (typing) clearInterval(typing);
  };
}
