import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartYRange } from '../../../src/core/analysis';

test('ignore outliers never hides a whole series: lr = 1e-4 among four 1e-5 schedules stays in range', () => {
  // Four warm-up/decay schedules peaking at 1e-5 and one peaking at 1e-4 (the workbench's learning_rate chart).
  const schedule = (peak: number) => Array.from({ length: 50 }, (_, i) => (i < 5 ? (peak * (i + 1)) / 5 : peak * (1 - (i - 5) / 50)));
  const small = [1, 2, 3, 4].map(() => schedule(1e-5));
  const big = schedule(1e-4);
  const r = chartYRange([...small, big], [...small, big], { ignoreOutliers: true });
  assert.ok(r);
  const inside = big.filter((y) => y >= r.min && y <= r.max).length;
  assert.equal(inside, big.length, `only ${inside} of ${big.length} points of the lr=1e-4 line are in [${r.min}, ${r.max}]`);
  assert.equal(r.above + r.below, 0);
  // A spike within one curve is still an outlier.
  const spiky = small[0].map((y, i) => (i === 30 ? 1 : y));
  const s = chartYRange([spiky, ...small.slice(1)], [spiky, ...small.slice(1)], { ignoreOutliers: true });
  assert.ok(s && s.max < 1e-4);
  assert.equal(s.above, 1);
});

test('a cropped point is counted: the steep first point of eval_loss above the fitted range', () => {
  const evalLoss = [9, 0.92, 0.9, 0.88, 0.87, 0.86, 0.86, 0.85, 0.85, 0.84];
  const r = chartYRange([evalLoss], [evalLoss], { ignoreOutliers: true });
  assert.ok(r);
  assert.ok(r.max < 9, 'the spike is left out of the fit');
  assert.equal(r.above, 1);
  assert.equal(r.below, 0);
  // Without "ignore outliers" nothing is cropped.
  const all = chartYRange([evalLoss], [evalLoss], { ignoreOutliers: false });
  assert.ok(all && all.max >= 9 && all.min <= 0.84);
  assert.equal(all.above + all.below, 0);
});

test('padding 5 % each side; only `counted` lines are counted; log axes pad multiplicatively; nothing drawable', () => {
  const r = chartYRange([[0, 10]], [], { ignoreOutliers: false });
  assert.deepEqual(r && [r.min, r.max, r.above, r.below], [-0.5, 10.5, 0, 0]);
  const band = [0, 0, 0, 0, 0, 100];
  const line = [1, 2, 3, 4, 5, 6, 7, 500];
  const c = chartYRange([line, band], [line], { ignoreOutliers: true });
  assert.ok(c);
  assert.equal(c.above, 1, 'the line\'s 500 is counted, the band is not');
  const l = chartYRange([[1, 100]], [[1, 100]], { ignoreOutliers: false, log: true });
  assert.ok(l);
  assert.ok(Math.abs(l.min - 1 / 100 ** 0.05) < 1e-12 && Math.abs(l.max - 100 * 100 ** 0.05) < 1e-9);
  assert.equal(chartYRange([[NaN, Infinity]], [], { ignoreOutliers: true }), undefined);
  assert.equal(chartYRange([], [], { ignoreOutliers: true }), undefined);
});
