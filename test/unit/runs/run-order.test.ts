import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupByParam, metricNames, metricValue, NO_VALUE, paramNames, sortRuns } from '../../../src/core/runs/run-order';
import { naturalCompare } from '../../../src/core/util/natural-sort';
import type { SeriesSummary } from '../../../src/core/index/types';

test('natural order: digit runs by value, case ignored, ties total', () => {
  const names = ['version_10', 'version_2', 'Version_1', 'version_1', 'checkpoint-1000', 'checkpoint-500', 'v', 'version_02'];
  assert.deepEqual([...names].sort(naturalCompare), ['checkpoint-500', 'checkpoint-1000', 'v', 'Version_1', 'version_1', 'version_02', 'version_2', 'version_10']);
  assert.equal(naturalCompare('a', 'a'), 0);
  assert.ok(naturalCompare('Version_1', 'version_1') < 0 && naturalCompare('version_1', 'Version_1') > 0);
});

const series = (key: string, last: number, context = {}): SeriesSummary => ({
  key, context, count: 3, firstStep: 0, lastStep: 2, first: 0, last, min: 0, max: last, argminStep: 0, argmaxStep: 2, lastTime: NaN, nanCount: 0,
});
const run = (name: string, extra: { start?: number; params?: Record<string, string>; summary?: Record<string, number>; series?: SeriesSummary[] } = {}) => ({
  name, id: name, startTime: extra.start, params: extra.params ?? {}, summary: extra.summary ?? {}, series: extra.series ?? [],
});

test('sort by name (natural), by start (newest first, unknown last), by metric (either way, missing last)', () => {
  const runs = [
    run('version_10', { start: 3, series: [series('val_loss', 0.2)] }),
    run('version_2', { start: 1, summary: { val_loss: 0.5 } }),
    run('version_1', { series: [series('val_loss', 0.1, { subset: 'x' })] }),
    run('version_3', { start: 2, series: [series('val_loss', NaN)] }),
  ];
  const names = (xs: Array<{ name: string }>) => xs.map((r) => r.name);
  assert.deepEqual(names(sortRuns(runs, { by: 'name' })), ['version_1', 'version_2', 'version_3', 'version_10']);
  assert.deepEqual(names(sortRuns(runs, { by: 'start' })), ['version_10', 'version_3', 'version_2', 'version_1']);
  assert.deepEqual(names(sortRuns(runs, { by: 'metric', metric: 'val_loss', direction: 'asc' })), ['version_10', 'version_2', 'version_1', 'version_3']);
  assert.deepEqual(names(sortRuns(runs, { by: 'metric', metric: 'val_loss', direction: 'desc' })), ['version_2', 'version_10', 'version_1', 'version_3']);
  // a series with a context is not "the" metric; NaN counts as missing
  assert.equal(metricValue(runs[2], 'val_loss'), undefined);
  assert.equal(metricValue(runs[3], 'val_loss'), undefined);
  assert.deepEqual(names(runs), ['version_10', 'version_2', 'version_1', 'version_3'], 'the input is not reordered');
});

test('group by param: numbers by value, text naturally, runs without it last', () => {
  const runs = [
    run('a', { params: { lr: '3e-5' } }),
    run('b', { params: { lr: '0.0001' } }),
    run('c', {}),
    run('d', { params: { lr: '1e-05' } }),
    run('e', { params: { lr: '3e-5' } }),
  ];
  assert.deepEqual(
    groupByParam(runs, 'lr').map((g) => [g.value, g.runs.map((r) => r.name)]),
    [['1e-05', ['d']], ['3e-5', ['a', 'e']], ['0.0001', ['b']], [NO_VALUE, ['c']]],
  );
  assert.deepEqual(paramNames(runs), [{ name: 'lr', runs: 4, values: 3 }]);
  assert.deepEqual(metricNames([run('x', { summary: { f1: 1 }, series: [series('f1', 1), series('loss', 1)] }), run('y', { series: [series('loss', 2)] })]), [
    { name: 'loss', runs: 2 },
    { name: 'f1', runs: 1 },
  ]);
});
