// The Runs tree's node kinds: Source → Experiment → Run → Params / Metrics / Checkpoints → leaves.
import type { IndexedRun } from '../../core/index/types';
import type { SourceFormat } from '../../core/model';

export type TreeNode =
  | { kind: 'source'; format: SourceFormat; root: string; runs: IndexedRun[] }
  | { kind: 'experiment'; format: SourceFormat; root: string; name: string; runs: IndexedRun[] }
  | { kind: 'run'; run: IndexedRun }
  | { kind: 'group'; group: 'params' | 'metrics' | 'checkpoints' | 'summary'; run: IndexedRun }
  | { kind: 'leaf'; id: string; label: string; description?: string; tooltip?: string; icon?: string; path?: string }
  | { kind: 'message'; label: string; tooltip?: string }
  | { kind: 'savedViews' }
  | { kind: 'savedView'; name: string; description: string };

export const FORMAT_LABELS: Record<SourceFormat, string> = {
  'mlflow-file': 'MLflow',
  'mlflow-db': 'MLflow (SQLite)',
  'hf-trainer': 'Hugging Face Trainer',
  'lightning-csv': 'Lightning',
  aim: 'Aim',
  tensorboard: 'TensorBoard',
  wandb: 'W&B',
  optuna: 'Optuna',
  table: 'Results table',
};

/** Groups runs by source root, then experiment, keeping index order. */
export function groupRuns(runs: IndexedRun[]): TreeNode[] {
  const sources = new Map<string, Extract<TreeNode, { kind: 'source' }>>();
  for (const run of runs) {
    const key = `${run.format}|${run.root}`;
    let s = sources.get(key);
    if (!s) sources.set(key, (s = { kind: 'source', format: run.format, root: run.root, runs: [] }));
    s.runs.push(run);
  }
  return [...sources.values()];
}

export function experimentsOf(source: Extract<TreeNode, { kind: 'source' }>): TreeNode[] {
  const exps = new Map<string, Extract<TreeNode, { kind: 'experiment' }>>();
  for (const run of source.runs) {
    let e = exps.get(run.experiment);
    if (!e) exps.set(run.experiment, (e = { kind: 'experiment', format: source.format, root: source.root, name: run.experiment, runs: [] }));
    e.runs.push(run);
  }
  return [...exps.values()];
}
