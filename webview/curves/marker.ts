// The step marker (a health finding's step, a checkpoint's step): a dashed vertical line with a label on the
// charts of the marked metric, and a chip above the charts that says what is marked and clears it.
// Drawn only on the step axis: the marker is a step, and epoch or time axes have no one x for it.
import type { Plugin } from 'chart.js';
import type { ChartLayout } from '../../src/core/curves';
import type { CurvesSeries, CurvesViewState, StepMarker } from '../../src/protocol/curves';
import type { ThemeColors } from '../shared/theme';

/** The marker this chart shows: the state's, when the chart holds the marked metric and x is step. */
export function markerOf(layout: ChartLayout<CurvesSeries>, state: CurvesViewState): StepMarker | undefined {
  const m = state.marker;
  if (!m || state.xAxis !== 'step' || (state.logX && m.step <= 0)) return undefined;
  // An empty metric (a checkpoint) marks every chart.
  return !m.metric || layout.members.some((x) => x.series.key === m.metric) ? m : undefined;
}

/** Widens a chart's x range so the marked step is inside it (a finding can sit past the preview's last point). */
export function withMarker(range: [number, number] | undefined, marker: StepMarker | undefined): [number, number] | undefined {
  if (!marker || !range || (marker.step >= range[0] && marker.step <= range[1])) return range;
  // Outside the data: widen with a margin, so the line is not drawn on the plot's border.
  const lo = Math.min(range[0], marker.step);
  const hi = Math.max(range[1], marker.step);
  const pad = (hi - lo) * 0.03;
  return [marker.step < range[0] ? lo - pad : lo, marker.step > range[1] ? hi + pad : hi];
}

export function markerPlugin(marker: StepMarker, colors: ThemeColors): Plugin<'line'> {
  return {
    id: 'runlensStepMarker',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const x = scales.x.getPixelForValue(marker.step);
      if (!Number.isFinite(x) || x < chartArea.left - 0.5 || x > chartArea.right + 0.5) return;
      ctx.save();
      // The theme's foreground: no run's palette colour, and the strongest ink on the chart besides the lines.
      ctx.strokeStyle = colors.foreground;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([5, 3]);
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      const text = `${marker.label} · step ${marker.step}`;
      ctx.font = '11px sans-serif';
      const w = ctx.measureText(text).width;
      // Right of the line, or left of it when that would leave the plot.
      const tx = x + 4 + w > chartArea.right ? x - 4 - w : x + 4;
      ctx.fillStyle = colors.background;
      ctx.globalAlpha = 0.8;
      ctx.fillRect(tx - 2, chartArea.top + 1, w + 4, 14);
      ctx.globalAlpha = 1;
      ctx.fillStyle = colors.foreground;
      ctx.textBaseline = 'top';
      ctx.fillText(text, tx, chartArea.top + 3);
      ctx.restore();
    },
  };
}

/** The chip that says what is marked (or why it is not drawn) and clears the marker. */
export function renderMarkerChip(el: HTMLElement, state: CurvesViewState, clear: () => void): void {
  const m = state.marker;
  el.textContent = '';
  el.hidden = !m;
  if (!m) return;
  const text = document.createElement('span');
  text.textContent = `Marked: ${m.label} at step ${m.step}${m.metric ? ` on ${m.metric}` : ''}${state.xAxis === 'step' ? '' : ' (shown on the step axis)'}`;
  const button = document.createElement('button');
  button.className = 'chart-action';
  button.id = 'clear-marker';
  button.textContent = '×';
  button.title = 'Clear the step marker';
  button.setAttribute('aria-label', 'Clear the step marker');
  button.addEventListener('click', clear);
  el.append(text, button);
}
