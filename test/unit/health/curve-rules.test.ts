// Every curve rule on synthetic curves that must and must not trigger, including noisy healthy curves
// (right-skewed per-batch noise, as real losses have): a healthy sweep gives no warnings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { earlyStop, earlyStopConfig, earlyStopStep } from '../../../src/core/health/early-stop';
import { divergence, lossSpikes, nonFinite, trainLossIncreasing } from '../../../src/core/health/loss-rules';
import { highVariance, overfitting, plateau, stillImproving } from '../../../src/core/health/shape-rules';
import { runHealth } from '../../../src/core/health/run-health';
import { DEFAULT_THRESHOLDS as T } from '../../../src/core/health/thresholds';
import type { IndexedRun } from '../../../src/core/index/types';
import type { SeriesPoints } from '../../../src/core/model';
import { gaussian, prng } from '../../../src/core/util/prng';

function pts(steps: number[], values: number[]): SeriesPoints {
  return { steps: Float64Array.from(steps), values: Float64Array.from(values) };
}
const range = (n: number, every = 1, from = every) => Array.from({ length: n }, (_, i) => from + i * every);
/** Exponential decay to a floor with right-skewed noise (|N(0, sd)|). */
function decaying(n: number, seed: number, opts: { every?: number; floor?: number; noise?: number; rate?: number } = {}): SeriesPoints {
  const rand = prng(seed);
  const steps = range(n, opts.every ?? 10);
  return pts(steps, steps.map((_, i) => (opts.floor ?? 0.1) + 2 * Math.exp(-(opts.rate ?? 5) * i / n) + Math.abs(gaussian(rand)) * (opts.noise ?? 0.03)));
}
/** A validation score rising to a plateau with symmetric noise. */
function rising(n: number, seed: number, noise = 0.006, rate = 6): SeriesPoints {
  const rand = prng(seed);
  const steps = range(n, 250);
  return pts(steps, steps.map((_, i) => 0.85 * (1 - Math.exp(-rate * (i + 1) / n)) + gaussian(rand) * noise));
}

test('healthy noisy curves: no warning or error from any rule over 40 seeds', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const train = decaying(500, seed);
    const val = rising(20, seed + 100);
    const hits = [nonFinite(train), divergence(train, T), lossSpikes(train, T), trainLossIncreasing(train, T), overfitting(val, 'max', T, train), highVariance(val, 'max', T)];
    assert.deepEqual(hits.filter(Boolean), [], `seed ${seed}`);
  }
});

test('non-finite: the first NaN or Inf, as an error, counting them', () => {
  const p = pts([1, 2, 3, 4], [1, Infinity, NaN, 0.5]);
  const hit = nonFinite(p)!;
  assert.equal(hit.severity, 'error');
  assert.equal(hit.step, 2);
  assert.match(hit.message, /\+Inf at step 2 \(2 non-finite values\)/);
  assert.equal(nonFinite(pts([1, 2], [1, 0.5])), undefined);
});

test('divergence: three points above 3× the running minimum after the warm-up; the stretch start is the step', () => {
  const steps = range(100);
  const values = steps.map((s) => (s < 60 ? 1 / Math.sqrt(s) : 0.13 * Math.exp((s - 60) / 5)));
  const hit = divergence(pts(steps, values), T)!;
  assert.equal(hit.rule, 'divergence');
  // 3 × min(0.129) is crossed once exp((s-60)/5) > 3: s = 66
  assert.equal(hit.step, 66);
  // a single excursion (two points) is not a divergence
  const blip = steps.map((s) => (s === 70 || s === 71 ? 5 : 1 / Math.sqrt(s)));
  assert.equal(divergence(pts(steps, blip), T), undefined);
  // a huge initial loss during warm-up is not a divergence either
  const warm = steps.map((s) => (s <= 3 ? 50 : 1 / Math.sqrt(s)));
  assert.equal(divergence(pts(steps, warm), T), undefined);
});

test('divergence: non-finite values count as above', () => {
  const steps = range(50);
  const values = steps.map((s) => (s > 40 ? NaN : 1 / s));
  assert.equal(divergence(pts(steps, values), T)?.step, 41);
});

test('loss spikes: an isolated jump is reported with its step; skewed noise alone is not', () => {
  const train = decaying(500, 7);
  const v = Float64Array.from(train.values);
  v[300] = 1.5;
  v[420] = 1.2;
  const hit = lossSpikes({ steps: train.steps, values: v }, T)!;
  assert.equal(hit.severity, 'warning');
  assert.deepEqual(hit.steps, [train.steps[300], train.steps[420]]);
  assert.equal(lossSpikes(train, T), undefined);
});

test('train loss increasing over the last 30 %: fires on a rising tail, not on a flat noisy one', () => {
  const steps = range(200);
  const rand = prng(3);
  const up = steps.map((s) => (s < 120 ? 2 - s / 100 : 0.8 + (s - 120) / 80) + gaussian(rand) * 0.02);
  const hit = trainLossIncreasing(pts(steps, up), T)!;
  assert.equal(hit.rule, 'train-loss-increasing');
  assert.ok(hit.step >= 140 && hit.step <= 141);
  assert.equal(trainLossIncreasing(decaying(200, 4), T), undefined);
});

