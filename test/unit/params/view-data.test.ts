// paramsViewData: what the Params panel is sent for a view — the default axes (varying params by importance,
// objective last), numeric columns as numbers + missing mask, text columns as texts, group labels without the
// seed, the axis picker's columns, and errors for column ids that do not parse.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IndexedRun } from '../../../src/core/index/types';
import type { ReadSeriesOf } from '../../../src/core/model';
import { availableColumns, paramsViewData } from '../../../src/core/params/view-data';

const lrs = ['1e-5', '3e-5', '1e-4'];
const runs: IndexedRun[] = Array.from({ length: 12 }, (_, i) => ({
  format: 'mlflow-file',
  id: `r${i}`,
  name: `run-${i}`,
  experiment: 'sweep',
  status: 'finished',
  path: `/r/${i}`,
  root: '/r',
  key: `k${i}`,
  tags: {},
  checkpoints: [],
  params: { learning_rate: lrs[i % 3], seed: String(i >> 2), model: 'xlmr', optim: i % 2 ? 'adam' : 'sgd', ...(i === 5 ? {} : { warmup: '0.1' }) },
  series: [{ key: 'eval_f1', context: {} }, { key: 'f1', context: { lang: 'de' } }],
})) as unknown as IndexedRun[];

/** eval_f1 peaks at the middle learning rate; run 11 never logged f1·de. */
const read: ReadSeriesOf = async (run, only) => {
  const i = Number(run.id.slice(1));
  const series = only
    .filter((s) => !(i === 11 && s.key === 'f1'))
    .map((s) => ({ ...s, points: { steps: Float64Array.of(1, 2), values: s.key === 'eval_f1' ? Float64Array.of(0.5, i % 3 === 1 ? 0.9 : 0.6 + i / 100) : Float64Array.of(0.4, i === 3 ? NaN : 0.7) } }));
  return { series, errors: [] };
};

const view = { axes: [], colorBy: '', bestBy: '', scatterX: '', scatterY: '', objective: '' };

test('default axes: the varying params, the important learning rate first, the objective (eval_f1:best) last', async () => {
  const data = await paramsViewData(runs, view, read);
  assert.equal(data.importance?.objective, 'eval_f1:best');
  assert.equal(data.importance?.n, 11, 'the run without warmup is left out of importance');
  assert.equal(data.importance?.params[0].param, 'learning_rate');
  // model is the same everywhere: no axis; seed last among the params unless importance says otherwise
  assert.equal(data.axes[0], 'params.learning_rate');
  assert.equal(data.axes[data.axes.length - 1], 'eval_f1:best');
  assert.ok(!data.axes.includes('params.model'));
  assert.deepEqual([...data.axes].sort(), ['eval_f1:best', 'params.learning_rate', 'params.optim', 'params.seed', 'params.warmup'].sort());
});

test('columns: numbers (params logged as text included) with a missing mask; texts; NaN kept; groups without the seed', async () => {
  const data = await paramsViewData(runs, { ...view, axes: ['params.learning_rate', 'params.optim', 'f1[lang=de]:last', 'params.warmup'] }, read);
  const col = (id: string) => data.columns.find((c) => c.id === id)!;
  assert.deepEqual(Array.from(col('params.learning_rate').numbers!.slice(0, 3)), [1e-5, 3e-5, 1e-4]);
  assert.deepEqual(col('params.optim').text!.slice(0, 2), ['sgd', 'adam']);
  const de = col('f1[lang=de]:last');
  assert.equal(de.goal, 'max');
  assert.ok(Number.isNaN(de.numbers![3]) && de.missing![3] === 0, 'a NaN value is a value');
  assert.equal(de.missing![11], 1, 'a run that did not log it is missing');
  assert.equal(col('params.warmup').missing![5], 1);
  assert.equal(col('params.learning_rate').label, 'learning_rate');
  assert.equal(data.runs[0].group, 'learning_rate=1e-5 optim=sgd warmup=0.1');
  assert.equal(data.runs[0].group, data.runs[6].group, 'seeds share a group');
});

test('a column id that does not parse is reported, the rest is sent', async () => {
  const data = await paramsViewData(runs, { ...view, axes: ['params.learning_rate', 'f1[lang=de:bogus'] }, read);
  assert.deepEqual(data.columns.map((c) => c.id), ['params.learning_rate']);
  assert.match(data.errors.join('\n'), /f1\[lang=de:bogus/);
});

test('the axis picker offers every param, then each metric series best and last', () => {
  assert.deepEqual(availableColumns(runs.slice(0, 1)), ['params.learning_rate', 'params.model', 'params.optim', 'params.seed', 'params.warmup', 'eval_f1:best', 'eval_f1:last', 'f1[lang=de]:best', 'f1[lang=de]:last']);
});

test('a view whose axes the user removed stays empty (no defaults forced back)', async () => {
  const data = await paramsViewData(runs, { ...view, fillDefaultAxes: false }, read);
  assert.deepEqual(data.axes, []);
  assert.deepEqual(data.columns, []);
});
