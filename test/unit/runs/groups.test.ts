import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupParams, groupRows, replicateParams, stats } from '../../../src/core/runs/groups';
import { parseColumn } from '../../../src/core/runs/columns';
import type { RunRow } from '../../../src/core/runs/column-values';
import type { IndexedRun } from '../../../src/core/index/types';

test('stats: sample sd (n − 1), median of an even count, NaN ignored', () => {
  const s = stats([2, 4, 4, 4, 5, 5, 7, 9, NaN]);
  assert.equal(s.n, 8);
  assert.equal(s.mean, 5);
  // sum of squares 32, / 7
  assert.ok(Math.abs(s.sd - Math.sqrt(32 / 7)) < 1e-12);
  assert.equal(s.median, 4.5);
  assert.deepEqual([s.min, s.max], [2, 9]);
  assert.ok(Number.isNaN(stats([1]).sd));
  assert.equal(stats([]).n, 0);
});

const run = (params: Record<string, string>) => ({ params });

test('replicate-like params: seeds, output folders and text unique to every run; numeric params unique to every run stay', () => {
  const runs = [
    run({ lr: '1e-5', seed: '1', data_seed: '7', out: '/o/2024-01-01', model: 'x' }),
    run({ lr: '2e-5', seed: '2', data_seed: '8', out: '/o/2024-01-02', model: 'x' }),
    run({ lr: '3e-5', seed: '3', data_seed: '9', out: '/o/2024-01-03', model: 'x' }),
  ];
  assert.deepEqual([...replicateParams(runs)].sort(), ['data_seed', 'out', 'seed']);
  // model is the same in every run: it splits nothing
  assert.deepEqual(groupParams(runs), ['lr']);
  assert.deepEqual(groupParams(runs, ['model']), ['model']);
});

test('a sweep of one run per optimizer keeps the optimizer as a group param (corpus 1010sb__ImageClass)', () => {
  const runs = ['RMSprop', 'Adagrad', 'Adam', 'SGD'].map((optimizer, i) => run({ optimizer, run_hash: `a1b2c3d${i}e5f6`, epochs: '10' }));
  assert.deepEqual([...replicateParams(runs)], ['run_hash']);
  assert.deepEqual(groupParams(runs), ['optimizer']);
});

test('group rows: n and per-column statistics; params shared by the group shown as is', () => {
  const mk = (lr: string, seed: string, f1: number | null): RunRow => ({
    run: { id: seed, name: seed, params: { lr, seed } } as unknown as IndexedRun,
    values: { 'params.lr': lr, 'f1:best': f1 },
    steps: {},
    approximate: {},
  });
  const columns = [parseColumn('params.lr'), parseColumn('f1:best')];
  const groups = groupRows([mk('1', 'a', 0.5), mk('2', 'b', 0.9), mk('1', 'c', 0.7), mk('1', 'd', null)], columns, ['lr']);
  assert.equal(groups.length, 2);
  assert.deepEqual(groups[0].group, { lr: '1' });
  assert.equal(groups[0].n, 3);
  assert.equal(groups[0].values['params.lr'], '1');
  const f1 = groups[0].values['f1:best'] as ReturnType<typeof stats>;
  assert.equal(f1.n, 2);
  assert.ok(Math.abs(f1.mean - 0.6) < 1e-12);
  assert.ok(Math.abs(f1.sd - Math.sqrt(0.02)) < 1e-12);
});

test('numeric param values group by value: 3e-05 and 0.00003 are one learning rate', () => {
  const rows = ['0.00003', '3e-05', '1e-5'].map((lr, i) => ({ run: { id: String(i), params: { lr } } as unknown as IndexedRun, values: {}, steps: {}, approximate: {} }));
  const groups = groupRows(rows, [], ['lr']);
  assert.deepEqual(groups.map((g) => [g.group.lr, g.n]), [['0.00003', 2], ['1e-5', 1]]);
});
