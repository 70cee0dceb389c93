// A small least-recently-used cache bounded by a total size (points, bytes, …) rather than by an
// entry count, so a few huge series cannot hold gigabytes while many small ones still fit.
export class LruCache<K, V> {
  private readonly map = new Map<K, { value: V; size: number }>();
  private total = 0;

  constructor(
    private readonly maxSize: number,
    private readonly sizeOf: (value: V) => number = () => 1,
  ) {}

  get size(): number {
    return this.total;
  }

  get count(): number {
    return this.map.size;
  }

  /** The value, now marked most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Stores a value, evicting the least recently used ones to stay within the budget. A value larger than the whole budget is not kept. */
  set(key: K, value: V): void {
    this.delete(key);
    const size = Math.max(0, this.sizeOf(value));
    if (size > this.maxSize) return;
    this.map.set(key, { value, size });
    this.total += size;
    for (const [k, e] of this.map) {
      if (this.total <= this.maxSize) break;
      this.map.delete(k);
      this.total -= e.size;
    }
  }

  delete(key: K): void {
    const e = this.map.get(key);
    if (!e) return;
    this.map.delete(key);
    this.total -= e.size;
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }
}
