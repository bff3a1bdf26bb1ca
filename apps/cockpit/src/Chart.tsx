import { useEffect, useRef } from 'react';
import { BarChart, HeatmapChart, LineChart, TreemapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  TreemapChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

/**
 * An ECharts chart with the data behind it as a table: screen readers read the table, and the
 * browser tests assert on it rather than on pixels.
 */
export function Chart(props: {
  id: string;
  title: string;
  option: EChartsCoreOption;
  table: { head: string[]; rows: (string | number)[][] };
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    // no animation: a panel shows its figures at once (and a screenshot shows them, not a bar half grown)
    chart.setOption({ animation: false, ...props.option });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [props.option]);
  return (
    <figure className="chart" data-testid={props.id} aria-labelledby={`${props.id}-title`}>
      <figcaption id={`${props.id}-title`}>{props.title}</figcaption>
      <div ref={ref} style={{ height: props.height ?? 280 }} aria-hidden="true" />
      <table className="visually-hidden" data-testid={`${props.id}-data`}>
        <thead>
          <tr>
            {props.table.head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.table.rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
