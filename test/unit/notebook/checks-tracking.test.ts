import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lookupFromRuns, parseTrackerUrl, type TrackedRunSummary } from '../../../src/core/notebook/tracked-lookup';
import { analyse, code, display, md, of, stream } from './nb';

const runSummary = (html: string): Record<string, unknown> => display({ 'text/html': html, 'text/plain': '<IPython.core.display.HTML object>' });
const WANDB_OUT = stream('wandb: 🚀 View run at https://wandb.ai/team/proj/runs/abcd1234\nwandb: ⭐️ View project at https://wandb.ai/team/proj\n', 'stderr');

test('tracking-link-missing: W&B used without a markdown link is an error with a quick fix from the outputs; a link passes', () => {
  const cells = [md('# T\n## Introduction\nText.'), code('import wandb\nwandb.init(project="proj")', { count: 1, outputs: [WANDB_OUT] })];
  const f = of(analyse(cells), 'tracking-link-missing')[0];
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.fixes?.[0], { kind: 'insert-text', title: 'Insert the tracking link into the Introduction', cell: 0, line: 2, column: 5, text: '\n\nTracked runs: [https://wandb.ai/team/proj](https://wandb.ai/team/proj)' });
  const linked = [md('# T\nRuns: https://wandb.ai/team/proj/runs/abcd1234'), cells[1]];
  assert.equal(of(analyse(linked), 'tracking-link-missing').length, 0);
  const todo = [md('# T\nW&B Link: TODO https://wandb.ai/x/y'), cells[1]];
  assert.equal(of(analyse(todo), 'tracking-link-missing').length, 1, 'a TODO link is a placeholder');
});

test('tracking-link-missing: TensorBoard only is info; MLflow with a local store says so; no tracker, no finding', () => {
  assert.equal(of(analyse([code('w = tf.summary.create_file_writer("logs")', { count: 1 })]), 'tracking-link-missing')[0].severity, 'info');
  assert.match(of(analyse([code('import mlflow\nwith mlflow.start_run():\n    pass', { count: 1 })]), 'tracking-link-missing')[0].message, /only on your machine/);
  assert.equal(of(analyse([code('x = 1', { count: 1 })]), 'tracking-link-missing').length, 0);
});

test('tracking-link-unusable: localhost and personal workspace views warn; with a usable link elsewhere the view is info', () => {
  const r = analyse([md('Runs: http://localhost:5000/#/experiments/1 and https://wandb.ai/me/proj/workspace?nw=abc')]);
  assert.deepEqual(of(r, 'tracking-link-unusable').map((f) => f.severity), ['warning', 'warning']);
  const mixed = analyse([md('[report](https://wandb.ai/me/proj/reports/Best--Vmlldzo1) and [view](https://wandb.ai/me/proj?nw=nwuserme)')]);
  assert.deepEqual(of(mixed, 'tracking-link-unusable').map((f) => f.severity), ['info']);
  assert.equal(of(analyse([md('https://wandb.ai/me/proj/runs/abcd1234')]), 'tracking-link-unusable').length, 0);
});

test('tracking-unused: training without a tracker or with report_to="none"; an installed-but-unused tracker is info', () => {
  assert.equal(of(analyse([code('trainer.train()', { count: 1 })]), 'tracking-unused').length, 1);
  assert.match(of(analyse([code('args = TrainingArguments(report_to="none")\nTrainer(args=args).train()', { count: 1 })]), 'tracking-unused')[0].message, /report_to="none"/);
  assert.equal(of(analyse([code('import wandb\nwandb.init()\ntrainer.train()', { count: 1 })]), 'tracking-unused').length, 0);
  const installed = of(analyse([code('!pip install wandb', { count: 1 }), code('x = 1', { count: 2 })]), 'tracking-unused');
  assert.deepEqual(installed.map((f) => f.severity), ['info']);
});

