// Model selection on hand-built candidates: ties (earliest step, then first run), NaN/inf never selected,
// missing steps, goals (a loss selects by min), rank, regret sign, last step, seed median, unit 'run'.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { perRunBest, pickModels, type Candidate } from '../../../src/core/selection/pick';
import { runCandidates } from '../../../src/core/selection/select-runs';

const c = (run: number, step: number, selection: number, target: number): Candidate => ({ run, step, selection, target });
const oneConfig = () => 0;
const max = { selection: 'max', target: 'max' } as const;

test('selects the best selection value; ties go to the earliest step, then the first run', () => {
  const pool = [c(1, 200, 0.9, 0.5), c(0, 200, 0.9, 0.6), c(1, 100, 0.9, 0.4), c(0, 300, 0.8, 0.9)];
  const r = pickModels(pool, max, 'step', oneConfig)!;
  assert.deepEqual([r.selected.run, r.selected.step], [1, 100]);
  const sameStep = pickModels([c(2, 100, 0.9, 0.1), c(1, 100, 0.9, 0.2)], max, 'step', oneConfig)!;
  assert.equal(sameStep.selected.run, 1);
  // the oracle follows the same tie rule on the target
  const oracleTie = pickModels([c(0, 300, 0.1, 0.7), c(1, 200, 0.2, 0.7), c(0, 100, 0.3, 0.5)], max, 'step', oneConfig)!;
  assert.deepEqual([oracleTie.oracle.run, oracleTie.oracle.step], [1, 200]);
});

test('rank, oracle and regret; regret is ≥ 0 for a target to minimise too', () => {
  const pool = [c(0, 1, 0.9, 0.70), c(1, 1, 0.8, 0.75), c(2, 1, 0.7, 0.75), c(3, 1, 0.6, 0.60)];
  const r = pickModels(pool, max, 'step', oneConfig)!;
  assert.equal(r.selected.value, 0.7);
  assert.equal(r.selected.rank, 3); // two candidates are strictly better; tied ones share a rank
  assert.equal(r.oracle.run, 1);
  assert.equal(r.oracle.rank, 1);
  assert.ok(Math.abs(r.selected.regret - 0.05) < 1e-12);
  const loss = pickModels([c(0, 1, 0.9, 2.0), c(1, 1, 0.5, 1.5)], { selection: 'max', target: 'min' }, 'step', oneConfig)!;
  assert.equal(loss.oracle.run, 1);
  assert.equal(loss.selected.regret, 0.5);
  const byLoss = pickModels([c(0, 1, 0.3, 0.1), c(1, 1, 0.2, 0.2)], { selection: 'min', target: 'max' }, 'step', oneConfig)!;
  assert.equal(byLoss.selected.run, 1);
  assert.equal(byLoss.selected.regret, 0);
});

test('NaN and ±inf are never selected and never the oracle', () => {
  const pool = [c(0, 1, NaN, 0.99), c(1, 1, Infinity, 0.5), c(2, 1, 0.5, NaN), c(3, 1, 0.4, 0.3), c(4, 1, 0.2, -Infinity)];
  const r = pickModels(pool, max, 'step', oneConfig)!;
  assert.equal(r.selected.run, 3);
  assert.equal(r.oracle.run, 3);
  assert.equal(r.pool, 1);
  assert.equal(pickModels([c(0, 1, NaN, 1)], max, 'step', oneConfig), undefined);
  assert.equal(pickModels([], max, 'step', oneConfig), undefined);
});

test('candidates need both series at the same step with finite values (missing steps are no candidates)', () => {
  const pts = (steps: number[], values: number[]) => ({ steps: Float64Array.from(steps), values: Float64Array.from(values) });
  const sel = pts([10, 20, 30, 40, 40], [0.1, NaN, 0.3, 0.2, 0.4]);
  const tgt = pts([20, 30, 40, 50], [0.5, 0.6, 0.7, 0.8]);
  // 10: no target; 20: selection NaN; 40 logged twice: the last value counts; 50: no selection
  assert.deepEqual(runCandidates(7, sel, tgt), [c(7, 30, 0.3, 0.6), c(7, 40, 0.4, 0.7)]);
  assert.deepEqual(runCandidates(7, sel, undefined), []);
});

test("last step of the selected run, the seed median of its configuration, and unit 'run'", () => {
  // runs 0, 1 are one configuration (two seeds), run 2 another
  const config = (run: number) => (run === 2 ? 1 : 0);
  const pool = [
    c(0, 100, 0.8, 0.60), c(0, 200, 0.9, 0.62), c(0, 300, 0.85, 0.66),
    c(1, 100, 0.7, 0.50), c(1, 200, 0.75, 0.58), c(1, 300, 0.6, 0.70),
    c(2, 100, 0.5, 0.80), c(2, 200, 0.4, 0.75),
  ];
  const r = pickModels(pool, max, 'step', config)!;
  assert.deepEqual([r.selected.run, r.selected.step, r.selected.value], [0, 200, 0.62]);
  assert.deepEqual([r.last.run, r.last.step, r.last.value], [0, 300, 0.66]);
  assert.deepEqual(r.seedMedian.runs, [0, 1]);
  assert.ok(Math.abs(r.seedMedian.value - 0.6) < 1e-12); // median of 0.62 (run 0 at 200) and 0.58 (run 1 at 200)
  assert.ok(Math.abs(r.seedMedian.regret - 0.2) < 1e-12);
  assert.equal(r.pool, 8);
  const byRun = pickModels(pool, max, 'run', config)!;
  assert.equal(byRun.pool, 3); // each run at its selection-best step
  assert.deepEqual(perRunBest(pool, 'max').map((x) => [x.run, x.step]), [[0, 200], [1, 200], [2, 100]]);
  assert.equal(byRun.oracle.value, 0.8);
  assert.equal(byRun.selected.rank, 2);
});

test('Kendall τ is oriented by the goals: a loss that ranks like the target gives τ > 0', () => {
  const pool = [c(0, 1, 0.3, 0.9), c(1, 1, 0.5, 0.7), c(2, 1, 0.9, 0.1)];
  assert.equal(pickModels(pool, { selection: 'min', target: 'max' }, 'step', oneConfig)!.kendallTau, 1);
  assert.equal(pickModels(pool, max, 'step', oneConfig)!.kendallTau, -1);
});
