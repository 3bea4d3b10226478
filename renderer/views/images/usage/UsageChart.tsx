// The lazy chunk: two bars drawn by uPlot (the history chart's library, same chunk
// family): the bytes this folder's images hold, and the free bytes left on its disk.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { humanBytes } from '../../../lib/bytes';
import { readChartColours } from '../../containers/history/chart-colours';
import { useScheme } from '../../containers/history/use-scheme';

const HEIGHT = 140;
const LABELS = ['', 'Images here', 'Free on disk'];

/** Default export, for React.lazy. Redrawn when the numbers or the theme change. */
export default function UsageChart({ imageBytes, freeBytes, caption }: { imageBytes: number; freeBytes: number; caption: string }) {
  const host = useRef<HTMLDivElement>(null);
  const scheme = useScheme();

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const c = readChartColours(el);
    const axis = { stroke: c.axis, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid, width: 1 } };
    const bars = uPlot.paths.bars!({ size: [0.5, 60] });
    const plot = new uPlot(
      {
        width: el.clientWidth || 260,
        height: HEIGHT,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [0.5, 2.5] }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
        series: [
          {},
          { label: 'Images here', stroke: c.size, fill: c.size, paths: bars, points: { show: false } },
          { label: 'Free on disk', stroke: c.restore, fill: c.restore, paths: bars, points: { show: false } },
        ],
        axes: [
          { ...axis, grid: { show: false }, splits: () => [1, 2], values: (_u, splits) => splits.map((v) => LABELS[v] ?? '') },
          { ...axis, size: 64, values: (_u, splits) => splits.map((v) => humanBytes(v)) },
        ],
      },
      [
        [1, 2],
        [imageBytes, null],
        [null, freeBytes],
      ],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth || 260, height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [imageBytes, freeBytes, scheme]);

  return (
    <figure className="usage-chart" data-testid="usage-chart">
      <div ref={host} aria-hidden="true" />
      <figcaption className="small muted">{caption}</figcaption>
    </figure>
  );
}
