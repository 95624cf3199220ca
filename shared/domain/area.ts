/**
 * Areas are integers in hundredths of a square metre (0.01 m²) everywhere in
 * the app; floats never take part in a vote or a cost share.
 */
import { toHalfWidth } from './text';

export type AreaParse = { ok: true; value: number } | { ok: false; message: string };

const UNIT_SUFFIX = /(平方米|㎡|m²|m2|平米)$/i;

/**
 * Read an area cell: a number from Excel, or text with full-width digits,
 * spaces, thousands separators and a trailing unit. More than two decimals,
 * zero and negatives are refused. Excel stores 89.35 as 89.349999999999994;
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
  const text = toHalfWidth(raw).replace(/\s+/g, '').replace(UNIT_SUFFIX, '').replace(/,/g, '');
  if (text === '') return { ok: false, message: '面积为空，应填写专有部分面积（平方米）' };
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

/** 8950 → "89.50": two decimals exactly, as CLI.md requires for areas and money. */
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
