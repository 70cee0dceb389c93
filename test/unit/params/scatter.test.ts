import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boxStats, jitterOffset, leastSquares, loess } from '../../../src/core/params/scatter';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} ≈ ${b}`);

test('least squares by hand: (0,1) (1,3) (2,2) (3,6) → slope 1.4, intercept 0.9', () => {
  // mean x 1.5, mean y 3; Sxy = (-1.5)(-2)+(-0.5)(0)+(0.5)(-1)+(1.5)(3) = 7; Sxx = 5; Syy = 4+0+1+9 = 14
  const fit = leastSquares([0, 1, 2, 3, NaN], [1, 3, 2, 6, 5])!;
  close(fit.slope, 1.4);
  close(fit.intercept, 0.9);
  close(fit.r2, 49 / 70);
  assert.equal(leastSquares([1, 1], [2, 3]), undefined);
});

test('LOESS reproduces a straight line exactly and follows a bend', () => {
  const xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const line = loess(xs, xs.map((x) => 2 * x + 1), [0, 4.5, 9], 0.5);
  line.forEach((y, i) => close(y, 2 * [0, 4.5, 9][i] + 1, 1e-9));
  const v = loess(xs, xs.map((x) => (x - 4.5) ** 2), [4.5], 0.4)[0];
  // the parabola's minimum is 0 at 4.5; a local linear fit over the 4 nearest points (3..6) gives their weighted mean
  assert.ok(v > 0 && v < 3, String(v));
});

test('jitter is deterministic and inside the width', () => {
  assert.equal(jitterOffset(3, 0.4), jitterOffset(3, 0.4));
  for (let i = 0; i < 100; i++) assert.ok(Math.abs(jitterOffset(i, 0.4)) <= 0.2);
  assert.notEqual(jitterOffset(0, 1), jitterOffset(1, 1));
});

test('box: numpy percentiles, whiskers within 1.5 IQR, outliers beyond', () => {
  // sorted 1..8 and 30: q1 = 3, median 5, q3 = 7, IQR 4 → fences −3 and 13
  const b = boxStats([5, 1, 2, 3, 4, 6, 7, 8, 30, NaN])!;
  assert.deepEqual([b.n, b.q1, b.median, b.q3, b.low, b.high], [9, 3, 5, 7, 1, 8]);
  assert.deepEqual(b.outliers, [30]);
  assert.equal(boxStats([]), undefined);
});
