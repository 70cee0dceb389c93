// Analysis core timings (issue 6 item 10, DESIGN.md §5): aggregation of a sweep group, zoom
// bucketing, smoothing and the outlier range. Workloads are generated in memory (deterministic
// pseudo-random curves). The analysis code is measured as it ships: bundled by esbuild into
// bench/.work (one scope, as in dist/ and the webview bundles), not through tsx's per-module
// export getters, which add a property lookup to every cross-module call in a hot loop.
import { performance } from 'node:perf_hooks';
import { loadBundled } from './bundled';
import type { XY } from '../src/core/analysis';
import { prng as rng } from '../src/core/util/prng';

type Analysis = typeof import('../src/core/analysis');


const { aggregateSeries, bucketize, ema, movingAverage, outlierRange, previewOf, decodePreview } = loadBundled<Analysis>('src/core/analysis/index.ts', 'analysis');

/** A noisy decaying loss curve over the given steps, with the odd NaN and spike. */
function lossCurve(steps: Float64Array, seed: number): Float64Array {
  const r = rng(seed);
  const ys = new Float64Array(steps.length);
  const scale = 0.5 + r();
  for (let i = 0; i < steps.length; i++) {
    ys[i] = scale * Math.exp(-steps[i] / 3000) + 0.05 * r();
    if (r() < 0.001) ys[i] = NaN;
    else if (r() < 0.001) ys[i] = 50;
  }
  return ys;
}

interface Timing {
  median: number;
  best: number;
}

/** Median and best of `reps` timed calls after a warm-up. The machine may be shared with other
 * jobs, so the best run is the closer estimate of the code's own cost; both are printed. */
function time(reps: number, fn: () => unknown): Timing {
  for (let i = 0; i < 3; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return { median: t[Math.floor(t.length / 2)], best: t[0] };
}

function report(name: string, timing: Timing, target: number, note = ''): void {
  const verdict = timing.median <= target ? 'ok' : timing.best <= target ? 'ok at best (machine busy)' : 'OVER BUDGET';
  const figures = `${timing.median.toFixed(2)} ms median, ${timing.best.toFixed(2)} ms best`;
  console.log(`${name}: ${figures} (target <= ${target} ms) ${verdict}${note ? ' — ' + note : ''}`);
}

// 1. A sweep group of 500 seeds as index previews: 256 buckets each.
//    (a) every run logged the same 10,000 steps → identical preview x (the common case);
//    (b) runs stopped at different steps → every preview has its own bucket x, so the union is large.
const SERIES = 500;
const shared: XY[] = [];
const ragged: XY[] = [];
for (let s = 0; s < SERIES; s++) {
  const fullSteps = Float64Array.from({ length: 10_000 }, (_, i) => i);
  const p = decodePreview(previewOf(fullSteps, lossCurve(fullSteps, s + 1)))!;
  shared.push({ xs: p.x, ys: p.last });
  const len = 6000 + Math.floor(rng(s + 1000)() * 4000);
  const steps = fullSteps.subarray(0, len);
  const q = decodePreview(previewOf(steps, lossCurve(steps, s + 1)))!;
  ragged.push({ xs: q.x, ys: q.last });
}
report(
  'aggregate median + min–max band, 500 series × 256 points, shared steps',
  time(30, () => aggregateSeries(shared, { centre: 'median', band: 'minmax' })),
  50,
);
report(
  'aggregate median + 95% CI band, 500 series × 256 points, shared steps',
  time(30, () => aggregateSeries(shared, { centre: 'median', band: 'ci95' })),
  50,
);
const raggedResult = aggregateSeries(ragged, { centre: 'median', band: 'minmax' });
report(
  'aggregate median + min–max band, 500 series × 256 points, ragged steps',
  time(15, () => aggregateSeries(ragged, { centre: 'median', band: 'minmax' })),
  50,
  `grid of ${raggedResult.x.length} x values`,
);
report(
  'aggregate mean + SD band, 500 series × 256 points, ragged steps',
  time(15, () => aggregateSeries(ragged, { centre: 'mean', band: 'sd' })),
  50,
);

// 2. Zoom: one 10,000-step series bucketed to 1,000 pixel columns (the CPU part of the 150 ms round trip).
const zoomSteps = Float64Array.from({ length: 10_000 }, (_, i) => i);
const zoomValues = lossCurve(zoomSteps, 7);
report(
  'bucketize 10,000 steps to 1,000 columns',
  time(200, () => bucketize(zoomSteps, zoomValues, { buckets: 1000 })),
  5,
  'share of the 150 ms zoom round trip',
);
report(
  'bucketize 10,000 steps, visible range 2,500..7,500 to 1,000 columns',
  time(200, () => bucketize(zoomSteps, zoomValues, { buckets: 1000, xMin: 2500, xMax: 7500 })),
  5,
);

// 3. Smoothing every curve of a large chart: 100 series × 10,000 points.
const smoothInput: Float64Array[] = [];
for (let s = 0; s < 100; s++) smoothInput.push(lossCurve(zoomSteps, 100 + s));
report(
  'EMA (weight 0.6) over 100 series × 10,000 points',
  time(20, () => {
    for (const v of smoothInput) ema(v, 0.6);
  }),
  50,
);
report(
  'centred moving average (window 25) over 100 series × 10,000 points',
  time(20, () => {
    for (const v of smoothInput) movingAverage(v, 25);
  }),
  50,
);

// 4. First paint's y-range: ignore outliers over 100 series × 500 points.
const paint = smoothInput.map((v) => v.subarray(0, 500));
report(
  'outlier y-range over 100 series × 500 points',
  time(50, () => outlierRange(paint)),
  20,
  'share of the 300 ms first paint',
);
