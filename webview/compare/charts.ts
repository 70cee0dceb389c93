// The Compare panel's two SVG charts: per group the seed dots, mean ± sd and the 95 % CI of the mean; per
// target the value of the selected model against the oracle (and the seed median). Text goes in through
// textContent only.
import type { CompareJson } from '../../src/core/compare/compare-groups';
import { groupLabel } from '../../src/core/compare/compare-tables';
import type { SelectionJson } from '../../src/core/selection/selection-json';
import { formatNumber } from '../../src/core/util/numbers';
import { themeColors } from '../shared/theme';

const NS = 'http://www.w3.org/2000/svg';

function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Nice round ticks over [lo, hi]. */
function ticks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

interface Frame {
  svg: SVGSVGElement;
  y: (v: number) => number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function frame(width: number, height: number, lo: number, hi: number, yLabel: string): Frame {
  const c = themeColors();
  const pad = (hi - lo) * 0.08 || 0.01;
  const [a, b] = [lo - pad, hi + pad];
  const f = { left: 64, right: width - 16, top: 14, bottom: height - 56 };
  const svg = svgEl('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' });
  const y = (v: number) => f.bottom - ((v - a) / (b - a)) * (f.bottom - f.top);
  for (const t of ticks(a, b)) {
    svg.append(svgEl('line', { x1: f.left, x2: f.right, y1: y(t), y2: y(t), stroke: c.grid, 'stroke-width': 1 }));
    svg.append(svgEl('text', { x: f.left - 6, y: y(t) + 4, 'text-anchor': 'end', fill: c.muted, 'font-size': 11 }, formatNumber(t)));
  }
  const label = svgEl('text', { x: 14, y: (f.top + f.bottom) / 2, fill: c.muted, 'font-size': 11, 'text-anchor': 'middle', transform: `rotate(-90 14 ${(f.top + f.bottom) / 2})` }, yLabel);
  svg.append(label);
  return { svg, y, ...f };
}

/** Seed dots, mean ± sd (thick bar) and the t-based 95 % CI of the mean (whiskers) per group; click picks a group. */
export function groupsChart(result: CompareJson, picked: ReadonlySet<number>, onPick: (group: number) => void, width: number): SVGSVGElement {
  const c = themeColors();
  const all = result.groups.flatMap((g) => [...g.values, ...(g.meanCi95 ?? [])]);
  const f = frame(width, 300, Math.min(...all), Math.max(...all), result.metric);
  const slot = (f.right - f.left) / Math.max(1, result.groups.length);
  result.groups.forEach((g, i) => {
    const cx = f.left + slot * (i + 0.5);
    const color = c.palette[i % c.palette.length];
    const group = svgEl('g', { class: `group-mark${picked.has(i) ? ' picked' : ''}`, 'data-group': i, cursor: 'pointer' });
    group.append(svgEl('rect', { x: cx - slot / 2 + 2, y: f.top, width: slot - 4, height: f.bottom - f.top, fill: picked.has(i) ? c.grid : 'transparent', opacity: 0.5 }));
    if (g.meanCi95) {
      const [lo, hi] = g.meanCi95;
      group.append(svgEl('line', { x1: cx, x2: cx, y1: f.y(lo), y2: f.y(hi), stroke: color, 'stroke-width': 1.5 }));
      for (const v of [lo, hi]) group.append(svgEl('line', { x1: cx - 10, x2: cx + 10, y1: f.y(v), y2: f.y(v), stroke: color, 'stroke-width': 1.5 }));
    }
    if (g.mean !== null && g.sd !== null) group.append(svgEl('rect', { x: cx - 5, y: f.y(g.mean + g.sd), width: 10, height: Math.max(1, f.y(g.mean - g.sd) - f.y(g.mean + g.sd)), fill: color, opacity: 0.35 }));
    if (g.mean !== null) group.append(svgEl('line', { x1: cx - 16, x2: cx + 16, y1: f.y(g.mean), y2: f.y(g.mean), stroke: color, 'stroke-width': 2.5 }));
    g.values.forEach((v, k) => {
      const dx = (k - (g.values.length - 1) / 2) * 6 + 26;
      const dot = svgEl('circle', { cx: cx + dx, cy: f.y(v), r: 3.5, fill: color });
      dot.append(svgEl('title', {}, `${g.runs[k] ?? ''}: ${formatNumber(v)}`));
      group.append(dot);
    });
    const title = svgEl('title', {}, `${groupLabel(g.key)} — n = ${g.n}, mean ${formatNumber(g.mean)} ± ${formatNumber(g.sd)}${g.meanCi95 ? `, 95 % CI [${formatNumber(g.meanCi95[0])}, ${formatNumber(g.meanCi95[1])}]` : ''}`);
    group.prepend(title);
    // the label fits its slot (about 6 px a character); the whole key is in the group's tooltip
    const label = Object.values(g.key).join(', ') || '(all)';
    const fit = Math.max(4, Math.floor((slot - 8) / 6));
    group.append(svgEl('text', { x: cx, y: f.bottom + 16, 'text-anchor': 'middle', fill: c.foreground, 'font-size': 11 }, label.length > fit ? `${label.slice(0, fit - 1)}…` : label));
    group.append(svgEl('text', { x: cx, y: f.bottom + 30, 'text-anchor': 'middle', fill: c.muted, 'font-size': 10 }, `n = ${g.n}`));
    group.addEventListener('click', () => onPick(i));
    f.svg.append(group);
  });
  f.svg.append(svgEl('text', { x: f.right, y: f.bottom + 44, 'text-anchor': 'end', fill: c.muted, 'font-size': 10 }, 'dots: seeds · bar: mean ± sd · whiskers: 95 % CI of the mean · click a group to select its runs'));
  return f.svg;
}

