/**
 * The evaluations' trend: the weighted score and the residents' satisfaction
 * (percent) by quarter, one line each on a 0–100 axis. ECharts with only the
 * parts used (echarts/core, LineChart, the SVG renderer), as the fund's
 * printouts draw theirs (treasury/prints/FundChart.tsx, whose axis is money): sharp
 * on paper, no animation, a fixed size. `onRendered` is called once drawn.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { t } from './contractShared';

echarts.use([LineChart, GridComponent, LegendComponent, SVGRenderer]);

const mm = (value: number) => Math.round((value * 96) / 25.4);
const FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'SimHei', sans-serif";
const COLORS = ['#1f4e9c', '#8c8c8c'];

export interface EvaluationChartProps {
  quarters: string[];
  /** Scores as numbers (87.6). */
  scores: number[];
  /** Satisfaction in percent (93.5), null without a survey. */
  satisfaction: (number | null)[];
  widthMm?: number;
  heightMm?: number;
  testId?: string;
  onRendered?: () => void;
}

export function EvaluationChart({ quarters, scores, satisfaction, widthMm = 170, heightMm = 70, testId, onRendered }: EvaluationChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const rendered = useRef(onRendered);
  rendered.current = onRendered;
  const width = mm(widthMm);
  const height = mm(heightMm);
  const key = JSON.stringify([quarters, scores, satisfaction]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const chart = echarts.init(el, undefined, { renderer: 'svg', width, height });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      rendered.current?.();
    };
    chart.on('finished', finish);
    // The higher of the two points at a quarter is labelled above, the lower below, so the labels never overlap.
    // On a tie the score is labelled above.
    const line = (name: string, data: (number | null)[], other: (number | null)[], isScore: boolean) => ({
      type: 'line', name, symbol: 'circle', symbolSize: 6, connectNulls: true,
      lineStyle: { width: 1.8, type: isScore ? 'solid' : 'dashed' },
      data: data.map((v, i) => ({
        value: v,
        label: {
          show: v !== null && data.length <= 12, fontSize: 9, color: '#000',
          position: v === null || other[i] === null || other[i] === undefined || (isScore ? v >= other[i] : v > other[i]) ? 'top' : 'bottom',
        },
      })),
    });
    const values = [...scores, ...satisfaction].filter((v): v is number => v !== null);
    // The axis starts a little below the lowest point (a step of 10), so that differences show.
    const min = values.length === 0 ? 0 : Math.max(0, Math.floor((Math.min(...values) - 5) / 10) * 10);
    chart.setOption({
      animation: false,
      color: COLORS,
      textStyle: { fontFamily: FONT, color: '#000' },
      legend: { top: 0, right: 8, itemWidth: 16, itemHeight: 10, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 28, top: 40, bottom: 6, containLabel: true },
      xAxis: {
        type: 'category', data: quarters.map(t.quarterShort), boundaryGap: true,
        axisLabel: { fontSize: 10, color: '#000', interval: 0, hideOverlap: true }, axisLine: { lineStyle: { color: '#000' } },
      },
      yAxis: {
        type: 'value', min, max: 100,
        axisLabel: { fontSize: 10, color: '#000' },
        splitLine: { lineStyle: { color: '#d0d0d0', type: 'dashed' } },
      },
      series: [line(t.seriesScore, scores, satisfaction, true), line(t.seriesSatisfaction, satisfaction, scores, false)],
    });
    if (el.querySelector('svg path')) finish();
    return () => {
      chart.dispose();
    };
  }, [key, width, height]);

  return <div ref={ref} className="fund-chart contract-chart" data-testid={testId} style={{ width, height }} />;
}
