import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutCharts, runDisplayNames, type CurveRun } from '../../../src/core/curves';

const run = (key: string, name: string, experiment = 'default'): CurveRun => ({ key, name, experiment, format: key.split('|')[0], params: {} });

test('unique names stay as they are', () => {
  assert.deepEqual([...runDisplayNames([run('mlflow-file|/m|a', 'baseline'), run('mlflow-file|/m|b', 'tuned')]).values()], ['baseline', 'tuned']);
});

test('two version_0 from different Lightning folders get the folder that tells them apart', () => {
  const names = runDisplayNames([
    run('lightning|/work/projA/lightning_logs|version_0', 'version_0'),
    run('lightning|/work/projB/lightning_logs|version_0', 'version_0'),
    run('lightning|/work/projB/lightning_logs|version_1', 'version_1'),
  ]);
  assert.deepEqual([...names.values()], ['version_0 (projA/lightning_logs)', 'version_0 (projB/lightning_logs)', 'version_1']);
});

test('the experiment, then the format, tell same-named runs apart before any path', () => {
  assert.deepEqual([...runDisplayNames([run('mlflow-file|/m|1', 'baseline', 'xner'), run('mlflow-file|/m|2', 'baseline', 'pos')]).values()], ['baseline (xner)', 'baseline (pos)']);
  assert.deepEqual([...runDisplayNames([run('mlflow-file|/m|1', 'baseline'), run('tensorboard|/m|1', 'baseline')]).values()], ['baseline (mlflow-file)', 'baseline (tensorboard)']);
});

test('the colour legend by run shows the disambiguated names', () => {
  const runs = [run('lightning|/a/lightning_logs|version_0', 'version_0'), run('lightning|/b/lightning_logs|version_0', 'version_0')];
  const series = runs.map((r) => ({ runKey: r.key, key: 'loss', context: {} }));
  const layout = layoutCharts(runs, series, { split: false, facetBy: 'auto', colorBy: 'run', dashBy: 'none', metrics: [], hiddenContexts: [], filter: '', hiddenRuns: [], hiddenGroups: [] });
  assert.deepEqual(layout.color.entries.map((e) => e.label), ['version_0 (a/lightning_logs)', 'version_0 (b/lightning_logs)']);
});
