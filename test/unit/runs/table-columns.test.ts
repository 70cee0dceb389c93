import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IndexedRun } from '../../../src/core/index/types';
import { parseColumn } from '../../../src/core/runs/columns';
import { columnCatalog, defaultColumns, metricColumnId } from '../../../src/core/runs/table-columns';

const run = (params: Record<string, string>, tags: Record<string, string> = {}) =>
  ({ params, tags, series: [{ key: 'f1', context: { lang: 'de' } }, { key: 'f1', context: { lang: 'en' } }, { key: 'eval_loss', context: {} }], summary: { value: 1 } }) as unknown as IndexedRun;

test('metricColumnId writes what parseColumn reads back', () => {
  assert.equal(metricColumnId('f1', { lang: 'de' }), 'f1[lang=de]');
  assert.equal(metricColumnId('f1', { lang: 'de', fold: 2 }, 'at(f1[lang=en]:best)'), 'f1[fold=2,lang=de]:at(f1[lang=en]:best)');
  assert.equal(metricColumnId('loss', {}, 'best'), 'loss:best');
  const c = parseColumn(metricColumnId('f1', { lang: 'de' }, 'mean_last:3'));
  assert.deepEqual(c.kind === 'metric' && [c.key, c.context, c.summary], ['f1', { lang: 'de' }, { kind: 'mean_last', k: 3 }]);
});

test('the catalog lists run fields, params, tags, each metric with its context and scalar summaries; context keys', () => {
  const cat = columnCatalog([run({ lr: '1', seed: '1' }, { team: 'a' }), run({ lr: '2', seed: '2', opt: 'adam' })]);
  const ids = cat.columns.map((c) => c.id);
  assert.deepEqual(ids.slice(0, 4), ['run.name', 'run.experiment', 'run.status', 'run.format']);
  for (const id of ['params.lr', 'params.opt', 'tags.team', 'f1[lang=de]', 'f1[lang=en]', 'eval_loss', 'value']) assert.ok(ids.includes(id), id);
  assert.deepEqual(cat.params, ['lr', 'opt', 'seed']);
  assert.deepEqual(cat.contextKeys, ['lang']);
});

test('default columns: the params that vary (the seed kept), then the objective at its best', () => {
  const ids = defaultColumns([run({ lr: '1', seed: '1', fixed: 'x' }), run({ lr: '2', seed: '2', fixed: 'x' })]).map((c) => c.id);
  assert.deepEqual(ids.slice(0, 2), ['params.lr', 'params.seed']);
  assert.ok(!ids.includes('params.fixed'));
});
