/**
 * Text typed into a dialog is not thrown away by a stray 取消, ×, Esc or a
 * click beside it: once something was typed (an input event of a text field
 * inside the dialog), closing asks 放弃修改 / 继续填写, and the dialog counts as unsaved
 * for leaving the page (the back button while it is open). While its save runs
 * it does not count: a save that succeeds closes the dialog, or moves on to
 * the new record's page, without a question. Dialogs have it through
 * GuardedModal (the one frame for it); a drawer that holds a form uses it itself.
 */
import { useEffect, useRef, type FormEvent } from 'react';
import { zhCN } from '../i18n/zh-CN';
import { confirmDiscard, useUnsavedChanges } from '../unsavedChanges';

export interface DialogGuard {
  /** For the dialog's content wrapper: onInput={guard.onTyped}. */
  onTyped: (event: FormEvent) => void;
  /** Close through this: it asks first if something was typed. */
  close: (onClose: () => void) => void;
  /** What was typed is saved and the dialog stays open (a drawer's form): closing no longer asks. */
  saved: () => void;
}

export function useDialogGuard(open: boolean, busy: boolean): DialogGuard {
  const typed = useRef(false);
  const busyNow = useRef(busy);
  useEffect(() => {
    busyNow.current = busy;
  }, [busy]);
  useEffect(() => {
    // A dialog opened afresh starts clean (FormModal's content is destroyed when it hides).
    typed.current = false;
  }, [open]);
  useUnsavedChanges(() => open && typed.current && !busyNow.current, zhCN.unsaved.dialogForm);
  return {
    onTyped: (event) => {
      if (isTextField(event.target)) typed.current = true;
      // React's events bubble through portals: a dialog opened from this one has
      // its own guard, and what is typed there must not make this one ask.
      event.stopPropagation();
    },
    close: (onClose) => {
      if (!typed.current || busyNow.current) {
        onClose();
        return;
      }
      void confirmDiscard([zhCN.unsaved.dialogForm], 'close').then((ok) => {
        if (ok) onClose();
      });
    },
    saved: () => {
      typed.current = false;
    },
  };
}

/** Typed text, not a ticked box or a chosen radio (those fire input events too, and are quickly set again). */
function isTextField(target: EventTarget): boolean {
  if (target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'file', 'range', 'color', 'button', 'submit', 'reset'].includes(target.type);
}
