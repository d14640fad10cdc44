import { createHash } from 'node:crypto';

/**
 * What one kept entry costs beyond its key and value: the Map's slot, the key's
 * string header, the bookkeeping of its size. Measured on Node 20 (about 80
 * bytes) and rounded up, so the bound errs on the side of keeping less.
 */
export const ENTRY_OVERHEAD_BYTES = 128;

/** Bytes a JS string may hold: two a character when V8 keeps it two-byte (any non-Latin-1 character). */
export function stringBytes(text: string): number {
  return 16 + text.length * 2;
}

/** Keys up to this many characters are kept whole (a SHA-1 in base64url is 27). */
const SHORT_KEY = 96;

/**
 * A short cache key for a request however long it is (at most 96
 * characters): keys are held as long as their entries, and a key built from
 * the request itself would grow with what a client sends. Parts are joined
 * by NUL, which no hash holds, so a kept-whole key never equals a hashed one.
 */
export function hashKey(...parts: readonly string[]): string {
  // Short keys are kept as they are: hashing them costs more than holding them.
  const joined = parts.join('\u0000');
  if (joined.length <= SHORT_KEY) return joined;
  return createHash('sha1').update(joined).digest('base64url');
}

/**
 * A least-recently-used map bounded in bytes, keys and values both: a Map
 * keeps insertion order, so a hit is moved to the end and the oldest entry is
 * the first key. Entries count what `sizeOf` says of the value plus the key
 * and ENTRY_OVERHEAD_BYTES; a value bigger than the whole budget is not kept.
 */
export class LruCache<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private held = 0;

  /**
   * @param maxBytes the most bytes held, all entries together; 0 keeps nothing
   * @param sizeOf the bytes one value holds
   */
  constructor(
    readonly maxBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    const bytes = ENTRY_OVERHEAD_BYTES + stringBytes(key) + this.sizeOf(value);
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.held -= old.bytes;
      this.entries.delete(key);
    }
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, bytes });
    this.held += bytes;
    while (this.held > this.maxBytes) {
      const [oldest, entry] = this.entries.entries().next().value as [string, { bytes: number }];
      this.held -= entry.bytes;
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

  /** Entries held. */
  get size(): number {
    return this.entries.size;
  }

  /** Bytes held, by the same count that bounds them. */
  get bytes(): number {
    return this.held;
  }
}
