import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ema, movingAverage } from '../../../src/core/analysis';
import { assertClose } from './close';

test('EMA with a debiased start (hand-computed, weight 0.5)', () => {
  // acc: 0.5, 1.25, 2.125; debias by 1 − 0.5^k: 0.5, 0.75, 0.875
  assertClose(ema([1, 2, 3], 0.5), [1, 5 / 3, 2.125 / 0.875]);
  // TensorBoard, weight 0.6 on [0, 1]: 0, 0.4 / (1 − 0.36) = 0.625
  assertClose(ema([0, 1], 0.6), [0, 0.625]);
});

test('EMA skips NaN and infinite points and leaves them in place', () => {
  assertClose(ema([1, NaN, 2, 3], 0.5), [1, NaN, 5 / 3, 2.125 / 0.875]);
  assertClose(ema([1, Infinity, 2, -Infinity], 0.5), [1, Infinity, 5 / 3, -Infinity]);
});

test('EMA leaves a constant series untouched bit for bit', () => {
  const v = [0.1, 0.1, NaN, 0.1, 0.1, 0.1, 0.1, 0.1];
  const out = ema(v, 0.9);
  assertClose(out, v, 0);
  for (let i = 0; i < v.length; i++) if (!Number.isNaN(v[i])) assert.ok(Object.is(out[i], v[i]));
});

test('EMA weight is clamped to 0..0.999 and the input is not modified', () => {
  const v = Float64Array.of(3, 1, 4, 1, 5);
  assertClose(ema(v, 0), v, 0);
  assertClose(ema(v, NaN), v, 0);
  assertClose(ema(v, -3), v, 0);
  assertClose(ema(v, 7), ema(v, 0.999), 0);
  assertClose(v, [3, 1, 4, 1, 5], 0);
  assert.equal(ema([], 0.9).length, 0);
  assertClose(ema([42], 0.9), [42]);
});

test('centred moving average shrinks at the ends (hand-computed, window 3)', () => {
  assertClose(movingAverage([1, 2, 3, 4, 10], 3), [1.5, 2, 3, 17 / 3, 7]);
  // an even window behaves as the next odd one
  assertClose(movingAverage([1, 2, 3, 4, 10], 4), movingAverage([1, 2, 3, 4, 10], 5));
  assertClose(movingAverage([1, 2, 3, 4, 10], 5), [2, 2.5, 4, 4.75, 17 / 3]);
});

test('moving average leaves NaN/inf in place and out of neighbours’ means', () => {
  assertClose(movingAverage([1, NaN, 3, 5], 3), [1, NaN, 4, 4]);
  assertClose(movingAverage([1, 2, Infinity, 4, 6], 3), [1.5, 1.5, Infinity, 5, 5]);
});

test('moving average: window <= 1, empty, single point and constant input', () => {
  assertClose(movingAverage([1, 2, 3], 1), [1, 2, 3], 0);
  assertClose(movingAverage([1, 2, 3], NaN), [1, 2, 3], 0);
  assert.equal(movingAverage([], 5).length, 0);
  assertClose(movingAverage([7], 9), [7], 0);
  const c = [0.1, 0.1, 0.1, 0.1, 0.1];
  assertClose(movingAverage(c, 3), c, 0);
});

test('moving average matches a naive reference even after huge early values', () => {
  const n = 400;
  for (const cut of [50, 51, 53, 57]) {
    for (const w of [3, 9, 20]) {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = i < cut ? 1e12 * (1 + (i % 7)) : 1e-4 * (1.5 + Math.sin(i));
      v[123] = NaN;
      const out = movingAverage(v, w);
      const half = Math.floor(w / 2);
      for (let i = 0; i < n; i++) {
        if (Number.isNaN(v[i])) {
          assert.ok(Number.isNaN(out[i]));
          continue;
        }
        let s = 0;
        let c = 0;
        for (let k = Math.max(0, i - half); k <= Math.min(n - 1, i + half); k++) {
          if (Number.isFinite(v[k])) {
            s += v[k];
            c++;
          }
        }
        const ref = s / c;
        assert.ok(Math.abs(out[i] - ref) <= 1e-9 * Math.abs(ref), `cut=${cut} w=${w} i=${i}: ${out[i]} vs ${ref}`);
      }
    }
  }
});

test('EMA over a long series matches the closed form with pow() and stays fast past weight^k underflow', () => {
  const n = 5000;
  const v = Float64Array.from({ length: n }, (_, i) => Math.cos(i / 10));
  const w = 0.6;
  const out = ema(v, w);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc = acc * w + (1 - w) * v[i];
    const ref = acc / (1 - Math.pow(w, i + 1));
    assert.ok(Math.abs(out[i] - ref) <= 1e-12, `i=${i}`);
  }
});
