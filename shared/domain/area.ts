/**
 * Areas are integers in hundredths of a square metre (0.01 m²) everywhere in
 * the app; floats never take part in a vote or a cost share.
 */
import type { PartType } from './register';
import { toHalfWidth, ungroupThousands } from './text';

export type AreaParse = { ok: true; value: number } | { ok: false; message: string };

const UNIT_SUFFIX = /(平方米|㎡|m²|m2|平米)$/i;

/**
 * Read an area cell: a number from Excel, or text with full-width digits,
 * spaces, thousands separators and a trailing unit. A comma is read only as
 * thousands grouping (1,234.56): "89,50", "1,2,3.5" and "96，5" are refused,
 * never guessed. More than two decimals, zero and negatives are refused. Excel stores 89.35 as 89.349999999999994;
 * that noise (anything within 1e-6 of a two-decimal value) is removed first.
 */
export function parseArea(raw: unknown): AreaParse {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { ok: false, message: '面积不是有效的数字' };
    const hundredths = Math.round(raw * 100);
    if (Math.abs(raw * 100 - hundredths) > 1e-6 * Math.max(1, Math.abs(raw))) {
      return { ok: false, message: `面积“${raw}”超过两位小数，应精确到0.01平方米` };
    }
    return checkPositive(hundredths, String(raw));
  }
  if (typeof raw !== 'string') return { ok: false, message: '面积为空，应填写专有部分面积（平方米）' };
  const typed = toHalfWidth(raw).replace(/\s+/g, '').replace(UNIT_SUFFIX, '');
  if (typed === '') return { ok: false, message: '面积为空，应填写专有部分面积（平方米）' };
  const text = ungroupThousands(typed);
  if (text === null) {
    return { ok: false, message: `面积“${raw}”中的逗号位置不对：逗号只能用作千位分隔（如 1,234.56）；小数点请用“.”（如 89.50）` };
  }
  const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return { ok: false, message: `面积“${raw}”不是数字，应填写如 89.50 的平方米数` };
  const [, sign, whole, frac = ''] = m;
  if (frac.length > 2) return { ok: false, message: `面积“${raw}”超过两位小数，应精确到0.01平方米` };
  const hundredths = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return checkPositive(sign === '-' ? -hundredths : hundredths, raw);
}

function checkPositive(hundredths: number, shown: string): AreaParse {
  if (hundredths <= 0) return { ok: false, message: `面积“${shown}”必须大于0` };
  if (!Number.isSafeInteger(hundredths)) return { ok: false, message: `面积“${shown}”过大` };
  return { ok: true, value: hundredths };
}

/** 8950 → "89.50": two decimals exactly, as docs/cli.md §6 requires for areas and money. */
export function formatHundredths(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 1234567 → "12,345.67" for screens and printouts. */
export function formatHundredthsGrouped(value: number): string {
  const [whole, frac] = formatHundredths(value).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** Plausible areas of a part type in 0.01 m²; null: no bound on that side. */
export interface AreaBound {
  min: number | null;
  max: number | null;
}
export type AreaBounds = Record<PartType, AreaBound>;

/**
 * An area outside these is probably a typing or unit mistake (45,000 m² for a
 * flat, 8,950 for 89.50): it is recorded only when someone confirms it. A
 * community's own bounds are its settings. 住宅 5–1,000 m² and 车位 up to
 * 50 m² (5 m² below: a motorcycle space is about 2.5) are the issue's; 商铺
 * from 3 m² (a kiosk) to 5,000 m² (a community supermarket; larger commercial
 * space is registered as a building of its own); 其他 (storerooms, clubhouses,
 * offices) from 1 m² to 5,000 m².
 */
export const DEFAULT_AREA_BOUNDS: AreaBounds = {
  住宅: { min: 500, max: 100_000 },
  商铺: { min: 300, max: 500_000 },
  车位: { min: 500, max: 5_000 },
  其他: { min: 100, max: 500_000 },
};

/** "5.00–1,000.00 ㎡", "至少 5.00 ㎡", "不超过 50.00 ㎡". */
export function describeAreaBound(bound: AreaBound): string {
  const { min, max } = bound;
  if (min !== null && max !== null) return `${formatHundredthsGrouped(min)}–${formatHundredthsGrouped(max)} ㎡`;
  if (min !== null) return `至少 ${formatHundredthsGrouped(min)} ㎡`;
  if (max !== null) return `不超过 ${formatHundredthsGrouped(max)} ㎡`;
  return '不限';
}

/** Why an area is unusual for its part type under `bounds`, or null when it is within them. */
export function unusualArea(type: PartType, area: number, bounds: AreaBounds): string | null {
  const bound = bounds[type];
  const below = bound.min !== null && area < bound.min;
  const above = bound.max !== null && area > bound.max;
  if (!below && !above) return null;
  return `${type}面积 ${formatHundredthsGrouped(area)} ㎡ ${below ? '偏小' : '偏大'}，超出本小区设定的${type}面积合理范围（${describeAreaBound(bound)}）`;
}
