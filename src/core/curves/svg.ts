// A small SVG writer for one drawn chart: the webview hands over what it drew in pixel coordinates
// (plot area, ticks, bands, lines) and gets a standalone vector file back. No library: the output
// only needs rect, line, path, text and one clip path.

export interface SvgTick {
  /** Pixel position along the axis. */
  at: number;
  label: string;
}

export interface SvgBand {
  color: string;
  opacity: number;
  /** Interleaved pixel points x0,y0,x1,y1… of the upper and lower edges, in the same x order. NaN breaks the band. */
  upper: ArrayLike<number>;
  lower: ArrayLike<number>;
}

export interface SvgLine {
  color: string;
  width: number;
  opacity?: number;
  dash?: readonly number[];
  /** Interleaved pixel points x0,y0,x1,y1…; a NaN coordinate breaks the line (a gap, as on screen). */
  points: ArrayLike<number>;
}

export interface SvgChart {
  width: number;
  height: number;
  title: string;
  background: string;
  foreground: string;
  muted: string;
  grid: string;
  fontFamily?: string;
  /** The plot area in pixels. */
  area: { left: number; top: number; right: number; bottom: number };
  xTicks: readonly SvgTick[];
  yTicks: readonly SvgTick[];
  xLabel?: string;
  bands: readonly SvgBand[];
  lines: readonly SvgLine[];
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const r = (v: number) => String(Math.round(v * 100) / 100);

/** `M x y L x y …` with a new `M` after every gap. Empty string when nothing is drawable. */
export function pathData(points: ArrayLike<number>): string {
  const parts: string[] = [];
  let pen = false;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i];
    const y = points[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    parts.push(`${pen ? 'L' : 'M'}${r(x)} ${r(y)}`);
    pen = true;
  }
  return parts.join(' ');
}

/** Closed polygons over each unbroken run of the band: upper edge forward, lower edge back. */
export function bandPathData(upper: ArrayLike<number>, lower: ArrayLike<number>): string {
  const parts: string[] = [];
  let run: number[] = [];
  const flush = () => {
    if (run.length >= 2) {
      const up = run.map((i) => `${r(upper[i])} ${r(upper[i + 1])}`);
      const down = run.reverse().map((i) => `${r(lower[i])} ${r(lower[i + 1])}`);
      parts.push(`M${up.join(' L')} L${down.join(' L')} Z`);
    }
    run = [];
  };
  for (let i = 0; i + 1 < upper.length && i + 1 < lower.length; i += 2) {
    if ([upper[i], upper[i + 1], lower[i], lower[i + 1]].every(Number.isFinite)) run.push(i);
    else flush();
  }
  flush();
  return parts.join(' ');
}

export function chartSvg(c: SvgChart): string {
  const { left, top, right, bottom } = c.area;
  const font = escapeXml(c.fontFamily ?? 'sans-serif');
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${r(c.width)}" height="${r(c.height)}" viewBox="0 0 ${r(c.width)} ${r(c.height)}" font-family="${font}" font-size="11">`,
    `<title>${escapeXml(c.title)}</title>`,
    `<rect width="100%" height="100%" fill="${escapeXml(c.background)}"/>`,
    `<defs><clipPath id="plot"><rect x="${r(left)}" y="${r(top)}" width="${r(right - left)}" height="${r(bottom - top)}"/></clipPath></defs>`,
    `<text x="${r(left)}" y="${r(Math.max(12, top - 8))}" fill="${escapeXml(c.foreground)}" font-weight="600" font-size="12">${escapeXml(c.title)}</text>`,
  ];
  const muted = escapeXml(c.muted);
  const grid = escapeXml(c.grid);
  for (const t of c.yTicks) {
    out.push(`<line x1="${r(left)}" x2="${r(right)}" y1="${r(t.at)}" y2="${r(t.at)}" stroke="${grid}" stroke-width="1"/>`);
    out.push(`<text x="${r(left - 4)}" y="${r(t.at + 4)}" fill="${muted}" text-anchor="end">${escapeXml(t.label)}</text>`);
  }
  for (const t of c.xTicks) {
    out.push(`<line x1="${r(t.at)}" x2="${r(t.at)}" y1="${r(top)}" y2="${r(bottom)}" stroke="${grid}" stroke-width="1"/>`);
    out.push(`<text x="${r(t.at)}" y="${r(bottom + 14)}" fill="${muted}" text-anchor="middle">${escapeXml(t.label)}</text>`);
  }
  if (c.xLabel) out.push(`<text x="${r((left + right) / 2)}" y="${r(bottom + 28)}" fill="${muted}" text-anchor="middle">${escapeXml(c.xLabel)}</text>`);
  out.push(`<g clip-path="url(#plot)" fill="none" stroke-linejoin="round" stroke-linecap="round">`);
  for (const b of c.bands) {
    const d = bandPathData(b.upper, b.lower);
    if (d) out.push(`<path d="${d}" fill="${escapeXml(b.color)}" fill-opacity="${r(b.opacity)}" stroke="none"/>`);
  }
  for (const l of c.lines) {
    const d = pathData(l.points);
    if (!d) continue;
    const dash = l.dash?.length ? ` stroke-dasharray="${l.dash.map(r).join(' ')}"` : '';
    const opacity = l.opacity !== undefined && l.opacity < 1 ? ` stroke-opacity="${r(l.opacity)}"` : '';
    out.push(`<path d="${d}" stroke="${escapeXml(l.color)}" stroke-width="${r(l.width)}"${dash}${opacity}/>`);
  }
  out.push('</g>', '</svg>');
  return out.join('\n') + '\n';
}