test('reported-metric-mismatch (outputs): % ↔ fraction and rounding verify; a wrong claim is an error; no source is a warning; expectations are skipped', () => {
  const summary = runSummary('<h3>Run summary:</h3><table class="wandb"><tr><td>test_accuracy</td><td>0.61651</td></tr><tr><td>test_f1</td><td>0.75109</td></tr></table>');
  const ok = analyse([md('The model reaches an accuracy of 61.65%, F1 75.1%.'), code('trainer.test()', { count: 1, outputs: [summary] })]);
  assert.equal(of(ok, 'reported-metric-mismatch').length, 0);
  assert.ok(ok.evidence.some((e) => /accuracy of 61.65%/.test(e)), 'verified claims are evidence');
  const wrong = analyse([md('Our test accuracy is 87.0%.'), code('trainer.test()', { count: 1, outputs: [summary] })]);
  assert.equal(of(wrong, 'reported-metric-mismatch')[0].severity, 'error');
  const unverifiable = analyse([md('We reached an accuracy of 0.65.'), code('x = 1', { count: 1 })]);
  assert.equal(of(unverifiable, 'reported-metric-mismatch')[0].severity, 'warning');
  const cues = analyse([md('I am expecting an accuracy of at least 70%. BERT-large achieved only 56% while human performance is 89% accuracy. Accuracy for all 3 datasets.'), code('x', { count: 1 })]);
  assert.equal(of(cues, 'reported-metric-mismatch').length, 0);
  const lightning = stream('      test_accuracy                 0.5\n      test_accuracy         0.6218419075012207\n');
  assert.equal(of(analyse([md('Test accuracy: 62.18%'), code('t', { count: 1, outputs: [lightning] })]), 'reported-metric-mismatch').length, 0, 'any matching output verifies, an earlier run does not fail it');
});

test('tracked-config-mismatch (markdown vs code): struck-out values are not claims; a contradiction warns', () => {
  assert.equal(of(analyse([md('Batch size: ~~64~~ 8'), code('BATCH_SIZE = 8', { count: 1 })]), 'tracked-config-mismatch').length, 0);
  assert.match(of(analyse([md('We use a batch size of 64.'), code('BATCH_SIZE = 8', { count: 1 })]), 'tracked-config-mismatch')[0].message, /batch size 64.*= 8/);
  assert.equal(of(analyse([md('Learning rate 2e-4'), code('lr = trial.suggest_float("lr", 1e-5, 1e-3)', { count: 1 })]), 'tracked-config-mismatch').length, 0, 'searched values are not literals');
});

const RUNS: TrackedRunSummary[] = [
  { id: 'abcd1234', tool: 'wandb', project: 'proj', status: 'finished', params: { learning_rate: '0.0002', batch_size: '16' }, metrics: { test_accuracy: 0.8512 } },
  { id: 'dead0001', tool: 'wandb', project: 'proj', status: 'crashed', params: {}, metrics: {} },
];

test('tracked data (with a lookup): unknown or crashed linked runs, other produced runs, config and metric mismatches', () => {
  const lookup = lookupFromRuns(RUNS);
  const cells = [
    md('# T\nRun: https://wandb.ai/team/proj/runs/zzzz9999 and https://wandb.ai/team/proj/runs/dead0001\nTest accuracy of 87.0%.'),
    code('LEARNING_RATE = 1e-3\nimport wandb', { count: 1, outputs: [WANDB_OUT] }),
  ];
  const r = analyse(cells, { lookup });
  const run = of(r, 'tracked-run-mismatch').map((f) => f.message);
  assert.ok(run.some((m) => /zzzz9999 is not among the indexed runs/.test(m)));
  assert.ok(run.some((m) => /dead0001 is crashed/.test(m)));
  assert.ok(run.some((m) => /not the run this notebook produced \(abcd1234\)/.test(m)));
  const linkedGood = [md('# T\nRun: https://wandb.ai/team/proj/runs/abcd1234\nTest accuracy of 85.12%.'), code('LEARNING_RATE = 1e-3', { count: 1 })];
  const g = analyse(linkedGood, { lookup });
  assert.match(of(g, 'tracked-config-mismatch')[0].message, /learning rate=0\.001 but the tracked run abcd1234 used learning rate=0\.0002/);
  assert.equal(of(g, 'reported-metric-mismatch').length, 0, 'the tracked run verifies the claim');
  assert.equal(of(analyse(linkedGood), 'tracked-run-mismatch').length, 0, 'without a lookup the T-checks stay silent');
  assert.deepEqual(parseTrackerUrl('https://wandb.ai/team/proj/runs/abcd1234?x=1'), { tool: 'wandb', entity: 'team', project: 'proj', runId: 'abcd1234' });
  assert.equal(parseTrackerUrl('http://host:5000/#/experiments/3/runs/0123456789abcdef0123456789abcdef')?.runId, '0123456789abcdef0123456789abcdef');
});

test('a lookup that throws does not break the report', () => {
  const lookup = { findRunById: () => undefined, findRunsByUrlOrId: () => { throw new Error('index closed'); } };
  const r = analyse([md('https://wandb.ai/a/b/runs/abcd1234'), code('x', { count: 1 })], { lookup });
  assert.ok(r.findings.every((f) => !/could not run/.test(f.message)));
});
