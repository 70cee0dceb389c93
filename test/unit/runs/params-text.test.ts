import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runParamsText } from '../../../src/core/runs/params-text';

function series(key: string, last: number, min: number, max: number, context: Record<string, string> = {}) {
  return { key, context, count: 5, firstStep: 0, lastStep: 4, first: max, last, min, max, argminStep: 4, argmaxStep: 0, lastTime: NaN, nanCount: 0 };
}

const run = (over: object = {}) => ({
  name: 'lr-0.01',
  id: 'abc123',
  format: 'mlflow-file' as const,
  experiment: 'classifier',
  status: 'finished' as const,
  gitCommit: 'deadbeef',
  params: { optimizer: 'adamw', learning_rate: '0.01', notes: 'two\nlines' },
  tags: { 'mlflow.user': 'alice' },
  summary: { train_runtime: 12.5 },
  series: [series('val_loss', 0.2, 0.15, 2.1), series('f1', 0.8, 0.1, 0.8, { lang: 'de' })],
  ...over,
});

test('params text: sorted key = value lines per section, one line per value, metric ranges', () => {
  const text = runParamsText(run());
  assert.equal(
    text,
    [
      '# lr-0.01',
      'id = abc123',
      'format = mlflow-file',
      'experiment = classifier',
      'status = finished',
      'commit = deadbeef',
      '',
      '[params]',
      'learning_rate = 0.01',
      'notes = two\\nlines',
      'optimizer = adamw',
      '',
      '[summary]',
      'train_runtime = 12.5',
      '',
      '[metrics]',
      'f1 · lang=de = last 0.8 · min 0.1 · max 0.8 · 5 points',
      'val_loss = last 0.2 · min 0.15 · max 2.1 · 5 points',
      '',
      '[tags]',
      'mlflow.user = alice',
      '',
    ].join('\n'),
  );
});

test('two runs that differ in one param differ in one line of params', () => {
  const a = runParamsText(run()).split('\n');
  const b = runParamsText(run({ params: { optimizer: 'sgd', learning_rate: '0.01', notes: 'two\nlines' } })).split('\n');
  assert.equal(a.length, b.length);
  assert.deepEqual(a.filter((line, i) => line !== b[i]), ['optimizer = adamw']);
});

test('empty sections are left out; NaN and infinities are written as Python prints them', () => {
  const text = runParamsText(run({ params: {}, tags: {}, summary: undefined, series: [series('loss', NaN, -Infinity, Infinity)] }));
  assert.ok(!text.includes('[params]') && !text.includes('[tags]') && !text.includes('[summary]'));
  assert.ok(text.includes('loss = last nan · min -inf · max inf · 5 points'));
});
