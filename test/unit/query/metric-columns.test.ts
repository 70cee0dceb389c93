// Metric column terms of the run query, evaluated from the index's per-series summaries. The series are
// summarised by the index's own summariser (analysis/summarize), so these are the numbers a real index
// holds; every expected answer below is worked out by hand from the listed points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../../src/core/analysis/summarize';
import type { IndexedRun, SeriesSummary } from '../../../src/core/index/types';
import type { SeriesContext } from '../../../src/core/model';
import { filterRuns, parseQuery, queryRunOf, readsSeriesSummaries } from '../../../src/core/query';

function series(key: string, context: SeriesContext, values: number[]): SeriesSummary {
  const { infCount: _inf, ...s } = summarize(
    values.map((_, i) => (i + 1) * 100),
    values,
  );
  return { key, context, ...s };
}

function run(name: string, list: SeriesSummary[], extra: Partial<IndexedRun> = {}): IndexedRun {
  return { key: `mlflow-file|/r|${name}`, format: 'mlflow-file', root: '/r', id: name, name, experiment: 'x', status: 'finished', path: `/r/${name}`, params: {}, tags: {}, checkpoints: [], series: list, ...extra };
}

const RUNS = [
  // de: best (max) 0.8 at step 200, last 0.75 (the NaN at step 300 never wins); en best 0.72; eval_loss min 0.25; f1_en 12 points, last 0.55
  run('a', [
    series('f1', { lang: 'de' }, [0.5, 0.8, NaN, 0.75]),
    series('f1', { lang: 'en' }, [0.6, 0.7, 0.72]),
    series('eval_loss', {}, [0.9, 0.25, 0.4]),
    series('f1_en', {}, [...Array(11).fill(0.4), 0.55]),
  ]),
  // de best 0.65 = last; eval_loss min 0.35; f1_en 5 points, last 0.6
  run('b', [series('f1', { lang: 'de' }, [0.3, 0.65]), series('eval_loss', {}, [0.5, 0.35]), series('f1_en', {}, [0.2, 0.3, 0.4, 0.5, 0.6])]),
  // eval_loss logged -inf: its finite minimum (0.2) is not in the index, so min tests fail; f1 only for en
  run('c', [series('eval_loss', {}, [0.2, -Infinity]), series('f1', { lang: 'en' }, [0.9])]),
  // declares greater_is_better for eval_loss: best is its max (0.6), not its min (0.1)
  run('d', [series('eval_loss', {}, [0.1, 0.6])], { format: 'hf-trainer', params: { metric_for_best_model: 'eval_loss', greater_is_better: 'True' } }),
];

function names(query: string, goals?: Record<string, 'min' | 'max'>): string[] {
  const r = filterRuns(query, RUNS.map(queryRunOf), { goals });
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.runs.map((x) => x.name);
}

test('the issue examples, answered from the index summaries', () => {
  assert.deepEqual(names('f1[lang=de]:best > 0.7'), ['a']);
  assert.deepEqual(names('f1[lang=de]:best > 0.6'), ['a', 'b']);
  assert.deepEqual(names('eval_loss:min < 0.3'), ['a', 'd'], 'c logged -inf: its finite minimum is unknown to the index');
  assert.deepEqual(names('f1_en:last >= 0.5'), ['a', 'b']);
  assert.deepEqual(names('count(f1_en) >= 10'), ['a']);
  assert.deepEqual(names('count(f1_en) = 0'), ['c', 'd'], 'a run that never logged it has 0 points');
});

test('last keeps a NaN point out of min/max/best only; first, min and max; contexts must match exactly', () => {
  assert.deepEqual(names('f1[lang=de]:last = 0.75'), ['a']);
  assert.deepEqual(names('f1[lang=de]:first < 0.4'), ['b']);
  assert.deepEqual(names('f1[lang=de]:max = 0.8 and f1[lang=de]:min = 0.5'), ['a']);
  assert.deepEqual(names('f1[lang=en]:best >= 0.72'), ['a', 'c']);
  assert.deepEqual(names('f1:best > 0'), [], 'f1 without a context is another series than f1[lang=de]');
  assert.deepEqual(names('count(f1[lang=de]) = 4'), ['a'], 'the NaN point is counted');
});

