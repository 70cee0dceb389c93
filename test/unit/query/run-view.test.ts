import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IndexedRun } from '../../../src/core/index/types';
import { compileQuery, parseQuery, queryRunOf } from '../../../src/core/query';

function indexed(name: string, lr: string, f1: number): IndexedRun {
  return {
    key: `mlflow-file|/m|${name}`, format: 'mlflow-file', id: name, experiment: 'sweep', name, status: 'finished', path: `/m/${name}`, root: '/m',
    params: { lr }, tags: {}, checkpoints: [],
    series: [
      { key: 'f1', context: {}, last: f1 },
      { key: 'f1', context: { lang: 'de' }, last: 0.1 },
    ],
  } as unknown as IndexedRun;
}

test('queryRunOf: metrics are the last values of context-free series; the record is built once per run object', () => {
  const run = indexed('a', '3e-05', 0.8);
  const view = queryRunOf(run);
  assert.deepEqual(view.metrics, { f1: 0.8 });
  assert.equal(view.key, run.key);
  // Re-filtering on every keystroke must not rebuild the records of 1,000 runs.
  assert.equal(queryRunOf(run), view);
  // A re-indexed run is a new object and gets a fresh record.
  const reindexed = indexed('a', '3e-05', 0.9);
  assert.notEqual(queryRunOf(reindexed), view);
  assert.deepEqual(queryRunOf(reindexed).metrics, { f1: 0.9 });
});

test('a compiled query is one predicate over run records', () => {
  const runs = [indexed('xlmr-1', '1e-05', 0.7), indexed('xlmr-2', '3e-05', 0.8), indexed('mbert-3', '0.0001', 0.9)].map(queryRunOf);
  const expected: Array<[string, string[]]> = [
    ['lr>1e-5 and not name~mbert', ['xlmr-2']],
    ['lr in (1e-5, 1e-4) or metrics.f1>=0.8', ['xlmr-1', 'xlmr-2', 'mbert-3']],
    ['XLMR', ['xlmr-1', 'xlmr-2']],
    ['name~/-[13]$/', ['xlmr-1', 'mbert-3']],
    ['', ['xlmr-1', 'xlmr-2', 'mbert-3']],
  ];
  for (const [q, names] of expected) {
    const parsed = parseQuery(q);
    assert.ok(parsed.ok, q);
    assert.deepEqual(runs.filter(compileQuery(parsed.node)).map((r) => r.name), names, q);
  }
});
