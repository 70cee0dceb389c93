// The Runs view's sort by a metric column summary: values from the index's per-series summaries (the
// run query's), best first by the metric's goal, runs without a value last, ties by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../../src/core/analysis/summarize';
import type { IndexedRun, SeriesSummary } from '../../../src/core/index/types';
import type { SeriesContext } from '../../../src/core/model';
import { filterRuns, queryRunOf } from '../../../src/core/query';
import { parseSortColumn, sortColumnSuggestions } from '../../../src/core/runs/column-sort';
import { sortRuns } from '../../../src/core/runs/run-order';

function series(key: string, context: SeriesContext, values: number[]): SeriesSummary {
  const { infCount: _inf, ...s } = summarize(
    values.map((_, i) => i + 1),
    values,
  );
  return { key, context, ...s };
}

function run(name: string, list: SeriesSummary[], extra: Partial<IndexedRun> = {}): IndexedRun {
  return { key: `mlflow-file|/r|${name}`, format: 'mlflow-file', root: '/r', id: name, name, experiment: 'x', status: 'finished', path: `/r/${name}`, params: {}, tags: {}, checkpoints: [], series: list, ...extra };
}

// f1_en best: a 0.9 (at step 2; last 0.7), b 0.8 (last 0.8), c 0.8 (tie with b: name order), d never logged it, e only NaN
// eval_loss min: a 0.3, b 0.1, c 0.2 (its -inf would hide the finite min: c goes last for min/best)
const RUNS = [
  run('version_10', [series('f1_en', {}, [0.5, 0.9, 0.7]), series('eval_loss', {}, [0.6, 0.3]), series('f1', { lang: 'de' }, [0.4])]),
  run('version_2', [series('f1_en', {}, [0.8]), series('eval_loss', {}, [0.1, 0.4]), series('f1', { lang: 'de' }, [0.6])]),
  run('version_3', [series('f1_en', {}, [0.8]), series('eval_loss', {}, [0.2, -Infinity])]),
  run('version_4', [series('eval_loss', {}, [0.5])]),
  run('version_5', [series('f1_en', {}, [NaN])]),
];
const names = (xs: IndexedRun[]) => xs.map((r) => r.name);

test('best first by the goal: f1 (maximised) descending, a loss ascending; missing and unknown values last', () => {
  assert.deepEqual(names(sortRuns(RUNS, { by: 'column', column: 'f1_en:best' })), ['version_10', 'version_2', 'version_3', 'version_4', 'version_5']);
  assert.deepEqual(names(sortRuns(RUNS, { by: 'column', column: 'eval_loss:best' })), ['version_2', 'version_10', 'version_4', 'version_3', 'version_5']);
  assert.deepEqual(names(sortRuns(RUNS, { by: 'column', column: 'f1_en:last' })), ['version_2', 'version_3', 'version_10', 'version_4', 'version_5']);
  assert.deepEqual(names(sortRuns(RUNS, { by: 'column', column: 'f1[lang=de]:max' })), ['version_2', 'version_10', 'version_3', 'version_4', 'version_5']);
});

test('an explicit direction wins over the goal; a declared objective sets the goal', () => {
  assert.deepEqual(names(sortRuns(RUNS, { by: 'column', column: 'f1_en:best', direction: 'asc' })), ['version_2', 'version_3', 'version_10', 'version_4', 'version_5']);
  const declared = RUNS.map((r) => ({ ...r, format: 'hf-trainer' as const, params: { metric_for_best_model: 'eval_loss', greater_is_better: 'True' } }));
  // eval_loss maximised: best = max (a 0.6, b 0.4, d 0.5; c's max is -inf's sibling 0.2)
  assert.deepEqual(names(sortRuns(declared, { by: 'column', column: 'eval_loss:best' })), ['version_10', 'version_4', 'version_2', 'version_3', 'version_5']);
});

test('the sort and the query see the same values', () => {
  const sorted = names(sortRuns(RUNS, { by: 'column', column: 'eval_loss:min' }));
  const res = filterRuns('eval_loss:min < 0.35', RUNS.map(queryRunOf));
  assert.ok(res.ok);
  assert.deepEqual(
    res.runs.map((r) => r.name),
    ['version_10', 'version_2'],
  );
  assert.deepEqual(sorted.slice(0, 2), ['version_2', 'version_10']);
});

test('columns the index cannot sort by: a message; a stored one that no longer parses sorts by name', () => {
  const bad = parseSortColumn('f1_en:mean_last:3');
  assert.ok(!bad.ok && /not mean_last.*Runs table/.test(bad.message));
  const param = parseSortColumn('params.lr');
  assert.ok(!param.ok && /is a param/.test(param.message));
  assert.ok(!parseSortColumn('f1[lang:best').ok);
  assert.deepEqual(names(sortRuns(RUNS, { by: 'column', column: 'f1_en:at(eval_loss:best)' })), ['version_2', 'version_3', 'version_4', 'version_5', 'version_10']);
});

test('suggestions: every series as <key>[context]:best, most common first', () => {
  assert.deepEqual(
    sortColumnSuggestions(RUNS).map((c) => `${c.id} ${c.runs}`),
    ['eval_loss:best 4', 'f1_en:best 4', 'f1[lang=de]:best 2'],
  );
});
