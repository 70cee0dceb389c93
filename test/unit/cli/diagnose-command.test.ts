// `runlens diagnose` on the demo workspace: the diverging and the overfitting runs are flagged with their steps,
// nothing else is an error or a curve warning, the JSON has exactly the shape, exit 1 on an error.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { reportText } from '../../../src/cli/diagnose-command';
import type { HealthReport } from '../../../src/core/health/types';
import { generateDemo } from '../../../src/demo/generate';
import { repoRoot } from '../../helpers/corpus';

let dir = '';
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-diagnose-'));
  await generateDemo(path.join(dir, 'demo'), 42);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), 'diagnose', ...args], { encoding: 'utf8', cwd: repoRoot, timeout: 120_000 });
}

test('demo: diverging and overfitting runs flagged with their steps, nothing else warns; exit 1; the JSON shape', { timeout: 180_000 }, () => {
  const res = cli(path.join(dir, 'demo'), '--json');
  assert.equal(res.status, 1, res.stderr);
  const report = JSON.parse(res.stdout) as HealthReport;
  assert.deepEqual(Object.keys(report), ['findings', 'sweep', 'checkpoints', 'reclaimableBytes']);
  for (const f of report.findings) assert.deepEqual(Object.keys(f), ['rule', 'severity', 'runId', 'runName', 'series', 'context', 'step', 'message']);
  for (const s of report.sweep) assert.deepEqual(Object.keys(s), ['rule', 'severity', 'experiment', 'param', 'message']);
  for (const c of report.checkpoints) assert.deepEqual(Object.keys(c), ['runId', 'path', 'step', 'bytes', 'markers']);

  const loud = report.findings.filter((f) => f.severity !== 'info');
  // the diverging run (lr=1e-4, seed 3) in both sweeps: errors only there
  const errors = loud.filter((f) => f.severity === 'error');
  assert.deepEqual([...new Set(errors.map((f) => f.runName))].sort(), ['mbert-lr1e-4-seed3', 'xlmr-lr1e-4-seed3']);
  for (const name of ['mbert-lr1e-4-seed3', 'xlmr-lr1e-4-seed3']) {
    const mine = errors.filter((f) => f.runName === name);
    // the loss blows up from step 1400 (×e every 60 steps) and is +Inf from 1810
    assert.equal(mine.find((f) => f.rule === 'non-finite')?.step, 1810);
    const div = mine.find((f) => f.rule === 'divergence')!;
    assert.ok(div.step > 1400 && div.step < 1550, `divergence at ${div.step}`);
    assert.equal(div.series, 'train_loss');
  }
  // the overfitting run (lr=5e-5, seed 2): eval loss best around epoch 6, worse after
  const warnings = loud.filter((f) => f.severity === 'warning');
  assert.deepEqual([...new Set(warnings.map((f) => f.runName))].sort(), ['mbert-lr5e-5-seed2', 'xlmr-lr5e-5-seed2']);
  assert.ok(warnings.every((f) => f.rule === 'overfitting'));
  for (const name of ['mbert-lr5e-5-seed2', 'xlmr-lr5e-5-seed2']) {
    const evalLoss = warnings.find((f) => f.runName === name && f.series === 'eval_loss');
    assert.ok(evalLoss && evalLoss.step >= 1250 && evalLoss.step <= 2000, `overfitting at ${evalLoss?.step}`);
  }
});

test('demo by English F1: the sweep finds nothing wrong with the learning-rate grid; the HF checkpoints show the German-F1 best vs the trainer best', { timeout: 180_000 }, () => {
  const res = cli(path.join(dir, 'demo'), '--json', '--objective', 'f1_en', '--best', 'eval_f1_de');
  const report = JSON.parse(res.stdout) as HealthReport;
  assert.deepEqual(report.sweep.filter((s) => s.experiment.startsWith('xner-sweep')), []);
  const outputs = report.checkpoints.filter((c) => c.path.includes(`${path.sep}outputs${path.sep}`));
  // the final model.safetensors beside each run has no step: listed, never reclaimable
  const finals = outputs.filter((c) => path.basename(c.path) === 'model.safetensors');
  assert.equal(finals.length, 4);
  assert.ok(finals.every((c) => c.step === null && c.markers.length === 0));
  const hf = outputs.filter((c) => /checkpoint-\d+$/.test(c.path));
  assert.equal(hf.length, 12);
  // every run keeps its last checkpoint, the trainer's (English-F1) best and the German-F1 best
  const byRun = new Map<string, typeof hf>();
  for (const c of hf) byRun.set(c.runId, [...(byRun.get(c.runId) ?? []), c]);
  for (const list of byRun.values()) {
    for (const m of ['last', 'trainer-best', 'best:eval_f1_de']) assert.equal(list.filter((c) => c.markers.includes(m as never)).length, 1, m);
  }
  // seed 4: German F1 peaks at checkpoint-3750, the trainer kept 5000 by English F1
  const seed4 = hf.filter((c) => c.path.includes('xlmr-lr3e-5-seed4'));
  assert.deepEqual(seed4.map((c) => [path.basename(c.path), c.markers]), [['checkpoint-2500', []], ['checkpoint-3750', ['best:eval_f1_de']], ['checkpoint-5000', ['last', 'trainer-best']]]);
  const unmarked = hf.filter((c) => c.markers.length === 0).reduce((n, c) => n + c.bytes, 0);
  assert.ok(unmarked > 0);
  assert.equal(report.reclaimableBytes, unmarked);
});

test('--rules keeps only those rules; an unknown rule is a usage error (exit 2)', { timeout: 180_000 }, () => {
  const res = cli(path.join(dir, 'demo', 'mlruns'), '--json', '--rules', 'overfitting');
  assert.equal(res.status, 0, res.stderr);
  const report = JSON.parse(res.stdout) as HealthReport;
  assert.ok(report.findings.length > 0);
  assert.ok(report.findings.every((f) => f.rule === 'overfitting'));
  assert.deepEqual(report.sweep, []);
  const bad = cli(path.join(dir, 'demo'), '--rules', 'nan');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown rule nan/);
});

test('text output escapes control characters from logs', () => {
  const text = reportText({
    findings: [{ rule: 'non-finite', severity: 'error', runId: 'k', runName: 'evil\u001b]0;pwned\u0007', series: 'loss\rX', context: {}, step: 3, message: 'NaN at step 3' }],
    sweep: [],
    checkpoints: [],
    reclaimableBytes: 0,
  });
  assert.ok(!/[\u0000-\u0008\u000b-\u001f]/.test(text));
  assert.match(text, /evil\\e\]0;pwned\\x07/);
});
