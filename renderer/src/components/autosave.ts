/**
 * A draft that saves itself: every `intervalMs` while it has unsaved changes,
 * and at once when asked (the editor lost focus). One save at a time; a save
 * asked for while one runs follows it, so text typed meanwhile is not left
 * for the next tick. Whether the draft is still dirty afterwards is the
 * editor's business (it compares revisions): a failed save leaves it dirty.
 * Plain timers, no React, so that the timing is unit-tested with fake timers.
 */
export interface AutosaveOptions {
  intervalMs: number;
  isDirty: () => boolean;
  /** Rejects when the save failed (the editor shows why). */
  save: () => Promise<void>;
}

export interface Autosave {
  /** Save now if dirty (on blur). */
  now: () => Promise<void>;
  stop: () => void;
}

export const AUTOSAVE_INTERVAL_MS = 30_000;

export function startAutosave({ intervalMs, isDirty, save }: AutosaveOptions): Autosave {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const run = (): Promise<void> => {
    if (stopped || !isDirty()) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = save()
      .catch(() => undefined)
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          void run();
        }
      });
    return running;
  };

  const timer = setInterval(() => void run(), intervalMs);
  return {
    now: run,
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
