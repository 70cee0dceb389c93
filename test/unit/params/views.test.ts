import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bestIndex, rankLabel, rankOf } from '../../../src/core/params/best';
import { defaultAxes, varyingParams } from '../../../src/core/params/default-axes';
import { groupBand, groupValue } from '../../../src/core/params/group-lines';
import type { ImportanceResult } from '../../../src/core/params/importance';
import { paletteT, sequentialColour } from '../../../src/core/params/palette';

test('best by a column: the best finite value, first on ties; ranks on another axis are competition ranks among finite values', () => {
  const en = [0.9, 0.95, NaN, 0.95, null];
  assert.equal(bestIndex(en, 'max'), 1);
  assert.equal(bestIndex(en, 'min'), 0);
  assert.equal(bestIndex([null, NaN], 'max'), -1);
  const de = [0.7, 0.6, 0.8, 0.7, Infinity];
  // run 1 (0.6): three finite values are better → rank 4 of 4 (∞ is not ranked)
  assert.deepEqual(rankOf(de, 1, 'max'), { rank: 4, of: 4 });
  assert.deepEqual(rankOf(de, 0, 'max'), { rank: 2, of: 4 });
  assert.deepEqual(rankOf(de, 3, 'max'), { rank: 2, of: 4 });
  assert.deepEqual(rankOf(de, 1, 'min'), { rank: 1, of: 4 });
  assert.equal(rankOf(de, 4, 'max'), undefined);
  assert.equal(rankLabel({ rank: 7, of: 40 }, 'f1_de'), 'rank 7 of 40 on f1_de');
});

const run = (params: Record<string, string>) => ({ params });

test('default axes: varying params only (seeds kept, run names out), by importance, objective last, at most 8', () => {
  const runs = [
    run({ learning_rate: '1e-5', seed: '1', model: 'x', run_name: 'a', epochs: '3' }),
    run({ learning_rate: '3e-5', seed: '2', model: 'x', run_name: 'b', epochs: '3' }),
    run({ learning_rate: '3e-05', seed: '3', model: 'y', run_name: 'c', epochs: '3.0' }),
  ];
  assert.deepEqual(varyingParams(runs), ['learning_rate', 'model', 'seed']);
  assert.deepEqual(defaultAxes(['learning_rate', 'model', 'seed'], 'f1_en:best'), ['params.learning_rate', 'params.model', 'params.seed', 'f1_en:best']);
  const importance: ImportanceResult = {
    objective: 'f1_en:best',
    n: 40,
    top: 4,
    shown: true,
    params: [
      { param: 'model', spearman: NaN, pedAnova: 0.7 },
      { param: 'learning_rate', spearman: 0.4, pedAnova: 0.3 },
    ],
  };
  assert.deepEqual(defaultAxes(['learning_rate', 'model', 'seed'], 'f1_en:best', importance), ['params.model', 'params.learning_rate', 'params.seed', 'f1_en:best']);
  // hidden importance (N < 10) does not reorder
  assert.deepEqual(defaultAxes(['b', 'a'], 'y', { ...importance, shown: false }), ['params.b', 'params.a', 'y']);
  const many = Array.from({ length: 12 }, (_, i) => `p${i}`);
  const axes = defaultAxes(many, 'obj');
  assert.equal(axes.length, 8);
  assert.equal(axes[7], 'obj');
});

test('group mode: mean of the members on numeric axes, the shared text or missing on text axes, min–max band', () => {
  assert.equal(groupValue([0.8, 0.9, 0.7, 1], [0, 1, 2]), (0.8 + 0.9 + 0.7) / 3);
  assert.equal(groupValue(['adam', 'adam', 'sgd'], [0, 1]), 'adam');
  assert.equal(groupValue(['adam', 'adam', 'sgd'], [0, 2]), null);
  assert.ok(Number.isNaN(groupValue([NaN, null], [0, 1])));
  assert.equal(groupValue([null, null], [0, 1]), null);
  assert.deepEqual(groupBand(new Float32Array([0.25, -1, 0.75, 0.5]), [0, 1, 2]), [0.25, 0.75]);
  assert.equal(groupBand(new Float32Array([-1, -2]), [0, 1]), undefined);
});

test('sequential palette: viridis ends; lower-is-better reversed so the best runs are bright', () => {
  assert.equal(sequentialColour(0), 'rgb(68,1,84)');
  assert.equal(sequentialColour(1), 'rgb(253,231,37)');
  // halfway: stop 4 of 8
  assert.equal(sequentialColour(0.5), 'rgb(38,130,142)');
  assert.ok(Math.abs(paletteT(0.2, 'max', false) - 0.2) < 1e-12);
  assert.ok(Math.abs(paletteT(0.2, 'min', false) - 0.8) < 1e-12);
  assert.ok(Math.abs(paletteT(0.2, 'min', true) - 0.2) < 1e-12);
});
