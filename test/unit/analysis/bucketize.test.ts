import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketize } from '../../../src/core/analysis';
import { assertClose } from './close';

test('bucketize keeps min, max and last per bucket; NaN counted apart; infinity kept', () => {
  // Range 0..9 in 5 buckets: width 1.8, so x = 0,1 | 2,3 | 4,5 | 6,7 | 8,9 (9 is clamped into the last).
  const xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const ys = [1, 5, 2, -3, 4, 4, NaN, 7, 0, Infinity];
  const b = bucketize(xs, ys, { buckets: 5 });
  assertClose(b.column, [0, 1, 2, 3, 4]);
  assertClose(b.x, [1, 3, 5, 7, 9]);
  assertClose(b.last, [5, -3, 4, 7, Infinity]);
  assertClose(b.min, [1, -3, 4, 7, 0]);
  assertClose(b.max, [5, 2, 4, 7, Infinity]);
  assertClose(b.count, [2, 2, 2, 1, 2]);
  assertClose(b.nan, [0, 0, 0, 1, 0]);
  assert.equal(b.nanTotal, 1);
  assert.equal(b.xMin, 0);
  assert.equal(b.xMax, 9);
});

test('a bucket of only NaN points is surfaced with NaN stats, never 0', () => {
  const b = bucketize([0, 1, 2, 3], [1, NaN, NaN, 2], { buckets: 3 });
  assertClose(b.column, [0, 1, 2]);
  assertClose(b.x, [0, 1, 3]);
  assertClose(b.last, [1, NaN, 2]);
  assertClose(b.min, [1, NaN, 2]);
  assertClose(b.count, [1, 0, 1]);
  assertClose(b.nan, [0, 1, 1]);
  assert.equal(b.nanTotal, 2);
});

test('last is the value at the largest x; a repeated x takes the later appended value', () => {
  const b = bucketize([5, 1, 5, 3], [10, 20, 30, 40], { buckets: 1 });
  assertClose(b.x, [5]);
  assertClose(b.last, [30]);
  assertClose(b.min, [10]);
  assertClose(b.max, [40]);
  assertClose(b.count, [4]);
});

test('a visible range keeps only its points and reports the nearest neighbours outside it', () => {
  const xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const ys = xs.map((x) => x * 10);
  ys[1] = NaN; // NaN neighbours are not edges
  const b = bucketize(xs, ys, { buckets: 2, xMin: 3, xMax: 6 });
  // width 1.5: 3,4 -> bucket 0; 5,6 -> bucket 1
  assertClose(b.x, [4, 6]);
  assertClose(b.min, [30, 50]);
  assert.deepEqual(b.before, { x: 2, y: 20 });
  assert.deepEqual(b.after, { x: 7, y: 70 });
  const none = bucketize(xs, ys, { buckets: 4, xMin: 2.2, xMax: 2.8 });
  assert.equal(none.x.length, 0);
  assert.deepEqual(none.before, { x: 2, y: 20 });
  assert.deepEqual(none.after, { x: 3, y: 30 });
});

test('empty input, single point and unusable x', () => {
  const e = bucketize([], [], { buckets: 10 });
  assert.equal(e.x.length, 0);
  assert.ok(Number.isNaN(e.xMin));
  assert.equal(e.before, null);
  const one = bucketize([4], [2], { buckets: 256 });
  assertClose(one.column, [0]);
  assertClose(one.x, [4]);
  assertClose(one.last, [2]);
  const bad = bucketize([NaN, Infinity, 1], [1, 2, 3], { buckets: 3 });
  assert.equal(bad.skipped, 2);
  assertClose(bad.last, [3]);
});

test('log buckets are even in log x and skip x <= 0', () => {
  const b = bucketize([0, 1, 10, 100, 1000], [5, 1, 2, 3, 4], { buckets: 3, log: true });
  assert.equal(b.skipped, 1);
  assertClose(b.column, [0, 1, 2]);
  assertClose(b.x, [1, 10, 1000]);
  assertClose(b.min, [1, 2, 3]);
  assertClose(b.max, [1, 2, 4]);
});

test('with more buckets than points the series comes back exactly', () => {
  const xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const ys = [0.5, -1, NaN, 3, Infinity, -Infinity, 6, 7, 8, 9];
  const b = bucketize(xs, ys, { buckets: 1000 });
  assertClose(b.x, xs);
  assertClose(b.last, ys);
  assertClose(b.min, ys);
  assertClose(b.max, ys);
});

test('a spike survives downsampling 10,000 points to 100 buckets', () => {
  const n = 10_000;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = i;
    ys[i] = 1 / (1 + i);
  }
  ys[4321] = 1e6;
  const b = bucketize(xs, ys, { buckets: 100 });
  assert.equal(b.x.length, 100);
  assert.equal(Math.max(...b.max), 1e6);
  let total = 0;
  for (const c of b.count) total += c;
  assert.equal(total, n);
});

test('unusable bounds fall back to the series extent; absurd bucket counts are clamped', () => {
  const xs = [0, 1, 10, 100];
  const ys = [1, 2, 3, 4];
  const log = bucketize(xs, ys, { buckets: 2, log: true, xMin: 0 });
  assert.equal(log.xMin, 1);
  assert.equal(log.xMax, 100);
  assertClose(log.x, [1, 100]); // decades 0..2 in two buckets: 1 | 10, 100
  const inf = bucketize(xs, ys, { buckets: 2, xMin: -Infinity, xMax: NaN });
  assert.equal(inf.xMin, 0);
  assert.equal(inf.xMax, 100);
  const huge = bucketize(xs, ys, { buckets: 1e12 });
  assertClose(huge.x, xs);
  const zero = bucketize(xs, ys, { buckets: 0 });
  assertClose(zero.count, [4]);
});
