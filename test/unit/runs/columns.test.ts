import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ColumnError, contextMatches, parseColumn, resolveColumns, seriesOfColumn, splitColumnList, type MetricColumn } from '../../../src/core/runs/columns';
import { summaryText } from '../../../src/core/runs/table-json';

test('params, tags and run fields by prefix or name', () => {
  assert.deepEqual(parseColumn('params.lr'), { id: 'params.lr', kind: 'param', key: 'lr' });
  assert.deepEqual(parseColumn('p.lr'), { id: 'p.lr', kind: 'param', key: 'lr' });
  assert.deepEqual(parseColumn('tags.mlflow.user'), { id: 'tags.mlflow.user', kind: 'tag', key: 'mlflow.user' });
  assert.deepEqual(parseColumn('name'), { id: 'name', kind: 'field', key: 'name' });
  assert.deepEqual(parseColumn('run.status'), { id: 'run.status', kind: 'field', key: 'status' });
  assert.throws(() => parseColumn('run.nope'), ColumnError);
});

test('metrics: key, context and every summary', () => {
  assert.deepEqual(parseColumn('f1_en'), { id: 'f1_en', kind: 'metric', key: 'f1_en', context: {}, summary: { kind: 'last' } });
  const c = parseColumn('f1[lang=de, split=dev]:mean_last:5') as MetricColumn;
  assert.deepEqual([c.key, c.context, c.summary], ['f1', { lang: 'de', split: 'dev' }, { kind: 'mean_last', k: 5 }]);
  assert.deepEqual((parseColumn('loss:at_step:400') as MetricColumn).summary, { kind: 'at_step', step: 400 });
  const at = parseColumn('f1[lang=de]:at(f1[lang=en]:best)') as MetricColumn;
  assert.equal(at.summary.kind, 'at');
  assert.equal(summaryText(at.summary), 'at(f1[lang=en]:best)');
  assert.deepEqual(seriesOfColumn(at), [{ key: 'f1', context: { lang: 'de' } }, { key: 'f1', context: { lang: 'en' } }]);
  assert.throws(() => parseColumn('f1:median'), /unknown summary/);
  assert.throws(() => parseColumn('f1:at(params.lr)'), /metric column/);
  assert.throws(() => parseColumn('f1:mean_last:0'), ColumnError);
});

test('column lists split on commas outside brackets', () => {
  assert.deepEqual(splitColumnList('lr, f1[lang=de,split=dev]:at(f1[lang=en,split=dev]:best),loss'), ['lr', 'f1[lang=de,split=dev]:at(f1[lang=en,split=dev]:best)', 'loss']);
});

test('a bare word no run logged as a metric is the param of that name', () => {
  const runs = [{ params: { dropout: '0.1', lr: '1e-5' }, series: [{ key: 'lr' }] }];
  const [a, b] = resolveColumns([parseColumn('dropout'), parseColumn('lr')], runs);
  assert.equal(a.kind, 'param');
  assert.equal(b.kind, 'metric');
});

test('contexts match as text, all keys', () => {
  assert.ok(contextMatches({ fold: '3' }, { fold: 3 }));
  assert.ok(!contextMatches({ lang: 'de' }, { lang: 'de', split: 'dev' }));
  assert.ok(contextMatches({}, {}));
});
