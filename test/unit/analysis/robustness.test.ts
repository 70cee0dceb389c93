// Random inputs full of NaN, ±Infinity, duplicate and unsorted x: no function throws, and the
// invariants that the charts rely on hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  aggregate,
  alignSeries,
  bucketize,
  canonicalPoints,
  decodePreview,
  ema,
  encodePreview,
  metricAsX,
  movingAverage,
  outlierRange,
  summarize,
} from '../../../src/core/analysis';
import { prng as rng } from '../../../src/core/util/prng';

function messy(r: () => number, n: number): { xs: Float64Array; ys: Float64Array } {
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = r();
    xs[i] = u < 0.05 ? NaN : u < 0.08 ? Infinity : Math.floor(r() * 30) - 5;
    const v = r();
    ys[i] = v < 0.1 ? NaN : v < 0.15 ? Infinity : v < 0.2 ? -Infinity : (r() - 0.5) * 10 ** Math.floor(r() * 6);
  }
  return { xs, ys };
}

test('random messy series: every function returns, invariants hold', () => {
  const r = rng(2024);
  for (let trial = 0; trial < 200; trial++) {
    const group = Array.from({ length: 1 + Math.floor(r() * 6) }, () => messy(r, Math.floor(r() * 25)));
    const { xs, ys } = group[0];
    const log = r() < 0.3;

    const b = bucketize(xs, ys, { buckets: 1 + Math.floor(r() * 12), log });
    let placed = b.skipped + b.nanTotal;
    for (let i = 0; i < b.x.length; i++) {
      placed += b.count[i];
      if (b.count[i] > 0) assert.ok(b.min[i] <= b.last[i] && b.last[i] <= b.max[i], `trial ${trial} bucket ${i}`);
      if (i > 0) assert.ok(b.x[i] > b.x[i - 1] && b.column[i] > b.column[i - 1]);
    }
    assert.equal(placed, xs.length, `trial ${trial}: every point is bucketed, NaN or skipped`);

    const p = decodePreview(encodePreview(b))!;
    assert.equal(p.x.length, b.x.length);

    const s = summarize(xs, ys);
    assert.equal(s.count, xs.length);
    assert.equal(s.nanCount, ys.filter(Number.isNaN).length);
    assert.equal(s.infCount, ys.filter((v) => v === Infinity || v === -Infinity).length);
    if (!Number.isNaN(s.min)) assert.ok(s.min <= s.max);

    const aligned = alignSeries(group, { logX: log, logY: r() < 0.3 });
    for (let j = 1; j < aligned.x.length; j++) assert.ok(aligned.x[j] > aligned.x[j - 1]);
    // At a curve's own x, its aligned value is its own (last-wins, NaN-free) value.
    group.forEach((g, gi) => {
      const c = canonicalPoints(g.xs, g.ys, { logX: log });
      for (let i = 0; i < c.xs.length; i++) {
        const j = aligned.x.indexOf(c.xs[i]);
        assert.ok(j >= 0);
        assert.ok(Object.is(aligned.values[j * aligned.seriesCount + gi], c.ys[i]), `trial ${trial}`);
      }
    });

    for (const band of ['none', 'minmax', 'sd', 'se', 'ci95'] as const) {
      const agg = aggregate(aligned, { centre: 'median', band });
      for (let j = 0; j < agg.x.length; j++) {
        assert.ok(agg.n[j] <= group.length);
        if (agg.n[j] === 0) assert.ok(Number.isNaN(agg.centre[j]));
        if (!Number.isNaN(agg.lower[j]) && !Number.isNaN(agg.upper[j])) assert.ok(agg.lower[j] <= agg.upper[j]);
      }
    }

    const sm = ema(ys, r());
    const ma = movingAverage(ys, Math.floor(r() * 9));
    for (let i = 0; i < ys.length; i++) {
      // Non-finite points stay exactly as they were; finite ones stay finite.
      if (!Number.isFinite(ys[i])) assert.ok(Object.is(sm[i], ys[i]) && Object.is(ma[i], ys[i]));
      else assert.ok(Number.isFinite(sm[i]) && Number.isFinite(ma[i]));
    }

    const range = outlierRange(group.map((g) => g.ys), { log });
    if (!Number.isNaN(range.min)) assert.ok(range.min <= range.max);

    const joined = metricAsX({ steps: xs, values: ys }, { steps: group[group.length - 1].xs, values: group[group.length - 1].ys });
    for (let i = 1; i < joined.steps.length; i++) assert.ok(joined.steps[i] > joined.steps[i - 1]);
  }
});