/** Per target: the selected model's value, the oracle's and the seed median, with the regret. */
export function selectionChart(result: SelectionJson, width: number): SVGSVGElement {
  const c = themeColors();
  const all = result.targets.flatMap((t) => [t.selected.value, t.oracle.value, t.seedMedian.value]);
  const f = frame(width, 280, Math.min(...all), Math.max(...all), 'target value');
  const slot = (f.right - f.left) / Math.max(1, result.targets.length);
  const series: Array<{ label: string; color: string; value: (t: SelectionJson['targets'][number]) => number }> = [
    { label: `selected by ${result.by}`, color: c.palette[0], value: (t) => t.selected.value },
    { label: 'oracle (best on the target)', color: c.palette[2], value: (t) => t.oracle.value },
    { label: 'seed median of the selected configuration', color: c.palette[4 % c.palette.length], value: (t) => t.seedMedian.value },
  ];
  result.targets.forEach((t, i) => {
    const x0 = f.left + slot * i;
    const bw = Math.min(28, (slot - 20) / series.length);
    series.forEach((s, k) => {
      const x = x0 + slot / 2 + (k - (series.length - 1) / 2) * (bw + 4) - bw / 2;
      const v = s.value(t);
      const bar = svgEl('rect', { x, y: f.y(v), width: bw, height: Math.max(1, f.bottom - f.y(v)), fill: s.color, class: `bar-${k}` });
      bar.append(svgEl('title', {}, `${t.metric} — ${s.label}: ${formatNumber(v)}`));
      f.svg.append(bar);
    });
    f.svg.append(svgEl('text', { x: x0 + slot / 2, y: f.bottom + 16, 'text-anchor': 'middle', fill: c.foreground, 'font-size': 11 }, t.metric));
    f.svg.append(svgEl('text', { x: x0 + slot / 2, y: f.bottom + 30, 'text-anchor': 'middle', fill: t.regret > 0 ? c.foreground : c.muted, 'font-size': 10 }, `regret ${formatNumber(t.regret)} · rank ${t.selected.rank}/${t.candidates}`));
  });
  let lx = f.left;
  for (const s of series) {
    f.svg.append(svgEl('rect', { x: lx, y: f.bottom + 38, width: 10, height: 10, fill: s.color }));
    const text = svgEl('text', { x: lx + 14, y: f.bottom + 47, fill: c.muted, 'font-size': 10 }, s.label);
    f.svg.append(text);
    lx += 24 + s.label.length * 5.6;
  }
  return f.svg;
}
