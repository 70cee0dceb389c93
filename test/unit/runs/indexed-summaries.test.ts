// The index answers last/first/min/max/best exactly as the Runs table computes them from the points
// (summaries.ts), or says it cannot (an infinity is the extreme); count is the points logged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize as indexSummary } from '../../../src/core/analysis/summarize';
import type { SeriesSummary } from '../../../src/core/index/types';
import { parseColumn, type MetricColumn } from '../../../src/core/runs/columns';
import { indexAnswers, indexedCount, indexedValue } from '../../../src/core/runs/indexed-summaries';
import { summarize } from '../../../src/core/runs/summaries';

const SERIES: number[][] = [
  [0.5, 0.8, NaN, 0.75],
  [0.3, 0.3, 0.1, 0.1], // ties: the earliest step wins
  [NaN, NaN],
  [0.2, -Infinity, 0.4],
  [Infinity, 0.9, 0.1],
  [Infinity, NaN],
  [-Infinity],
  [1],
];

function indexed(values: number[]): SeriesSummary {
  const steps = values.map((_, i) => (i + 1) * 10);
  const { infCount: _inf, ...s } = indexSummary(steps, values);
  return { key: 'm', context: {}, ...s };
}

test('every exact summary agrees with the table value, or is flagged unknown when an infinity is the extreme', () => {
  let unknown = 0;
  for (const values of SERIES) {
    const run = { params: {}, series: [indexed(values)] };
    const points = { steps: Float64Array.from(values, (_, i) => (i + 1) * 10), values: Float64Array.from(values) };
    for (const summary of ['last', 'first', 'min', 'max', 'best']) {
      const c = parseColumn(`m:${summary}`) as MetricColumn;
      assert.ok(indexAnswers(c.summary));
      const fromIndex = indexedValue(run, c);
      const fromPoints = summarize(c.summary, { points, goal: 'max' });
      if (fromIndex.unknown) {
        unknown++;
        assert.equal(fromIndex.value, null);
        continue;
      }
      assert.deepEqual([fromIndex.value, fromIndex.step], [fromPoints.value, fromPoints.step], `${summary} of [${values}]`);
    }
  }
  // [0.2,-inf,0.4] min; [inf,0.9,0.1] max and best (max). [inf,NaN] and [-inf] have no finite value: exact null.
  assert.equal(unknown, 3);
});

test('by hand: best by the name (loss → min), the setting overrides; count includes NaN points; absent is 0', () => {
  const run = { params: {}, series: [{ ...indexed([0.9, 0.25, 0.4]), key: 'eval_loss' }, { ...indexed([0.5, NaN, 0.7]), key: 'f1', context: { lang: 'de' } }] };
  assert.deepEqual(indexedValue(run, parseColumn('eval_loss:best') as MetricColumn), { value: 0.25, step: 20 });
  assert.deepEqual(indexedValue(run, parseColumn('eval_loss:best') as MetricColumn, { eval_loss: 'max' }), { value: 0.9, step: 10 });
  assert.deepEqual(indexedValue(run, parseColumn('f1[lang=de]:best') as MetricColumn), { value: 0.7, step: 30 });
  assert.equal(indexedCount(run, parseColumn('f1[lang=de]') as MetricColumn), 3);
  assert.equal(indexedCount(run, parseColumn('f1') as MetricColumn), 0);
  assert.deepEqual(indexedValue(run, parseColumn('f1:best') as MetricColumn), { value: null });
  // a metric the run has only as a scalar (an Optuna trial's value) is that value for every summary
  assert.deepEqual(indexedValue({ params: {}, series: [], summary: { value: 0.42 } }, parseColumn('value:best') as MetricColumn), { value: 0.42 });
  assert.throws(() => indexedValue(run, parseColumn('f1:mean_last:3') as MetricColumn), /no exact mean_last/);
});
