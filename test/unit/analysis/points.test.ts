import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalPoints } from '../../../src/core/analysis';
import { quantileSorted, medianSorted, medianInPlace, selectKth } from '../../../src/core/analysis';
import { assertClose } from './close';

test('canonicalPoints copies already increasing input unchanged', () => {
  const r = canonicalPoints([0, 1, 5], [3, Infinity, -1]);
  assertClose(r.xs, [0, 1, 5]);
  assertClose(r.ys, [3, Infinity, -1]);
});

test('canonicalPoints sorts by x and the last appended duplicate wins', () => {
  const r = canonicalPoints([3, 1, 3, 2, 1], [30, 10, 31, 20, 11]);
  assertClose(r.xs, [1, 2, 3]);
  assertClose(r.ys, [11, 20, 31]);
});

test('canonicalPoints drops NaN y before collapsing, unless asked to keep NaN', () => {
  assertClose(canonicalPoints([1, 1, 2], [5, NaN, 6]).ys, [5, 6]);
  const kept = canonicalPoints([1, 1, 2], [5, NaN, 6], { dropNaN: false });
  assertClose(kept.xs, [1, 2]);
  assertClose(kept.ys, [NaN, 6]);
});

test('canonicalPoints drops unplaceable x: non-finite, and x <= 0 on a log axis', () => {
  const r = canonicalPoints([NaN, -1, 0, Infinity, 2], [1, 2, 3, 4, 5]);
  assertClose(r.xs, [-1, 0, 2]);
  const l = canonicalPoints([NaN, -1, 0, Infinity, 2], [1, 2, 3, 4, 5], { logX: true });
  assertClose(l.xs, [2]);
  assertClose(l.ys, [5]);
  assert.equal(canonicalPoints([], []).xs.length, 0);
});

test('quantileSorted interpolates linearly between ranks (type 7)', () => {
  assert.equal(quantileSorted([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantileSorted([1, 2, 3, 4], 0.25), 1.75);
  assert.equal(quantileSorted([1, 2, 3, 4], 0), 1);
  assert.equal(quantileSorted([1, 2, 3, 4], 1), 4);
  assert.equal(medianSorted([7]), 7);
  assert.equal(medianSorted([1, 5, 9]), 5);
  assert.ok(Number.isNaN(medianSorted([])));
  // Only the [from, to) range is read.
  assert.equal(medianSorted([100, 1, 2, 3, -100], 1, 4), 2);
});

test('quantileSorted keeps infinite neighbours as the infinity, NaN only between -inf and +inf', () => {
  assert.equal(medianSorted([1, Infinity]), Infinity);
  assert.equal(medianSorted([-Infinity, 1]), -Infinity);
  assert.ok(Number.isNaN(medianSorted([-Infinity, Infinity])));
  assert.equal(medianSorted([-Infinity, 1, 2, Infinity]), 1.5);
});

test('medianInPlace and selectKth agree with sorting on random, duplicate-heavy and infinite data', () => {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let trial = 0; trial < 300; trial++) {
    const n = 1 + Math.floor(rand() * 40);
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = rand();
      a[i] = r < 0.05 ? Infinity : r < 0.1 ? -Infinity : trial % 3 === 0 ? Math.floor(rand() * 4) : rand() * 100 - 50;
    }
    const sorted = a.slice().sort();
    assert.ok(Object.is(medianInPlace(a.slice()), medianSorted(sorted)), `trial ${trial}`);
    const k = Math.floor(rand() * n);
    const b = a.slice();
    selectKth(b, k);
    assert.equal(b[k], sorted[k], `trial ${trial} k ${k}`);
    for (let i = 0; i < k; i++) assert.ok(b[i] <= b[k]);
    for (let i = k + 1; i < n; i++) assert.ok(b[i] >= b[k]);
  }
  assert.ok(Number.isNaN(medianInPlace(new Float64Array(0))));
  assert.equal(medianInPlace(Float64Array.of(9, 1, 5, 3)), 4);
  // only the [from, to) range is touched
  const part = Float64Array.of(100, 3, 1, 2, -100);
  assert.equal(medianInPlace(part, 1, 4), 2);
  assert.equal(part[0], 100);
  assert.equal(part[4], -100);
});
