/**
 * How far a roster preview or import has got, kept in memory by a ticket its
 * caller chose, so that the screen can ask (roster.importProgress) while the
 * work runs: the work yields to the event loop between chunks of rows, and
 * both transports answer other calls meanwhile. Only the user who started the
 * work reads its progress; finished entries are dropped after a while.
 */
import type { Actor } from '../context';

export type ImportStage = 'read' | 'check' | 'write' | 'done';

interface Entry {
  userId: string | null;
  stage: ImportStage;
  rowsRead: number;
  rowsTotal: number | null;
  rowsWritten: number;
  startedAt: number;
  endedAt: number | null;
}

const entries = new Map<string, Entry>();
/** A finished entry is kept this long for a last poll. */
const KEEP_MS = 5 * 60_000;
/** A bound on memory whatever the callers send. */
const MAX_ENTRIES = 200;

function prune(now: number): void {
  for (const [ticket, e] of entries) if (e.endedAt !== null && now - e.endedAt > KEEP_MS) entries.delete(ticket);
  while (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}

/** One run's reporter; without a ticket it reports nowhere. */
export class ImportProgress {
  private readonly entry: Entry | null;

  constructor(ticket: string | undefined, actor: Actor) {
    if (ticket === undefined) {
      this.entry = null;
      return;
    }
    const now = Date.now();
    prune(now);
    this.entry = { userId: actor.userId, stage: 'read', rowsRead: 0, rowsTotal: null, rowsWritten: 0, startedAt: now, endedAt: null };
    entries.set(ticket, this.entry);
  }

  read(rowsRead: number, rowsTotal: number): void {
    if (!this.entry) return;
    this.entry.stage = 'check';
    this.entry.rowsRead = rowsRead;
    this.entry.rowsTotal = rowsTotal;
  }

  writing(): void {
    if (this.entry) this.entry.stage = 'write';
  }

  wrote(rows: number): void {
    if (this.entry) this.entry.rowsWritten = rows;
  }

  end(): void {
    if (!this.entry) return;
    this.entry.stage = 'done';
    this.entry.endedAt = Date.now();
  }
}

export function importProgressOf(ticket: string, actor: Actor) {
  const e = entries.get(ticket);
  if (!e || e.userId !== actor.userId) return null;
  const { stage, rowsRead, rowsTotal, rowsWritten } = e;
  return { stage, rowsRead, rowsTotal, rowsWritten, elapsedMs: (e.endedAt ?? Date.now()) - e.startedAt };
}

/** Lets the event loop answer other calls (a progress poll) between chunks of work. */
export const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
