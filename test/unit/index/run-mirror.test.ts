// The host's runs from the worker's deltas: added, changed and removed runs, a full snapshot that
// replaces everything (warm start, restarted worker), the errors, and the database's order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffRuns, RunMirror, type RunDelta } from '../../../src/core/index/run-mirror';
import type { IndexedRun } from '../../../src/core/index/types';

function run(name: string, over: Partial<IndexedRun> = {}): IndexedRun {
  return {
    key: `mlflow-file|/ws/mlruns|${name}`,
    format: 'mlflow-file',
    root: '/ws/mlruns',
    experiment: 'exp',
    id: name,
    name,
    status: 'finished',
    path: `/ws/mlruns/1/${name}`,
    params: {},
    tags: {},
    summary: {},
    checkpoints: [],
    series: [],
    ...over,
  };
}

const delta = (d: Partial<RunDelta>): RunDelta => ({ full: false, changed: [], removed: [], errors: [], ...d });
const names = (m: RunMirror) => m.runs().map((r) => r.name);

test('a delta adds, replaces and removes runs by key', () => {
  const m = new RunMirror();
  assert.equal(m.apply(delta({ full: true, changed: [run('a'), run('b'), run('c')] })), true);
  assert.deepEqual(names(m), ['a', 'b', 'c']);
  const changedB = run('b', { status: 'failed' });
  assert.equal(m.apply(delta({ changed: [changedB, run('d')], removed: [run('a').key] })), true);
  assert.deepEqual(names(m), ['b', 'c', 'd']);
  assert.equal(m.runsByKey([run('b').key])[0], changedB, 'the changed run replaces the old one');
  assert.deepEqual(m.runsByKey([run('d').key, run('a').key, run('c').key]).map((r) => r.name), ['d', 'c'], 'asked order; missing keys dropped');
});

test('a delta that changes nothing reports no change and keeps the same list', () => {
  const m = new RunMirror();
  m.apply(delta({ full: true, changed: [run('a')] }));
  const before = m.runs();
  assert.equal(m.apply(delta({ removed: [run('gone').key] })), false);
  assert.equal(m.runs(), before, 'the cached list is reused');
});

test('errors travel whole; a change of errors alone is a change', () => {
  const m = new RunMirror();
  m.apply(delta({ full: true, changed: [run('a')] }));
  const err = { path: '/ws/mlruns/1/x/meta.yaml', message: 'bad yaml' };
  assert.equal(m.apply(delta({ errors: [err] })), true);
  assert.deepEqual(m.errors(), [err]);
  assert.equal(m.apply(delta({ errors: [err] })), false);
  assert.equal(m.apply(delta({ errors: [] })), true);
  assert.deepEqual(m.errors(), []);
});

test('a full snapshot replaces every run (a restarted worker may hold an older index)', () => {
  const m = new RunMirror();
  m.apply(delta({ full: true, changed: [run('a'), run('b')] }));
  m.apply(delta({ changed: [run('c')] }));
  assert.equal(m.apply(delta({ full: true, changed: [run('a')] })), true);
  assert.deepEqual(names(m), ['a']);
  assert.equal(m.size, 1);
  assert.equal(new RunMirror().apply(delta({ full: true })), false, 'an empty first snapshot is no change');
  assert.equal(m.apply(delta({ full: true })), true, 'emptying is a change');
  assert.deepEqual(names(m), []);
});

test('runs come in the index order: root, experiment, start time (none first), name', () => {
  const m = new RunMirror();
  m.apply(
    delta({
      full: true,
      changed: [
        run('z', { root: '/ws/zz', key: 'k1' }),
        run('y', { experiment: 'exp2', startTime: 1 }),
        run('x', { startTime: 5 }),
        run('w', { startTime: 2 }),
        run('v'),
        run('u', { startTime: 2 }),
      ],
    }),
  );
  assert.deepEqual(names(m), ['v', 'u', 'w', 'x', 'y', 'z']);
});

test('diffRuns finds the runs that differ in content and the ones gone', () => {
  const before = [run('a'), run('b'), run('c')];
  const after = [run('a'), run('b', { status: 'failed' }), run('d')];
  const d = diffRuns(before, after);
  assert.deepEqual(d.changed.map((r) => r.name), ['b', 'd']);
  assert.deepEqual(d.removed, [run('c').key]);
  assert.deepEqual(diffRuns(after, after.map((r) => ({ ...r }))), { changed: [], removed: [] });
});
