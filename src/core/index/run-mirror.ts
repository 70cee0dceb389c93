// The extension host's view of the index: the runs the tree, CodeLens and panels need, kept in memory
// and updated from the deltas the index worker sends after each pass. The worker owns the database;
// the host never opens it.
import type { ReadError } from '../model';
import type { IndexedRun } from './types';

/** What one index pass changed, as the worker sends it. */
export interface RunDelta {
  /** The whole index (warm start, a restarted worker): replaces everything the mirror held. */
  full: boolean;
  /** Runs added or changed, complete. */
  changed: IndexedRun[];
  /** Keys of runs no longer in the index. */
  removed: string[];
  /** Every read error the index holds now (a short list, sent whole). */
  errors: ReadError[];
}

export class RunMirror {
  private readonly byKey = new Map<string, IndexedRun>();
  private sorted: IndexedRun[] | undefined;
  private readErrors: ReadError[] = [];

  /** Applies a delta; true when anything a listener shows changed. */
  apply(delta: RunDelta): boolean {
    const errorsChanged = JSON.stringify(delta.errors) !== JSON.stringify(this.readErrors);
    this.readErrors = delta.errors;
    if (delta.full) {
      const hadRuns = this.byKey.size > 0;
      this.byKey.clear();
      this.sorted = undefined;
      for (const run of delta.changed) this.byKey.set(run.key, run);
      return hadRuns || delta.changed.length > 0 || errorsChanged;
    }
    let changed = false;
    for (const key of delta.removed) changed = this.byKey.delete(key) || changed;
    for (const run of delta.changed) {
      this.byKey.set(run.key, run);
      changed = true;
    }
    if (changed) this.sorted = undefined;
    return changed || errorsChanged;
  }

  get size(): number {
    return this.byKey.size;
  }

  /** All runs in the database's order (source root, experiment, start time, name). */
  runs(): IndexedRun[] {
    this.sorted ??= [...this.byKey.values()].sort(compareRuns);
    return this.sorted;
  }

  /** The runs of these keys that exist, in the order asked. */
  runsByKey(keys: string[]): IndexedRun[] {
    return keys.flatMap((k) => this.byKey.get(k) ?? []);
  }

  errors(): ReadError[] {
    return this.readErrors;
  }
}

/** What turns `before` into `after` (runs compared by content): the correction after a warm start's head start. */
export function diffRuns(before: IndexedRun[], after: IndexedRun[]): { changed: IndexedRun[]; removed: string[] } {
  const old = new Map(before.map((r) => [r.key, JSON.stringify(r)]));
  const changed = after.filter((r) => old.get(r.key) !== JSON.stringify(r));
  const kept = new Set(after.map((r) => r.key));
  return { changed, removed: before.filter((r) => !kept.has(r.key)).map((r) => r.key) };
}

/** IndexStore.runs()'s ORDER BY: root, experiment, start time (none first), name; then key so ties are stable. */
function compareRuns(a: IndexedRun, b: IndexedRun): number {
  return (
    cmp(a.root, b.root) ||
    cmp(a.experiment, b.experiment) ||
    (a.startTime ?? -Infinity) - (b.startTime ?? -Infinity) ||
    cmp(a.name, b.name) ||
    cmp(a.key, b.key)
  );
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
