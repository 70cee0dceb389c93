// readRows asks each source only for the series the columns need, and a run whose source fails keeps its other cells.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IndexedRun } from '../../../src/core/index/types';
import type { ReadSeriesOptions, RunInfo, SeriesResult, SourceReader } from '../../../src/core/model';
import { readRows, readerSeries } from '../../../src/core/runs/column-values';
import { parseColumn } from '../../../src/core/runs/columns';

const run = (id: string): IndexedRun =>
  ({
    format: 'mlflow-file', id, name: id, experiment: 'e', status: 'finished', path: `/r/${id}`, root: '/r', key: id, tags: {}, checkpoints: [], params: { lr: '1' },
    series: [
      { key: 'f1', context: { lang: 'en' } },
      { key: 'f1', context: { lang: 'de' } },
      { key: 'loss', context: {} },
    ],
  }) as unknown as IndexedRun;

test('only the series the columns read are requested; a failing source leaves its metric cells empty', async () => {
  const asked: string[] = [];
  const reader = {
    format: 'mlflow-file',
    async readSeries(r: RunInfo, options?: ReadSeriesOptions): Promise<SeriesResult> {
      if (r.id === 'bad') throw new Error('disk on fire');
      asked.push(...(options?.only ?? []).map((s) => `${s.key}${JSON.stringify(s.context)}`));
      return {
        series: (options?.only ?? []).map((s) => ({ ...s, points: { steps: Float64Array.of(1, 2), values: s.context.lang === 'en' ? Float64Array.of(0.9, 0.8) : Float64Array.of(0.1, 0.2) } })),
        errors: [],
      };
    },
  } as unknown as SourceReader;
  const columns = [parseColumn('params.lr'), parseColumn('f1[lang=de]:at(f1[lang=en]:best)')];
  const { rows, errors } = await readRows([run('a'), run('bad')], columns, readerSeries(() => reader));
  assert.deepEqual(asked.sort(), ['f1{"lang":"de"}', 'f1{"lang":"en"}']);
  assert.deepEqual(rows[0].values, { 'params.lr': '1', 'f1[lang=de]:at(f1[lang=en]:best)': 0.1 });
  assert.deepEqual(rows[0].steps, { 'f1[lang=de]:at(f1[lang=en]:best)': 1 });
  assert.deepEqual(rows[1].values, { 'params.lr': '1', 'f1[lang=de]:at(f1[lang=en]:best)': null });
  assert.match(errors[0].message, /bad: disk on fire/);
});
