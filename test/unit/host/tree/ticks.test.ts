// Ticks of the Runs view: kept as portable keys, restored after a reload and after the workspace moved,
// pending while their run is not indexed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Ticks, TICKS_STATE_KEY } from '../../../../src/host/tree/ticks';
import { runKey, type SourceFormat } from '../../../../src/core/model';

class MapMemento {
  readonly map = new Map<string, unknown>();
  keys() {
    return [...this.map.keys()];
  }
  get<T>(key: string): T | undefined {
    return this.map.get(key) as T | undefined;
  }
  async update(key: string, value: unknown) {
    this.map.set(key, value);
  }
}

const runsIn = (ws: string, ids: string[]) =>
  ids.map((id) => {
    const r = { format: 'lightning-csv' as SourceFormat, root: path.join(ws, 'lightning_logs', id), id };
    return { ...r, key: runKey(r) };
  });

test('ticks come back after a reload and after the workspace moved', () => {
  const memento = new MapMemento();
  const oldWs = path.join(path.sep, 'home', 'a', 'proj');
  const oldRuns = runsIn(oldWs, ['version_0', 'version_1', 'version_2']);
  const a = new Ticks(memento as never, () => [oldWs], () => oldRuns);
  a.reconcile();
  assert.equal(a.set([oldRuns[0].key, oldRuns[2].key], true), true);
  assert.deepEqual(memento.get(TICKS_STATE_KEY), ['lightning-csv|./lightning_logs/version_0|version_0', 'lightning-csv|./lightning_logs/version_2|version_2']);

  // Same workspace, new window: restored once the index has the runs.
  let indexed: typeof oldRuns = [];
  const b = new Ticks(memento as never, () => [oldWs], () => indexed);
  assert.equal(b.reconcile(), false);
  assert.deepEqual(b.keys(), []);
  indexed = oldRuns;
  assert.equal(b.reconcile(), true);
  assert.deepEqual(b.keys(), [oldRuns[0].key, oldRuns[2].key]);

  // Re-cloned elsewhere: the same runs under a new absolute path.
  const newWs = path.join(path.sep, 'srv', 'clone');
  const newRuns = runsIn(newWs, ['version_0', 'version_1', 'version_2']);
  const c = new Ticks(memento as never, () => [newWs], () => newRuns);
  c.reconcile();
  assert.deepEqual(c.keys(), [newRuns[0].key, newRuns[2].key]);
});

test('a ticked run that leaves the index is remembered and ticked again when it returns; clear forgets all', () => {
  const memento = new MapMemento();
  const ws = path.join(path.sep, 'w');
  const all = runsIn(ws, ['version_0', 'version_1']);
  let indexed = all;
  const t = new Ticks(memento as never, () => [ws], () => indexed);
  t.set([all[1].key], true);
  indexed = [all[0]];
  assert.equal(t.reconcile(), true);
  assert.deepEqual(t.keys(), []);
  assert.deepEqual(memento.get(TICKS_STATE_KEY), ['lightning-csv|./lightning_logs/version_1|version_1']);
  indexed = all;
  assert.equal(t.reconcile(), true);
  assert.deepEqual(t.keys(), [all[1].key]);
  assert.equal(t.set([all[1].key], true), false, 'ticking a ticked run changes nothing');
  t.clear();
  assert.deepEqual(t.keys(), []);
  assert.deepEqual(memento.get(TICKS_STATE_KEY), []);
});
