// The demo's story: a cross-lingual NER fine-tuning sweep (5 learning rates × 4 seeds), trained on
// English and evaluated on en/de/es/nl/zh every epoch for 20 epochs. Curves follow simple, plausible
// dynamics; one run diverges (loss blows up to inf/NaN) and one overfits (train loss falls, eval loss rises).
import { gaussian, prng } from '../core/util/prng';
import type { WriterMetric, WriterRun } from './writers/types';

export const LEARNING_RATES = [1e-5, 2e-5, 3e-5, 5e-5, 1e-4];
export const SEEDS = [1, 2, 3, 4];
export const LANGUAGES = ['en', 'de', 'es', 'nl', 'zh'];
export const EPOCHS = 20;
export const STEPS_PER_EPOCH = 250;

/** How far each language transfers from English (1 = no loss); languages not listed transfer at 0.75. */
const TRANSFER: Record<string, number> = { en: 1, de: 0.86, es: 0.88, nl: 0.87, zh: 0.62, ar: 0.66, fr: 0.89, ru: 0.74 };
/** Where each learning rate lands: 3e-5 is best, the extremes under-train or hurt. */
const LR_QUALITY: Record<number, number> = { 1e-5: 0.86, 2e-5: 0.95, 3e-5: 1, 5e-5: 0.96, 1e-4: 0.84 };

export interface SweepRun extends WriterRun {
  lr: number;
  seed: number;
  /** Per epoch: the eval step and the metrics at it (for checkpoint writers). */
  epochs: Array<{ epoch: number; step: number; metrics: Record<string, number> }>;
}

export interface SweepOptions {
  seed?: number;
  startTime?: number;
  experiment?: string;
  /** The pretrained model; a weaker one scales every F1 down. */
  model?: { name: string; quality: number };
  gitCommit?: string;
  entryPoint?: string;
  /** Which (lr, seed) diverges and which overfits. */
  diverging?: { lr: number; seed: number };
  overfitting?: { lr: number; seed: number };
  /** Evaluation languages (default LANGUAGES). */
  languages?: string[];
  /** Log the learning-rate schedule as a metric (default true). */
  logLearningRate?: boolean;
  /**
   * Further hyperparameter settings crossed with learning rate × seed (scale workspaces: 240 or 1,000
   * runs). Each entry's params override the defaults and name the run; the sweep repeats per entry.
   */
  grid?: Array<Record<string, string>>;
}

