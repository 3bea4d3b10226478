// The lazy chunk: uPlot (about 50 KB, canvas, no dependencies) and its stylesheet.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { humanBytes } from '../../../lib/bytes';
import type { HistoryPoint } from '../../../lib/history';
import { readChartColours } from './chart-colours';
import { seconds } from './seconds';
import { useScheme } from './use-scheme';

const HEIGHT = 180;

function chartData(points: HistoryPoint[]): uPlot.AlignedData {
  return [
    points.map((p) => p.at / 1000),
    points.map((p) => (p.kind === 'checkpoint' ? p.imageBytes : null)),
    points.map((p) => (p.kind === 'checkpoint' ? p.durationMs : null)),
    points.map((p) => (p.kind === 'restore' ? p.durationMs : null)),
  ];
}

function summary(points: HistoryPoint[]): string {
  const checkpoints = points.filter((p) => p.kind === 'checkpoint').length;
  const restores = points.length - checkpoints;
  return `Checkpoint history: ${checkpoints} checkpoints and ${restores} restores, image size and runsc time over time. The table below lists the latest.`;
}

/** Default export, for React.lazy. Redrawn when the points or the theme change. */
export default function HistoryChart({ points, onOpen }: { points: HistoryPoint[]; onOpen: (jobId: string) => void }) {
  const host = useRef<HTMLDivElement>(null);
  const scheme = useScheme();
  // The click handler lives as long as the chart; it reads the latest callback and points.
  const latest = useRef({ points, onOpen });
  latest.current = { points, onOpen };

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const c = readChartColours(el);
    const axis = { stroke: c.axis, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid, width: 1 } };
    const line = (stroke: string, scale: string) => ({ scale, stroke, width: 1.5, spanGaps: true, points: { show: true, size: 6, fill: stroke } });
    const plot = new uPlot(
      {
        width: el.clientWidth || 520,
        height: HEIGHT,
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true }, bytes: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] }, ms: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
        series: [
          {},
          { label: 'Image size', ...line(c.size, 'bytes'), value: (_u, v) => (v == null ? '—' : humanBytes(v)) },
          { label: 'Checkpoint', ...line(c.checkpoint, 'ms'), value: (_u, v) => (v == null ? '—' : seconds(v)) },
          { label: 'Restore', ...line(c.restore, 'ms'), dash: [4, 3], value: (_u, v) => (v == null ? '—' : seconds(v)) },
        ],
        axes: [
          { ...axis },
          { ...axis, scale: 'bytes', size: 64, values: (_u, splits) => splits.map((v) => humanBytes(v)) },
          { ...axis, scale: 'ms', side: 1, size: 64, grid: { show: false }, values: (_u, splits) => splits.map((v) => seconds(v)) },
        ],
      },
      chartData(points),
      el,
    );
    const open = () => {
      const i = plot.cursor.idx;
      const point = i == null ? undefined : latest.current.points[i];
      if (point) latest.current.onOpen(point.jobId);
    };
    plot.over.addEventListener('click', open);
    plot.over.style.cursor = 'pointer';
    plot.over.title = 'Click a point to open its job';
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth || 520, height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [points, scheme]);

  return (
    <figure className="history-chart" data-testid="history-chart">
      <div ref={host} />
      <figcaption className="visually-hidden">{summary(points)}</figcaption>
    </figure>
  );
}
