// uPlot draws on a canvas, which cannot read CSS variables; and ours are light-dark()
// pairs, which only an element resolves. A probe element in the chart's own box reads
// them as the current theme resolves them.
export interface ChartColours {
  size: string;
  checkpoint: string;
  restore: string;
  axis: string;
  grid: string;
}

export function readChartColours(host: HTMLElement): ChartColours {
  const probe = document.createElement('span');
  probe.hidden = true;
  host.append(probe);
  const read = (name: string) => {
    probe.style.color = `var(${name})`;
    return getComputedStyle(probe).color;
  };
  try {
    return {
      size: read('--chart-size'),
      checkpoint: read('--chart-checkpoint'),
      restore: read('--chart-restore'),
      axis: read('--muted'),
      grid: read('--border'),
    };
  } finally {
    probe.remove();
  }
}
