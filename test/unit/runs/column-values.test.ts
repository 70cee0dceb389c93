// readRows asks each source only for the series the columns need, and a run whose source fails keeps its other cells.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IndexedRun } from '../../../src/core/index/types';
import { summarize } from '../../../src/core/analysis/summarize';
import type { ReadSeriesOf, ReadSeriesOptions, RunInfo, SeriesRef, SeriesResult, SourceReader } from '../../../src/core/model';
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

test('summaries the index answers are taken from it, unread, and equal the values from the points; at() reads its target only', async () => {
  const points: Record<string, { steps: Float64Array; values: Float64Array }> = {
    en: { steps: Float64Array.of(100, 200, 300), values: Float64Array.of(0.5, 0.9, 0.8) },
    de: { steps: Float64Array.of(100, 200, 300), values: Float64Array.of(0.4, 0.6, 0.7) },
    loss: { steps: Float64Array.of(100, 200, 300), values: Float64Array.of(2, Infinity, 1) },
  };
  const refOf = (name: string) => (name === 'loss' ? { key: 'loss', context: {} } : { key: 'f1', context: { lang: name } });
  const indexed = {
    ...run('i'),
    series: Object.entries(points).map(([name, p]) => ({ ...refOf(name), ...summarize(p.steps, p.values) })),
  } as unknown as IndexedRun;
  const asked: string[] = [];
  const read: ReadSeriesOf = async (_r, only) => {
    asked.push(...only.map((s) => `${s.key}${JSON.stringify(s.context)}`));
    const name = (s: SeriesRef) => (s.key === 'loss' ? 'loss' : String(s.context.lang));
    return { series: only.map((s) => ({ ...s, points: points[name(s)] })), errors: [] };
  };
  const ids = ['f1[lang=en]:best', 'f1[lang=de]:last', 'loss:min', 'f1[lang=de]:at(f1[lang=en]:best)', 'loss:max', 'f1[lang=en]:mean_last:2'];
  const columns = ids.map((id) => parseColumn(id));
  const fast = await readRows([indexed], columns, read);
  assert.deepEqual(asked.sort(), ['f1{"lang":"de"}', 'f1{"lang":"en"}', 'loss{}'], 'de for at(), en for mean_last, loss for max (an infinity hides the finite max)');
  // every value equals the one computed from the points of a run whose summaries the index does not have
  const slow = await readRows([run('i')], columns, read);
  assert.deepEqual(fast.rows[0].values, slow.rows[0].values);
  assert.deepEqual(fast.rows[0].steps, slow.rows[0].steps);
  assert.deepEqual(fast.rows[0].values, { 'f1[lang=en]:best': 0.9, 'f1[lang=de]:last': 0.7, 'loss:min': 1, 'f1[lang=de]:at(f1[lang=en]:best)': 0.6, 'loss:max': 2, 'f1[lang=en]:mean_last:2': 0.8500000000000001 });
  asked.length = 0;
  await readRows([indexed], [parseColumn('f1[lang=en]:best'), parseColumn('loss:last')], read);
  assert.deepEqual(asked, [], 'a view of index-answered columns reads nothing');
});
