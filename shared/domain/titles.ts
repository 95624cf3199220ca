/**
 * A document's title made from a record's title and a kind of document:
 * "2026年第一次业主大会表决" + "表决票" is "2026年第一次业主大会表决票", not
 * "…表决表决票"; "第六次业委会会议" + "会议纪要" is "第六次业委会会议纪要".
 * Where the title ends with the start of the suffix, the words are written
 * once. One character in common is not enough ("业主大会" + "会议纪要" stays
 * as it is), since a single character is rarely a word of its own.
 */
export function titleWith(title: string, suffix: string): string {
  const base = title.trim();
  for (let n = Math.min(base.length, suffix.length); n >= 2; n -= 1) {
    if (base.endsWith(suffix.slice(0, n))) return base + suffix.slice(n);
  }
  return base + suffix;
}
