import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignSeries, alignedSeries } from '../../../src/core/analysis';
import { assertClose } from './close';

const row = (a: ReturnType<typeof alignSeries>, s: number) => alignedSeries(a, s);

test('shared x: values come back exactly, laid out x-major', () => {
  const a = alignSeries([
    { xs: [0, 1, 2], ys: [1, 2, 3] },
    { xs: [0, 1, 2], ys: [4, Infinity, 6] },
  ]);
  assertClose(a.x, [0, 1, 2]);
  assert.equal(a.seriesCount, 2);
  assertClose(a.values, [1, 4, 2, Infinity, 3, 6]);
});

test('union of x with linear interpolation; no extrapolation beyond a curve’s own range', () => {
  const a = alignSeries([
    { xs: [0, 10], ys: [0, 10] },
    { xs: [5, 15], ys: [1, 3] },
  ]);
  assertClose(a.x, [0, 5, 10, 15]);
  assertClose(row(a, 0), [0, 5, 10, NaN]);
  assertClose(row(a, 1), [NaN, 1, 2, 3]);
});

test('NaN points are skipped: interpolation bridges them and they add no x', () => {
  const a = alignSeries([
    { xs: [0, 1, 2], ys: [0, NaN, 4] },
    { xs: [0.5], ys: [7] },
  ]);
  assertClose(a.x, [0, 0.5, 2]);
  assertClose(row(a, 0), [0, 1, 4]);
  assertClose(row(a, 1), [NaN, 7, NaN]);
});

test('duplicate x collapse to the last appended value; unsorted input is sorted', () => {
  const a = alignSeries([
    { xs: [2, 0, 2], ys: [4, 0, 8] },
    { xs: [1], ys: [0] },
  ]);
  assertClose(a.x, [0, 1, 2]);
  assertClose(row(a, 0), [0, 4, 8]);
});

test('log x interpolates in log space and drops x <= 0', () => {
  const a = alignSeries(
    [
      { xs: [0, 1, 100], ys: [9, 0, 2] },
      { xs: [10], ys: [5] },
    ],
    { logX: true },
  );
  assertClose(a.x, [1, 10, 100]);
  // t = (ln 10 − ln 1)/(ln 100 − ln 1) = 0.5 (linear x would give 0.1818…)
  assertClose(row(a, 0), [0, 1, 2]);
});

test('log y interpolates geometrically between positive neighbours', () => {
  const a = alignSeries(
    [
      { xs: [0, 2], ys: [1, 100] },
      { xs: [1], ys: [0] },
    ],
    { logY: true },
  );
  assertClose(row(a, 0), [1, 10, 100]);
  const lin = alignSeries([
    { xs: [0, 2], ys: [1, 100] },
    { xs: [1], ys: [0] },
  ]);
  assertClose(alignedSeries(lin, 0), [1, 50.5, 100]);
});

test('infinite neighbours: the infinity carries, -inf to +inf is undefined', () => {
  const a = alignSeries([
    { xs: [0, 2, 4], ys: [1, Infinity, 3] },
    { xs: [1, 3], ys: [0, 0] },
    { xs: [0, 4], ys: [-Infinity, Infinity] },
  ]);
  assertClose(a.x, [0, 1, 2, 3, 4]);
  assertClose(row(a, 0), [1, Infinity, Infinity, Infinity, 3]);
  assertClose(row(a, 2), [-Infinity, NaN, NaN, NaN, Infinity]);
});

test('single-point, empty and all-NaN curves', () => {
  const a = alignSeries([
    { xs: [5], ys: [1] },
    { xs: [0, 10], ys: [0, 10] },
    { xs: [], ys: [] },
    { xs: [3], ys: [NaN] },
  ]);
  assertClose(a.x, [0, 5, 10]);
  assertClose(row(a, 0), [NaN, 1, NaN]);
  assertClose(row(a, 1), [0, 5, 10]);
  assertClose(row(a, 2), [NaN, NaN, NaN]);
  assertClose(row(a, 3), [NaN, NaN, NaN]);
  const none = alignSeries([]);
  assert.equal(none.x.length, 0);
  assert.equal(none.values.length, 0);
});

test('a union larger than maxPoints becomes a uniform grid over the same range', () => {
  const xs = Array.from({ length: 100 }, (_, i) => i);
  const a = alignSeries(
    [
      { xs, ys: xs },
      { xs: xs.map((x) => x + 0.5), ys: xs.map((x) => 2 * (x + 0.5)) },
    ],
    { maxPoints: 11 },
  );
  assert.equal(a.x.length, 11);
  assert.equal(a.x[0], 0);
  assert.equal(a.x[10], 99.5);
  assertClose([a.x[1]], [9.95]);
  const first = row(a, 0);
  assertClose([first[1], first[10]], [9.95, NaN]);
  const second = row(a, 1);
  assertClose([second[0], second[1], second[10]], [NaN, 19.9, 199]);
});

test('a capped grid on a log axis is log-uniform with exact decades', () => {
  const xs = Array.from({ length: 100 }, (_, i) => 1 + i * 10); // 1 .. 991
  const a = alignSeries(
    [
      { xs: [...xs, 1000], ys: [...xs, 1000] },
      { xs: xs.map((x) => x + 0.5), ys: xs },
    ],
    { logX: true, maxPoints: 4 },
  );
  assertClose(a.x, [1, 10, 100, 1000], 0);
});
