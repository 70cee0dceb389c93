// Panels that compute from runs (Compare) follow the index: one recompute after a burst of changes settles,
// none when the runs they compute from did not change, and none after dispose. Timers are Node's mock timers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IndexedRun } from '../../../../src/core/index/types';
import { followIndex } from '../../../../src/host/panels/follow-index';

function run(key: string, count: number): IndexedRun {
  return { key, status: 'running', params: { lr: '0.1' }, series: [{ key: 'loss', context: {}, count, lastStep: count - 1, lastTime: 1000 + count }] } as unknown as IndexedRun;
}

function setup() {
  const listeners = new Set<() => void>();
  const onDidChange = (l: () => void) => {
    listeners.add(l);
    return { dispose: () => listeners.delete(l) };
  };
  const state = { runs: [run('a', 10), run('b', 10)], recomputed: 0 };
  const fire = () => listeners.forEach((l) => l());
  const follower = followIndex(onDidChange, () => state.runs, () => state.recomputed++, 500);
  return { state, fire, follower, listeners };
}

test('a burst of index changes that grew a series recomputes once, after it settles', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { state, fire } = setup();
  state.runs = [run('a', 11), run('b', 10)];
  for (let i = 0; i < 5; i++) {
    fire();
    t.mock.timers.tick(100);
  }
  assert.equal(state.recomputed, 0, 'not while changes keep coming');
  t.mock.timers.tick(500);
  assert.equal(state.recomputed, 1);
});

test('a new run recomputes; a change that leaves the runs as they were does not', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { state, fire } = setup();
  fire();
  t.mock.timers.tick(600);
  assert.equal(state.recomputed, 0, 'same runs, same series: nothing to recompute');
  state.runs = [...state.runs, run('c', 3)];
  fire();
  t.mock.timers.tick(600);
  assert.equal(state.recomputed, 1);
  fire();
  t.mock.timers.tick(600);
  assert.equal(state.recomputed, 1, 'compared with what was last computed');
});

test('rebase takes the runs the panel just computed from; dispose stops following', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { state, fire, follower, listeners } = setup();
  state.runs = [run('a', 12)];
  follower.rebase();
  fire();
  t.mock.timers.tick(600);
  assert.equal(state.recomputed, 0);
  state.runs = [run('a', 13)];
  fire();
  follower.dispose();
  t.mock.timers.tick(600);
  assert.equal(state.recomputed, 0, 'a pending recompute is dropped');
  assert.equal(listeners.size, 0);
});
