/** Display formatting shared by the screens. */
import { formatHundredthsGrouped } from '../../shared/domain/area';

/** "1234.50" (the contract's decimal2) → hundredths (123450). */
export function decimal2ToHundredths(value: string): number {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(value);
  if (!m) return Number.NaN;
  const n = Number(m[2]) * 100 + Number(m[3]);
  return m[1] === '-' ? -n : n;
}

/** "12345.60" → "12,345.60" */
export function groupedArea(value: string): string {
  const n = decimal2ToHundredths(value);
  return Number.isNaN(n) ? value : formatHundredthsGrouped(n);
}

export function formatCount(n: number): string {
  return n.toLocaleString('zh-CN');
}

/** The office's time zone (a setting later; Asia/Shanghai by default). */
const TIME_ZONE = 'Asia/Shanghai';

const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  second: '2-digit', hour12: false,
});

/** ISO instant → "2026-11-22 10:31:05" in the office's time zone. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(dateTimeFormat.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}:${parts.second}`;
}

/** The office's clock time (HH:mm) of an instant: "已自动保存 14:32". */
export function officeTime(at: Date | string): string {
  return formatDateTime(new Date(at).toISOString()).slice(11, 16);
}

/** Today as YYYY-MM-DD in the office's time zone. */
export function todayDate(): string {
  return officeDay(new Date());
}

/** The office's day (YYYY-MM-DD) of a stored ISO instant: after 16:00 UTC it is already the next day there. */
export function officeDay(at: Date | string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date(at)).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Today as it is written on documents: 2026年5月3日 (office time zone). */
export function todayChinese(): string {
  const [y, m, d] = todayDate().split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  if (size < 1024 * 1024 * 1024) return `${(size / 1024 / 1024).toFixed(1)} MB`;
  return `${(size / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

const CHINESE_DIGITS = '〇一二三四五六七八九';

function chineseNumber(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CHINESE_DIGITS[tens]}十${ones === 0 ? '' : CHINESE_DIGITS[ones]}`;
}

/** A date as official documents write it: 2026-11-22 → 二〇二六年十一月二十二日. */
export function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const year = [...m[1]!].map((d) => CHINESE_DIGITS[Number(d)]).join('');
  return `${year}年${chineseNumber(Number(m[2]))}月${chineseNumber(Number(m[3]))}日`;
}
