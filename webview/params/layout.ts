// Pixel layout of the parallel coordinates: where each axis stands and where a position (0 bottom … 1 top,
// or a lane) lands. Shared by the canvas, the SVG export and hit testing so they cannot disagree.
import { MISSING_LANE, NONFINITE_LANE } from '../../src/core/params/axis';

export interface Layout {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  axisX: number[];
}

export const LANE_GAP = 20;

export function layoutOf(width: number, height: number, axes: number): Layout {
  const left = 70;
  const right = width - 110;
  const top = 52;
  const bottom = height - 2 * LANE_GAP - 22;
  const axisX = Array.from({ length: axes }, (_, k) => (axes > 1 ? left + (k * (right - left)) / (axes - 1) : (left + right) / 2));
  return { width, height, left, right, top, bottom, axisX };
}

export function yOf(l: Layout, p: number): number {
  if (p === MISSING_LANE) return l.bottom + LANE_GAP;
  if (p === NONFINITE_LANE) return l.bottom + 2 * LANE_GAP;
  return l.bottom - p * (l.bottom - l.top);
}

/** The position at a pixel row (clamped to the axis). */
export function positionAt(l: Layout, y: number): number {
  return Math.min(1, Math.max(0, (l.bottom - y) / (l.bottom - l.top)));
}

/** The axis a pixel column belongs to when within `slack` px of it, else -1. */
export function axisAt(l: Layout, x: number, slack = 12): number {
  let best = -1;
  let d = slack;
  l.axisX.forEach((ax, k) => {
    if (Math.abs(ax - x) <= d) {
      d = Math.abs(ax - x);
      best = k;
    }
  });
  return best;
}

/**
 * The axis whose title (drawn above the axis, under the header buttons) is at this pixel, else -1: a drag
 * there moves the axis.
 */
export function titleAt(l: Layout, x: number, y: number): number {
  if (y < l.top - 34 || y > l.top - 12) return -1;
  const spacing = l.axisX.length > 1 ? l.axisX[1] - l.axisX[0] : l.right - l.left;
  return axisAt(l, x, Math.min(70, spacing / 2));
}
