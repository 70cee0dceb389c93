// Growable (key, value) columns for sequence points, and the join/sort that turns Aim's parallel
// step/val/epoch/time columns into points ordered by step. Column keys are the 8 key bytes of the
// point (big-endian int64) held as two uint32 halves, in the unsigned order RocksDB sorts them.

export class Column {
  hi: Uint32Array;
  lo: Uint32Array;
  v: Float64Array;
  n = 0;

  /** `capacity`: expected number of rows (a hint; the column grows past it). */
  constructor(capacity = 256) {
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.v = new Float64Array(capacity);
  }

  push(hi: number, lo: number, v: number): void {
    if (this.n === this.v.length) this.grow();
    this.hi[this.n] = hi;
    this.lo[this.n] = lo;
    this.v[this.n] = v;
    this.n++;
  }

  private grow(): void {
    const cap = Math.max(16, this.v.length * 2);
    const hi = new Uint32Array(cap);
    hi.set(this.hi);
    const lo = new Uint32Array(cap);
    lo.set(this.lo);
    const v = new Float64Array(cap);
    v.set(this.v);
    this.hi = hi;
    this.lo = lo;
    this.v = v;
  }
}

function sameKeys(a: Column, b: Column): boolean {
  if (a.n !== b.n) return false;
  for (let i = 0; i < a.n; i++) if (a.hi[i] !== b.hi[i] || a.lo[i] !== b.lo[i]) return false;
  return true;
}

/**
 * Values of `other` at the keys of `driver` (both in key order); `fill` where other has no entry.
 * `present` (when given) is cleared for driver rows that other lacks.
 */
export function alignTo(driver: Column, other: Column, fill: number, present?: Uint8Array): Float64Array {
  const n = driver.n;
  if (sameKeys(driver, other)) return other.v.slice(0, n);
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const hi = driver.hi[i];
    const lo = driver.lo[i];
    while (j < other.n && (other.hi[j] < hi || (other.hi[j] === hi && other.lo[j] < lo))) j++;
    if (j < other.n && other.hi[j] === hi && other.lo[j] === lo) out[i] = other.v[j];
    else {
      out[i] = fill;
      if (present) present[i] = 0;
    }
  }
  return out;
}

export interface PointArrays {
  steps: Float64Array;
  values: Float64Array;
  epochs: Float64Array;
  times: Float64Array;
}

/** Keeps rows where present[i] is 1. */
export function compact(p: PointArrays, present: Uint8Array): PointArrays {
  let m = 0;
  for (let i = 0; i < present.length; i++) m += present[i];
  if (m === present.length) return p;
  const out: PointArrays = {
    steps: new Float64Array(m),
    values: new Float64Array(m),
    epochs: new Float64Array(m),
    times: new Float64Array(m),
  };
  let o = 0;
  for (let i = 0; i < present.length; i++) {
    if (!present[i]) continue;
    out.steps[o] = p.steps[i];
    out.values[o] = p.values[i];
    out.epochs[o] = p.epochs[i];
    out.times[o] = p.times[i];
    o++;
  }
  return out;
}

/** Orders points by step (stable). Aim argsorts by step too (aim/sdk/sequence.py). */
export function sortByStep(p: PointArrays): PointArrays {
  const { steps } = p;
  const n = steps.length;
  let sorted = true;
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let i = 0; i < n; i++) {
    const s = steps[i];
    if (i > 0 && s < steps[i - 1]) sorted = false;
    if (s < min) min = s;
    if (s > max) max = s;
    if (!Number.isInteger(s)) integral = false;
  }
  if (sorted) return p;
  let order: Uint32Array;
  const range = max - min;
  if (integral && range <= 4 * n + 1024) {
    // Counting sort: steps are dense integers (the usual case), so this is linear.
    const counts = new Uint32Array(range + 2);
    for (let i = 0; i < n; i++) counts[steps[i] - min + 1]++;
    for (let k = 1; k < counts.length; k++) counts[k] += counts[k - 1];
    order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[counts[steps[i] - min]++] = i;
  } else {
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => steps[a] - steps[b] || a - b);
    order = Uint32Array.from(idx);
  }
  const pick = (src: Float64Array) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = src[order[i]];
    return out;
  };
  return { steps: pick(p.steps), values: pick(p.values), epochs: pick(p.epochs), times: pick(p.times) };
}
