import { test } from 'node:test';
import assert from 'node:assert/strict';
import { metricAsX, relativeTime, wallTime, xValues } from '../../../src/core/analysis';
import { assertClose } from './close';

test('relative time counts from the earliest known time, or a given origin', () => {
  assertClose(relativeTime([1000, NaN, 1500, 900]), [100, NaN, 600, 0]);
  assertClose(relativeTime([1000, NaN, 1500, 900], 500), [500, NaN, 1000, 400]);
  assertClose(relativeTime([NaN, NaN]), [NaN, NaN]);
  assert.equal(relativeTime([]).length, 0);
});

test('wall time is a copy of the times', () => {
  const t = Float64Array.of(1.7e12, NaN);
  const w = wallTime(t);
  assertClose(w, [1.7e12, NaN]);
  w[0] = 0;
  assert.equal(t[0], 1.7e12);
});

test('xValues picks the axis, undefined when the series lacks it', () => {
  const points = {
    steps: Float64Array.of(0, 10, 20),
    values: Float64Array.of(1, 2, 3),
    times: Float64Array.of(5000, 6000, 8000),
    epochs: Float64Array.of(NaN, NaN, NaN),
  };
  assertClose(xValues(points, 'step')!, [0, 10, 20]);
  assertClose(xValues(points, 'relative-time')!, [0, 1000, 3000]);
  assertClose(xValues(points, 'relative-time', { origin: 4000 })!, [1000, 2000, 4000]);
  assertClose(xValues(points, 'wall-time')!, [5000, 6000, 8000]);
  assert.equal(xValues(points, 'epoch'), undefined);
  assert.equal(xValues({ steps: points.steps, values: points.values }, 'wall-time'), undefined);
  assertClose(xValues({ ...points, epochs: Float64Array.of(0, 0, 1) }, 'epoch')!, [0, 0, 1]);
});

test('metric as x joins two series on shared steps, last duplicate wins, NaN kept', () => {
  const a = { steps: Float64Array.of(0, 1, 2, 3, 2), values: Float64Array.of(10, 11, 12, 13, 22) };
  const b = { steps: Float64Array.of(4, 1, 2), values: Float64Array.of(0.9, 0.5, NaN) };
  const r = metricAsX(a, b);
  assertClose(r.steps, [1, 2]);
  assertClose(r.xs, [11, 22]);
  assertClose(r.ys, [0.5, NaN]);
});

test('metric as x: no shared step and empty inputs give empty arrays', () => {
  const r = metricAsX({ steps: Float64Array.of(0, 2), values: Float64Array.of(1, 2) }, { steps: Float64Array.of(1, 3), values: Float64Array.of(1, 2) });
  assert.equal(r.steps.length, 0);
  const e = metricAsX({ steps: new Float64Array(0), values: new Float64Array(0) }, { steps: Float64Array.of(1), values: Float64Array.of(1) });
  assert.equal(e.xs.length, 0);
});
