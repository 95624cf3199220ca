/**
 * What changed, for the people who are looking (issue 17: live updates between the PCs of one office). Every
 * write's audit rows already name the records it changed (context.ts); after the transaction commits, their
 * kinds and ids are published here, gathered for a moment so that ten PCs entering ballots make a few notices a
 * second rather than hundreds. The transports send each signed-in person the part they may see
 * (main/security/access.ts visibleChanges) — kinds and ids only, never the records' contents.
 */

/** One changed record, as its audit row names it: entity 'ballot', 'issue', 'community'…; id null for office-wide rows. */
export interface Change {
  entity: string;
  id: string | null;
}

/** Long enough to gather a burst of ballots, short enough that the other PC's tally looks live. */
const GATHER_MS = 150;

export class ChangeFeed {
  private readonly listeners = new Set<(changes: readonly Change[]) => void>();
  private pending: Change[] = [];
  private timer: NodeJS.Timeout | null = null;

  publish(changes: readonly Change[]): void {
    if (changes.length === 0 || this.listeners.size === 0) return;
    this.pending.push(...changes);
    this.timer ??= setTimeout(() => this.flush(), GATHER_MS);
  }

  listen(listener: (changes: readonly Change[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private flush(): void {
    this.timer = null;
    const seen = new Set<string>();
    const changes = this.pending.filter((c) => {
      const key = `${c.entity}\u0000${c.id ?? ''}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
    this.pending = [];
    for (const listener of [...this.listeners]) {
      try {
        listener(changes);
      } catch (error) {
        console.error('[changes] a listener failed', error);
      }
    }
  }
}
