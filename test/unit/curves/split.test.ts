import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutCharts, metricFamilies, viewOf, type CurveRun, type LayoutOptions } from '../../../src/core/curves';

const BASE: LayoutOptions = { split: true, facetBy: 'auto', colorBy: 'run', dashBy: 'none', metrics: [], hiddenContexts: [], filter: '', hiddenRuns: [], hiddenGroups: [] };
const RUN: CurveRun = { key: 'hf|/o|r', name: 'r', experiment: 'e', format: 'hf-trainer', params: {} };
const series = (keys: string[]) => keys.map((key) => ({ runKey: RUN.key, key, context: {} }));

// Hugging Face Trainer with several eval datasets logs eval_<dataset>_<metric> (six in the corpus: g0 … g5).
const HF_MULTI_EVAL = ['g0', 'g1', 'g2', 'g3', 'g4', 'g5'].flatMap((g) => ['loss', 'accuracy', 'runtime', 'samples_per_second'].map((m) => `eval_${g}_${m}`));

test('a split inside the key when the other keys say so: eval_g0_accuracy → eval_accuracy × g0', () => {
  const fam = metricFamilies([...HF_MULTI_EVAL, 'train_loss', 'learning_rate']);
  assert.deepEqual(fam.get('eval_g0_accuracy'), { family: 'eval_accuracy', suffix: 'g0' });
  assert.deepEqual(fam.get('eval_g5_samples_per_second'), { family: 'eval_samples_per_second', suffix: 'g5' });
  assert.equal(fam.get('train_loss'), undefined);
  const layout = layoutCharts([RUN], series(HF_MULTI_EVAL), { ...BASE, facetBy: 'none' });
  assert.deepEqual(layout.charts.map((c) => c.title), ['eval_loss', 'eval_accuracy', 'eval_runtime', 'eval_samples_per_second']);
  assert.deepEqual(layout.charts[1].members.map((m) => m.view.context), ['g0', 'g1', 'g2', 'g3', 'g4', 'g5'].map((suffix) => ({ suffix })));
});

test('the plain split at the last _ still wins when most keys agree on it', () => {
  // Two datasets, five metrics each: eval_de_* share "eval_de" five times, the metrics only twice.
  const keys = ['de', 'en'].flatMap((l) => ['f1', 'precision', 'recall', 'loss', 'acc'].map((m) => `eval_${l}_${m}`));
  assert.deepEqual(metricFamilies(keys).get('eval_de_f1'), { family: 'eval_de', suffix: 'f1' });
  assert.deepEqual(metricFamilies(['f1_de', 'f1_en', 'f1_zh']).get('f1_de'), { family: 'f1', suffix: 'de' });
  assert.deepEqual(viewOf({ key: 'f1_zh', context: {} }, metricFamilies(['f1_de', 'f1_zh'])), { metric: 'f1', context: { suffix: 'zh' } });
});

test('chart = key part: keys the split left whole get their own chart, not a "(not set)" one', () => {
  const layout = layoutCharts([RUN], series(['f1_de', 'f1_en', 'train_loss']), { ...BASE, facetBy: 'ctx:suffix' });
  assert.deepEqual(layout.charts.map((c) => c.title), ['f1 · key suffix=de', 'f1 · key suffix=en', 'train_loss']);
});

test("Aim's __system__ metrics are hidden until picked, and never split", () => {
  const keys = ['loss', '__system__cpu', '__system__gpu_memory_percent', '__system__gpu_power_watts'];
  assert.equal(metricFamilies(keys).size, 0);
  const all = layoutCharts([RUN], series(keys), BASE);
  assert.deepEqual(all.charts.map((c) => c.title), ['loss']);
  assert.deepEqual(all.catalog.map((c) => c.metric), keys, 'their chips are still offered');
  const picked = layoutCharts([RUN], series(keys), { ...BASE, metrics: ['__system__cpu'] });
  assert.deepEqual(picked.charts.map((c) => c.title), ['__system__cpu']);
});
