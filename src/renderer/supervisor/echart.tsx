import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';

// Only what the wallboard draws is bundled: two chart types, their axes, legend and tooltip.
echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/**
 * One echarts instance for the life of the element; new options merge in place so a wallboard
 * update does not flash. The canvas is not readable by screen readers, so the caller passes a
 * label and shows the same figures in a table.
 */
export function EChart({ option, label, testId, locale, textColor }: { option: ChartOption; label: string; testId?: string; locale: 'EN' | 'ZH'; textColor: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const latest = useRef(option);
  latest.current = option;

  // echarts' own words (tooltips, time axis) follow the language: a new instance when it changes.
  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'canvas', locale });
    chart.current = instance;
    instance.setOption(latest.current);
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: false, lazyUpdate: true });
  }, [option]);

  // data-text-color: the colour the chart draws its legend and axis labels in, for the contrast check.
  return (
    <div ref={element} className="supervisor-chart" role="img" aria-label={label} data-testid={testId} data-text-color={textColor} style={{ width: '100%', height: 220 }} />
  );
}
