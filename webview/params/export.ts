// Exports of the view: PNG (the canvas on the theme background), SVG (drawn again from the same layout as
// the canvas: axes, ticks, lanes, every line, the best run and its ranks; the scatter's points) and CSV of
// the plotted values (one row per run: name, group, brushed, the value on every axis as the table computed it).
import { csvField, csvNumber } from '../../src/core/curves/csv';
import { escapeXml } from '../../src/core/curves/svg';
import { axisTicks } from '../../src/core/params/axis';
import { rankLabel } from '../../src/core/params/best';
import type { ParamsViewState } from '../../src/protocol/params';
import type { ThemeColors } from '../shared/theme';
import { layoutOf, yOf } from './layout';
import { BEST_COLOUR, type Data, type View } from './model';
import type { ScatterLayout } from './scatter';

const f = (v: number) => (Math.round(v * 10) / 10).toString();

export function parallelSvg(width: number, height: number, view: View, colors: ThemeColors, groupMode: boolean): string {
  const l = layoutOf(width, height, view.axes.length);
  const parts: string[] = [];
  const line = (ys: number[], stroke: string, w: number, opacity: number) =>
    `<path d="${ys.map((y, k) => `${k ? 'L' : 'M'}${f(l.axisX[k])} ${f(y)}`).join('')}" fill="none" stroke="${stroke}" stroke-width="${w}" stroke-opacity="${opacity}"/>`;
  if (groupMode) {
    view.groups.forEach((g, gi) => parts.push(line(Array.from(g.positions, (p) => yOf(l, p)), view.groupColours[gi], 1.6, 0.95)));
  } else {
    for (let i = 0; i < view.mask.length; i++) {
      const on = !view.anyBrush || view.mask[i] === 1;
      parts.push(line(view.axes.map((a) => yOf(l, a.positions[i])), on ? view.colours[i] : colors.muted, 1, on ? 0.75 : 0.12));
    }
  }
  view.axes.forEach((axis, k) => {
    const x = f(l.axisX[k]);
    parts.push(`<line x1="${x}" y1="${f(l.top)}" x2="${x}" y2="${f(l.bottom)}" stroke="${colors.muted}"/>`);
    parts.push(`<text x="${x}" y="${f(l.top - 22)}" text-anchor="middle" font-weight="bold" fill="${colors.foreground}">${escapeXml(view.labels[k] + (axis.scale === 'log' ? ' (log)' : ''))}</text>`);
    for (const t of axisTicks(axis)) parts.push(`<text x="${f(l.axisX[k] - 5)}" y="${f(yOf(l, t.position) + 3)}" text-anchor="end" fill="${colors.muted}">${escapeXml(t.label)}</text>`);
    const nonFinite = axis.nonFinite.nan + axis.nonFinite.posInf + axis.nonFinite.negInf;
    if (axis.missing) parts.push(`<text x="${f(l.axisX[k] + 7)}" y="${f(yOf(l, -1) + 4)}" fill="${colors.muted}">∅ ${axis.missing}</text>`);
    if (nonFinite) parts.push(`<text x="${f(l.axisX[k] + 7)}" y="${f(yOf(l, -2) + 4)}" fill="${colors.muted}">NaN/∞ ${nonFinite}</text>`);
  });
  if (view.best) {
    const positions = groupMode ? Array.from(view.groups[view.best.index].positions) : view.axes.map((a) => a.positions[view.best!.index]);
    parts.push(line(positions.map((p) => yOf(l, p)), BEST_COLOUR, 3.5, 1));
    view.best.ranks.forEach((r, k) => {
      if (r) parts.push(`<text x="${f(l.axisX[k] + 8)}" y="${f(yOf(l, positions[k]) - 6)}" font-weight="bold" fill="${BEST_COLOUR}">${escapeXml(rankLabel(r, view.labels[k]))}</text>`);
    });
  }
  return svgDocument(width, height, colors, parts);
}

export function scatterSvg(width: number, height: number, s: ScatterLayout, view: View, colors: ThemeColors, xLabel: string, yLabel: string): string {
  const parts: string[] = [
    `<path d="M${s.left} ${s.top}L${s.left} ${s.bottom}L${s.right} ${s.bottom}" fill="none" stroke="${colors.muted}"/>`,
    `<text x="${f((s.left + s.right) / 2)}" y="${f(s.bottom + 32)}" text-anchor="middle" font-weight="bold" fill="${colors.foreground}">${escapeXml(xLabel)}</text>`,
    `<text transform="translate(14 ${f((s.top + s.bottom) / 2)}) rotate(-90)" text-anchor="middle" font-weight="bold" fill="${colors.foreground}">${escapeXml(yLabel)}</text>`,
  ];
  for (let i = 0; i < s.px.length; i++) {
    if (Number.isNaN(s.px[i])) continue;
    const on = !view.anyBrush || view.mask[i] === 1;
    const best = view.best?.index === i;
    parts.push(`<circle cx="${f(s.px[i])}" cy="${f(s.py[i])}" r="${best ? 6 : 3}" fill="${best ? BEST_COLOUR : on ? view.colours[i] : colors.muted}" fill-opacity="${on ? 0.85 : 0.15}"/>`);
  }
  return svgDocument(width, height, colors, parts);
}

function svgDocument(width: number, height: number, colors: ThemeColors, parts: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11"><rect width="100%" height="100%" fill="${colors.background}"/>${parts.join('')}</svg>`;
}

/** The plotted values: every column the view uses, one row per run. */
export function plottedCsv(data: Data, state: ParamsViewState, view: View): string {
  const ids = state.mode === 'scatter' ? [state.scatterX, state.scatterY] : state.axes;
  const cols = ids.filter((id) => data.cells.has(id));
  const header = ['run', 'key', 'group', 'brushed', ...cols.map((id) => data.columns.get(id)?.label ?? id)];
  const rows = data.runs.map((r, i) => [
    csvField(r.name),
    csvField(r.key),
    csvField(r.group),
    view.anyBrush ? String(view.mask[i]) : '1',
    ...cols.map((id) => {
      const v = data.cells.get(id)![i];
      return v === null ? '' : typeof v === 'number' ? csvNumber(v) : csvField(v);
    }),
  ]);
  return [header.map(csvField).join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
}
