/**
 * The minutes draft's autosave timing (renderer/src/components/autosave.ts)
 * and the one registry of unsaved changes (renderer/src/unsavedChanges.ts),
 * with fake timers: saves every interval only while dirty, at once on request,
 * one at a time with a follow-up for text typed meanwhile, keeps going after
 * a failed save; the registry asks only when something is dirty, once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_INTERVAL_MS, startAutosave } from '../../renderer/src/components/autosave';
import { confirmDiscard, confirmLeave, hasUnsavedChanges, registerUnsaved, setDiscardQuestion, unsavedDescriptions } from '../../renderer/src/unsavedChanges';

describe('autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves every 30 s while dirty and not while clean', async () => {
    let dirty = false;
    const save = vi.fn(async () => {
      dirty = false;
    });
    const autosave = startAutosave({ intervalMs: AUTOSAVE_INTERVAL_MS, isDirty: () => dirty, save });
    expect(AUTOSAVE_INTERVAL_MS).toBe(30_000);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(save).not.toHaveBeenCalled();
    dirty = true;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(save).not.toHaveBeenCalled(); // the tick at 60 s has not come yet
    await vi.advanceTimersByTimeAsync(10_000);
    expect(save).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(save).toHaveBeenCalledTimes(1); // clean since
    dirty = true;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(save).toHaveBeenCalledTimes(2);
    autosave.stop();
    dirty = true;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('saves at once on request (blur), and not when clean', async () => {
    let dirty = true;
    const save = vi.fn(async () => {
      dirty = false;
    });
    const autosave = startAutosave({ intervalMs: AUTOSAVE_INTERVAL_MS, isDirty: () => dirty, save });
    await autosave.now();
    expect(save).toHaveBeenCalledTimes(1);
    await autosave.now();
    expect(save).toHaveBeenCalledTimes(1);
    autosave.stop();
  });

  it('runs one save at a time and follows up for text typed during it', async () => {
    let dirty = true;
    let finish: () => void = () => undefined;
    const save = vi.fn(() => new Promise<void>((resolve) => {
      finish = () => {
        dirty = false;
        resolve();
      };
    }));
    const autosave = startAutosave({ intervalMs: AUTOSAVE_INTERVAL_MS, isDirty: () => dirty, save });
    void autosave.now();
    void autosave.now();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(save).toHaveBeenCalledTimes(1);
    finish();
    dirty = true; // typed while the first save ran (the editor keeps it dirty)
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(2);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    autosave.stop();
  });

  it('keeps trying after a failed save while the text stays dirty', async () => {
    const save = vi.fn(() => Promise.reject(new Error('网络中断')));
    const autosave = startAutosave({ intervalMs: AUTOSAVE_INTERVAL_MS, isDirty: () => true, save });
    await vi.advanceTimersByTimeAsync(90_000);
    expect(save).toHaveBeenCalledTimes(3);
    autosave.stop();
  });
});

describe('unsaved changes registry', () => {
  it('asks only when something is dirty, with each description once, one question at a time', async () => {
    let draftDirty = false;
    const asked: string[][] = [];
    let answer: (ok: boolean) => void = () => undefined;
    const removeQuestion = setDiscardQuestion((d) => {
      asked.push(d);
      return new Promise((resolve) => {
        answer = resolve;
      });
    });
    const a = registerUnsaved({ description: '纪要草稿', isDirty: () => draftDirty });
    const b = registerUnsaved({ description: '纪要草稿', isDirty: () => draftDirty });
    expect(hasUnsavedChanges()).toBe(false);
    await expect(confirmLeave()).resolves.toBe(true);
    expect(asked).toEqual([]);

    draftDirty = true;
    expect(unsavedDescriptions()).toEqual(['纪要草稿']);
    const first = confirmLeave();
    const second = confirmLeave();
    expect(asked).toEqual([['纪要草稿']]);
    answer(false);
    await expect(first).resolves.toBe(false);
    await expect(second).resolves.toBe(false);

    const third = confirmDiscard(['对话框中填写的内容'], 'close');
    answer(true);
    await expect(third).resolves.toBe(true);

    a();
    b();
    expect(hasUnsavedChanges()).toBe(false);
    removeQuestion();
  });
});
