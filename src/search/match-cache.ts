import { LruCache } from './lru-cache.js';
import type { TermMatches } from './term-index.js';

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

/** A term's match is a Match with one more reference (its query terms, one array shared by all). */
function termMatchesBytes(matches: TermMatches): number {
  return matchesBytes(matches) + TERM_BYTES * matches.size;
}

/**
 * The share of CACHE_MAX_BYTES the search layer keeps by default: the
 * documents recent queries matched, per query. A small archive is cheap to
 * search again; a large one gains most from remembering what frequent words match.
 */
export const DEFAULT_MATCH_CACHE_BYTES = 128 * 1024 * 1024;

/**
 * The share of the search layer's budget that remembers single terms'
 * matches (TermIndex's TermCache): the words every synonym alternative and
 * every query repeats (`bpf`, `program`). The rest remembers whole queries.
 */
const TERM_SHARE = 1 / 4;

/** Both caches of one index: the documents recent queries matched, and recent terms. */
interface Caches {
  matches: LruCache<Matches>;
  terms: LruCache<TermMatches>;
}

/**
 * The documents each recent query and term matched in one index, bounded in
 * bytes together: a frequent word costs a full scoring pass only the first time.
 * Held beside the index, keyed weakly on it, so the index itself stays
 * immutable and a replaced index takes its caches with it.
 */
const caches = new WeakMap<object, Caches>();

function cachesOf(index: { readonly matchCacheBytes: number | undefined }): Caches {
  let kept = caches.get(index);
  if (!kept) {
    const bytes = index.matchCacheBytes ?? DEFAULT_MATCH_CACHE_BYTES;
    const terms = Math.floor(bytes * TERM_SHARE);
    caches.set(index, (kept = { matches: new LruCache<Matches>(bytes - terms, matchesBytes), terms: new LruCache<TermMatches>(terms, termMatchesBytes) }));
  }
  return kept;
}

export function matchCacheOf(index: { readonly matchCacheBytes: number | undefined }): LruCache<Matches> {
  return cachesOf(index).matches;
}

export function termCacheOf(index: { readonly matchCacheBytes: number | undefined }): LruCache<TermMatches> {
  return cachesOf(index).terms;
}

/** Bytes the search layer's caches hold, and may hold, together. */
export function searchCacheBytes(index: { readonly matchCacheBytes: number | undefined }): { bytes: number; maxBytes: number } {
  const { matches, terms } = cachesOf(index);
  return { bytes: matches.bytes + terms.bytes, maxBytes: matches.maxBytes + terms.maxBytes };
}
