// The Optuna reader on synthetic storages in four schema layouts (see optuna-db-writer.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunInfo } from '../../../src/core/model';
import { createOptunaReader } from '../../../src/core/sources/optuna/reader';
import { tempDir } from '../../helpers/tmp';
import { dist, writeOptunaDb, type FixtureStudy, type Layout } from './optuna-db-writer';

const reader = createOptunaReader();
after(() => reader.cache.clear());

function studies(): FixtureStudy[] {
  return [
    {
      name: 'search',
      directions: ['MINIMIZE'],
      userAttrs: { owner: 'ana', budget: 3 },
      trials: [
        {
          number: 0,
          state: 'COMPLETE',
          values: [0.5],
          start: '2024-03-01 10:00:00.250000',
          complete: '2024-03-01 10:05:00.750000',
          params: [
            { name: 'lr', internal: 0.001, distribution: dist.float(1e-5, 1e-1, true) },
            { name: 'layers', internal: 3, distribution: dist.int(1, 8) },
            { name: 'optimizer', internal: 1, distribution: dist.categorical(['adam', 'sgd']) },
            { name: 'flag', internal: 2, distribution: dist.categorical([true, false, null]) },
          ],
          intermediate: [
            [0, 0.9],
            [1, NaN],
            [2, Infinity],
            [3, 0.5],
          ],
          userAttrs: { note: 'first', tags: ['a', 'b'] },
          systemAttrs: { 'nsga2:generation': 0 },
        },
        { number: 1, state: 'COMPLETE', values: [0.25], params: [{ name: 'lr', internal: 0.01, distribution: dist.logUniform(1e-5, 1e-1) }] },
        { number: 2, state: 'PRUNED', intermediate: [[0, 1.5]], params: [{ name: 'units', internal: 64, distribution: dist.intUniform(8, 128) }] },
        { number: 3, state: 'FAIL' },
        { number: 4, state: 'RUNNING', start: '2024-03-01 11:00:00' },
        { number: 5, state: 'WAITING' },
        { number: 6, state: 'COMPLETE', values: [-Infinity] },
      ],
    },
    {
      name: 'pareto',
      directions: ['MINIMIZE', 'MAXIMIZE'],
      metricNames: ['latency', 'accuracy'],
      trials: [
        { number: 0, state: 'COMPLETE', values: [10, 0.9] },
        { number: 1, state: 'COMPLETE', values: [5, 0.8] },
        { number: 2, state: 'COMPLETE', values: [12, 0.85] }, // dominated by trial 0
        { number: 3, state: 'COMPLETE', values: [20, Infinity] },
      ],
    },
    { name: 'maximise', directions: ['MAXIMIZE'], trials: [{ number: 0, state: 'COMPLETE', values: [1] }, { number: 1, state: 'COMPLETE', values: [3] }, { number: 2, state: 'COMPLETE', values: [3] }] },
  ];
}

async function listed(layout: Layout, data = studies()): Promise<{ runs: Map<string, RunInfo>; file: string; errors: unknown[] }> {
  const file = path.join(tempDir(), `study-${layout}.db`);
  await writeOptunaDb(file, layout === 'v3' || layout === 'v2' ? data : data.filter((s) => s.directions.length === 1), layout);
  const res = await reader.listRuns({ format: 'optuna', path: file });
  return { runs: new Map(res.runs.map((r) => [r.id, r])), file, errors: res.errors };
}

