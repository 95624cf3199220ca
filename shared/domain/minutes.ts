/**
 * Minutes (会议纪要): the structured content a secretary drafts, its plain-text
 * rendering (for search, print and comparison), and the line difference
 * between two versions — an approved version is never changed, a correction is
 * a new version shown against the old.
 */

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

export type DiffLine = { op: 'same' | 'removed' | 'added'; text: string };

/** Line difference by longest common subsequence (minutes are short: O(n·m) is fine). */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: 'removed', text: a[i++]! });
    else out.push({ op: 'added', text: b[j++]! });
  }
  while (i < a.length) out.push({ op: 'removed', text: a[i++]! });
  while (j < b.length) out.push({ op: 'added', text: b[j++]! });
  return out;
}

/**
 * The minutes' title from the meeting's name without doubling words:
 * 第六次业委会会议 → 第六次业委会会议纪要, 三方联席会 → 三方联席会纪要,
 * 物业费调整 → 物业费调整会议纪要.
 */
export function minutesTitle(meetingTitle: string): string {
  const t = meetingTitle.trim();
  return t.endsWith('会') || t.endsWith('会议') ? `${t}纪要` : `${t}会议纪要`;
}
