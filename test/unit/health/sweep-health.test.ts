// Sweep rules on hand-made experiments: each must fire on its case and stay quiet on a healthy grid.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sweepHealth } from '../../../src/core/health/sweep-health';
import type { IndexedRun } from '../../../src/core/index/types';

let n = 0;
function run(params: Record<string, string>, best: number): IndexedRun {
  const key = `mlflow-file|/r|run${++n}`;
  return {
    key, format: 'mlflow-file', id: `run${n}`, experiment: 'exp', name: `run${n}`, status: 'finished', path: `/r/${n}`, root: '/r',
    params, tags: {}, checkpoints: [],
    series: [{ key: 'val_f1', context: {}, count: 10, first: 0, last: best, min: 0, max: best, firstStep: 0, lastStep: 9 } as unknown as IndexedRun['series'][number]],
  };
}
const quality: Record<string, number> = { '1e-05': 0.7, '3e-05': 0.8, '0.0001': 0.75 };
const grid = (lrs: string[], seeds: number[], q: (lr: string) => number = (lr) => quality[lr]) => lrs.flatMap((lr) => seeds.map((s) => run({ lr, seed: String(s) }, q(lr) + s * 0.001)));

test('a healthy grid (best inside, three seeds each, 1 decade, full): no findings', () => {
  assert.deepEqual(sweepHealth('exp', grid(['1e-05', '3e-05', '0.0001'], [1, 2, 3]), new Set()), []);
});

test('best-at-edge: the best configuration at the largest value tried', () => {
  const runs = grid(['1e-05', '3e-05', '0.0001'], [1, 2, 3], (lr) => Number(lr) * 1000);
  const f = sweepHealth('exp', runs, new Set());
  assert.deepEqual(f.map((x) => [x.rule, x.param]), [['best-at-edge', 'lr']]);
  assert.match(f[0].message, /largest value tried: extend the search above 0\.0001/);
});

test('few-seeds: configurations with fewer than 3 runs', () => {
  const runs = [...grid(['1e-05', '3e-05'], [1, 2, 3]), ...grid(['0.0001'], [1])];
  const f = sweepHealth('exp', runs, new Set()).filter((x) => x.rule === 'few-seeds');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /1 of 3 configurations have 1 run/);
});

test('linear-over-decades: four decades with most values in the top one', () => {
  const lrs = ['0.0001', '0.2', '0.4', '0.6', '0.8', '1'];
  const runs = lrs.flatMap((lr) => [1, 2, 3].map((s) => run({ lr, seed: String(s) }, lr === '0.4' ? 0.9 : 0.5)));
  const f = sweepHealth('exp', runs, new Set()).filter((x) => x.rule === 'linear-over-decades');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /spans 4 decades/);
  // log-spaced over the same span: fine
  const logRuns = ['0.0001', '0.001', '0.01', '0.1', '1'].flatMap((lr) => [1, 2, 3].map((s) => run({ lr, seed: String(s) }, lr === '0.01' ? 0.9 : 0.5)));
  assert.deepEqual(sweepHealth('exp', logRuns, new Set()).filter((x) => x.rule === 'linear-over-decades'), []);
});

test('best-next-to-diverged: the best learning rate beside one where runs diverged', () => {
  const runs = grid(['1e-05', '3e-05', '0.0001'], [1, 2, 3]);
  const diverged = runs.filter((r) => r.params.lr === '0.0001' && r.params.seed === '2').map((r) => r.key);
  const f = sweepHealth('exp', runs, new Set(diverged)).filter((x) => x.rule === 'best-next-to-diverged');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /lr=0\.0001, where 1 of 3 runs diverged/);
});

test('grid-hole: a missing cell of a 2 × 2 grid; a one-factor-at-a-time pair is not a grid', () => {
  const runs = [
    ...[1, 2, 3].map((s) => run({ lr: '1e-05', bs: '16', seed: String(s) }, 0.7)),
    ...[1, 2, 3].map((s) => run({ lr: '1e-05', bs: '32', seed: String(s) }, 0.72)),
    ...[1, 2, 3].map((s) => run({ lr: '3e-05', bs: '16', seed: String(s) }, 0.75)),
  ];
  const f = sweepHealth('exp', runs, new Set()).filter((x) => x.rule === 'grid-hole');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /1 of 4 grid cells have no run \(e\.g\. bs=32, lr=3e-05\)/);
  const pair = [run({ lr: '1e-05', bs: '16' }, 0.7), run({ lr: '3e-05', bs: '32' }, 0.7)];
  assert.deepEqual(sweepHealth('exp', pair, new Set()).filter((x) => x.rule === 'grid-hole'), []);
});
