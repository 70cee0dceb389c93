import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  aggregateGroups,
  compareValues,
  groupingDimensions,
  layoutCharts,
  metricFamilies,
  MISSING,
  smoothed,
  splitMetricKey,
  viewOf,
  type CurveRun,
  type LayoutOptions,
} from '../../../src/core/curves';

const LRS = ['1e-05', '3e-05', '0.0001'];
const RUNS: CurveRun[] = LRS.flatMap((lr) =>
  ['1', '2'].map((seed) => ({ key: `k-${lr}-${seed}`, name: `lr${lr}-seed${seed}`, experiment: 'xner', format: 'mlflow-file', status: 'finished', params: { lr, seed, model: 'xlmr' }, tags: { user: 'me' } })),
);

interface S {
  runKey: string;
  key: string;
  context: Record<string, string>;
  x: Float64Array;
  y: Float64Array;
}

function mlflowStyle(): S[] {
  const out: S[] = [];
  for (const r of RUNS) {
    for (const key of ['train_loss', 'f1_de', 'f1_en', 'f1_zh']) {
      const seed = Number(r.params.seed);
      out.push({ runKey: r.key, key, context: {}, x: Float64Array.of(0, 10, 20), y: Float64Array.of(seed, seed * 2, seed * 3) });
    }
  }
  return out;
}

const BASE: LayoutOptions = { split: false, facetBy: 'auto', colorBy: 'run', dashBy: 'none', metrics: [], hiddenContexts: [], filter: '', hiddenRuns: [], hiddenGroups: [] };

test('metric-family split: only families shared by two or more keys split; `/` works too', () => {
  assert.deepEqual(splitMetricKey('f1_de'), { family: 'f1', suffix: 'de' });
  assert.deepEqual(splitMetricKey('eval/f1/de'), { family: 'eval/f1', suffix: 'de' });
  assert.equal(splitMetricKey('loss'), undefined);
  assert.equal(splitMetricKey('_x'), undefined);
  assert.equal(splitMetricKey('x_'), undefined);
  const fam = metricFamilies(['train_loss', 'eval_loss', 'f1_de', 'f1_en', 'learning_rate', 'acc/val', 'acc/train']);
  assert.deepEqual([...fam.keys()].sort(), ['acc/train', 'acc/val', 'f1_de', 'f1_en']);
  assert.deepEqual(viewOf({ key: 'f1_de', context: {} }, fam), { metric: 'f1', context: { suffix: 'de' } });
  assert.deepEqual(viewOf({ key: 'train_loss', context: {} }, fam), { metric: 'train_loss', context: {} });
  // A real context key called `suffix` is kept; the split only renames the metric then.
  assert.deepEqual(viewOf({ key: 'f1_de', context: { suffix: 'x' } }, fam), { metric: 'f1', context: { suffix: 'x' } });
});

test('without the split each MLflow key is its own chart; with it, chart = language', () => {
  const series = mlflowStyle();
  const plain = layoutCharts(RUNS, series, BASE);
  assert.deepEqual(plain.charts.map((c) => c.title), ['train_loss', 'f1_de', 'f1_en', 'f1_zh']);
  const split = layoutCharts(RUNS, series, { ...BASE, split: true, colorBy: 'param:lr' });
  assert.deepEqual(split.charts.map((c) => c.title), ['train_loss', 'f1 · suffix=de', 'f1 · suffix=en', 'f1 · suffix=zh']);
  assert.equal(split.charts[1].members.length, 6);
  assert.deepEqual(split.color.entries.map((e) => e.value), ['1e-05', '3e-05', '0.0001'], 'learning rates sorted by value');
  assert.deepEqual(split.catalog.find((c) => c.metric === 'f1')?.contexts, [{ key: 'suffix', values: ['de', 'en', 'zh'] }]);
  // facet none merges the languages into one f1 chart; facet by lr makes one chart per lr and metric.
  assert.deepEqual(layoutCharts(RUNS, series, { ...BASE, split: true, facetBy: 'none' }).charts.map((c) => c.title), ['train_loss', 'f1']);
  const byLr = layoutCharts(RUNS, series, { ...BASE, facetBy: 'param:lr', metrics: ['train_loss'] });
  assert.deepEqual(byLr.charts.map((c) => c.title), ['train_loss · lr=1e-05', 'train_loss · lr=3e-05', 'train_loss · lr=0.0001']);
});

