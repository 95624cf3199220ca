/**
 * Counting an owners' vote (docs/domain.md §4, Civil Code Art. 278, Art. 1259):
 * integers only (area in 0.01 m²), ratios compared by cross-multiplying.
 *
 *   participation: 3*A_part >= 2*A_total  AND  3*N_part >= 2*N_total
 *   items 6–8:     4*A_yes  >= 3*A_part   AND  4*N_yes  >= 3*N_part
 *   other items:   2*A_yes  >  A_part     AND  2*N_yes  >  N_part
 *
 * Approval is measured against those who took part; an item passes only if
 * participation is met and its approval threshold is. An abstention takes part
 * and does not approve.
 */
import { formatHundredthsGrouped } from './area';

/** Civil Code Art. 278's nine items (1–9). */
export const ART_278_ITEMS: Record<number, string> = {
  1: '制定和修改业主大会议事规则',
  2: '制定和修改管理规约',
  3: '选举业主委员会或者更换业主委员会成员',
  4: '选聘和解聘物业服务企业或者其他管理人',
  5: '使用建筑物及其附属设施的维修资金',
  6: '筹集建筑物及其附属设施的维修资金',
  7: '改建、重建建筑物及其附属设施',
  8: '改变共有部分的用途或者利用共有部分从事经营活动',
  9: '有关共有和共同管理权利的其他重大事项',
};

export type Threshold = 'three-quarters' | 'majority';

/** A matter a community's local rules add to Art. 278's nine (Hangzhou adds two majority items), numbered 10 and up. */
export interface ExtraItem {
  number: number;
  name: string;
  threshold: Threshold;
}

/** Items 6–8 need three quarters of those who took part; the others more than half. */
export function thresholdOf(category: number): Threshold {
  return category >= 6 && category <= 8 ? 'three-quarters' : 'majority';
}

const PARTICIPATION = '应由专有部分面积占比三分之二以上且人数占比三分之二以上的业主参与表决，';
const APPROVAL: Record<Threshold, string> = {
  'three-quarters': '经参与表决专有部分面积四分之三以上且参与表决人数四分之三以上的业主同意',
  majority: '经参与表决专有部分面积过半数且参与表决人数过半数的业主同意',
};

/** The legal basis printed on the result notice: Art. 278's item, or the community's local item. */
export function legalBasis(category: number, extra?: ExtraItem): string {
  if (extra) return `本小区依地方规定增列的表决事项“${extra.name}”：${PARTICIPATION}${APPROVAL[extra.threshold]}`;
  return `《民法典》第二百七十八条第一款第（${'一二三四五六七八九'[category - 1] ?? category}）项：${PARTICIPATION}${APPROVAL[thresholdOf(category)]}`;
}

export interface CountArea {
  count: number;
  /** 0.01 m² */
  area: number;
}

export type Choice = 'yes' | 'no' | 'abstain' | 'blank';

/** How a blank item on a returned, valid ballot counts (a per-community setting, stated on the notice). */
export type BlankRule = 'abstain' | 'not-counted';

export interface TallySettings {
  blankRule: BlankRule;
  /** Whether an invalid ballot counts as taking part (default no). */
  invalidParticipates: boolean;
}

export const DEFAULT_TALLY_SETTINGS: TallySettings = { blankRule: 'abstain', invalidParticipates: false };

/** What the ballots of one item add up to, before the rules. */
export interface ItemCounts {
  electorate: CountArea;
  yes: CountArea;
  no: CountArea;
  abstain: CountArea;
  /** Valid ballots that left this item blank. */
  blank: CountArea;
  /** Invalid ballots of subjects in this item's scope. */
  invalid: CountArea;
}

export interface Comparison {
  /** e.g. "3 × 8,000.00 ≥ 2 × 12,000.00" */
  text: string;
  met: boolean;
  /** The left figure's share of the right one, as the notice prints it for residents (display only). */
  share: Share;
}

/**
 * A share for the public notice: the percentage rounded half up to 0.01 %,
 * and, where that rounded figure alone would suggest the opposite of the exact
 * check (6,666.66 of 10,000.00 m² shows 66.67 % and is short of two thirds;
 * 3,500.01 of 7,000.00 m² shows 50.00 % and is more than half), on which side
 * of it the true share lies, so that the notice says 不足66.67% or 超过50.00%.
 */
export interface Share {
  /** "66.67%" */
  percent: string;
  beyond: 'under' | 'over' | null;
}

export interface ItemTally {
  electorate: CountArea;
  participants: CountArea;
  yes: CountArea;
  no: CountArea;
  /** Abstentions, including blanks when blanks count as abstentions and invalid ballots when they take part. */
  abstain: CountArea;
  threshold: Threshold;
  participationMet: boolean;
  approvalMet: boolean;
  passed: boolean;
  comparisons: {
    participationArea: Comparison;
    participationCount: Comparison;
    approvalArea: Comparison;
    approvalCount: Comparison;
  };
}

