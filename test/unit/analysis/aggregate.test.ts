import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregate, aggregateSeries, t975, type Aligned } from '../../../src/core/analysis';
import { assertClose, assertNum } from './close';

/** One x, the given values across series. */
function column(values: number[]): Aligned {
  return { x: Float64Array.of(0), seriesCount: values.length, values: Float64Array.from(values) };
}

test('mean and median with min–max, SD, SE and 95 % CI bands (hand-computed)', () => {
  const c = column([4, 1, NaN, 3, 2]);
  const mean = aggregate(c, { centre: 'mean', band: 'sd' });
  assert.equal(mean.n[0], 4);
  assertNum(mean.centre[0], 2.5);
  // sample SD of 1,2,3,4 = sqrt(5/3)
  assertNum(mean.lower[0], 2.5 - 1.2909944487358056);
  assertNum(mean.upper[0], 2.5 + 1.2909944487358056);
  const se = aggregate(c, { centre: 'median', band: 'se' });
  assertNum(se.centre[0], 2.5);
  assertNum(se.upper[0], 2.5 + 0.6454972243679028);
  const ci = aggregate(c, { centre: 'mean', band: 'ci95' });
  // t(0.975, 3) = 3.18244631
  assertNum(ci.lower[0], 2.5 - 2.0542602598048743, 1e-8);
  assertNum(ci.upper[0], 2.5 + 2.0542602598048743, 1e-8);
  const mm = aggregate(c, { centre: 'median', band: 'minmax' });
  assertNum(mm.lower[0], 1);
  assertNum(mm.upper[0], 4);
});

test('three seeds: the CI uses Student’s t (4.30), not 1.96', () => {
  const r = aggregate(column([0.2, 0.9, 0.4]), { centre: 'mean', band: 'ci95' });
  assertNum(r.centre[0], 0.5);
  assertNum(r.upper[0] - r.centre[0], 0.8956685895551135, 1e-8);
  const med = aggregate(column([0.2, 0.9, 0.4]), { centre: 'median', band: 'none' });
  assertNum(med.centre[0], 0.4);
  assertNum(med.lower[0], 0.4);
  assertNum(med.upper[0], 0.4);
});

test('min and max as the line', () => {
  assertNum(aggregate(column([3, -1, 2]), { centre: 'min', band: 'none' }).centre[0], -1);
  assertNum(aggregate(column([3, -1, 2]), { centre: 'max', band: 'none' }).centre[0], 3);
});

test('n = 1 collapses every band onto the line; n = 0 gives NaN', () => {
  for (const band of ['none', 'minmax', 'sd', 'se', 'ci95'] as const) {
    const r = aggregate(column([NaN, 5]), { centre: 'mean', band });
    assert.equal(r.n[0], 1);
    assertClose([r.centre[0], r.lower[0], r.upper[0]], [5, 5, 5], 0, band);
    const e = aggregate(column([NaN, NaN]), { centre: 'median', band });
    assert.equal(e.n[0], 0);
    assertClose([e.centre[0], e.lower[0], e.upper[0]], [NaN, NaN, NaN], 0, band);
  }
});

test('infinity counts in n, min/max and median, but not in mean and SD', () => {
  const c = column([1, Infinity, 3]);
  const mean = aggregate(c, { centre: 'mean', band: 'sd' });
  assert.equal(mean.n[0], 3);
  assert.equal(mean.infinite[0], 1);
  assertNum(mean.centre[0], 2);
  assertNum(mean.lower[0], 2 - Math.SQRT2);
  assertNum(mean.upper[0], 2 + Math.SQRT2);
  const med = aggregate(c, { centre: 'median', band: 'minmax' });
  assertNum(med.centre[0], 3);
  assertClose([med.lower[0], med.upper[0]], [1, Infinity]);
  const allInf = aggregate(column([Infinity, -Infinity]), { centre: 'mean', band: 'minmax' });
  assertClose([allInf.centre[0], allInf.lower[0], allInf.upper[0]], [NaN, -Infinity, Infinity]);
});

test('curves of unequal length: n drops where shorter curves end, nothing is invented', () => {
  const r = aggregateSeries(
    [
      { xs: [0, 1, 2], ys: [0, 1, 2] },
      { xs: [0, 1], ys: [2, 3] },
      { xs: [0.5], ys: [10] },
    ],
    { centre: 'mean', band: 'minmax' },
  );
  assertClose(r.x, [0, 0.5, 1, 2]);
  assertClose(r.n, [2, 3, 2, 1]);
  // at 0.5: curve 0 → 0.5, curve 1 → 2.5, curve 2 → 10
  assertClose(r.centre, [1, 13 / 3, 2, 2]);
  assertClose(r.lower, [0, 0.5, 1, 2]);
  assertClose(r.upper, [2, 10, 3, 2]);
});

test('even and odd counts for the median across many x', () => {
  const aligned: Aligned = {
    x: Float64Array.of(0, 1),
    seriesCount: 4,
    values: Float64Array.of(5, 1, 3, NaN, 8, -2, 4, 6),
  };
  const r = aggregate(aligned, { centre: 'median', band: 'none' });
  assertClose(r.centre, [3, 5]);
  assertClose(r.n, [3, 4]);
});

test('t975 is the t quantile (scipy.stats.t.ppf(0.975, df)) to 1e-10, small and large df', () => {
  assertNum(t975(1), 12.706204736174694, 1e-10);
  assertNum(t975(2), 4.302652729749462, 1e-10);
  assertNum(t975(30), 2.0422724563012378, 1e-10);
  assertNum(t975(31), 2.039513446396408, 1e-10);
  assertNum(t975(60), 2.0002978220142604, 1e-10);
  assertNum(t975(1000), 1.9623390808264083, 1e-10);
  assertNum(t975(0), NaN);
});
