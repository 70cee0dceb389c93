import assert from 'node:assert/strict';
import { test } from 'node:test';
import { declaredObjectivesInScript } from '../../../src/core/runs/declared-objective';
import { bestValue, chooseObjective, goalOf, metricGoal, rankRuns } from '../../../src/core/runs/objective';

function series(key: string, min: number, max: number, context: Record<string, string> = {}) {
  return { key, context, count: 3, firstStep: 0, lastStep: 2, first: max, last: min, min, max, argminStep: 2, argmaxStep: 0, lastTime: NaN, nanCount: 0 };
}

function run(name: string, params: Record<string, string>, ...s: ReturnType<typeof series>[]) {
  return { name, params, series: s, format: 'mlflow-file' as const };
}

test('goal: losses and errors are minimised, everything else maximised', () => {
  assert.equal(goalOf('eval_loss'), 'min');
  assert.equal(goalOf('val/wer'), 'min');
  assert.equal(goalOf('perplexity'), 'min');
  assert.equal(goalOf('f1_en'), 'max');
  assert.equal(goalOf('val_accuracy'), 'max');
});

test('auto objective prefers a validation metric most runs logged', () => {
  const runs = [
    run('a', {}, series('train_loss', 0.1, 2), series('eval_loss', 0.3, 1), series('f1_en', 0.5, 0.9)),
    run('b', {}, series('train_loss', 0.2, 2), series('eval_loss', 0.2, 1), series('f1_en', 0.4, 0.8)),
  ];
  assert.deepEqual(chooseObjective(runs), { key: 'eval_loss', goal: 'min', source: 'guess' });
});

test('a metric only a few runs logged does not win', () => {
  const runs = [run('a', {}, series('loss', 0.1, 2), series('val_acc', 0.5, 0.9)), run('b', {}, series('loss', 0.1, 2)), run('c', {}, series('loss', 0.1, 2))];
  assert.equal(chooseObjective(runs)?.key, 'loss');
});

test('the setting and Hugging Face metric_for_best_model recorded by the runs override the guess', () => {
  const runs = [run('a', { metric_for_best_model: 'f1', greater_is_better: 'True' }, series('eval_loss', 0.3, 1), series('eval_f1', 0.5, 0.9))];
  const declared = { key: 'eval_f1', goal: 'max', source: 'run', via: 'metric_for_best_model' };
  assert.deepEqual(chooseObjective(runs), declared);
  assert.deepEqual(chooseObjective(runs, { preferred: 'eval_loss' }), { key: 'eval_loss', goal: 'min', source: 'setting' });
  assert.deepEqual(chooseObjective(runs, { preferred: 'min:eval_f1' }), { key: 'eval_f1', goal: 'min', source: 'setting' });
  assert.deepEqual(chooseObjective(runs, { preferred: 'not_logged' }), declared);
});

// The defect: train.py sets metric_for_best_model="f1_en" but its runs did not record the Trainer's
// arguments, so the lens ranked by the guessed eval_loss.
test("the script's declared objective beats the guess, and maps to the Trainer's eval_ key", () => {
  const script = 'args = TrainingArguments(output_dir="out", metric_for_best_model="f1_en", load_best_model_at_end=True)\n';
  const runs = [
    run('a', {}, series('eval_loss', 0.2, 1), series('eval_f1_en', 0.5, 0.7)),
    run('b', {}, series('eval_loss', 0.3, 1), series('eval_f1_en', 0.6, 0.9)),
  ];
  const objective = chooseObjective(runs, { script: declaredObjectivesInScript(script) });
  assert.deepEqual(objective, { key: 'eval_f1_en', goal: 'max', source: 'script', via: 'metric_for_best_model' });
  assert.deepEqual(rankRuns(runs, objective!).map((r) => r.run.name), ['b', 'a']);
  // A declared metric no run logged does not hide a usable one.
  assert.equal(chooseObjective(runs, { script: declaredObjectivesInScript(script.replace('f1_en', 'f1_de')) })?.source, 'guess');
  // The setting still wins over the script.
  assert.equal(chooseObjective(runs, { preferred: 'eval_loss', script: declaredObjectivesInScript(script) })?.key, 'eval_loss');
});

test('an Optuna trial is ranked by its study direction and its final value', () => {
  const trial = (name: string, value: number) => ({ name, params: {}, series: [], format: 'optuna' as const, summary: { value }, extra: { directions: ['maximize'], objectives: ['value'] } });
  const runs = [trial('t0', 0.7), trial('t1', 0.9), trial('t2', 0.8)];
  const objective = chooseObjective(runs);
  assert.deepEqual(objective, { key: 'value', goal: 'max', source: 'run', via: 'Optuna study direction' });
  assert.deepEqual(rankRuns(runs, objective!).map((r) => r.run.name), ['t1', 't2', 't0']);
});

test("metricGoal: a run's declared direction for that key, otherwise the name's", () => {
  const r = run('a', { monitor: 'val_wer_gain', mode: 'max' }, series('val_wer_gain', 0.1, 0.5));
  assert.equal(metricGoal(r, 'val_wer_gain'), 'max', 'ModelCheckpoint mode beats the "wer means lower" guess');
  assert.equal(metricGoal(r, 'val_loss'), 'min');
  assert.equal(metricGoal(run('b', { metric_for_best_model: 'loss' }), 'eval_loss'), 'min');
});

test('series with a context are not candidates; no context-free series means no objective', () => {
  assert.equal(chooseObjective([run('a', {}, series('f1', 0.1, 0.9, { lang: 'de' }))]), undefined);
});

test('ranking: best first, runs without the metric or with non-finite bests last', () => {
  const runs = [
    run('none', {}, series('other', 0, 1)),
    run('mid', {}, series('eval_loss', 0.3, 1)),
    run('nan', {}, series('eval_loss', NaN, NaN)),
    run('best', {}, series('eval_loss', 0.1, 1)),
  ];
  const ranked = rankRuns(runs, { key: 'eval_loss', goal: 'min' });
  assert.deepEqual(ranked.map((r) => r.run.name), ['best', 'mid', 'none', 'nan']);
  assert.ok(Number.isNaN(ranked[2].best));
  assert.equal(bestValue(runs[1], { key: 'eval_loss', goal: 'max' }), 1);
});
