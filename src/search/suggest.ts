import type { SearchIndex } from './search-index.js';
import { words } from './tokenizer.js';
import { allowedTypos, allowsPrefix } from './typos.js';

export interface Suggestion {
  /** The completed query, in index terms (folded). */
  text: string;
  score: number;
}

export const MAX_SUGGESTIONS = 10;

/** Completions for a search box: the query with its last word completed (MiniSearch autoSuggest), typo-tolerant. */
export function suggest(index: SearchIndex, q: string, limit = MAX_SUGGESTIONS): Suggestion[] {
  if (words(q).length === 0) return [];
  return index.minisearch
    .autoSuggest(q, {
      tokenize: (text: string) => words(text).map((w) => w.term),
      processTerm: (term: string) => term,
      fuzzy: (term: string) => allowedTypos(term) || false,
      prefix: (term: string, i: number, terms: string[]) => i === terms.length - 1 && allowsPrefix(term),
      combineWith: 'AND',
    })
    .slice(0, Math.min(limit, MAX_SUGGESTIONS))
    .map((s) => ({ text: s.suggestion, score: Math.round(s.score * 1000) / 1000 }));
}