test('series selection: metric names, context chips and the title filter', () => {
  const series = mlflowStyle();
  const only = layoutCharts(RUNS, series, { ...BASE, split: true, metrics: ['f1'], hiddenContexts: ['suffix=zh'] });
  assert.deepEqual(only.charts.map((c) => c.title), ['f1 · suffix=de', 'f1 · suffix=en']);
  assert.deepEqual(layoutCharts(RUNS, series, { ...BASE, filter: 'LOSS' }).charts.map((c) => c.title), ['train_loss']);
});

test('groups: colour × dash values form the aggregation key; legend clicks hide groups', () => {
  const series = mlflowStyle();
  const l = layoutCharts(RUNS, series, { ...BASE, colorBy: 'param:lr', dashBy: 'param:seed', hiddenGroups: ['param:lr=3e-05'] });
  const chart = l.charts[0];
  assert.equal(new Set(chart.members.map((m) => m.groupKey)).size, 6);
  assert.deepEqual(chart.members.filter((m) => m.hidden).map((m) => m.series.runKey), ['k-3e-05-1', 'k-3e-05-2']);
  assert.deepEqual(l.color.entries.map((e) => e.hidden), [false, true, false]);
  assert.deepEqual(l.dash.entries.map((e) => e.label), ['1', '2']);
  const byRun = layoutCharts(RUNS, series, { ...BASE, hiddenRuns: ['k-1e-05-2'] });
  assert.deepEqual(byRun.color.entries.map((e) => e.label).slice(0, 2), ['lr1e-05-seed1', 'lr1e-05-seed2']);
  assert.equal(byRun.color.entries[1].hidden, true);
});

test('median + min–max over seeds per lr group, hidden members left out, no point past a run\u2019s end', () => {
  const series = mlflowStyle();
  // seed 2 of lr 1e-05 stops at x=10
  const short = series.find((s) => s.runKey === 'k-1e-05-2' && s.key === 'train_loss')!;
  short.x = Float64Array.of(0, 10);
  short.y = Float64Array.of(2, 4);
  const l = layoutCharts(RUNS, series, { ...BASE, colorBy: 'param:lr', metrics: ['train_loss'], hiddenGroups: ['param:lr=0.0001'] });
  const groups = aggregateGroups(l.charts[0].members, (m) => ({ x: m.series.x, y: m.series.y }), { centre: 'median', band: 'minmax' });
  assert.deepEqual(groups.map((g) => g.colorValue), ['1e-05', '3e-05']);
  const g = groups[0].agg;
  assert.deepEqual([...g.x], [0, 10, 20]);
  assert.deepEqual([...g.n], [2, 2, 1]);
  assert.deepEqual([...g.centre], [1.5, 3, 3]);
  assert.deepEqual([...g.lower], [1, 2, 3]);
  assert.deepEqual([...g.upper], [2, 4, 3]);
  assert.deepEqual(groups[1].runKeys, ['k-3e-05-1', 'k-3e-05-2']);
});

test('grouping dimensions: varying params, context keys, no constant ones; values sort numerically', () => {
  const views = mlflowStyle().map((s) => viewOf(s, metricFamilies(['f1_de', 'f1_en'])));
  const dims = groupingDimensions(RUNS, views).map((d) => d.id);
  assert.deepEqual(dims, ['param:lr', 'param:seed', 'ctx:suffix']);
  assert.deepEqual(['0.0001', '1e-05', '3e-05', MISSING, '2e-05'].sort(compareValues), ['1e-05', '2e-05', '3e-05', '0.0001', MISSING]);
  assert.deepEqual(['run10', 'run2', 'run1'].sort(compareValues), ['run1', 'run2', 'run10']);
});

test('smoothing: EMA debiased start, centred moving average, off returns undefined', () => {
  assert.equal(smoothed([1, 2, 3], { mode: 'none', weight: 0.6, window: 5 }), undefined);
  const e = smoothed([1, 3], { mode: 'ema', weight: 0.5, window: 0 })!;
  assert.deepEqual([...e], [1, (0.25 + 1.5) / 0.75]);
  assert.deepEqual([...smoothed([1, 2, 6], { mode: 'ma', weight: 0, window: 3 })!], [1.5, 3, 4]);
});
