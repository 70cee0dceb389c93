import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bestValue, chooseObjective, goalOf, rankRuns } from '../../../src/host/codelens/objective';

function series(key: string, min: number, max: number, context: Record<string, string> = {}) {
  return { key, context, count: 3, firstStep: 0, lastStep: 2, first: max, last: min, min, max, argminStep: 2, argmaxStep: 0, lastTime: NaN, nanCount: 0 };
}

function run(name: string, params: Record<string, string>, ...s: ReturnType<typeof series>[]) {
  return { name, params, series: s };
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
  assert.deepEqual(chooseObjective(runs), { key: 'eval_loss', goal: 'min' });
});

test('a metric only a few runs logged does not win', () => {
  const runs = [run('a', {}, series('loss', 0.1, 2), series('val_acc', 0.5, 0.9)), run('b', {}, series('loss', 0.1, 2)), run('c', {}, series('loss', 0.1, 2))];
  assert.equal(chooseObjective(runs)?.key, 'loss');
});

test('the setting and Hugging Face metric_for_best_model override the guess', () => {
  const runs = [run('a', { metric_for_best_model: 'f1', greater_is_better: 'True' }, series('eval_loss', 0.3, 1), series('eval_f1', 0.5, 0.9))];
  assert.deepEqual(chooseObjective(runs), { key: 'eval_f1', goal: 'max' });
  assert.deepEqual(chooseObjective(runs, 'eval_loss'), { key: 'eval_loss', goal: 'min' });
  assert.deepEqual(chooseObjective(runs, 'min:eval_f1'), { key: 'eval_f1', goal: 'min' });
  assert.deepEqual(chooseObjective(runs, 'not_logged'), { key: 'eval_f1', goal: 'max' });
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
