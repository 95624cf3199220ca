/**
 * Issues by category as bars: ECharts with only the parts used (echarts/core,
 * BarChart, the SVG renderer), as the fund's printouts draw theirs
 * (treasury/prints/FundChart.tsx, whose axis is money — here it counts issues):
 * sharp, no animation, a fixed size.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { t } from './issueShared';

echarts.use([BarChart, GridComponent, SVGRenderer]);

const FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'SimHei', sans-serif";

export function IssueChart({ categories, counts, width = 560, height = 260, testId }: {
  categories: string[]; counts: number[]; width?: number; height?: number; testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const key = JSON.stringify([categories, counts]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const chart = echarts.init(el, undefined, { renderer: 'svg', width, height });
    chart.setOption({
      animation: false,
      color: ['#1f5fbf'],
      textStyle: { fontFamily: FONT, color: '#1f2329' },
      grid: { left: 8, right: 16, top: 24, bottom: 6, containLabel: true },
      xAxis: {
        type: 'category', data: categories,
        axisLabel: { fontSize: 11, color: '#1f2329', interval: 0, hideOverlap: true }, axisLine: { lineStyle: { color: '#7a828e' } },
      },
      yAxis: {
        type: 'value', name: t.chartSeries, minInterval: 1, nameTextStyle: { fontSize: 11 },
        axisLabel: { fontSize: 11, color: '#4e5969' }, splitLine: { lineStyle: { color: '#e4e7ec', type: 'dashed' } },
      },
      series: [{ type: 'bar', name: t.chartSeries, data: counts, barMaxWidth: 32, label: { show: true, position: 'top', fontSize: 11 } }],
    });
    return () => {
      chart.dispose();
    };
  }, [key, width, height]);

  return <div ref={ref} className="issue-chart" data-testid={testId} style={{ width, height }} />;
}
