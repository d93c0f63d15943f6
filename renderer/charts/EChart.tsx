/**
 * One chart, drawn by ECharts on a canvas, with PNG and CSV export of exactly what it
 * shows. Animation is off: charts are evidence of figures, and screenshots must be stable.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { downloadCsv, downloadDataUrl } from '../util/download';

echarts.use([
  BarChart,
  LineChart,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

interface Props {
  readonly option: EChartsCoreOption;
  readonly testid: string;
  /** File name (without extension) for the exports. */
  readonly name: string;
  /** The figures behind the chart, header first, for the CSV export. */
  readonly csv: readonly (readonly (string | number)[])[];
  readonly height?: number;
}

export function EChart({ option, testid, name, csv, height = 280 }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ animation: false, ...option }, true);
  }, [option]);
  return (
    <div className="chart" data-testid={testid}>
      <div ref={el} style={{ width: '100%', height }} />
      <div className="chart-actions">
        <button
          data-testid={`${testid}-png`}
          onClick={() =>
            chart.current &&
            downloadDataUrl(
              `${name}.png`,
              chart.current.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }),
            )
          }
        >
          PNG
        </button>
        <button data-testid={`${testid}-csv`} onClick={() => downloadCsv(`${name}.csv`, csv)}>
          CSV
        </button>
      </div>
    </div>
  );
}