test('overfitting: validation worsens after its best while training improves; the step is the best', () => {
  const steps = range(20, 250);
  const rand = prng(5);
  const val = steps.map((_, i) => 0.2 + 0.9 * Math.exp(-0.5 * (i + 1)) + Math.max(0, i - 6) * 0.03 + Math.abs(gaussian(rand)) * 0.005);
  const train = decaying(500, 6, { every: 10 });
  const hit = overfitting(pts(steps, val), 'min', T, train)!;
  assert.equal(hit.rule, 'overfitting');
  assert.ok(hit.step >= 1500 && hit.step <= 2000, `step ${hit.step}`);
  // when training has stopped improving too, it is not overfitting
  const flatTrain = pts(range(500, 10), range(500).map(() => 0.3));
  assert.equal(overfitting(pts(steps, val), 'min', T, flatTrain), undefined);
  // score-like metric falling after its best
  const f1 = val.map((v) => 1 - v);
  assert.ok(overfitting(pts(steps, f1), 'max', T, train));
  // best in the last 20 %: not overfitting
  assert.equal(overfitting(rising(20, 9), 'max', T, train), undefined);
});

test('plateau: no relative improvement > 1e-4 in the last 10 evaluations', () => {
  const steps = range(30);
  const flat = steps.map((s) => (s <= 15 ? 1 / s : 1 / 15));
  assert.equal(plateau(pts(steps, flat), 'min', T)?.step, 15);
  assert.equal(plateau(pts(steps, steps.map((s) => 1 / s)), 'min', T), undefined);
});

test('still improving: the best in the last 10 % and a significant tail slope', () => {
  const steps = range(20, 250);
  const slow = pts(steps, steps.map((_, i) => 0.5 + 0.02 * i));
  assert.equal(stillImproving(slow, 'max', T)?.step, 5000);
  assert.equal(stillImproving(rising(20, 11, 0.006, 12), 'max', T), undefined);
});

test('high variance: late jitter over 10 % of the improvement; quiet when the seeds differ as much', () => {
  const rand = prng(13);
  const steps = range(40, 100);
  const noisy = steps.map((_, i) => 0.8 * (1 - Math.exp(-i / 5)) + (i > 30 ? gaussian(rand) * 0.15 : 0));
  assert.equal(highVariance(pts(steps, noisy), 'max', T)?.rule, 'high-variance');
  assert.equal(highVariance(pts(steps, noisy), 'max', T, 0.2), undefined);
  assert.equal(highVariance(rising(40, 14), 'max', T), undefined);
});

test('early stopping replays Lightning: patience counts checks, min_delta must be beaten, non-finite stops at once', () => {
  const val = pts([1, 2, 3, 4, 5, 6, 7], [1, 0.9, 0.95, 0.91, 0.92, 0.5, 0.4]);
  const lightning = earlyStopConfig({}, 'min');
  assert.deepEqual({ patience: lightning.patience, minDelta: lightning.minDelta, semantics: lightning.semantics }, { patience: 3, minDelta: 0, semantics: 'lightning' });
  assert.equal(earlyStopStep(val, lightning)?.step, 5);
  assert.equal(earlyStop(val, lightning)?.step, 5);
  // min_delta 0.2: 0.9 is not better than 1 by more than 0.2
  assert.equal(earlyStopStep(val, earlyStopConfig({ min_delta: '0.2' }, 'min'))?.step, 4);
  assert.equal(earlyStopStep(pts([1, 2, 3], [1, NaN, 0.5]), lightning)?.step, 2);
  // patience 4: never fires before the end
  assert.equal(earlyStop(val, earlyStopConfig({ patience: '4' }, 'min')), undefined);
});

test('early stopping replays HF: early_stopping_patience and a threshold on |Δ|', () => {
  const cfg = earlyStopConfig({ early_stopping_patience: '2', early_stopping_threshold: '0.05', metric_for_best_model: 'f1' }, 'max');
  assert.equal(cfg.semantics, 'hf');
  // 0.62 beats 0.6 by only 0.02 (≤ threshold): counts as no improvement
  const val = pts([1, 2, 3, 4, 5], [0.5, 0.6, 0.62, 0.61, 0.9]);
  assert.equal(earlyStopStep(val, cfg)?.step, 4);
  assert.equal(earlyStopStep(val, { ...cfg, patience: 1 })?.step, 3);
});

test('threshold overrides from a setting: known numeric keys only', async () => {
  const { thresholdOverrides } = await import('../../../src/core/health/thresholds');
  assert.deepEqual(thresholdOverrides({ spikeZ: 8, nope: 1, plateauEvals: 'x', divergenceFactor: Infinity }), { spikeZ: 8 });
  assert.deepEqual(thresholdOverrides(null), {});
});

test('runHealth takes runlens.metricGoals over the name rule: a falling "val_score" is still improving only when declared min', () => {
  const steps = range(20, 250);
  const falling = pts(steps, steps.map((_, i) => 1.5 - 0.02 * i));
  const run = {
    key: 'mlflow-file|/r|g', format: 'mlflow-file', id: 'g', experiment: 'exp', name: 'g', status: 'finished', path: '/r/g', root: '/r',
    params: {}, tags: {}, checkpoints: [],
    series: [{ key: 'val_score', context: {}, count: 20, first: 1.5, last: 1.12, min: 1.12, max: 1.5, firstStep: 250, lastStep: 5000 }],
  } as unknown as IndexedRun;
  const rules = new Set(['still-improving'] as const);
  const data = [{ key: 'val_score', context: {}, points: falling }];
  assert.deepEqual(runHealth(run, data, T, rules, undefined).findings.map((f) => f.rule), []);
  assert.deepEqual(runHealth(run, data, T, rules, undefined, { val_score: 'min' }).findings.map((f) => [f.rule, f.step]), [['still-improving', 5000]]);
});
