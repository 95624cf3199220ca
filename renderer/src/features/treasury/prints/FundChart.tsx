/**
 * A small chart for the fund's printouts (month-end balances as a line,
 * revenue by kind as bars): ECharts with only the parts used, drawn as SVG so
 * that it stays sharp on paper, without animation, at a fixed size that fits
 * an A4 sheet. The value axis is chartAxis.ts's (a line of large, close
 * balances is not drawn from zero); a line prints its figure where the
 * balance changed (and at both ends), and ECharts hides a figure that would
 * overlap another. `onRendered` is called once the SVG is drawn, so that the
 * page can enable 打印 only then.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';
import { valueAxis } from './chartAxis';
import { money } from './printShared';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, LabelLayout, SVGRenderer]);

/** Millimetres to CSS pixels (96 per inch), the unit ECharts sizes in. */
const mm = (value: number) => Math.round((value * 96) / 25.4);

const FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'SimHei', sans-serif";

export interface FundChartSeries {
  name: string;
  /** Fen. */
  values: number[];
}

export interface FundChartProps {
  kind: 'line' | 'bar';
  categories: string[];
  series: FundChartSeries[];
  /** Size on paper. */
  widthMm?: number;
  heightMm?: number;
  testId?: string;
  onRendered: () => void;
}

/** Greys and one blue: readable on a black-and-white printer too. */
const COLORS = ['#1f4e9c', '#8c8c8c', '#2b2b2b'];

export function FundChart({ kind, categories, series, widthMm = 170, heightMm = 72, testId, onRendered }: FundChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const rendered = useRef(onRendered);
  rendered.current = onRendered;
  const width = mm(widthMm);
  const height = mm(heightMm);

  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const chart = echarts.init(el, undefined, { renderer: 'svg', width, height });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      rendered.current();
    };
    // ECharts says so when it has drawn everything…
    chart.on('finished', finish);
    const axis = valueAxis(series.flatMap((s) => s.values), kind);
    // Figures in the axis's unit: 元 with fen, or 万元 with two decimals (to 100 元; the tables hold the exact figures).
    const figure = (fen: number) => money(Math.round(fen / axis.unit));
    const tick = (fen: number) => figure(fen).replace(/\.00$/, '');
    // Zero bars carry no figure: the axis says it. A line's figure where it moved, and at both ends.
    const shown = (s: FundChartSeries, i: number) => (kind === 'bar'
      ? s.values[i] !== 0
      : i === 0 || i === s.values.length - 1 || s.values[i] !== s.values[i - 1]);
    chart.setOption({
      animation: false,
      color: COLORS,
      textStyle: { fontFamily: FONT, color: '#000' },
      legend: series.length > 1 ? { top: 0, right: 8, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 11 } } : undefined,
      grid: { left: 8, right: 28, top: series.length > 1 ? 40 : 26, bottom: 6, containLabel: true },
      xAxis: {
        type: 'category', data: categories, boundaryGap: true,
        axisLabel: { fontSize: 10, color: '#000', interval: 0, hideOverlap: true }, axisLine: { lineStyle: { color: '#000' } },
      },
      yAxis: {
        type: 'value', name: axis.unit === 1 ? '元' : '万元', nameTextStyle: { fontSize: 10, color: '#000' },
        min: axis.min, max: axis.max, interval: axis.interval,
        axisLabel: { fontSize: 10, color: '#000', formatter: (v: number) => tick(Math.round(v)) },
        splitLine: { lineStyle: { color: '#d0d0d0', type: 'dashed' } },
      },
      series: series.map((s) => {
        const label = { fontSize: 9, color: '#000', formatter: (p: { value: unknown; dataIndex: number }) => (shown(s, p.dataIndex) ? figure(Number(p.value)) : '') };
        return kind === 'line'
          ? {
            type: 'line', name: s.name, data: s.values, symbol: 'circle', symbolSize: 5, lineStyle: { width: 1.6 },
            label: { show: true, position: 'top', ...label }, labelLayout: { hideOverlap: true },
          }
          : { type: 'bar', name: s.name, data: s.values, barMaxWidth: 26, label: { show: true, position: 'top', ...label }, labelLayout: { hideOverlap: true } };
      }),
    });
    // …but setOption draws at once without animation, so the event may already have passed: the drawn SVG tells.
    if (el.querySelector('svg path')) finish();
    return () => {
      chart.dispose();
    };
  }, [kind, categories, series, width, height]);

  return <div ref={ref} className="fund-chart" data-testid={testId} style={{ width, height }} />;
}
