// A sliding window of numbers kept in ascending order: add the newest, drop the oldest, read percentiles —
// O(window) per step (a binary search and one splice) instead of sorting the window at every point, which cost
// the health rules minutes over 1,000 runs × 20 series × 10,000 steps. Holds the same multiset a sort of the
// window would give, so every percentile is the same value. Infinities are fine; NaN must not be added.

export class SortedWindow {
  /** The window's values, ascending (read-only for callers: percentileSorted takes it as is). */
  readonly values: number[] = [];

  add(x: number): void {
    this.values.splice(this.lowerBound(x), 0, x);
  }

  /** Removes one value equal to x (it must be in the window). */
  remove(x: number): void {
    const i = this.lowerBound(x);
    if (i < this.values.length && this.values[i] === x) this.values.splice(i, 1);
  }

  get size(): number {
    return this.values.length;
  }

  private lowerBound(x: number): number {
    let lo = 0;
    let hi = this.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.values[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
