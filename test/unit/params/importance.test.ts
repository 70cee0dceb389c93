// PED-ANOVA and Spearman against hand-checked values: the small pieces by hand (in the comments), the whole
// evaluation against an independent numpy/scipy transcription of Optuna's PedAnovaImportanceEvaluator
// (scipy.stats.norm for Φ, numpy.searchsorted/quantile(method='higher')), numbers pasted below.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paramImportance } from '../../../src/core/params/importance';
import { categoricalPdf, gridIndices, numericPdf, pedAnova, topSet } from '../../../src/core/params/ped-anova';
import { averageRanks, spearman } from '../../../src/core/params/spearman';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} ≈ ${b}`);

test('Spearman: average ranks for ties; ρ = 1 for any monotone relation, −1 reversed', () => {
  assert.deepEqual(averageRanks([10, 20, 20, 5]), [2, 3.5, 3.5, 1]);
  close(spearman([1, 2, 3, 4], [1, 8, 27, 64]), 1);
  close(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1);
  // x ranks 1..4, y ranks 1, 3, 2, 4: d² = 0+1+1+0 = 2, ρ = 1 − 6·2/(4·15) = 0.8
  close(spearman([1, 2, 3, 4], [10, 30, 20, 40]), 0.8);
  assert.ok(Number.isNaN(spearman([1, 1, 1], [1, 2, 3])));
});

test('top set: losses ≤ max(2nd best, numpy higher 10 % quantile)', () => {
  // 12 losses: 2nd smallest is -0.90; quantile higher at ceil(0.1·11) = index 2 of sorted = -0.89
  const f1 = [0.8, 0.85, 0.9, 0.7, 0.81, 0.86, 0.89, 0.72, 0.79, 0.84, 0.91, 0.71];
  assert.deepEqual(topSet(f1.map((x) => -x)), [2, 6, 10]);
  assert.deepEqual(topSet([3, 1, 2]), [1, 2]);
});

test('categorical Parzen estimator by hand: counts [3, 0, 1]', () => {
  // kernels at 0 and 2 plus the prior, 3 kernels: rows [4/3, 1/3, 1/3]/2 and [1/3, 1/3, 4/3]/2 and uniform;
  // mixture weights 3/5, 1/5, 1/5 → p(0) = 0.6·2/3 + 0.2·1/6 + 0.2·1/3 = 0.5, p(1) = 0.2, p(2) = 0.3
  const p = categoricalPdf([3, 0, 1]);
  close(p[0], 0.5);
  close(p[1], 0.2);
  close(p[2], 0.3);
});

test('numeric Parzen estimator: discrete truncated normals, Scott bandwidth floored at 0.5/1.64 (numpy reference)', () => {
  const p = numericPdf([0, 2, 0, 1]);
  const want = [0.19237381412167273, 0.29436351581559544, 0.2814730298184521, 0.23178964024427967];
  p.forEach((x, i) => close(x, want[i], 1e-7));
  close(p.reduce((a, b) => a + b, 0), 1, 1e-12);
});

test('grid: a log param on 50 log-spaced points; a small integer range on one point per value', () => {
  assert.deepEqual(gridIndices({ kind: 'numeric', low: 1e-5, high: 3e-4, log: true, integer: false }, [1e-5, 3e-5, 1e-4, 3e-4]), { size: 50, indices: [0, 16, 33, 49] });
  assert.deepEqual(gridIndices({ kind: 'numeric', low: 1, high: 3, log: false, integer: true }, [1, 2, 3]), { size: 3, indices: [0, 1, 2] });
});

// 12 runs: 4 learning rates × 3 seeds, an optimizer; F1 depends on the learning rate only
const lr = [1e-5, 3e-5, 1e-4, 3e-4, 1e-5, 3e-5, 1e-4, 3e-4, 1e-5, 3e-5, 1e-4, 3e-4];
const seed = [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3];
const opt = ['adam', 'sgd', 'adam', 'sgd', 'adam', 'adam', 'sgd', 'sgd', 'adam', 'sgd', 'adam', 'adam'];
const f1 = [0.8, 0.85, 0.9, 0.7, 0.81, 0.86, 0.89, 0.72, 0.79, 0.84, 0.91, 0.71];

test('PED-ANOVA of the 12-run sweep matches the numpy reference; the learning rate dominates', () => {
  const imp = pedAnova(
    [
      { name: 'lr', domain: { kind: 'numeric', low: 1e-5, high: 3e-4, log: true, integer: false }, values: lr },
      { name: 'seed', domain: { kind: 'numeric', low: 1, high: 3, log: false, integer: true }, values: seed },
      { name: 'opt', domain: { kind: 'categorical', choices: ['adam', 'sgd'] }, values: opt },
    ],
    f1.map((x) => -x),
  );
  close(imp.lr, 0.9998095968115416, 1e-7);
  close(imp.seed, 4.283662226109942e-5, 1e-9);
  close(imp.opt, 0.00014756656619737066, 1e-9);
});

test('PED-ANOVA edge cases: a single-valued param gets 0; ≤ 2 runs share equally', () => {
  const one = { name: 'fixed', domain: { kind: 'numeric' as const, low: 1, high: 1, log: false, integer: true }, values: [1, 1, 1] };
  const two = { name: 'x', domain: { kind: 'numeric' as const, low: 1, high: 3, log: false, integer: true }, values: [1, 2, 3] };
  assert.deepEqual(pedAnova([one, two], [1, 2, 3]), { fixed: 0, x: 1 });
  const a = { name: 'a', domain: { kind: 'categorical' as const, choices: ['p', 'q'] }, values: ['p', 'q'] };
  const b = { name: 'b', domain: { kind: 'categorical' as const, choices: ['p', 'q'] }, values: ['q', 'p'] };
  assert.deepEqual(pedAnova([a, b], [1, 2]), { a: 0.5, b: 0.5 });
});

test('importance from table cells: "based on N" counts complete runs; hidden below 10; ordered most important first', () => {
  const res = paramImportance({ learning_rate: lr.map(String), seed: seed.map(String), optim: opt }, 'f1_en:best', f1, 'max');
  assert.equal(res.n, 12);
  assert.equal(res.top, 3);
  assert.ok(res.shown);
  assert.deepEqual(res.params.map((p) => p.param), ['learning_rate', 'optim', 'seed']);
  close(res.params[0].pedAnova, 0.9998095968115416, 1e-7);
  // scipy.stats.spearmanr(lr, f1) = -0.19432508268938872, seed 0.0
  close(res.params[0].spearman, -0.19432508268938872, 1e-12);
  close(res.params[2].spearman, 0);
  assert.ok(Number.isNaN(res.params[1].spearman));
  // a run without the objective or a param is left out
  const partial = paramImportance({ lr: [...lr.slice(0, 9).map(String), null] }, 'f1', [...f1.slice(0, 9), NaN], 'max');
  assert.equal(partial.n, 9);
  assert.equal(partial.shown, false);
});
