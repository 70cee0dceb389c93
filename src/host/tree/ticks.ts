// The ticked runs of the Runs view: what "Compare Selected Runs" and the Curves panel's followTicks
// use. Kept in the workspace's state as portable keys (core/runs/run-keys), so ticks survive a window
// reload and a moved or re-cloned workspace. A stored tick whose run is not indexed (yet, or any
// more) stays pending and comes back when the run does.
import type * as vscode from 'vscode';
import type { SourceFormat } from '../../core/model';
import { portableKeyLookup, portableRunKey, resolveRunKeys } from '../../core/runs/run-keys';

export const TICKS_STATE_KEY = 'runlens.runs.ticks';
/** Pending ticks beyond this are forgotten, oldest first: runs long gone should not pile up. */
const MAX_PENDING = 10_000;

interface Keyed {
  key: string;
  format: SourceFormat;
  root: string;
  id: string;
}

export class Ticks {
  private readonly ticked = new Set<string>();
  /** Stored keys (portable) that no indexed run answers to. */
  private pending: string[];
  /** Portable key of each ticked run, kept so a run that leaves the index stays pending under it. */
  private readonly portable = new Map<string, string>();
  private indexed: { runs: readonly Keyed[]; byKey: Map<string, Keyed> } | undefined;

  constructor(
    private readonly memento: vscode.Memento | undefined,
    private readonly bases: () => readonly string[],
    private readonly runs: () => readonly Keyed[],
  ) {
    const stored = memento?.get<unknown>(TICKS_STATE_KEY);
    this.pending = Array.isArray(stored) ? stored.filter((k): k is string => typeof k === 'string') : [];
  }

  keys(): string[] {
    return [...this.ticked];
  }

  has(key: string): boolean {
    return this.ticked.has(key);
  }

  /** Follows a new index version; true when the ticked set changed. */
  reconcile(): boolean {
    const byKey = this.byKey();
    let changed = false;
    const gone: string[] = [];
    for (const key of [...this.ticked]) {
      if (byKey.has(key)) continue;
      this.ticked.delete(key);
      gone.push(this.portable.get(key) ?? key);
      changed = true;
    }
    const { keys, missing } = resolveRunKeys(this.pending, portableKeyLookup(this.runs(), this.bases()));
    for (const k of keys) {
      if (this.ticked.has(k)) continue;
      this.ticked.add(k);
      changed = true;
    }
    const before = this.pending.length;
    this.pending = [...missing, ...gone].slice(-MAX_PENDING);
    if (changed || before !== this.pending.length) this.persist();
    return changed;
  }

  /** Ticks or unticks many runs at once; true when anything changed. */
  set(keys: readonly string[], checked: boolean): boolean {
    let changed = false;
    for (const k of keys) {
      if (checked === this.ticked.has(k)) continue;
      if (checked) this.ticked.add(k);
      else this.ticked.delete(k);
      changed = true;
    }
    if (changed) this.persist();
    return changed;
  }

  /** Unticks everything, pending ticks included. */
  clear(): boolean {
    const changed = this.ticked.size > 0 || this.pending.length > 0;
    this.ticked.clear();
    this.pending = [];
    if (changed) this.persist();
    return changed;
  }

  private byKey(): Map<string, Keyed> {
    const runs = this.runs();
    if (this.indexed?.runs !== runs) this.indexed = { runs, byKey: new Map(runs.map((r) => [r.key, r])) };
    return this.indexed.byKey;
  }

  private persist(): void {
    const bases = this.bases();
    const byKey = this.byKey();
    const stored: string[] = [];
    for (const key of this.ticked) {
      const run = byKey.get(key);
      const p = run ? portableRunKey(run, bases) : this.portable.get(key) ?? key;
      this.portable.set(key, p);
      stored.push(p);
    }
    for (const key of [...this.portable.keys()]) if (!this.ticked.has(key)) this.portable.delete(key);
    void this.memento?.update(TICKS_STATE_KEY, [...stored, ...this.pending]);
  }
}