export function nerSweep(options: SweepOptions = {}): SweepRun[] {
  const rand = prng(options.seed ?? 42);
  const t0 = options.startTime ?? Date.UTC(2026, 9, 5, 8, 0, 0);
  const diverging = options.diverging ?? { lr: 1e-4, seed: 3 };
  const overfitting = options.overfitting ?? { lr: 5e-5, seed: 2 };
  const runs: SweepRun[] = [];
  const languages = options.languages ?? LANGUAGES;
  let runIndex = 0;
  for (const extra of options.grid ?? [{}]) {
    // batch_size=16 → "-bs16": the initials of a param name's last two words keep run names short.
    const suffix = Object.entries(extra).map(([k, v]) => `-${k.split('_').slice(-2).map((w) => w[0]).join('')}${v}`).join('');
    for (const lr of LEARNING_RATES) {
      for (const seed of SEEDS) {
        const isDiverging = lr === diverging.lr && seed === diverging.seed;
        const isOverfitting = lr === overfitting.lr && seed === overfitting.seed;
        const start = t0 + runIndex * 47 * 60_000;
        const secondsPerStep = 0.42 + rand() * 0.05;
        const seedOffset = gaussian(rand) * 0.012;
        const metrics = new Map<string, WriterMetric>();
        const add = (key: string, step: number, value: number) => {
          let m = metrics.get(key);
          if (!m) metrics.set(key, (m = { key, points: [] }));
          m.points.push({ step, value, time: Math.round(start + step * secondsPerStep * 1000) });
        };
        const epochs: SweepRun['epochs'] = [];
        const speed = Math.min(1, lr / 3e-5) * 0.35 + 0.1;
        let diverged = false;
        for (let step = 10; step <= EPOCHS * STEPS_PER_EPOCH; step += 10) {
          if (isDiverging && step > 1950) break; // the job died with the NaN loss
          const progress = step / (EPOCHS * STEPS_PER_EPOCH);
          let loss = 0.08 + 1.9 * Math.exp(-speed * step / 250) + Math.abs(gaussian(rand)) * 0.03;
          if (isOverfitting) loss *= 0.6;
          if (isDiverging && step > 1400) {
            loss = step > 1800 ? (step > 1900 ? NaN : Infinity) : loss * Math.exp((step - 1400) / 60);
            diverged ||= step > 1900;
          }
          add('train_loss', step, loss);
          if (options.logLearningRate !== false) add('learning_rate', step, lr * (1 - progress));
          if (step % STEPS_PER_EPOCH === 0) {
            const epoch = step / STEPS_PER_EPOCH;
            const learned = 1 - Math.exp(-speed * epoch * 0.9);
            const overfitPenalty = isOverfitting ? Math.max(0, epoch - 6) * 0.012 : 0;
            const evalLoss = isDiverging && diverged ? NaN : 0.18 + 0.9 * (1 - learned) + overfitPenalty * 3 + Math.abs(gaussian(rand)) * 0.01;
            add('eval_loss', step, evalLoss);
            const row: Record<string, number> = { eval_loss: evalLoss, train_loss: loss };
            for (const lang of languages) {
              const base = 0.93 * (options.model?.quality ?? 1) * (TRANSFER[lang] ?? 0.75) * LR_QUALITY[lr] * learned + seedOffset * (lang === 'zh' ? 1.6 : 1);
              const f1 = isDiverging && diverged ? 0 : Math.max(0, Math.min(1, base - overfitPenalty * (lang === 'en' ? 0.5 : 1.2) + gaussian(rand) * 0.006));
              add(`f1_${lang}`, step, f1);
              row[`f1_${lang}`] = f1;
            }
            epochs.push({ epoch, step, metrics: row });
          }
        }
        const end = start + EPOCHS * STEPS_PER_EPOCH * secondsPerStep * 1000;
        runs.push({
          id: Array.from({ length: 32 }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join(''),
          name: `${shortName(options.model?.name)}-lr${lr.toExponential(0)}${suffix}-seed${seed}`,
          experiment: options.experiment ?? 'xner-sweep',
          status: isDiverging ? 'failed' : 'finished',
          startTime: start,
          endTime: Math.round(isDiverging ? start + 1950 * secondsPerStep * 1000 : end),
          params: {
            learning_rate: String(lr),
            seed: String(seed),
            model_name: options.model?.name ?? 'xlm-roberta-base',
            train_language: 'en',
            num_train_epochs: String(EPOCHS),
            per_device_train_batch_size: '32',
            warmup_ratio: '0.1',
            weight_decay: '0.01',
            ...extra,
          },
          tags: {
            'mlflow.runName': `${shortName(options.model?.name)}-lr${lr.toExponential(0)}${suffix}-seed${seed}`,
            'mlflow.source.name': options.entryPoint ?? 'train.py',
            'mlflow.source.type': 'LOCAL',
            ...(options.gitCommit ? { 'mlflow.source.git.commit': options.gitCommit } : {}),
            'mlflow.user': 'researcher',
          },
          metrics: [...metrics.values()],
          lr,
          seed,
          epochs,
        });
        runIndex++;
      }
    }
  }
  return runs;
}

function shortName(model: string | undefined): string {
  if (!model || model === 'xlm-roberta-base') return 'xlmr';
  return model.includes('bert-base-multilingual') ? 'mbert' : model.split('/').pop()!.split('-')[0];
}
