/**
 * Minutes (会议纪要): the structured content a secretary drafts, its plain-text
 * rendering (for search, print and comparison), and the line difference
 * between two versions — an approved version is never changed, a correction is
 * a new version shown against the old.
 */
import { titleWith } from './titles';

export interface MinutesItem {
  title: string;
  discussion: string;
  decision: string;
}

export interface ActionItem {
  text: string;
  /** The party responsible (居委会, 业委会, 物业 …). */
  party: string;
  person: string;
  /** YYYY-MM-DD or '' when none was set. */
  due: string;
}

export interface MinutesContent {
  /** Who attended, as the minutes state it (the sign-in sheet is kept separately). */
  attendees: string;
  recorder: string;
  items: MinutesItem[];
  actions: ActionItem[];
  other: string;
}

/**
 * The minutes' title from the meeting's, by the one rule of titles (titles.ts): 三方联席会议 → 三方联席会议纪要,
 * 物业费调整 → 物业费调整会议纪要 (never 会议会议纪要); 业主大会 → 业主大会会议纪要, as the statutes name its meetings.
 */
export function minutesTitle(meetingTitle: string): string {
  return titleWith(meetingTitle, '会议纪要');
}

export const EMPTY_MINUTES: MinutesContent = { attendees: '', recorder: '', items: [], actions: [], other: '' };

/** The minutes as text, one fact per line: what search indexes and versions are compared by. */
export function minutesText(c: MinutesContent): string {
  const lines: string[] = [];
  if (c.attendees.trim()) lines.push(`出席：${c.attendees.trim()}`);
  if (c.recorder.trim()) lines.push(`记录：${c.recorder.trim()}`);
  c.items.forEach((item, i) => {
    lines.push(`议题${i + 1}：${item.title.trim()}`);
    for (const l of item.discussion.split('\n')) if (l.trim()) lines.push(`  讨论：${l.trim()}`);
    for (const l of item.decision.split('\n')) if (l.trim()) lines.push(`  决定：${l.trim()}`);
  });
  c.actions.forEach((a, i) => {
    const who = [a.party, a.person].filter((s) => s.trim()).join(' ');
    lines.push(`待办${i + 1}：${a.text.trim()}${who ? `（责任：${who}）` : ''}${a.due ? `，期限 ${a.due}` : ''}`);
  });
  for (const l of c.other.split('\n')) if (l.trim()) lines.push(`其他：${l.trim()}`);
  return lines.join('\n');
}

/** A piece of a changed line; `changed` marks the words that differ from the line it replaced. */
export type DiffSpan = { changed: boolean; text: string };
/**
 * A line of the difference. A removed line directly replaced by an added one carries `spans` on both
 * sides, so that a change from 4.8 to 4.6 inside a long line is seen, not only that the line changed.
 */
export type DiffLine = { op: 'same' | 'removed' | 'added'; text: string; spans?: DiffSpan[] };

type Op = 'same' | 'removed' | 'added';

/** The longest-common-subsequence edit script of two sequences (minutes are short: O(n·m) is fine). */
function editScript<T>(a: readonly T[], b: readonly T[]): { op: Op; value: T }[] {
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: { op: Op; value: T }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', value: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: 'removed', value: a[i++]! });
    else out.push({ op: 'added', value: b[j++]! });
  }
  while (i < a.length) out.push({ op: 'removed', value: a[i++]! });
  while (j < b.length) out.push({ op: 'added', value: b[j++]! });
  return out;
}

/** Words of a line for comparison: a number (4.8, 2026-11-10's parts) whole, a Latin word whole, each Chinese character alone. */
function words(line: string): string[] {
  return line.match(/\d+(?:\.\d+)?|[A-Za-z]+|\s+|[^]/gu) ?? [];
}

/** Adjacent spans of the same kind joined, so that the renderer draws few marks. */
function joined(spans: DiffSpan[]): DiffSpan[] {
  const out: DiffSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && last.changed === s.changed) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}

/** The two sides of a replaced line, each as spans with the differing words marked. */
export function diffWords(before: string, after: string): { removed: DiffSpan[]; added: DiffSpan[] } {
  const script = editScript(words(before), words(after));
  return {
    removed: joined(script.filter((s) => s.op !== 'added').map((s) => ({ changed: s.op === 'removed', text: s.value }))),
    added: joined(script.filter((s) => s.op !== 'removed').map((s) => ({ changed: s.op === 'added', text: s.value }))),
  };
}

/**
 * Line difference; within each block of removed lines followed by added lines, the k-th removed line
 * and the k-th added line are compared word by word.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  const lines: DiffLine[] = editScript(a, b).map((s) => ({ op: s.op, text: s.value }));
  for (let start = 0; start < lines.length;) {
    let removedEnd = start;
    while (removedEnd < lines.length && lines[removedEnd]!.op === 'removed') removedEnd++;
    let addedEnd = removedEnd;
    while (addedEnd < lines.length && lines[addedEnd]!.op === 'added') addedEnd++;
    const pairs = Math.min(removedEnd - start, addedEnd - removedEnd);
    for (let k = 0; k < pairs; k++) {
      const removed = lines[start + k]!;
      const added = lines[removedEnd + k]!;
      const spans = diffWords(removed.text, added.text);
      removed.spans = spans.removed;
      added.spans = spans.added;
    }
    start = Math.max(addedEnd, start + 1);
  }
  return lines;
}
