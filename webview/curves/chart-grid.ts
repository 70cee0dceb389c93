// One Chart.js chart per series (metric key + context), one line per run, drawn from index previews.
import {
  Chart,
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  LogarithmicScale,
  Tooltip,
  Filler,
  type ChartDataset,
} from 'chart.js';
import type { CurvesRun, CurvesSeries } from '../../src/protocol/curves';
import { escapeHtml, type ThemeColors } from '../shared/theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip, Filler);

export interface GridOptions {
  runs: CurvesRun[];
  series: CurvesSeries[];
  hiddenRuns: Set<string>;
  logY: boolean;
  filter: string;
  colors: ThemeColors;
  colorOf: (runKey: string) => string;
}

const charts: Chart[] = [];

export function destroyCharts(): void {
  while (charts.length) charts.pop()!.destroy();
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(3) : String(Number(v.toPrecision(5)));
}

/** Groups series by their label (key + context) in first-seen order. */
function groupByLabel(series: CurvesSeries[]): Map<string, CurvesSeries[]> {
  const groups = new Map<string, CurvesSeries[]>();
  for (const s of series) {
    const list = groups.get(s.label) ?? [];
    list.push(s);
    groups.set(s.label, list);
  }
  return groups;
}

export function renderGrid(container: HTMLElement, opts: GridOptions): void {
  destroyCharts();
  container.textContent = '';
  const runName = new Map(opts.runs.map((r) => [r.key, r.name]));
  const filter = opts.filter.trim().toLowerCase();
  const groups = [...groupByLabel(opts.series)].filter(([label]) => !filter || label.toLowerCase().includes(filter));
  if (!groups.length) {
    const empty = document.createElement('p');
    empty.className = 'empty';
    empty.textContent = opts.series.length ? 'No metric matches the filter.' : 'The selected runs have no metrics.';
    container.appendChild(empty);
    return;
  }
  for (const [label, list] of groups) {
    const card = document.createElement('section');
    card.className = 'chart-card';
    card.innerHTML = `<h3 title="${escapeHtml(label)}">${escapeHtml(label)}</h3><div class="chart-box"><canvas></canvas></div>`;
    container.appendChild(card);
    const canvas = card.querySelector('canvas')!;
    const datasets: ChartDataset<'line'>[] = [];
    for (const s of list) {
      if (opts.hiddenRuns.has(s.runKey)) continue;
      const data: Array<{ x: number; y: number; min: number; max: number }> = [];
      for (let i = 0; i < s.x.length; i++) {
        const y = s.last[i];
        // Non-finite values cannot be placed on a scale: break the line there (they are reported in the tooltip title).
        data.push({ x: s.x[i], y: Number.isFinite(y) && (!opts.logY || y > 0) ? y : NaN, min: s.min[i], max: s.max[i] });
      }
      const color = opts.colorOf(s.runKey);
      datasets.push({
        label: runName.get(s.runKey) ?? s.runKey,
        data: data as never,
        borderColor: color,
        backgroundColor: color,
        borderWidth: 1.5,
        pointRadius: s.x.length === 1 ? 3 : 0,
        pointHoverRadius: 3,
        spanGaps: false,
        tension: 0,
      });
    }
    const chart = new Chart(canvas, {
      type: 'line',
      data: { datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'nearest', intersect: false, axis: 'x' },
        scales: {
          x: { type: 'linear', title: { display: true, text: 'step', color: opts.colors.muted }, ticks: { color: opts.colors.muted, maxTicksLimit: 6 }, grid: { color: opts.colors.grid } },
          y: { type: opts.logY ? 'logarithmic' : 'linear', ticks: { color: opts.colors.muted, maxTicksLimit: 6 }, grid: { color: opts.colors.grid } },
        },
        plugins: {
          tooltip: {
            callbacks: {
              title: (items) => (items.length ? `step ${formatValue((items[0].raw as { x: number }).x)}` : ''),
              label: (item) => {
                const p = item.raw as { y: number; min: number; max: number };
                const range = p.min !== p.max ? ` [${formatValue(p.min)} … ${formatValue(p.max)}]` : '';
                return `${item.dataset.label}: ${formatValue(p.y)}${range}`;
              },
            },
          },
        },
      },
    });
    charts.push(chart);
  }
}
