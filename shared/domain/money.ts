/**
 * Money (docs/domain.md §5): integer fen end to end. Amounts as yuan text with two
 * decimals, in Chinese capitals (大写) as financial notices print them, and
 * shared out by area so that the shares add up to the fen.
 */
import { toHalfWidth, ungroupThousands } from './text';

/** 123456 fen → "1234.56"; negative amounts keep their sign. */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`not an amount in fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "1,234.5" / "1234.50" / "￥1234" → fen, or null when it is not an amount with at most two decimals. */
export function parseYuan(text: string): number | null {
  // A comma only as thousands grouping: "1,2,3.5" is refused, not read as 123.50.
  const t = ungroupThousands(toHalfWidth(text).replace(/\s/g, '').replace(/^[￥¥]/, '').replace(/元$/, ''));
  if (t === null) return null;
  const m = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const UNITS = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿', '万亿'];

/** 1..9999 in capitals; inner zeros read as one 零 (1005 → 壹仟零伍). */
function groupText(g: number): string {
  let out = '';
  let zero = false;
  for (let p = 3; p >= 0; p--) {
    const d = Math.floor(g / 10 ** p) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d]! + UNITS[p]!;
  }
  return out;
}

/** A whole number of yuan in capitals: 100007 → 壹拾万零柒 (banks write 壹拾, never a bare 拾). */
function integerText(n: number): string {
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10000)) groups.push(rest % 10000);
  let out = '';
  let pendingZero = false;
  for (let k = groups.length - 1; k >= 0; k--) {
    const g = groups[k]!;
    if (g === 0) {
      if (out) pendingZero = true;
      continue;
    }
    if (out && (pendingZero || g < 1000)) out += '零';
    out += groupText(g) + GROUPS[k]!;
    pendingZero = false;
  }
  return out;
}

/**
 * Capitals as the People's Bank's 支付结算办法 writes them: 12345.67 →
 * 壹万贰仟叁佰肆拾伍元陆角柒分; 整 after 元; 零 after 元 when 角 is zero and 分 is not.
 */
export function fenToCapitals(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`not an amount in fen: ${fen}`);
  if (fen < 0) return `负${fenToCapitals(-fen)}`;
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (fen === 0) return '零元整';
  let out = yuan > 0 ? `${integerText(yuan)}元` : '';
  if (jiao === 0 && cents === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0) out += '零';
  if (cents > 0) out += `${DIGITS[cents]}分`;
  return out;
}

export interface ShareBasis {
  key: string;
  /** The weight, e.g. area in 0.01 m² (a positive integer). */
  weight: number;
}

/**
 * Share `total` fen in proportion to the weights, adding up exactly
 * (docs/domain.md §5's rule): each gets the floor of its exact share; the fen left over go one
 * each to the largest remainders, ties to the larger weight, then to the
 * earlier entry (callers pass parts in address order). Exact in BigInt, so a
 * fund of 10⁸ yuan over 10⁹ hundredths of m² cannot round wrongly.
 */
export function apportion(total: number, basis: readonly ShareBasis[]): Map<string, number> {
  if (!Number.isSafeInteger(total) || total < 0) throw new Error(`not an amount in fen: ${total}`);
  if (basis.some((b) => !Number.isSafeInteger(b.weight) || b.weight <= 0)) throw new Error('weights must be positive integers');
  const sum = basis.reduce((s, b) => s + BigInt(b.weight), 0n);
  const shares = new Map<string, number>();
  if (basis.length === 0) {
    if (total !== 0) throw new Error('nothing to share an amount among');
    return shares;
  }
  const exact = basis.map((b, index) => {
    const product = BigInt(total) * BigInt(b.weight);
    return { ...b, index, floor: product / sum, remainder: product % sum };
  });
  let left = BigInt(total) - exact.reduce((s, e) => s + e.floor, 0n);
  const order = [...exact].sort((a, b) =>
    (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1) || b.weight - a.weight || a.index - b.index);
  const extra = new Set<string>();
  for (const e of order) {
    if (left === 0n) break;
    extra.add(e.key);
    left -= 1n;
  }
  for (const e of exact) shares.set(e.key, Number(e.floor) + (extra.has(e.key) ? 1 : 0));
  return shares;
}

/**
 * A household's balance is below the trigger share of its initial deposit
 * (docs/domain.md §5: `balance*10 < initial*3` at 30 %; Shanghai tops up to 50 %).
 * Percent as an integer; compared by cross-multiplying.
 */
export function belowShare(balance: number, initialDeposit: number, percent: number): boolean {
  return balance * 100 < initialDeposit * percent;
}

/** What brings a balance back to `percent` of the initial deposit, rounded up to the fen (0 when it is there). */
export function topUpTo(balance: number, initialDeposit: number, percent: number): number {
  const target = Math.ceil((initialDeposit * percent) / 100);
  return Math.max(0, target - balance);
}
