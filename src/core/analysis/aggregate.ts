// A group of aligned curves (one per seed) reduced to one line and a band, per x.

import { alignSeries, type AlignOptions, type Aligned } from './align';
import type { XY } from './points';
import { medianInPlace } from './quantile';
import { t975 } from './student-t';

/** The line drawn for a group. */
export type Centre = 'mean' | 'median' | 'min' | 'max';
/**
 * The band drawn around it. `minmax` spans all values; `sd`, `se` and `ci95` are centred on the
 * MEAN whatever the line is (mean ± SD, mean ± SD/√n, mean ± t_{0.975,n-1}·SD/√n with Student's t,
 * so a 3-seed interval is ± 4.30·SE rather than ± 1.96·SE). SD is the sample SD (n − 1).
 */
export type Band = 'none' | 'minmax' | 'sd' | 'se' | 'ci95';

export interface AggregateOptions {
  centre: Centre;
  band: Band;
}

/**
 * Per-x result. NaN inputs mean "no value" and are not counted. ±Infinity (a diverged seed) counts
 * in `n`, in min, max and median, but is left out of mean, SD, SE and CI (which use the finite
 * values only, so one diverged seed does not blank the group's line); `infinite` tells how many.
 * With one usable value the band collapses onto the line; with none, centre/lower/upper are NaN;
 * when every value at x is infinite, the mean and the SD/SE/CI bands are NaN while min, max and
 * median still show the infinity. Band `none` gives lower = upper = centre.
 */
export interface Aggregate {
  x: Float64Array;
  /** Curves with a value at x (NaN excluded, ±Infinity included). */
  n: Uint32Array;
  /** Of those, how many are ±Infinity. */
  infinite: Uint32Array;
  centre: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

/**
 * Aggregates aligned curves per x. Cost O(grid · series); the median uses quickselect, not a sort.
 * Allocation: the output arrays and one scratch row of `seriesCount` values.
 */
export function aggregate(aligned: Aligned, options: AggregateOptions): Aggregate {
  const { x, seriesCount: S, values } = aligned;
  const G = x.length;
  const out: Aggregate = {
    x: x.slice(),
    n: new Uint32Array(G),
    infinite: new Uint32Array(G),
    centre: new Float64Array(G),
    lower: new Float64Array(G),
    upper: new Float64Array(G),
  };
  const scratch = new Float64Array(S);

  for (let j = 0; j < G; j++) {
    const row = j * S;
    let n = 0;
    let inf = 0;
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let s = 0; s < S; s++) {
      const v = values[row + s];
      if (v !== v) continue; // NaN: no value here
      scratch[n++] = v;
      if (v < min) min = v;
      if (v > max) max = v;
      if (v === Infinity || v === -Infinity) inf++;
      else sum += v;
    }
    out.n[j] = n;
    out.infinite[j] = inf;
    if (n === 0) {
      out.centre[j] = out.lower[j] = out.upper[j] = NaN;
      continue;
    }
    const finite = n - inf;
    const mean = finite > 0 ? sum / finite : NaN;
    let sd = 0;
    if (finite > 1 && (options.band === 'sd' || options.band === 'se' || options.band === 'ci95')) {
      // Second pass over the scratch row: numerically stable, unlike sum-of-squares.
      let ss = 0;
      for (let i = 0; i < n; i++) {
        const v = scratch[i];
        if (v === Infinity || v === -Infinity) continue;
        const d = v - mean;
        ss += d * d;
      }
      sd = Math.sqrt(ss / (finite - 1));
    }

    let centre: number;
    switch (options.centre) {
      case 'mean':
        centre = mean;
        break;
      case 'min':
        centre = min;
        break;
      case 'max':
        centre = max;
        break;
      case 'median':
        centre = medianInPlace(scratch, 0, n);
        break;
    }
    out.centre[j] = centre;

    let half: number;
    switch (options.band) {
      case 'none':
        out.lower[j] = out.upper[j] = centre;
        continue;
      case 'minmax':
        out.lower[j] = min;
        out.upper[j] = max;
        continue;
      case 'sd':
        half = sd;
        break;
      case 'se':
        half = finite > 1 ? sd / Math.sqrt(finite) : 0;
        break;
      case 'ci95':
        half = finite > 1 ? (t975(finite - 1) * sd) / Math.sqrt(finite) : 0;
        break;
    }
    out.lower[j] = mean - half;
    out.upper[j] = mean + half;
  }
  return out;
}

/** Aligns then aggregates: the one call a chart needs for a group of curves. */
export function aggregateSeries(series: readonly XY[], options: AggregateOptions & AlignOptions): Aggregate {
  return aggregate(alignSeries(series, options), options);
}
