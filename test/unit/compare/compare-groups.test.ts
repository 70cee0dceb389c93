// Group comparison on hand-built rows (the golden fixture G1 as two learning rates), the default grouping
// (only params every compared run has), the extra-param warning, and model selection read through a fake
// ReadSeriesOf (one read per run; a failing run is reported, the rest selected).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarize } from '../../../src/core/analysis/summarize';
import { compareGroups, compareJson, comparisonParams } from '../../../src/core/compare/compare-groups';
import { compareRuns, selectRuns } from '../../../src/core/compare/run-analyses';
import type { IndexedRun } from '../../../src/core/index/types';
import type { ReadSeriesOf, SeriesPoints } from '../../../src/core/model';
import type { RunRow } from '../../../src/core/runs/column-values';

const G1A = [0.812, 0.809, 0.815, 0.811, 0.818];
const G1B = [0.805, 0.807, 0.804, 0.81, 0.806];

function run(id: string, params: Record<string, string>, series: string[] = []): IndexedRun {
  return {
    key: `mlflow-file|/r|${id}`, id, name: id, format: 'mlflow-file', experiment: 'e', status: 'finished', path: `/r/${id}`, root: '/r', params, tags: {}, checkpoints: [],
    series: series.map((key) => ({ key, context: {}, count: 3, lastStep: 3, lastTime: 0, last: 0, min: 0, max: 0 })),
  } as unknown as IndexedRun;
}
const row = (r: IndexedRun, v: number): RunRow => ({ run: r, values: { m: v }, steps: {}, approximate: {} });

test('compareGroups: G1 as two learning rates — Welch p of the golden fixture, verdict A better', () => {
  const rows = [...G1A.map((v, i) => row(run(`a${i}`, { lr: '3e-5', seed: String(i) }), v)), ...G1B.map((v, i) => row(run(`b${i}`, { lr: '1e-5', seed: String(i) }), v))];
  const c = compareJson(compareGroups(rows, 'm', ['lr']));
  assert.equal(c.groups.length, 2);
  assert.deepEqual(c.groups[0].values, G1A);
  assert.ok(Math.abs(c.pairs[0].welch!.p - 0.010314118295237429) < 1e-12);
  assert.equal(c.pairs[0].pHolm, c.pairs[0].welch!.p); // one pair: Holm changes nothing
  assert.equal(c.pairs[0].verdict, 'a-better');
  assert.deepEqual(c.alsoDiffer, []);
  assert.ok(c.groups[0].meanCi95![0] < 0.813 && c.groups[0].meanCi95![1] > 0.813);
});

test('a param outside the grouping that differs is named; NaN values leave a group out', () => {
  const rows = [
    row(run('a', { lr: '1', bs: '16' }), 0.5), row(run('b', { lr: '1', bs: '32' }), 0.6),
    row(run('c', { lr: '2', bs: '16' }), 0.7), row(run('d', { lr: '2', bs: '32' }), 0.8),
    row(run('e', { lr: '3', bs: '16' }), NaN),
  ];
  const c = compareGroups(rows, 'm', ['lr']);
  assert.deepEqual(c.alsoDiffer, ['bs']);
  assert.deepEqual(c.empty, [{ lr: '3' }]);
  assert.equal(c.groups.length, 2);
});

test('default grouping: varying, non-replicate params that every run has', () => {
  const runs = [run('a', { lr: '1', seed: '1', model: 'x', eval_steps: '10' }), run('b', { lr: '2', seed: '2', model: 'x' }), run('c', { lr: '2', seed: '3', model: 'y' })];
  assert.deepEqual(comparisonParams(runs), ['lr', 'model']);
  assert.deepEqual(comparisonParams(runs, ['eval_steps']), ['eval_steps']);
});

test('compareRuns and selectRuns read through ReadSeriesOf; a failing run is reported and left out', async () => {
  const pts = (values: number[]): SeriesPoints => ({ steps: Float64Array.from(values.map((_, i) => (i + 1) * 100)), values: Float64Array.from(values) });
  const data: Record<string, Record<string, number[]>> = {
    r1: { en: [0.5, 0.9, 0.8], de: [0.4, 0.6, 0.7] },
    r2: { en: [0.6, 0.7, 0.85], de: [0.5, 0.75, 0.72] },
  };
  // the index's summaries of those points (the broken run's files were readable when it was indexed)
  const indexedAs = (r: IndexedRun, id: string): IndexedRun => ({ ...r, series: ['en', 'de'].map((key) => ({ key, context: {}, ...summarize(pts(data[id][key]).steps, pts(data[id][key]).values) })) });
  const runs = [indexedAs(run('r1', { lr: '1', seed: '1' }), 'r1'), indexedAs(run('r2', { lr: '2', seed: '1' }), 'r2'), indexedAs(run('broken', { lr: '3', seed: '1' }), 'r1')];
  const calls: string[] = [];
  const read: ReadSeriesOf = async (r, only) => {
    calls.push(`${r.id}:${only.map((o) => o.key).sort().join('+')}`);
    if (r.id === 'broken') return { series: [], errors: [{ path: r.path, message: 'unreadable' }] };
    return { series: only.map((o) => ({ ...o, points: pts(data[r.id][o.key]) })), errors: [] };
  };
  const s = await selectRuns(runs, 'en', ['de'], read);
  assert.ok(s.ok);
  assert.deepEqual(calls, ['r1:de+en', 'r2:de+en', 'broken:de+en']);
  assert.equal(s.errors.length, 1);
  const t = s.json.targets[0];
  assert.deepEqual([t.selected.runName, t.selected.step, t.selected.value, t.selected.rank], ['r1', 200, 0.6, 4]);
  assert.deepEqual([t.oracle.runName, t.oracle.step, t.oracle.value], ['r2', 200, 0.75]);
  assert.ok(Math.abs(t.regret - 0.15) < 1e-12);
  assert.equal(t.candidates, 6);
  assert.deepEqual([t.last.step, t.last.value], [300, 0.7]);
  const c = await compareRuns(runs, 'de:at(en:best)', ['lr'], read);
  assert.ok(c.ok);
  assert.deepEqual(c.json.groups.map((g) => g.values), [[0.6], [0.72]]);
  assert.equal(c.json.pairs[0].verdict, 'too-few-seeds');
  const bad = await selectRuns(runs, 'params.lr', ['de'], read);
  assert.equal(bad.ok, false);
});
