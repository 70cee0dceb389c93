// The run lines of the parallel coordinates as ready-made geometry: each run's pixel y on each axis in one
// Float32Array per axis (computed once per view and size, not per frame through yOf), and Path2D objects —
// every run in one path (the faint layer), every run of a colour bucket in one path (the full view) — so a
// redraw that shows every run (hover, highlight, theme, the first paint) strokes about 16 cached paths with
// one style change each instead of tracing 1,000 × 12 points again.
import type { Layout } from './layout';
import { yOf } from './layout';
import type { View } from './model';

export interface LineGeometry {
  /** Per axis: the pixel y of every run. */
  ys: Float32Array[];
  axisX: readonly number[];
  /** Every run's line in one path. */
  all: Path2D;
  /** Per colour: the lines of the runs drawn in it. */
  byColour: Map<string, Path2D>;
}

let cached: { view: View; key: string; geometry: LineGeometry } | undefined;

function layoutKey(l: Layout): string {
  return `${l.width}x${l.height} ${l.top} ${l.bottom} ${l.axisX.join(',')}`;
}

/** Adds run i's polyline to a path. */
export function traceInto(path: Path2D | CanvasRenderingContext2D, g: LineGeometry, i: number): void {
  const { ys, axisX } = g;
  path.moveTo(axisX[0], ys[0][i]);
  for (let k = 1; k < ys.length; k++) path.lineTo(axisX[k], ys[k][i]);
}

/** The geometry of this view at this layout, built once and reused until either changes. */
export function lineGeometry(view: View, l: Layout): LineGeometry {
  const key = layoutKey(l);
  if (cached && cached.view === view && cached.key === key) return cached.geometry;
  const n = view.mask.length;
  const ys = view.axes.map((axis) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = yOf(l, axis.positions[i]);
    return out;
  });
  const geometry: LineGeometry = { ys, axisX: l.axisX, all: new Path2D(), byColour: new Map() };
  if (ys.length) {
    for (let i = 0; i < n; i++) {
      traceInto(geometry.all, geometry, i);
      const c = view.colours[i];
      let p = geometry.byColour.get(c);
      if (!p) geometry.byColour.set(c, (p = new Path2D()));
      traceInto(p, geometry, i);
    }
  }
  cached = { view, key, geometry };
  return geometry;
}

/** Paths per colour for a subset of runs (brushed, chosen elsewhere). */
export function subsetPaths(view: View, g: LineGeometry, runs: readonly number[]): Map<string, Path2D> {
  const out = new Map<string, Path2D>();
  for (const i of runs) {
    const c = view.colours[i];
    let p = out.get(c);
    if (!p) out.set(c, (p = new Path2D()));
    traceInto(p, g, i);
  }
  return out;
}
