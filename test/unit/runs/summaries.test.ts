// Column summaries on synthetic series with hand-checked answers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseColumn, type MetricColumn } from '../../../src/core/runs/columns';
import { metricValue, rowOf } from '../../../src/core/runs/column-values';
import { summarize, valueAtStep } from '../../../src/core/runs/summaries';
import type { IndexedRun } from '../../../src/core/index/types';
import type { SeriesPoints } from '../../../src/core/model';

const pts = (steps: number[], values: number[]): SeriesPoints => ({ steps: Float64Array.from(steps), values: Float64Array.from(values) });
const summary = (text: string) => (parseColumn(`m:${text}`) as MetricColumn).summary;

test('last, first, min, max in append order', () => {
  const p = pts([0, 1, 2, 3], [0.5, 0.2, 0.9, 0.4]);
  assert.deepEqual(summarize(summary('last'), { points: p, goal: 'max' }), { value: 0.4, step: 3 });
  assert.deepEqual(summarize(summary('first'), { points: p, goal: 'max' }), { value: 0.5, step: 0 });
  assert.deepEqual(summarize(summary('min'), { points: p, goal: 'max' }), { value: 0.2, step: 1 });
  assert.deepEqual(summarize(summary('max'), { points: p, goal: 'min' }), { value: 0.9, step: 2 });
});

test('best follows the goal; ties go to the earliest step (the first best is kept)', () => {
  const p = pts([10, 20, 30, 40], [0.7, 0.9, 0.9, 0.1]);
  assert.deepEqual(summarize(summary('best'), { points: p, goal: 'max' }), { value: 0.9, step: 20 });
  assert.deepEqual(summarize(summary('best'), { points: p, goal: 'min' }), { value: 0.1, step: 40 });
  // logged out of step order: the tie still goes to the smaller step
  const shuffled = pts([30, 20, 10], [0.9, 0.9, 0.5]);
  assert.deepEqual(summarize(summary('max'), { points: shuffled, goal: 'max' }), { value: 0.9, step: 20 });
});

test('NaN and infinities never win min, max or best; last keeps whatever was logged', () => {
  const p = pts([0, 1, 2, 3], [NaN, Infinity, 0.3, -Infinity]);
  assert.deepEqual(summarize(summary('max'), { points: p, goal: 'max' }), { value: 0.3, step: 2 });
  assert.deepEqual(summarize(summary('min'), { points: p, goal: 'max' }), { value: 0.3, step: 2 });
  assert.equal(summarize(summary('last'), { points: p, goal: 'max' }).value, -Infinity);
  assert.deepEqual(summarize(summary('best'), { points: pts([0], [NaN]), goal: 'max' }), { value: null });
});

test('mean_last:k averages the last k finite points', () => {
  const p = pts([0, 1, 2, 3, 4], [1, 2, 3, NaN, 5]);
  assert.deepEqual(summarize(summary('mean_last:3'), { points: p, goal: 'max' }), { value: (5 + 3 + 2) / 3, step: 4 });
  assert.deepEqual(summarize(summary('mean_last:10'), { points: p, goal: 'max' }), { value: 11 / 4, step: 4 });
});

test('at_step: exact step, else the latest earlier point marked approximate, else nothing', () => {
  const p = pts([100, 200, 300], [0.1, 0.2, 0.3]);
  assert.deepEqual(valueAtStep(p, 200), { value: 0.2, step: 200 });
  assert.deepEqual(valueAtStep(p, 250), { value: 0.2, step: 200, requestedStep: 250 });
  assert.deepEqual(valueAtStep(p, 50), { value: null });
  // a step logged twice: the later point
  assert.deepEqual(valueAtStep(pts([1, 1], [5, 6]), 1), { value: 6, step: 1 });
  assert.deepEqual(summarize(summary('at_step:300'), { points: p, goal: 'max' }), { value: 0.3, step: 300 });
});

function runWith(series: Array<{ key: string; context?: Record<string, string>; points: SeriesPoints }>, extra: Partial<IndexedRun> = {}): { run: IndexedRun; pointsOf: (k: string, c: Record<string, unknown>) => SeriesPoints | undefined } {
  const run = {
    format: 'mlflow-file', id: 'r', experiment: 'e', name: 'r', status: 'finished', path: '/x', root: '/', key: 'k', params: {}, tags: {}, checkpoints: [],
    series: series.map((s) => ({ key: s.key, context: s.context ?? {} })),
    ...extra,
  } as unknown as IndexedRun;
  const pointsOf = (k: string, c: Record<string, unknown>) =>
    series.find((s) => s.key === k && JSON.stringify(s.context ?? {}) === JSON.stringify(c))?.points;
  return { run, pointsOf };
}

test('at(<column>): the value at the step where the other column peaks; context-keyed and MLflow-style keys', () => {
  const { run, pointsOf } = runWith([
    { key: 'f1', context: { lang: 'en' }, points: pts([1, 2, 3], [0.8, 0.95, 0.9]) },
    { key: 'f1', context: { lang: 'de' }, points: pts([1, 2, 3], [0.6, 0.7, 0.75]) },
  ]);
  const col = parseColumn('f1[lang=de]:at(f1[lang=en]:best)') as MetricColumn;
  assert.deepEqual(metricValue(run, col, pointsOf), { value: 0.7, step: 2 });
  const mlflow = runWith([
    { key: 'f1_en', points: pts([1, 2, 3], [0.8, 0.95, 0.95]) },
    { key: 'f1_de', points: pts([1, 3], [0.6, 0.75]) },
  ]);
  // f1_en's best is at step 2 (the tie at 3 loses); f1_de was not evaluated at 2: its step-1 point, approximate
  const row = rowOf(mlflow.run, [parseColumn('f1_de:at(f1_en:best)')], mlflow.pointsOf);
  assert.deepEqual(row.values, { 'f1_de:at(f1_en:best)': 0.6 });
  assert.deepEqual(row.approximate, { 'f1_de:at(f1_en:best)': { step: 1, requestedStep: 2 } });
});

test('direction of best: the run\'s declaration beats the name, a setting beats both', () => {
  const p = pts([1, 2], [0.3, 0.1]);
  // HF metric_for_best_model=eval_loss with greater_is_better=True (odd, but declared)
  const declared = runWith([{ key: 'eval_loss', points: p }], { format: 'hf-trainer', params: { metric_for_best_model: 'eval_loss', greater_is_better: 'True' } } as Partial<IndexedRun>);
  const col = parseColumn('eval_loss:best') as MetricColumn;
  const byName = runWith([{ key: 'eval_loss', points: p }]);
  assert.equal(metricValue(byName.run, col, byName.pointsOf).value, 0.1);
  assert.equal(metricValue(byName.run, col, byName.pointsOf, { goals: { eval_loss: 'max' } }).value, 0.3);
  assert.equal(metricValue(declared.run, col, declared.pointsOf).value, 0.3);
});

test('a metric only in the run summary (Optuna value) answers last/best but not a step summary', () => {
  const { run, pointsOf } = runWith([], { summary: { value: 0.42 } } as Partial<IndexedRun>);
  assert.deepEqual(metricValue(run, parseColumn('value:best') as MetricColumn, pointsOf), { value: 0.42 });
  assert.deepEqual(metricValue(run, parseColumn('value:at_step:3') as MetricColumn, pointsOf), { value: null });
});
