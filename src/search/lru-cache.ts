/**
 * A bounded least-recently-used map: a Map keeps insertion order, so a hit is
 * moved to the end and the oldest entry is the first key.
 */
export class LruCache<V> {
  private readonly entries = new Map<string, V>();
  private weight = 0;

  /**
   * @param capacity most entries kept, or most total weight when `weigh` is given
   * @param weigh the cost of one value (e.g. how many documents a result holds); 1 by default
   */
  constructor(
    readonly capacity: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    const weight = this.weigh(value);
    if (weight > this.capacity) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.weight -= this.weigh(old);
      this.entries.delete(key);
    }
    this.entries.set(key, value);
    this.weight += weight;
    while (this.weight > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.weight -= this.weigh(this.entries.get(oldest)!);
      this.entries.delete(oldest);
    }
  }

  /** The value under `key`, made by `make` (and kept) the first time. */
  getOrSet(key: string, make: () => V): V {
    let value = this.get(key);
    if (value === undefined) {
      value = make();
      this.set(key, value);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
