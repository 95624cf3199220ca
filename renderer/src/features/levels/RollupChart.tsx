/**
 * One indicator of the printed 汇总 as bars per 社区 (or type), or the quarters' trend as lines: ECharts with only
 * the parts used (echarts/core, the SVG renderer), as the other printouts draw theirs (office/issues/IssueChart.tsx):
 * sharp on paper, no animation, a fixed size. A target, where the indicator has one, is a dashed line.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, SVGRenderer]);

const FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'SimHei', sans-serif";
const COLORS = ['#1f5fbf', '#c9302c', '#8c8c8c'];

export interface RollupChartProps {
  title: string;
  kind: 'bar' | 'line';
  labels: string[];
  series: { name: string; values: number[] }[];
  target?: number;
  /** The value axis's top (100 for a rate), or by the data. */
  max?: number;
  width?: number;
  height?: number;
  testId?: string;
}

export function RollupChart({ title, kind, labels, series, target, max, width = 320, height = 200, testId }: RollupChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const key = JSON.stringify([title, kind, labels, series, target, max]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const chart = echarts.init(el, undefined, { renderer: 'svg', width, height });
    chart.setOption({
      animation: false, color: COLORS,
      title: { text: title, left: 0, top: 0, textStyle: { fontSize: 12, fontWeight: 'bold', fontFamily: FONT } },
      textStyle: { fontFamily: FONT, color: '#1f2329' },
      legend: series.length > 1 ? { top: 18, right: 0, textStyle: { fontSize: 10 }, itemWidth: 12, itemHeight: 8 } : undefined,
      grid: { left: 4, right: 8, top: series.length > 1 ? 44 : 30, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: labels, axisLabel: { fontSize: 10, interval: 0, hideOverlap: true, color: '#1f2329' }, axisLine: { lineStyle: { color: '#7a828e' } } },
      yAxis: { type: 'value', minInterval: 1, max, axisLabel: { fontSize: 10, color: '#4e5969' }, splitLine: { lineStyle: { color: '#e4e7ec', type: 'dashed' } } },
      series: series.map((s, i) => ({
        type: kind, name: s.name, data: s.values, barMaxWidth: 24, symbolSize: 5,
        label: { show: labels.length <= 16, position: 'top', fontSize: 9 },
        markLine: i === 0 && target !== undefined
          ? { symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: '#c9302c' }, label: { formatter: `${target}`, fontSize: 9 }, data: [{ yAxis: target }] }
          : undefined,
      })),
    });
    return () => chart.dispose();
  }, [key, width, height]);
  return <div ref={ref} className="levels-chart" data-testid={testId} style={{ width, height }} />;
}
