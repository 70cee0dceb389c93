import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SeriesRef } from '../../../src/core/model';
import { contextFreeKeys, seriesFromColumns } from '../../../src/core/util/context-free-series';

test('contextFreeKeys keeps the keys of refs without a context; no refs means all keys', () => {
  assert.equal(contextFreeKeys(undefined), undefined);
  assert.deepEqual(contextFreeKeys([]), new Set());
  const only: SeriesRef[] = [{ key: 'loss', context: {} }, { key: 'f1', context: { lang: 'de' } }, { key: 'acc', context: {} }];
  assert.deepEqual(contextFreeKeys(only), new Set(['loss', 'acc']));
});

test('seriesFromColumns sorts by key and keeps NaN and infinities', () => {
  const cols = new Map([
    ['val', { steps: [0, 1], values: [NaN, -Infinity], epochs: [NaN, 1] }],
    ['Loss', { steps: [5], values: [Infinity], epochs: [0] }],
  ]);
  const series = seriesFromColumns(cols);
  assert.deepEqual(series.map((s) => s.key), ['Loss', 'val']);
  assert.deepEqual(series[1].context, {});
  assert.deepEqual([...series[1].points.steps], [0, 1]);
  assert.ok(Number.isNaN(series[1].points.values[0]));
  assert.equal(series[1].points.values[1], -Infinity);
  assert.ok(Number.isNaN(series[1].points.epochs![0]));
  assert.equal(series[0].points.values[0], Infinity);
  assert.ok(series[0].points.steps instanceof Float64Array);
});
