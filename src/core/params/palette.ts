// The sequential palette lines take when coloured by an axis: viridis (perceptually uniform, readable by
// colour-blind readers, legible on dark and light backgrounds), sampled at 9 stops and interpolated. t = 1 is
// the best end: for a lower-is-better axis the scale is reversed so the best runs are always the bright ones.
import type { Goal } from '../runs/declared-objective';

const VIRIDIS: Array<[number, number, number]> = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 73, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [109, 205, 89],
  [253, 231, 37],
];

/** The colour at t in [0, 1] as an rgb() string. */
export function sequentialColour(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [VIRIDIS[i], VIRIDIS[i + 1]];
  const c = a.map((v, k) => Math.round(v + (b[k] - v) * f));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** Where a run's axis position falls on the palette: as is for higher-is-better, reversed for lower-is-better. */
export function paletteT(position: number, goal: Goal | undefined, flipped: boolean): number {
  // the position already includes the axis flip; undo it so the colour follows the value, not the drawing
  const value = flipped ? 1 - position : position;
  return goal === 'min' ? 1 - value : value;
}
