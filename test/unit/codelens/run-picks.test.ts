import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IndexedRun } from '../../../src/core/index/types';
import { runPickItems } from '../../../src/host/codelens/run-picks';

const run = (key: string, entryPoint?: string): IndexedRun =>
  ({ key, id: key, name: `run ${key}`, experiment: 'e', format: 'mlflow-file', status: 'finished', path: '/p', root: '/r', params: {}, tags: {}, series: [], checkpoints: [], entryPoint }) as IndexedRun;

// The defect: "Diff Code" from one run's context menu opened a pick with nothing selected.
test('the run a command was invoked on comes first and ticked, then runs of the same script', () => {
  const runs = [run('a', 'other.py'), run('b', 'train.py'), run('c', 'train.py'), run('d')];
  const items = runPickItems(runs, ['c']);
  assert.deepEqual(items.map((i) => i.run.key), ['c', 'b', 'a', 'd']);
  assert.deepEqual(items.map((i) => i.picked), [true, false, false, false]);
  assert.equal(items[0].label, 'run c');
  assert.equal(items[0].description, 'train.py');
});

test('without a preselection the order is kept and nothing is ticked', () => {
  const items = runPickItems([run('a', 'x.py'), run('b')]);
  assert.deepEqual(items.map((i) => [i.run.key, i.picked]), [['a', false], ['b', false]]);
});
