// The Runs tree's node kinds and how they are built from the index:
// Source → Experiment → [Param group] → Run → Params / Metrics / Checkpoints → leaves.
// Grouping, ordering and filtering are core functions (core/runs, core/query); this file only arranges nodes.
import type { Goal } from '../../core/runs/declared-objective';
import type { IndexedRun } from '../../core/index/types';
import type { SourceFormat } from '../../core/model';
import { groupByParam, sortRuns, type RunSort } from '../../core/runs/run-order';
import { groupSources } from '../../core/runs/source-groups';
import { naturalCompare } from '../../core/util/natural-sort';

export type RunsNode = Extract<TreeNode, { kind: 'source' | 'experiment' | 'runGroup' }>;

export type TreeNode =
  /** `root`: the folder the node stands for; `roots`: the reader roots inside it (one, or every version folder). */
  | { kind: 'source'; format: SourceFormat; root: string; roots: string[]; runs: IndexedRun[] }
  | { kind: 'experiment'; format: SourceFormat; root: string; name: string; runs: IndexedRun[] }
  /** Runs of an experiment (or source) that share one value of the grouped-by param. */
  | { kind: 'runGroup'; parentId: string; param: string; value: string; runs: IndexedRun[] }
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
  'mlflow-server': 'MLflow server',
};

/** How the runs below a source are arranged. */
export interface Arrangement {
  sort: RunSort;
  /** Param to group runs by, or undefined. */
  groupBy?: string;
  /** runlens.metricGoals, for column sorts by `best`. */
  goals?: Record<string, Goal>;
}

/** Source nodes: per reader root, except per-run-folder formats (core/runs/source-groups). */
export function groupRuns(runs: IndexedRun[]): Array<Extract<TreeNode, { kind: 'source' }>> {
  return groupSources(runs).map((g) => ({ kind: 'source', format: g.format, root: g.root, roots: g.roots, runs: g.runs }));
}

export function experimentsOf(source: Extract<TreeNode, { kind: 'source' }>): Array<Extract<TreeNode, { kind: 'experiment' }>> {
  const exps = new Map<string, Extract<TreeNode, { kind: 'experiment' }>>();
  for (const run of source.runs) {
    let e = exps.get(run.experiment);
    if (!e) exps.set(run.experiment, (e = { kind: 'experiment', format: source.format, root: source.root, name: run.experiment, runs: [] }));
    e.runs.push(run);
  }
  return [...exps.values()].sort((a, b) => naturalCompare(a.name, b.name));
}

export function nodeId(node: RunsNode): string {
  switch (node.kind) {
    case 'source':
      return `source:${node.format}|${node.root}`;
    case 'experiment':
      return `experiment:${node.format}|${node.root}|${node.name}`;
    case 'runGroup':
      return `runGroup:${node.parentId}|${node.param}=${node.value}`;
  }
}

/** What lies below a list of runs: param groups when grouping, else the sorted runs. */
export function runsBelow(parent: Extract<TreeNode, { kind: 'source' | 'experiment' }>, arrangement: Arrangement): TreeNode[] {
  if (arrangement.groupBy) {
    const parentId = nodeId(parent);
    return groupByParam(parent.runs, arrangement.groupBy).map((g) => ({ kind: 'runGroup', parentId, param: arrangement.groupBy!, value: g.value, runs: g.runs }));
  }
  return sortRuns(parent.runs, arrangement.sort, arrangement.goals).map((run) => ({ kind: 'run', run }));
}

/** Children of a source, experiment or param group. */
export function childrenOf(node: RunsNode, arrangement: Arrangement): TreeNode[] {
  switch (node.kind) {
    case 'source': {
      const exps = experimentsOf(node);
      // A source with one experiment shows its runs directly: one level less to click through.
      return exps.length === 1 ? runsBelow({ ...exps[0], root: node.root }, arrangement) : exps;
    }
    case 'experiment':
      return runsBelow(node, arrangement);
    case 'runGroup':
      return sortRuns(node.runs, arrangement.sort, arrangement.goals).map((run) => ({ kind: 'run', run }));
  }
}
