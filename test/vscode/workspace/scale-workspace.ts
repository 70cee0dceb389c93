// The real-scale workspaces the workbench tests open (DESIGN.md §6): the founding study's size — 2 models
// × 5 learning rates × 4 seeds × 6 (batch size, warm-up) settings = 240 runs, each with F1 on 6 languages
// plus train and eval loss over 20 epochs (8 metrics) — as an MLflow file store (`f1_de`-style keys) and
// the same runs as an Aim repo (`f1` with a `lang` context); and a 1,000-run MLflow store
// (25 settings). Deterministic, written with the project's own format writers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nerSweep, type SweepRun } from '../../../src/demo/ner-sweep';
import { writeMlflowFileStore } from '../../../src/demo/writers/mlflow-file';
import { fromWriterRun, writeAimRepo, type AimRun } from '../../writers/aim/aim-repo';

export const SCALE_LANGUAGES = ['en', 'de', 'es', 'nl', 'zh', 'ar'];
const MODELS = [
  { name: 'xlm-roberta-base', quality: 1 },
  { name: 'bert-base-multilingual-cased', quality: 0.93 },
];

export interface ScaleManifest {
  workspace: string;
  runs: number;
  /** Series per run (metrics × contexts). */
  seriesPerRun: number;
  learningRates: string[];
  /** Runs with each configuration (for the 1,000-run query test). */
  mlflowRuns: number;
  aimRuns: number;
}

function grid(batchSizes: string[], warmups: string[]): Array<Record<string, string>> {
  return batchSizes.flatMap((b) => warmups.map((w) => ({ per_device_train_batch_size: b, warmup_ratio: w })));
}

function sweep(settings: Array<Record<string, string>>): SweepRun[] {
  return MODELS.flatMap((model, i) =>
    nerSweep({ seed: 42 + i, model, experiment: `xner-${model.name.split('-')[0]}`, languages: SCALE_LANGUAGES, logLearningRate: false, grid: settings, entryPoint: 'train.py' }),
  );
}

/** Aim logs one `f1` sequence per language context and `loss` per subset, as Aim users do. */
function asAim(run: SweepRun, i: number): AimRun {
  const aim = fromWriterRun(run, `a${(i + 1).toString(16).padStart(23, '0')}`);
  aim.series = run.metrics.map((m) => {
    const f1 = /^f1_(\w+)$/.exec(m.key);
    const name = f1 ? 'f1' : 'loss';
    const context: Record<string, string> = f1 ? { lang: f1[1]! } : { subset: m.key === 'train_loss' ? 'train' : 'val' };
    return { name, context, points: m.points.map((p) => ({ step: p.step, value: p.value, time: p.time })) };
  });
  return aim;
}

/** size 240: MLflow file store + Aim repo of the same 240 runs; size 1000: an MLflow store of 1,000 runs. */
export async function writeScaleWorkspace(dir: string, size: 240 | 1000): Promise<ScaleManifest> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const runs = size === 240 ? sweep(grid(['16', '32', '64'], ['0', '0.1'])) : sweep(grid(['8', '16', '32', '64', '128'], ['0', '0.05', '0.1', '0.2', '0.3']));
  if (runs.length !== size) throw new Error(`scale workspace: ${runs.length} runs, expected ${size}`);
  writeMlflowFileStore(path.join(dir, 'mlruns'), runs);
  if (size === 240) await writeAimRepo(path.join(dir, '.aim'), runs.map(asAim));
  fs.writeFileSync(path.join(dir, 'train.py'), '# The script these runs name as their entry point.\n');
  return {
    workspace: dir,
    runs: size,
    seriesPerRun: SCALE_LANGUAGES.length + 2,
    learningRates: [...new Set(runs.map((r) => r.params.learning_rate!))],
    mlflowRuns: runs.length,
    aimRuns: size === 240 ? runs.length : 0,
  };
}

// Usage: node --import tsx test/vscode/workspace/scale-workspace.ts <dir> <240|1000>  → prints the manifest JSON.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const [dir, size] = process.argv.slice(2);
  void writeScaleWorkspace(path.resolve(dir!), Number(size) === 1000 ? 1000 : 240).then((m) => console.log(JSON.stringify(m)));
}
