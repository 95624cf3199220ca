/**
 * The value axis of the fund's charts, decided here rather than by ECharts so
 * that it can be tested and explained. A line of balances hugs its values
 * when they are large and close — a 37,000 repair on a 2,600,000 fund spans
 * most of the chart's height instead of a pixel above a zero baseline — and
 * keeps zero when the values spread over more than half of the top one (the
 * line then shows proportions honestly). Bars always start at zero: their
 * length is the figure. Above 1,000,000 元 the axis counts in 万元.
 */

export interface ValueAxis {
  /** Fen. */
  min: number;
  max: number;
  interval: number;
  /** 1 for 元, 10,000 for 万元. */
  unit: 1 | 10_000;
}

/** How many intervals the axis aims at (ECharts draws one label per interval). */
const TICKS = 5;
const WAN_FROM = 1_000_000 * 100;

/** The smallest of 1, 2, 2.5, 5 × 10^k fen that is at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0)) return 100;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  return Math.max(1, Math.round(step));
}

export function valueAxis(values: readonly number[], kind: 'line' | 'bar'): ValueAxis {
  const finite = values.filter(Number.isFinite);
  let lo = finite.length ? Math.min(...finite) : 0;
  let hi = finite.length ? Math.max(...finite) : 0;
  const keepZero = kind === 'bar' || lo <= 0 || (hi - lo) * 2 >= hi;
  if (keepZero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (hi === lo) {
    // A flat line (or nothing at all): a band around it, at least 100 元 each side.
    const pad = Math.max(Math.abs(hi) / 10, 10_000);
    hi += pad;
    if (!keepZero || lo !== 0) lo -= pad;
  }
  const interval = niceStep((hi - lo) / TICKS);
  let min = Math.floor(lo / interval) * interval;
  let max = Math.ceil(hi / interval) * interval;
  // Room for the figures printed above the points and bars: the highest never sits on the top line.
  if (hi > 0 && max - hi < interval / 3) max += interval;
  if (!keepZero && lo - min < interval / 3) min = Math.max(0, min - interval);
  const unit = Math.max(Math.abs(min), Math.abs(max)) >= WAN_FROM ? 10_000 : 1;
  return { min, max, interval, unit };
}
