/**
 * A vote's thresholds in the words of the public result notice (docs/domain.md
 * §4): each share as a percentage of its whole, then 达到 or 未达到 and the
 * fraction in words — "参与表决的专有部分面积占总面积66.67%，达到三分之二以上".
 * The percentage is for reading; 达到 / 未达到 is the exact integer check
 * (tally.ts), never the rounded figure, and a figure that rounds onto the
 * threshold from the wrong side is written 不足 / 超过 it.
 */
import type { Comparison, Share, Threshold } from './tally';

/** The fraction each check asks for, as the Civil Code words it. */
export const FRACTION_WORDS: Record<'participation' | Threshold, string> = {
  participation: '三分之二以上',
  'three-quarters': '四分之三以上',
  majority: '过半数',
};

/** What each share measures, and of what. */
export const SHARE_WORDS = {
  participationArea: '参与表决的专有部分面积占总面积',
  participationCount: '参与表决人数占总人数',
  approvalArea: '同意的专有部分面积占参与表决专有部分面积',
  approvalCount: '同意人数占参与表决人数',
} as const;

export type ShareKey = keyof typeof SHARE_WORDS;

/** "66.67%", "不足66.67%" or "超过50.00%". */
export function shareText(share: Share): string {
  return `${share.beyond === 'under' ? '不足' : share.beyond === 'over' ? '超过' : ''}${share.percent}`;
}

/** "参与表决人数占总人数75.00%，达到三分之二以上" — 达到 from the exact check. */
export function shareSentence(key: ShareKey, comparison: Pick<Comparison, 'met' | 'share'>, fraction: string): string {
  return `${SHARE_WORDS[key]}${shareText(comparison.share)}，${comparison.met ? '达到' : '未达到'}${fraction}`;
}

type Comparisons = Record<ShareKey, Pick<Comparison, 'met' | 'share'>>;

/** An item's two sentences: participation (area; headcount) and approval (area; headcount), each ending in 。 */
export function thresholdSentences(comparisons: Comparisons, threshold: Threshold): { participation: string; approval: string } {
  const p = FRACTION_WORDS.participation;
  const a = FRACTION_WORDS[threshold];
  return {
    participation: `${shareSentence('participationArea', comparisons.participationArea, p)}；${shareSentence('participationCount', comparisons.participationCount, p)}。`,
    approval: `${shareSentence('approvalArea', comparisons.approvalArea, a)}；${shareSentence('approvalCount', comparisons.approvalCount, a)}。`,
  };
}
