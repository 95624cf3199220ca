/**
 * The three levels of offices as rules (docs/domain.md §10): the types of 小区 the targets are read by, the rate
 * of a target as the street reads it, and what of a resident an escalated issue carries upward.
 */

/** 小区类型: Pidu reads the 80 % target per type (商品房小区、老旧小区、安置小区); the rest are counted too. */
export const COMMUNITY_TYPES = ['商品房', '老旧小区', '安置小区', '单位宿舍', '其他'] as const;
export type CommunityType = (typeof COMMUNITY_TYPES)[number];

/**
 * A rate as a percentage with two decimals ("83.33"), rounded DOWN like every rate the app shows: 80.00 only when
 * the target is truly met, never 79.996 shown as 80.00. Integers only: hundredths of a percent = part × 10000 ÷ total.
 * "0.00" when there is nothing to count.
 */
export function rateText(part: number, total: number): string {
  if (!Number.isInteger(part) || !Number.isInteger(total) || part < 0 || total < 0) throw new Error(`not counts: ${part}/${total}`);
  if (total === 0) return '0.00';
  const hundredths = Math.floor((part * 10000) / total);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/**
 * The reporter of an escalated issue as it goes up: the level above needs to know someone reported it, not who
 * (docs/domain.md §9) — the first character, the rest as *; a blank stays blank.
 */
export function maskReporter(reporter: string): string {
  const chars = Array.from(reporter.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** The answers an upper office gives to an issue escalated to it, in the order they usually come (吹哨报到). */
export const ANSWER_KINDS = ['受理', '派单', '部门反馈', '答复', '退回'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

/** Days without a package after which a 社区 is flagged as silent at its street, unless the street sets another. */
export const DEFAULT_SILENT_DAYS = 30;

/**
 * The largest exchange package read: a street's first package forwards every 社区's whole (a few MB at the bench's
 * scale, `npm run bench -- levels`); kept under what a call may carry through the loopback and office servers
 * (main/transport/http-common.ts, 64 MB) once the package's JSON is escaped inside the call's.
 */
export const PACKAGE_MAX_BYTES = 48 * 1024 * 1024;
