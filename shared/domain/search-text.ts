/**
 * Full-text search for Chinese words of any length (issue 3). SQLite's FTS5
 * trigram tokenizer cannot match queries shorter than three characters, so
 * the app tokenizes text itself and gives FTS5 space-separated tokens:
 *
 *   "业主大会，3号楼" → 业主 主大 大会 ⏐ 3 号楼 ⏐ 业 主 大 会 号 楼
 *
 * - the phrase stream: each run of Chinese as character pairs (a lone
 *   character as itself), each run of letters/digits as one word; a break
 *   token wherever spaces or punctuation separate them, so that no phrase
 *   spans punctuation;
 * - then every Chinese character alone, for one-character queries.
 *
 * A query of one Chinese character matches that character; any longer query
 * is the phrase of its own pairs and words — "业主大会" is the phrase
 * "业主 主大 大会", which only text containing 业主大会 has.
 */
import { toHalfWidth } from './text';

/** Occupies a position between runs; never produced by a query. */
export const BREAK_TOKEN = 'qqbrk0';

// A run is Chinese characters, or letters/digits of other scripts (Han is also \p{L}).
const RUN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
const HAN = /^\p{Script=Han}/u;

function normalize(text: string): string {
  return toHalfWidth(text).toLowerCase();
}

function runTokens(run: string): string[] {
  if (!HAN.test(run)) return [run];
  const chars = [...run];
  if (chars.length === 1) return chars;
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) pairs.push(chars[i]! + chars[i + 1]!);
  return pairs;
}

/**
 * Runs grouped into phrases: runs written next to each other (3号楼) stay in
 * one phrase; spaces or punctuation between them start a new one.
 */
function phrases(text: string): string[][] {
  const out: string[][] = [];
  let end = -1;
  for (const m of normalize(text).matchAll(RUN)) {
    if (m.index !== end || out.length === 0) out.push([]);
    out[out.length - 1]!.push(m[0]);
    end = m.index + m[0].length;
  }
  return out;
}

/** What is stored in the FTS5 column for a document. */
export function indexTokens(text: string): string {
  const out: string[] = [];
  const singles: string[] = [];
  for (const phrase of phrases(text)) {
    if (out.length > 0) out.push(BREAK_TOKEN);
    for (const run of phrase) {
      out.push(...runTokens(run));
      if (HAN.test(run)) singles.push(...run);
    }
  }
  if (singles.length > 0) out.push(BREAK_TOKEN, ...singles);
  return out.join(' ');
}

/**
 * The FTS5 MATCH expression for what a person typed, or null when there is
 * nothing to search. Words separated by spaces or punctuation must all be present.
 */
export function matchExpression(query: string): string | null {
  const parts = phrases(query).map((phrase) => {
    const single = phrase.length === 1 && [...phrase[0]!].length === 1;
    const tokens = single ? phrase : phrase.flatMap(runTokens);
    // Tokens hold only letters, digits and Chinese: quoting them is enough.
    return `"${tokens.join(' ')}"`;
  });
  return parts.length === 0 ? null : parts.join(' AND ');
}

export interface Snippet {
  text: string;
  /** Where the first match is in `text` (UTF-16 offsets), or null. */
  match: [number, number] | null;
}

/** A short passage around the first occurrence of the query's first run, for a hit list. */
export function snippetOf(body: string, query: string, radius = 30): Snippet {
  const first = phrases(query)[0]?.join('');
  const at = first ? normalize(body).indexOf(first) : -1;
  if (at < 0) return { text: body.slice(0, radius * 2), match: null };
  const start = Math.max(0, at - radius);
  const end = Math.min(body.length, at + first!.length + radius);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < body.length ? '…' : '';
  const offset = prefix.length + at - start;
  return { text: `${prefix}${body.slice(start, end)}${suffix}`, match: [offset, offset + first!.length] };
}
