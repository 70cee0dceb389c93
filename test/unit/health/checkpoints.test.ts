// Checkpoints with markers and reclaimable bytes: generated Lightning and loose-file fixtures, and the HF
// folders of the corpus (skipped when it is absent).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { indexPaths } from '../../../src/cli/index-paths';
import { markCheckpoints, reclaimableBytes, runCheckpoints, valueAtStep } from '../../../src/core/health/checkpoints';
import { diagnose } from '../../../src/core/health/diagnose';
import { readerSeries } from '../../../src/core/runs/column-values';
import { readerFor } from '../../../src/core/sources/registry';
import { corpusFolder } from '../../helpers/corpus';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-ckpt-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const write = (p: string, bytes: number | string) => {
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, typeof bytes === 'string' ? bytes : Buffer.alloc(bytes));
};

/** A Lightning CSVLogger version folder: val_loss in the checkpoint names, val_acc only in metrics.csv. */
function lightningRun(dir: string): void {
  const rows = ['epoch,step,train_loss,val_loss,val_acc'];
  for (let e = 0; e < 4; e++) rows.push(`${e},${(e + 1) * 100},${1 / (e + 1)},${[0.5, 0.4, 0.45, 0.47][e]},${[0.6, 0.7, 0.72, 0.71][e]}`);
  write(path.join(dir, 'metrics.csv'), rows.join('\n') + '\n');
  write(path.join(dir, 'hparams.yaml'), 'lr: 0.001\n');
  write(path.join(dir, 'checkpoints', 'epoch=0-step=100-val_loss=0.50.ckpt'), 1000);
  write(path.join(dir, 'checkpoints', 'epoch=1-step=200-val_loss=0.40.ckpt'), 2000);
  write(path.join(dir, 'checkpoints', 'epoch=2-step=300-val_loss=0.45.ckpt'), 3000);
  write(path.join(dir, 'checkpoints', 'last.ckpt'), 4000);
}

test('Lightning: last.ckpt is last, the lowest val_loss in the names is the trainer best, best:val_acc from metrics.csv; the rest is reclaimable', async () => {
  const root = path.join(tmp, 'lit', 'lightning_logs');
  lightningRun(path.join(root, 'version_0'));
  const { runs } = await indexPaths([path.join(tmp, 'lit')]);
  assert.equal(runs.length, 1);
  const report = await diagnose(runs, readerSeries(readerFor), { bestColumns: ['val_acc'] });
  const marks = Object.fromEntries(report.checkpoints.map((c) => [path.basename(c.path), c.markers]));
  assert.deepEqual(marks, {
    'epoch=0-step=100-val_loss=0.50.ckpt': [],
    'epoch=1-step=200-val_loss=0.40.ckpt': ['trainer-best'],
    'epoch=2-step=300-val_loss=0.45.ckpt': ['best:val_acc'],
    'last.ckpt': ['last'],
  });
  assert.equal(report.reclaimableBytes, 1000);
});

test('runlens.metricGoals turns the directions around: val_acc=min moves best:val_acc, val_loss=max moves the trainer best', async () => {
  const dir = path.join(tmp, 'lit-goals');
  lightningRun(path.join(dir, 'lightning_logs', 'version_0'));
  const { runs } = await indexPaths([dir]);
  const report = await diagnose(runs, readerSeries(readerFor), { bestColumns: ['val_acc'], goals: { val_acc: 'min', val_loss: 'max' } });
  const marks = Object.fromEntries(report.checkpoints.map((c) => [path.basename(c.path), c.markers]));
  assert.deepEqual(marks, {
    'epoch=0-step=100-val_loss=0.50.ckpt': ['trainer-best', 'best:val_acc'],
    'epoch=1-step=200-val_loss=0.40.ckpt': [],
    'epoch=2-step=300-val_loss=0.45.ckpt': [],
    'last.ckpt': ['last'],
  });
});

test('loose weight files beside a run: weights counted, trainer state skipped, links out of the run not followed', async () => {
  const dir = path.join(tmp, 'loose');
  write(path.join(dir, 'model_step500.pt'), 500);
  write(path.join(dir, 'model_step900.safetensors'), 900);
  write(path.join(dir, 'final.bin'), 50);
  write(path.join(dir, 'optimizer.pt'), 10);
  write(path.join(dir, 'training_args.bin'), 10);
  write(path.join(tmp, 'outside.pt'), 77);
  fs.symlinkSync(path.join(tmp, 'outside.pt'), path.join(dir, 'linked.pt'));
  fs.symlinkSync(path.join(dir, 'final.bin'), path.join(dir, 'inside-link.bin'));
  const list = await runCheckpoints({ path: dir, checkpoints: [] });
  assert.deepEqual(list.map((c) => [path.basename(c.path), c.step, c.bytes]), [
    ['model_step500.pt', 500, 500],
    ['model_step900.safetensors', 900, 900],
    ['final.bin', null, 50],
    ['inside-link.bin', null, 50],
  ]);
  const entries = markCheckpoints('k', list);
  assert.deepEqual(entries.map((e) => e.markers), [[], ['last'], [], []]);
  // files without a step are never counted as reclaimable
  assert.equal(reclaimableBytes(entries), 500);
});

test('valueAtStep: the last finite value at or before the step', () => {
  const p = { steps: Float64Array.from([1, 2, 3]), values: Float64Array.from([0.1, NaN, 0.3]) };
  assert.equal(valueAtStep(p, 2), 0.1);
  assert.equal(valueAtStep(p, 3), 0.3);
  assert.equal(valueAtStep(p, 0), undefined);
});

test('HF corpus: checkpoint-500 is last and the trainer best (best_model_checkpoint)', async (t) => {
  const dir = corpusFolder('thititj__text-sentiment-api');
  if (!dir) return t.skip('corpus absent');
  const { runs } = await indexPaths([dir]);
  const report = await diagnose(runs, readerSeries(readerFor));
  assert.deepEqual(report.checkpoints.map((c) => [path.basename(c.path), c.step, c.markers.filter((m) => !m.startsWith('best:'))]), [['checkpoint-500', 500, ['last', 'trainer-best']]]);
  assert.ok(report.checkpoints[0].bytes > 0);
});

test('HF corpus: the whisper run keeps only last-checkpoint; its best_model_checkpoint (checkpoint-3000) is gone, so no trainer-best', async (t) => {
  const dir = corpusFolder('P4P4N1CK__whisper-large-v2-japanese-5k-steps');
  if (!dir) return t.skip('corpus absent');
  const { runs } = await indexPaths([dir]);
  const report = await diagnose(runs, readerSeries(readerFor), { bestColumns: ['eval_wer'] });
  assert.deepEqual(report.checkpoints.map((c) => [path.basename(c.path), c.step, c.markers]), [['last-checkpoint', 5000, ['last', 'best:eval_wer']]]);
  assert.equal(report.reclaimableBytes, 0);
});
