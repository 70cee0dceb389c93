// The in-process series service: one read per series until the index says the series changed; broken
// reads come back as errors on the run, never as a throw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IndexedRun } from '../../../../src/core/index/types';
import type { ReadSeriesOptions, RunInfo, SeriesResult, SourceReader } from '../../../../src/core/model';
import { InProcessSeriesService } from '../../../../src/host/series/series-service';

const run = { format: 'mlflow-file', root: '/r', id: 'a', name: 'a', path: '/r/0/a' } as unknown as RunInfo;
const ref = { key: 'loss', context: {} };

function counting(fail = false) {
  const calls: ReadSeriesOptions[] = [];
  const reader = {
    format: 'mlflow-file',
    async readSeries(_run: RunInfo, options?: ReadSeriesOptions): Promise<SeriesResult> {
      calls.push(options ?? {});
      if (fail) throw new Error('disk on fire');
      return { series: (options?.only ?? []).map((r) => ({ ...r, points: { steps: Float64Array.of(0, 1), values: Float64Array.of(2, 1) } })), errors: [] };
    },
  } as unknown as SourceReader;
  return { reader, calls };
}

test('a second read of the same series is served from the cache', async () => {
  const { reader, calls } = counting();
  const service = new InProcessSeriesService({ readerFor: () => reader });
  const first = await service.read(run, [ref]);
  const second = await service.read(run, [ref]);
  assert.deepEqual([...second.series[0].points.values], [2, 1]);
  assert.deepEqual(first.series[0].points, second.series[0].points);
  assert.equal(calls.length, 1);
});

test('the series is read again once the index fingerprint changes', async () => {
  const { reader, calls } = counting();
  let count = 2;
  const indexed = () => ({ series: [{ key: 'loss', context: {}, count, lastStep: count - 1, lastTime: 0 }] }) as unknown as IndexedRun;
  const service = new InProcessSeriesService({ readerFor: () => reader, indexed });
  await service.read(run, [ref]);
  count = 3;
  await service.read(run, [ref]);
  assert.equal(calls.length, 2);
});

test('a reader that throws gives an error naming the run', async () => {
  const { reader } = counting(true);
  const service = new InProcessSeriesService({ readerFor: () => reader });
  const res = await service.read(run, [ref]);
  assert.equal(res.series.length, 0);
  assert.match(res.errors[0].message, /a: disk on fire/);
});
