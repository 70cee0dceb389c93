// The quick-pick items for choosing runs (Diff Code, Diff Params, Open Source): the runs a command was
// invoked on come first and ticked, then runs of the same script, then the rest. Pure (no 'vscode'), so
// the order and the preselection are unit-tested.
import type { IndexedRun } from '../../core/index/types';

export interface RunPickItem {
  label: string;
  description: string;
  detail: string;
  picked: boolean;
  run: IndexedRun;
}

export function runLabel(run: Pick<IndexedRun, 'name' | 'id'>): string {
  return run.name || run.id;
}

export function runPickItems(runs: readonly IndexedRun[], preselected: readonly string[] = []): RunPickItem[] {
  const chosen = new Set(preselected);
  const scripts = new Set(runs.filter((r) => chosen.has(r.key) && r.entryPoint).map((r) => r.entryPoint));
  const rank = (r: IndexedRun) => (chosen.has(r.key) ? 0 : r.entryPoint && scripts.has(r.entryPoint) ? 1 : 2);
  return runs
    .map((run, i) => ({ run, i }))
    .sort((a, b) => rank(a.run) - rank(b.run) || a.i - b.i)
    .map(({ run }) => ({
      label: runLabel(run),
      description: [run.entryPoint, run.gitCommit?.slice(0, 8)].filter(Boolean).join(' @ '),
      detail: `${run.experiment} · ${run.format}`,
      picked: chosen.has(run.key),
      run,
    }));
}
