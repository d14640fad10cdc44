import { LruCache } from './lru-cache.js';

/** One document's match of one query: its score and the index terms that matched (for highlighting). */
export interface Match {
  score: number;
  terms: readonly string[];
}

export type Matches = ReadonlyMap<number, Match>;

/**
 * Bytes of one document entry: the Map slot, the Match object, its score and
 * its terms array (measured on Node 20: about 150 with one term). The term
 * strings themselves are the index's, shared by every entry.
 */
const MATCH_BYTES = 160;
const TERM_BYTES = 8;

function matchesBytes(matches: Matches): number {
  let bytes = 64;
  for (const match of matches.values()) bytes += MATCH_BYTES + TERM_BYTES * match.terms.length;
  return bytes;
}

/**
 * The share of CACHE_MAX_BYTES the search layer keeps by default: the
 * documents recent queries matched, per query. A small archive is cheap to
 * search again; a large one gains most from remembering what frequent words match.
 */
export const DEFAULT_MATCH_CACHE_BYTES = 128 * 1024 * 1024;

/**
 * The documents each recent query matched in one index, per query, bounded
 * in bytes: a frequent word costs a full scoring pass only the first time.
 * Held beside the index, keyed weakly on it, so the index itself stays
 * immutable and a replaced index takes its cache with it.
 */
const caches = new WeakMap<object, LruCache<Matches>>();

export function matchCacheOf(index: { readonly matchCacheBytes: number | undefined }): LruCache<Matches> {
  let cache = caches.get(index);
  if (!cache) caches.set(index, (cache = new LruCache<Matches>(index.matchCacheBytes ?? DEFAULT_MATCH_CACHE_BYTES, matchesBytes)));
  return cache;
}
