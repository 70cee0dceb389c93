import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMetricGoals } from '../../../src/core/runs/metric-goals';
import { goalOfColumn } from '../../../src/core/runs/indexed-summaries';

test('runlens.metricGoals: min/max per key (case and spaces forgiven); other entries are reported, not used', () => {
  const { goals, problems } = parseMetricGoals({ 'f1_en': 'min', ' eval_loss ': 'MAX', bleu: 'higher', '': 'min', n: 3 });
  assert.deepEqual({ ...goals }, { f1_en: 'min', eval_loss: 'max' });
  assert.equal(problems.length, 3);
  assert.match(problems.join('\n'), /"bleu" must be "min" or "max", not "higher"/);
  assert.deepEqual({ ...parseMetricGoals(undefined).goals }, {});
  assert.equal(parseMetricGoals(['f1']).problems.length, 1);
  // no inherited keys: a metric named `constructor` has no goal unless the setting gives it one
  assert.equal(parseMetricGoals({}).goals.constructor, undefined);
});

test('a goal from the setting beats the metric name rule', () => {
  const run = { params: {}, series: [] };
  assert.equal(goalOfColumn(run, 'eval_loss'), 'min');
  assert.equal(goalOfColumn(run, 'eval_loss', parseMetricGoals({ eval_loss: 'max' }).goals), 'max');
});
