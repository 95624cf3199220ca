/**
 * The quarterly service-quality evaluation of the property company: a
 * checklist of items, each scored 0–100 and weighted (the items and weights are
 * the community's to edit). Integer arithmetic throughout: the exact score is
 * the fraction Σ weight·score / Σ weight, kept as numerator and denominator;
 * bands compare that fraction by cross-multiplying, and only the displayed
 * number is rounded (half up, to one decimal), so 89.95 never counts as 90.
 */
import { isValidDate } from './dates';

export interface ChecklistItem {
  key: string;
  name: string;
  /** A positive integer; only the ratios matter (20/20/20/20/20 is the same as 1/1/1/1/1). */
  weight: number;
}

/** The five headings, weighted equally: no source gives weights, and equal ones favour no heading until the community sets its own. */
export const DEFAULT_CHECKLIST: readonly ChecklistItem[] = [
  { key: 'cleaning', name: '环境卫生', weight: 20 },
  { key: 'security', name: '秩序维护', weight: 20 },
  { key: 'greening', name: '绿化养护', weight: 20 },
  { key: 'repairs', name: '设施维修', weight: 20 },
  { key: 'service', name: '客户服务', weight: 20 },
];

export const MAX_ITEM_SCORE = 100;

/** A checklist the office edits: keys unique, names given, weights positive integers. */
export function checkChecklist(items: readonly ChecklistItem[]): string[] {
  const out: string[] = [];
  if (items.length === 0) return ['评价表至少要有一项'];
  const keys = new Set<string>();
  for (const it of items) {
    const label = it.name.trim() === '' ? `第${items.indexOf(it) + 1}项` : `“${it.name}”`;
    if (it.name.trim() === '') out.push(`${label}缺少名称`);
    if (keys.has(it.key)) out.push(`评价项${label}重复`);
    keys.add(it.key);
    if (!Number.isInteger(it.weight) || it.weight <= 0) out.push(`评价项${label}的权重应为正整数，现为“${it.weight}”`);
  }
  return out;
}

export interface EvaluationScore {
  /** Σ weight × score. */
  numerator: number;
  /** Σ weight. The exact score is numerator / denominator (0–100). */
  denominator: number;
  /** The score ×10, rounded half up: 875 is 87.5. */
  tenths: number;
  /** For display: "87.5". */
  text: string;
}

export type EvaluationResult = { ok: true; score: EvaluationScore } | { ok: false; problems: string[] };

/** The weighted score; refused, naming the item, when one is missing, unknown or not an integer 0–100. */
export function evaluationScore(items: readonly ChecklistItem[], scores: Readonly<Record<string, number>>): EvaluationResult {
  const problems = checkChecklist(items);
  for (const it of items) {
    const s = scores[it.key];
    if (s === undefined) problems.push(`评价项“${it.name}”未评分`);
    else if (!Number.isInteger(s) || s < 0 || s > MAX_ITEM_SCORE) problems.push(`评价项“${it.name}”的得分应为0至${MAX_ITEM_SCORE}的整数，现为“${s}”`);
  }
  for (const key of Object.keys(scores)) {
    if (!items.some((it) => it.key === key)) problems.push(`评分中的“${key}”不在评价表中`);
  }
  if (problems.length > 0) return { ok: false, problems };
  let numerator = 0;
  let denominator = 0;
  for (const it of items) {
    numerator += it.weight * scores[it.key]!;
    denominator += it.weight;
  }
  const tenths = Math.floor((20 * numerator + denominator) / (2 * denominator));
  return { ok: true, score: { numerator, denominator, tenths, text: `${Math.floor(tenths / 10)}.${tenths % 10}` } };
}

export interface Band {
  name: string;
  /** The least score of the band, inclusive, an integer 0–100. */
  from: number;
}

/** A common division, editable: bands in any order, the highest reached wins. */
export const DEFAULT_BANDS: readonly Band[] = [
  { name: '优秀', from: 90 },
  { name: '良好', from: 80 },
  { name: '合格', from: 60 },
  { name: '不合格', from: 0 },
];

/** The band of an exact score: numerator ≥ from × denominator, no rounding. */
export function bandOf(score: Pick<EvaluationScore, 'numerator' | 'denominator'>, bands: readonly Band[] = DEFAULT_BANDS): string | null {
  let best: Band | null = null;
  for (const b of bands) {
    if (score.numerator >= b.from * score.denominator && (best === null || b.from > best.from)) best = b;
  }
  return best?.name ?? null;
}

/** The quarter a day belongs to, with its first and last day: evaluations are quarterly. */
export function quarterOf(date: string): { year: number; quarter: 1 | 2 | 3 | 4; label: string; from: string; to: string } {
  if (!isValidDate(date)) throw new Error(`not a date: ${date}`);
  const year = Number(date.slice(0, 4));
  const quarter = (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as 1 | 2 | 3 | 4;
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    year, quarter, label: `${year}年第${'一二三四'[quarter - 1]}季度`,
    from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDay)}`,
  };
}
