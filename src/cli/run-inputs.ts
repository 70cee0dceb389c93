// The runs a command works on: the folders/files given (indexed in memory or into --db), narrowed by --where.
// Shared by `table`, `compare` and `select`.
import * as fs from 'node:fs';
import type { IndexedRun } from '../core/index/types';
import type { ReadError } from '../core/model';
import { filterRuns, queryRunOf } from '../core/query';
import type { Goal } from '../core/runs/declared-objective';
import { indexPaths } from './index-paths';

export type RunInputs = { ok: true; runs: IndexedRun[]; errors: ReadError[] } | { ok: false; message: string };

/** Indexes `paths` (every one must exist) and keeps the runs `where` matches. */
export async function loadRuns(paths: readonly string[], where: string | true | undefined, dbFile?: string): Promise<RunInputs> {
  if (!paths.length) return { ok: false, message: 'give at least one folder or file' };
  const missing = paths.filter((p) => !fs.existsSync(p));
  if (missing.length) return { ok: false, message: missing.map((p) => `${p}: no such file or folder`).join('\n') };
  const indexed = await indexPaths(paths, { dbFile });
  let runs = indexed.runs;
  if (typeof where === 'string') {
    const views = new Map(runs.map((r) => [queryRunOf(r), r]));
    const res = filterRuns(where, [...views.keys()]);
    if (!res.ok) return { ok: false, message: `--where: ${res.message} (at character ${res.start + 1})` };
    runs = res.runs.map((v) => views.get(v)!);
  }
  return { ok: true, runs, errors: indexed.errors };
}

/** `a,b , c` → ['a', 'b', 'c']; a flag given without a value → []. */
export const flagList = (v: string | true | undefined) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);

/** `--goal f1_en=max,eval_loss=min`: the direction of `best` per metric, beating declarations and names. */
export function parseGoals(v: string | true | undefined): Record<string, Goal> | string {
  const goals: Record<string, Goal> = {};
  for (const entry of flagList(v)) {
    const [key, goal] = entry.split('=');
    if (!key || (goal !== 'min' && goal !== 'max')) return `--goal takes key=min or key=max, not '${entry}'`;
    goals[key] = goal;
  }
  return goals;
}

