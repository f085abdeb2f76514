/**
 * A least-recently-used map of integer keys with a fixed capacity: the one
 * policy behind every distance-field cache. `onEvict` hears of each value
 * let go (to recycle its memory when nobody else holds it).
 */
export class LruCache<V> {
  private readonly map = new Map<number, V>();
  /** Values created so far (a cost figure). */
  created = 0;

  constructor(
    readonly capacity: number,
    private readonly make: (key: number) => V,
    private readonly onEvict?: (value: V) => void,
  ) {}

  get(key: number): V {
    const hit = this.map.get(key);
    if (hit !== undefined) {
      // Refresh recency: Map iteration order is insertion order.
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    if (this.map.size >= this.capacity) {
      const oldest = this.map.keys().next().value as number;
      const gone = this.map.get(oldest)!;
      this.map.delete(oldest);
      this.onEvict?.(gone);
    }
    const value = this.make(key);
    this.created++;
    this.map.set(key, value);
    return value;
  }

  /** Removes the value under `key`, if any (without calling `onEvict`), and returns it. */
  delete(key: number): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) this.map.delete(key);
    return value;
  }

  /** Removes every value `pred` accepts (without calling `onEvict`) and returns them. */
  evictWhere(pred: (value: V) => boolean): V[] {
    const out: V[] = [];
    for (const [key, value] of this.map) {
      if (!pred(value)) continue;
      this.map.delete(key);
      out.push(value);
    }
    return out;
  }

  get size(): number {
    return this.map.size;
  }
}
