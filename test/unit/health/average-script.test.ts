// The averaging script Average Checkpoints… opens: format from the files, paths quoted safely, never run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { averagingScript, weightFileIn } from '../../../src/core/health/average-script';
import { badgesOf } from '../../../src/core/health/badges';
import type { Finding } from '../../../src/core/health/types';

test('safetensors files are averaged with safetensors and saved beside the first', () => {
  const s = averagingScript(['/o/run1/checkpoint-100/model.safetensors', '/o/run1/checkpoint-200/model.safetensors']);
  assert.match(s, /from safetensors\.torch import load_file, save_file/);
  assert.match(s, /OUTPUT = "\/o\/run1\/checkpoint-100\/averaged\.safetensors"/);
  assert.match(s, /save_file\(/);
  assert.doesNotMatch(s, /torch\.load/);
});

test('torch state dicts and Lightning .ckpt (state_dict inside) go through torch.load; a quote in a path stays a string', () => {
  const s = averagingScript(['/x/epoch=1-step=10.ckpt', '/x/we"ird.pt']);
  assert.match(s, /torch\.load\(p, map_location="cpu"/);
  assert.match(s, /obj\.get\("state_dict", obj\)/);
  assert.ok(s.includes('"/x/we\\"ird.pt",'));
  assert.match(s, /OUTPUT = "\/x\/averaged\.pt"/);
  assert.throws(() => averagingScript(['/only/one.pt']), /at least two/);
});

test('the weights inside an HF checkpoint folder, not the trainer state', () => {
  assert.equal(weightFileIn(['optimizer.pt', 'pytorch_model.bin', 'model.safetensors', 'training_args.bin']), 'model.safetensors');
  assert.equal(weightFileIn(['optimizer.pt', 'rng_state.pth', 'scheduler.pt', 'training_args.bin']), undefined);
});

test('badges: error for an error finding, warning otherwise, info gives none; every reason kept', () => {
  const f = (runId: string, rule: Finding['rule'], severity: Finding['severity']): Finding => ({ rule, severity, runId, runName: runId, series: 'loss', context: {}, step: 1, message: 'm' });
  const b = badgesOf([f('a', 'overfitting', 'warning'), f('a', 'divergence', 'error'), f('b', 'plateau', 'info'), f('c', 'loss-spike', 'warning')]);
  assert.deepEqual([...b.keys()].sort(), ['a', 'c']);
  assert.equal(b.get('a')!.severity, 'error');
  assert.equal(b.get('a')!.reasons.length, 2);
  assert.equal(b.get('c')!.severity, 'warning');
});