test('best follows the declared objective, then the per-metric setting beats it', () => {
  assert.deepEqual(names('eval_loss:best = 0.6'), ['d'], 'd maximises eval_loss (greater_is_better)');
  assert.deepEqual(names('eval_loss:best = 0.25'), ['a'], 'a minimises it (a loss, by name)');
  assert.deepEqual(names('eval_loss:best = 0.9', { eval_loss: 'max' }), ['a']);
});

test('metric columns combine with the rest of the language', () => {
  assert.deepEqual(names('(f1[lang=de]:best > 0.7 or eval_loss:min < 0.4) and not name=a'), ['b', 'd']);
  assert.deepEqual(names('m.eval_loss:min in (0.25, 0.35)'), ['a', 'b']);
  assert.deepEqual(names('metrics.f1[lang=de]:best > 0.7'), ['a'], 'a metrics. prefix is allowed');
  assert.deepEqual(names('"f1[lang=de]:best" > 0.7'), [], 'quoted, it is a plain field name, which no run has');
});

function error(query: string): { message: string; start: number; end: number } {
  const r = parseQuery(query);
  assert.ok(!r.ok, `${query} should not parse`);
  return { message: r.error.message, start: r.error.start, end: r.error.end };
}

test('summaries the index does not keep exactly: a query error on the column, pointing to the Runs table', () => {
  for (const [query, what] of [
    ['f1[lang=de]:at(f1[lang=en]:best) > 0.7', 'at(…)'],
    ['eval_loss:mean_last:3 < 0.3', 'mean_last:k'],
    ['lr=3e-5 f1_en:at_step:400 > 0.5', 'at_step:S'],
  ] as const) {
    const e = error(query);
    assert.match(e.message, /the index keeps last, first, min, max, best and count/);
    assert.ok(e.message.includes(`not ${what}`), e.message);
    assert.match(e.message, /Runs table/);
    const column = query.split(' ').find((w) => w.includes(':'))!;
    assert.deepEqual([e.start, e.end], [query.indexOf(column), query.indexOf(column) + column.length]);
  }
});

test('malformed metric terms: errors with their positions', () => {
  let e = error('f1_en:bestest > 1');
  assert.match(e.message, /unknown summary 'bestest'/);
  assert.deepEqual([e.start, e.end], [0, 13]);
  e = error('x=1 f1[lang > 1');
  assert.match(e.message, /unclosed '\[' at 7/);
  assert.equal(e.start, 6);
  e = error('count(f1_en:best) > 1');
  assert.match(e.message, /count\(…\) takes a metric without a summary/);
  assert.deepEqual([e.start, e.end], [6, 16]);
  e = error('count(f1_en)');
  assert.match(e.message, /expected a comparison after count/);
  e = error('count(f1_en > 1');
  assert.match(e.message, /missing '\)' for count\(/);
  e = error('f1[lang]:best > 1');
  assert.match(e.message, /context entries are name=value/);
});

test('words that only look like columns keep their old meaning', () => {
  const plain = [run('p', [], { params: { 'weights[0]': '1', count: '3' } })].map(queryRunOf);
  const q = (s: string) => {
    const r = filterRuns(s, plain);
    assert.ok(r.ok, r.ok ? '' : r.message);
    return r.runs.length;
  };
  assert.equal(q('weights[0]=1'), 1, 'a [ without name=value is part of a param name');
  assert.equal(q('count=3'), 1, 'count without ( is a field');
  assert.equal(q('count>5'), 0);
});

test('readsSeriesSummaries: true when a term is a metric column or count(…), anywhere in the query', () => {
  const reads = (q: string) => {
    const p = parseQuery(q);
    assert.ok(p.ok, q);
    return readsSeriesSummaries(p.node);
  };
  assert.equal(reads('f1[lang=de]:best > 0.7'), true);
  assert.equal(reads('lr=3e-5 and not (name~x or count(f1_en) >= 10)'), true);
  assert.equal(reads('eval_loss:min in (0.1, 0.2)'), true);
  assert.equal(reads('lr=3e-5 and metrics.f1_en >= 0.8 or xlmr'), false);
  assert.equal(reads(''), false);
});