for (const layout of ['v3', 'v2', 'v1', 'v0'] as Layout[]) {
  describe(`optuna storage, ${layout} layout`, () => {
    it('lists every trial as a run of its study, with status, number and times', async () => {
      const { runs, errors } = await listed(layout);
      assert.deepEqual(errors, []);
      const expectedCount = layout === 'v3' || layout === 'v2' ? 14 : 10;
      assert.equal(runs.size, expectedCount);
      const r0 = runs.get('search#0')!;
      assert.equal(r0.name, 'trial 0');
      assert.equal(r0.experiment, 'search');
      assert.equal(r0.format, 'optuna');
      assert.equal(r0.startTime, new Date(2024, 2, 1, 10, 0, 0, 250).getTime());
      assert.equal(r0.endTime, new Date(2024, 2, 1, 10, 5, 0, 750).getTime());
      assert.deepEqual(
        ['search#1', 'search#2', 'search#3', 'search#4', 'search#5'].map((id) => runs.get(id)!.status),
        ['finished', 'pruned', 'failed', 'running', 'scheduled'],
      );
      assert.equal(runs.get('search#4')!.endTime, undefined);
    });

    it('turns stored params back into their values, keeping the distributions', async () => {
      const { runs } = await listed(layout);
      assert.deepEqual(runs.get('search#0')!.params, { lr: '0.001', layers: '3', optimizer: 'sgd', flag: 'None' });
      assert.deepEqual(runs.get('search#1')!.params, { lr: '0.01' });
      assert.deepEqual(runs.get('search#2')!.params, { units: '64' });
      const d = runs.get('search#0')!.extra!.distributions as Record<string, { name: string }>;
      assert.equal(d.lr.name, 'FloatDistribution');
      assert.equal(d.optimizer.name, 'CategoricalDistribution');
    });

    it('keeps objective values (±inf too), directions, and marks the best trial', async () => {
      const { runs } = await listed(layout);
      assert.deepEqual(runs.get('search#0')!.summary, { value: 0.5 });
      assert.deepEqual(runs.get('search#6')!.summary, { value: -Infinity });
      assert.deepEqual(runs.get('search#2')!.summary, {});
      assert.deepEqual(runs.get('search#0')!.extra!.directions, ['minimize']);
      const best = [...runs.values()].filter((r) => r.extra!.best).map((r) => r.id).sort();
      const expected = ['maximise#1', 'search#6'];
      if (layout === 'v3' || layout === 'v2') expected.push('pareto#0', 'pareto#1', 'pareto#3');
      assert.deepEqual(best, expected.sort());
      assert.deepEqual(runs.get('maximise#0')!.extra!.directions, ['maximize']);
    });

    it('reads intermediate values as one series over step, NaN and inf kept', async () => {
      const { runs } = await listed(layout);
      const res = await reader.readSeries(runs.get('search#0')!);
      assert.deepEqual(res.errors, []);
      assert.equal(res.series.length, 1);
      assert.equal(res.series[0].key, 'intermediate_value');
      assert.deepEqual([...res.series[0].points.steps], [0, 1, 2, 3]);
      const v = [...res.series[0].points.values];
      assert.equal(v[0], 0.9);
      assert.ok(Number.isNaN(v[1]));
      assert.equal(v[2], Infinity);
      assert.equal(v[3], 0.5);
      assert.deepEqual((await reader.readSeries(runs.get('search#3')!)).series, []);
    });

    it('keeps trial user and system attributes as tags and study user attributes in extra', async () => {
      const { runs } = await listed(layout);
      const r0 = runs.get('search#0')!;
      assert.equal(r0.tags.note, 'first');
      assert.equal(r0.tags.tags, '["a","b"]');
      assert.equal(r0.tags['system_attrs.nsga2:generation'], '0');
      assert.deepEqual(r0.extra!.studyUserAttrs, { owner: 'ana', budget: 3 });
      if (layout === 'v0') assert.equal(r0.tags['system_attrs._number'], '0');
    });
  });
}

describe('optuna multi-objective and metric names', () => {
  it('names the objectives by the study metric names, else values_i', async () => {
    const { runs } = await listed('v3');
    assert.deepEqual(runs.get('pareto#3')!.summary, { latency: 20, accuracy: Infinity });
    assert.deepEqual(runs.get('pareto#0')!.extra!.objectives, ['latency', 'accuracy']);
    const data = studies();
    delete data[1].metricNames;
    const plain = await listed('v3', data);
    assert.deepEqual(plain.runs.get('pareto#1')!.summary, { values_0: 5, values_1: 0.8 });
  });

  it('names the intermediate series after a single named objective', async () => {
    const data = studies();
    data[0].metricNames = ['val_loss'];
    const { runs } = await listed('v3', data);
    assert.deepEqual(runs.get('search#0')!.summary, { val_loss: 0.5 });
    const res = await reader.readSeries(runs.get('search#0')!);
    assert.equal(res.series[0].key, 'val_loss');
    assert.deepEqual((await reader.readSeries(runs.get('search#0')!, { only: [{ key: 'intermediate_value', context: {} }] })).series, []);
    assert.equal((await reader.readSeries(runs.get('search#0')!, { only: [{ key: 'val_loss', context: {} }] })).series.length, 1);
  });

  it('reports metric names that do not fit the directions and falls back to value keys', async () => {
    const data = studies();
    data[0].metricNames = ['a', 'b'];
    const { runs, errors } = await listed('v3', data);
    assert.deepEqual(runs.get('search#0')!.summary, { value: 0.5 });
    assert.match(String((errors[0] as { message: string }).message), /metric names/);
  });
});

describe('optuna reads series by run id alone', () => {
  it('resolves a run rebuilt without extra, and reports a run that is gone', async () => {
    const { runs, file } = await listed('v3');
    const bare: RunInfo = { ...runs.get('search#2')!, extra: undefined };
    const res = await reader.readSeries(bare);
    assert.deepEqual([...res.series[0].points.values], [1.5]);
    const gone = await reader.readSeries({ ...bare, id: 'search#99' });
    assert.equal(gone.series.length, 0);
    assert.match(gone.errors[0].message, /no longer/);
    assert.equal(gone.errors[0].path, file);
  });

  it('sees trials added after the first read (new size/mtime → new snapshot)', async () => {
    const { file } = await listed('v3');
    const data = studies();
    data[0].trials.push({ number: 7, state: 'COMPLETE', values: [0.1], intermediate: [[0, 0.3]] });
    await writeOptunaDb(file, data, 'v3');
    const future = new Date(Date.now() + 5000);
    fs.utimesSync(file, future, future);
    const res = await reader.listRuns({ format: 'optuna', path: file });
    const r7 = res.runs.find((r) => r.id === 'search#7')!;
    assert.ok(r7);
    assert.deepEqual(r7.summary, { value: 0.1 });
    assert.deepEqual([...(await reader.readSeries(r7)).series[0].points.values], [0.3]);
  });
});
