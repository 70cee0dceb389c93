import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sideBySide } from '../../../src/core/runs/side-by-side';

test('params that differ (numbers by value: 3e-05 = 0.00003), the count of equal ones, metric deltas against the first run', () => {
  const res = sideBySide(
    [
      { name: 'a', params: { lr: '3e-05', seed: '1', model: 'x' }, metrics: { f1: 0.8, loss: NaN } },
      { name: 'b', params: { lr: '0.00003', seed: '2', model: 'x', extra: 'y' }, metrics: { f1: 0.85, loss: 0.2 } },
      { name: 'c', params: { lr: '3e-05', seed: '3', model: 'x' }, metrics: { f1: null, loss: 0.3 } },
    ],
    ['f1', 'loss'],
  );
  assert.deepEqual(res.params, [
    { key: 'extra', values: ['', 'y', ''] },
    { key: 'seed', values: ['1', '2', '3'] },
  ]);
  assert.equal(res.sameParams, 2);
  assert.equal(res.metrics[0].deltas[0], 0);
  assert.ok(Math.abs(res.metrics[0].deltas[1]! - 0.05) < 1e-12);
  assert.equal(res.metrics[0].deltas[2], null);
  assert.ok(Number.isNaN(res.metrics[1].deltas[1]!), 'a NaN reference gives a NaN delta, not a made-up number');
});