const add = (a: CountArea, b: CountArea): CountArea => ({ count: a.count + b.count, area: a.area + b.area });
const ZERO: CountArea = { count: 0, area: 0 };

function compare(k1: number, x: number, op: '≥' | '>', k2: number, y: number, money: boolean): Comparison {
  const f = (n: number) => (money ? formatHundredthsGrouped(n) : n.toLocaleString('en-US'));
  const left = k1 === 1 ? f(x) : `${k1} × ${f(x)}`;
  const right = k2 === 1 ? f(y) : `${k2} × ${f(y)}`;
  const met = op === '≥' ? k1 * x >= k2 * y : k1 * x > k2 * y;
  return { text: `${left} ${met ? op : op === '≥' ? '<' : '≤'} ${right}`, met, share: shareOf(x, y, k2, k1, op, met) };
}

/**
 * x's share of y beside the threshold p/q that the exact check `met` decided.
 * The rounded figure h (in 0.01 %) "says" met when h/10000 op p/q, in integers;
 * where it says otherwise than `met`, the true share is strictly on the other
 * side of h: not met ⇒ x/y < p/q ≤ h/10000; met ⇒ x/y ≥ p/q > h/10000 (or
 * x/y > p/q ≥ h/10000 for "more than").
 */
function shareOf(x: number, y: number, p: number, q: number, op: '≥' | '>', met: boolean): Share {
  const h = percentHundredths(x, y);
  const text = hundredthsText(h);
  if (y === 0) return { percent: text, beyond: null };
  const shown = op === '≥' ? h * q >= p * 10_000 : h * q > p * 10_000;
  return { percent: text, beyond: shown === met ? null : met ? 'over' : 'under' };
}

/** The rules applied to one item's counts (a local item brings its own threshold). */
export function tallyItem(counts: ItemCounts, category: number, settings: TallySettings = DEFAULT_TALLY_SETTINGS, threshold: Threshold = thresholdOf(category)): ItemTally {
  let abstain = counts.abstain;
  if (settings.blankRule === 'abstain') abstain = add(abstain, counts.blank);
  if (settings.invalidParticipates) abstain = add(abstain, counts.invalid);
  const participants = add(add(counts.yes, counts.no), abstain);
  const total = counts.electorate;
  const pa = compare(3, participants.area, '≥', 2, total.area, true);
  const pc = compare(3, participants.count, '≥', 2, total.count, false);
  const [aa, ac] = threshold === 'three-quarters'
    ? [compare(4, counts.yes.area, '≥', 3, participants.area, true), compare(4, counts.yes.count, '≥', 3, participants.count, false)]
    : [compare(2, counts.yes.area, '>', 1, participants.area, true), compare(2, counts.yes.count, '>', 1, participants.count, false)];
  const participationMet = pa.met && pc.met;
  const approvalMet = aa.met && ac.met;
  return {
    electorate: total, participants, yes: counts.yes, no: counts.no, abstain, threshold,
    participationMet, approvalMet, passed: participationMet && approvalMet,
    comparisons: { participationArea: pa, participationCount: pc, approvalArea: aa, approvalCount: ac },
  };
}

/** One subject's ballot as it counts for one item: its choice and its area inside the item's scope. */
export interface CountedBallot {
  choice: Choice;
  valid: boolean;
  /** 0.01 m² of the subject's parts inside the item's scope. */
  area: number;
}

/** Add up ballots (one per subject) into an item's counts; order does not matter. */
export function countBallots(electorate: CountArea, ballots: readonly CountedBallot[]): ItemCounts {
  const c: ItemCounts = { electorate, yes: ZERO, no: ZERO, abstain: ZERO, blank: ZERO, invalid: ZERO };
  for (const b of ballots) {
    const one = { count: 1, area: b.area };
    if (!b.valid) c.invalid = add(c.invalid, one);
    else c[b.choice] = add(c[b.choice], one);
  }
  return c;
}

/**
 * A share in hundredths of a percent, rounded half up, for display only (the
 * rules use integers). BigInt, so that part × 20,000 stays exact for any area.
 */
export function percentHundredths(part: number, whole: number): number {
  if (whole === 0) return 0;
  return Number((BigInt(part) * 20_000n + BigInt(whole)) / (2n * BigInt(whole)));
}

function hundredthsText(h: number): string {
  return `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}%`;
}

/** A share as a percentage with two decimals, for display only (the rules use integers). */
export function percent(part: number, whole: number): string {
  return hundredthsText(percentHundredths(part, whole));
}
