/**
 * Nothing typed is lost without a question: every form or editor that holds
 * typed text not yet saved says so here (useUnsavedChanges), and whatever
 * would throw that text away — the router's navigate and its hashchange
 * listener (menu, links, back and forward), the community switch, 退出登录,
 * closing or reloading the window, 取消 on a dialog — asks first through
 * confirmLeave / confirmDiscard. One registry and one question for the whole
 * renderer; the question itself (Ant Design's Modal.confirm) is installed by
 * components/UnsavedChangesGuard, inside the app's <App> context.
 */
import { useEffect, useRef } from 'react';
import { zhCN } from './i18n/zh-CN';

interface Entry {
  /** What would be lost, as a noun phrase: 纪要草稿, 新建事项. */
  description: string;
  isDirty: () => boolean;
}

const entries = new Map<symbol, Entry>();

/** Declare a holder of unsaved text; returns the function that withdraws it (on unmount). */
export function registerUnsaved(entry: Entry): () => void {
  const key = Symbol(entry.description);
  entries.set(key, entry);
  return () => {
    entries.delete(key);
  };
}

/** What is unsaved right now, each description once. */
export function unsavedDescriptions(): string[] {
  const out: string[] = [];
  for (const entry of entries.values()) {
    if (entry.isDirty() && !out.includes(entry.description)) out.push(entry.description);
  }
  return out;
}

export function hasUnsavedChanges(): boolean {
  return unsavedDescriptions().length > 0;
}

/** Leaving the screen, or closing a dialog (its 取消 / ×) while the page stays. */
export type DiscardKind = 'leave' | 'close';

/** Asks whether to throw the described changes away; true = discard and go on. */
export type DiscardQuestion = (descriptions: string[], kind: DiscardKind) => Promise<boolean>;

let question: DiscardQuestion | null = null;
let pending: Promise<boolean> | null = null;

/** Installed once by UnsavedChangesGuard (it has the modal context); returns its removal. */
export function setDiscardQuestion(ask: DiscardQuestion): () => void {
  question = ask;
  return () => {
    if (question === ask) question = null;
  };
}

/** The sentence of the question: 纪要草稿有未保存的修改，离开将丢失。 */
export function discardSentence(descriptions: string[], kind: DiscardKind = 'leave'): string {
  const what = descriptions.join('、');
  return kind === 'leave' ? zhCN.unsaved.body(what) : zhCN.unsaved.bodyClose(what);
}

/**
 * Ask about these changes (whether registered or not: a dialog's 取消 asks
 * about its own form). One question at a time: a second request while the
 * dialog is open gets the same answer.
 */
export function confirmDiscard(descriptions: string[], kind: DiscardKind = 'leave'): Promise<boolean> {
  if (descriptions.length === 0) return Promise.resolve(true);
  if (pending) return pending;
  // Before the guard is mounted (no modal context yet) the browser's own confirm still asks.
  const ask: DiscardQuestion = question ?? ((d) => Promise.resolve(window.confirm(discardSentence(d, kind))));
  const asked = ask(descriptions, kind).finally(() => {
    pending = null;
  });
  pending = asked;
  return asked;
}

/** Before leaving the screen: true at once when nothing is unsaved, else the person's answer. */
export function confirmLeave(): Promise<boolean> {
  return confirmDiscard(unsavedDescriptions());
}

/** True while the question is on screen. */
export function isAsking(): boolean {
  return pending !== null;
}

/**
 * Declare this component's unsaved state for as long as it is mounted.
 * `dirty` may be a function, read at the moment of leaving (a form's
 * touched state without re-rendering on every key).
 */
export function useUnsavedChanges(dirty: boolean | (() => boolean), description: string): void {
  const latest = useRef({ dirty, description });
  latest.current = { dirty, description };
  useEffect(
    () =>
      registerUnsaved({
        get description() {
          return latest.current.description;
        },
        isDirty: () => {
          const d = latest.current.dirty;
          return typeof d === 'function' ? d() : d;
        },
      }),
    [],
  );
}
