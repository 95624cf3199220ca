/**
 * A small chart for the fund's printouts (month-end balances as a line,
 * revenue by kind as bars): ECharts with only the parts used, drawn as SVG so
 * that it stays sharp on paper, without animation, at a fixed size that fits
 * an A4 sheet. `onRendered` is called once the SVG is drawn, so that the page
 * can enable 打印 only then.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { money } from './fundPrintShared';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, SVGRenderer]);

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
    // Zero bars and points carry no figure: the axis says it.
    const label = (v: unknown) => (Number(v) === 0 ? '' : money(Number(v)));
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
        type: 'value', name: '元', nameTextStyle: { fontSize: 10, color: '#000' },
        axisLabel: { fontSize: 10, color: '#000', formatter: (v: number) => money(Math.round(v)).replace(/\.00$/, '') },
        splitLine: { lineStyle: { color: '#d0d0d0', type: 'dashed' } },
      },
      series: series.map((s) => (kind === 'line'
        ? {
          type: 'line', name: s.name, data: s.values, symbol: 'circle', symbolSize: 5, lineStyle: { width: 1.6 },
          label: { show: s.values.length <= 13, fontSize: 9, color: '#000', formatter: (p: { value: unknown }) => label(p.value) },
        }
        : {
          type: 'bar', name: s.name, data: s.values, barMaxWidth: 26,
          label: { show: true, position: 'top', fontSize: 9, color: '#000', formatter: (p: { value: unknown }) => label(p.value) },
        })),
    });
    // …but setOption draws at once without animation, so the event may already have passed: the drawn SVG tells.
    if (el.querySelector('svg path')) finish();
    return () => {
      chart.dispose();
    };
  }, [kind, categories, series, width, height]);

  return <div ref={ref} className="fund-chart" data-testid={testId} style={{ width, height }} />;
}
