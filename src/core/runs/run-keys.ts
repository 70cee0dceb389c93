// Run keys that survive moving or re-cloning the workspace. The index keys a run by its format,
// its source root's absolute path and its id; saved ticks and views that held those would point at
// nothing once the folder moves. The portable form names the root relative to the workspace folder
// that holds it (`mlflow-file|./mlruns|<uuid>`), so the same checkout anywhere resolves to the same runs.
// A root outside every workspace folder keeps its absolute path: there is nothing to be relative to.
import * as path from 'node:path';
import type { RunInfo } from '../model';

type Keyed = Pick<RunInfo, 'format' | 'root' | 'id'> & { key: string };

/** `./` + the root relative to the first base folder that holds it, with `/` separators; else the absolute root. */
export function portableRoot(root: string, bases: readonly string[]): string {
  for (const base of bases) {
    const rel = path.relative(base, root);
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) return rel === '' ? '.' : './' + rel.split(path.sep).join('/');
  }
  return root;
}

export function portableRunKey(run: Pick<RunInfo, 'format' | 'root' | 'id'>, bases: readonly string[]): string {
  return `${run.format}|${portableRoot(run.root, bases)}|${run.id}`;
}

export interface ResolvedKeys {
  /** Index run keys, in the order given. */
  keys: string[];
  /** Stored keys no indexed run answers to (yet). */
  missing: string[];
}

/**
 * Maps stored keys (portable, or absolute index keys saved by older versions) to the current runs' index keys.
 * `lookup` can be built once with portableKeyLookup() when resolving often.
 */
export function resolveRunKeys(stored: readonly string[], lookup: Map<string, string>): ResolvedKeys {
  const keys: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const k of stored) {
    const key = lookup.get(k);
    if (key === undefined) missing.push(k);
    else if (!seen.has(key)) {
      seen.add(key);
      keys.push(key);
    }
  }
  return { keys, missing };
}

/** Portable key and index key → index key, for every run. */
export function portableKeyLookup(runs: readonly Keyed[], bases: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const run of runs) {
    out.set(run.key, run.key);
    out.set(portableRunKey(run, bases), run.key);
  }
  return out;
}

/**
 * Index keys → portable keys, for storing (saved views, ticks). A key whose run is not indexed is kept as it is.
 * Reading them back: resolveRunKeys(stored, portableKeyLookup(runs, bases)).keys.
 */
export function toPortableKeys(keys: readonly string[], runs: readonly Keyed[], bases: readonly string[]): string[] {
  const byKey = new Map(runs.map((r) => [r.key, r]));
  return keys.map((k) => {
    const run = byKey.get(k);
    return run ? portableRunKey(run, bases) : k;
  });
}

/** The run-naming fields of a saved view (Curves state): who the view shows and hides. */
export interface RunKeyFields {
  runKeys: string[];
  hiddenRuns: string[];
}

/** A view's run keys as portable keys, for storing it. */
export function portableView<T extends RunKeyFields>(view: T, runs: readonly Keyed[], bases: readonly string[]): T {
  return { ...view, runKeys: toPortableKeys(view.runKeys, runs, bases), hiddenRuns: toPortableKeys(view.hiddenRuns, runs, bases) };
}

/** A stored view's keys mapped back to the index's current keys (runs not indexed yet are left out). */
export function resolvedView<T extends RunKeyFields>(view: T, runs: readonly Keyed[], bases: readonly string[]): T {
  const lookup = portableKeyLookup(runs, bases);
  return { ...view, runKeys: resolveRunKeys(view.runKeys, lookup).keys, hiddenRuns: resolveRunKeys(view.hiddenRuns, lookup).keys };
}
