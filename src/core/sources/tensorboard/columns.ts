// Growable columns of one scalar tag (steps, values, wall times, appended in file order) and what a read
// hands out: exact-size copies of them. The growable columns come from a small pool shared by every read:
// growing fresh ones per tag and file (64, 128, … 4,096 points, three arrays each) was 7 % of the read in
// profiles and most of its garbage; pooled ones have grown once and are copied out in one allocation.
import type { SeriesPoints } from '../../model';

export class ScalarColumns {
  steps: Float64Array;
  values: Float64Array;
  /** Epoch milliseconds. */
  times: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.steps = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
  }

  push(step: number, value: number, timeMs: number): void {
    const i = this.length;
    if (i === this.steps.length) this.grow();
    this.steps[i] = step;
    this.values[i] = value;
    this.times[i] = timeMs;
    this.length = i + 1;
  }

  private grow(): void {
    const cap = this.steps.length * 2;
    const steps = new Float64Array(cap);
    const values = new Float64Array(cap);
    const times = new Float64Array(cap);
    steps.set(this.steps);
    values.set(this.values);
    times.set(this.times);
    this.steps = steps;
    this.values = values;
    this.times = times;
  }
}

/**
 * Exact-size copies of the columns' points, in the order given (undefined for empty ones). A tag's steps,
 * values and times are views into one array of its own: one allocation per tag, not three, and a consumer
 * keeping one tag's series keeps no other tag's points alive.
 */
export function copyOut(columns: ReadonlyArray<ScalarColumns | undefined>): Array<SeriesPoints | undefined> {
  const out: Array<SeriesPoints | undefined> = [];
  for (const c of columns) {
    const n = c ? c.length : 0;
    if (n === 0) {
      out.push(undefined);
      continue;
    }
    const all = new Float64Array(3 * n);
    all.set(c!.steps.subarray(0, n), 0);
    all.set(c!.values.subarray(0, n), n);
    all.set(c!.times.subarray(0, n), 2 * n);
    out.push({ steps: all.subarray(0, n), values: all.subarray(n, 2 * n), times: all.subarray(2 * n, 3 * n) });
  }
  return out;
}

// Columns go back to the pool while the pool holds fewer than this many points of capacity in all (24 bytes
// each): enough for the tags of ordinary files, not a lasting hold on the memory of a huge one.
const POOLED_MAX_POINTS = 1 << 18;
const pool: ScalarColumns[] = [];
let pooledPoints = 0;

export function acquireColumns(): ScalarColumns {
  const c = pool.pop();
  if (!c) return new ScalarColumns();
  pooledPoints -= c.steps.length;
  return c;
}

export function releaseColumns(c: ScalarColumns): void {
  c.length = 0;
  if (pooledPoints + c.steps.length > POOLED_MAX_POINTS) return;
  pooledPoints += c.steps.length;
  pool.push(c);
}
