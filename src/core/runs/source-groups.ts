// Which source node each run sits under in the Runs view. Most formats list many runs from one root
// (an mlruns folder, an .aim repo), so the root is the source. Two formats make every run folder its
// own root: Lightning (`lightning_logs/version_N`) and Hugging Face Trainer (one output_dir per run).
// Shown one root per node, a folder of 240 versions would be 240 sources: instead a Lightning run sits
// under its logger folder (the version's parent), and Trainer output dirs that share a parent sit under it.
import * as path from 'node:path';
import type { SourceFormat } from '../model';
import { naturalCompare } from '../util/natural-sort';

/** What grouping needs of a run (IndexedRun fits). */
export interface SourceMember {
  format: SourceFormat;
  root: string;
}

export interface SourceGroup<T extends SourceMember> {
  format: SourceFormat;
  /** The folder the node stands for: the reader's root, or the parent folder of per-run roots. */
  root: string;
  /** The reader roots inside this group, in natural order. */
  roots: string[];
  runs: T[];
}

/** The folder a run's source node stands for, given how many runs of its format share each parent. */
function groupRoot(run: SourceMember, parentCounts: Map<string, number>): string {
  if (run.format === 'lightning-csv') return path.dirname(run.root);
  if (run.format === 'hf-trainer') {
    const parent = path.dirname(run.root);
    return (parentCounts.get(parent) ?? 0) > 1 ? parent : run.root;
  }
  return run.root;
}

/** Source nodes in first-seen order; runs keep their order within each. */
export function groupSources<T extends SourceMember>(runs: readonly T[]): SourceGroup<T>[] {
  // Distinct Trainer roots per parent folder (a root holds one run, but count roots, not runs).
  const hfRoots = new Map<string, Set<string>>();
  for (const run of runs) {
    if (run.format !== 'hf-trainer') continue;
    const parent = path.dirname(run.root);
    let set = hfRoots.get(parent);
    if (!set) hfRoots.set(parent, (set = new Set()));
    set.add(run.root);
  }
  const parentCounts = new Map([...hfRoots].map(([p, s]) => [p, s.size]));
  const groups = new Map<string, { group: SourceGroup<T>; roots: Set<string> }>();
  for (const run of runs) {
    const root = groupRoot(run, parentCounts);
    const key = `${run.format}|${root}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { group: { format: run.format, root, roots: [], runs: [] }, roots: new Set() }));
    g.roots.add(run.root);
    g.group.runs.push(run);
  }
  return [...groups.values()].map(({ group, roots }) => ({ ...group, roots: [...roots].sort(naturalCompare) }));
}
