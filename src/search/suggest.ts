import { termsStartingWith } from './completions.js';
import type { SearchIndex } from './search-index.js';
import { STOP_WORDS } from './stop-words.js';
import { isNumeric, words } from './tokenizer.js';
import { oneTypoAway } from './typos.js';

export interface Suggestion {
  /** The completed query, in index terms (folded). */
  text: string;
  score: number;
}

export const MAX_SUGGESTIONS = 10;

/**
 * Completions for a search box, each one thing a reader may have meant: the
 * last word completed (`xd` -> `xdp`, `xdp_redirect`), or completed into a
 * phrase the archive writes (`tail ca` -> `tail calls`, `ring b` -> `ring
 * buffer`); after earlier words, only completions found in an item together
 * with them. A last word that completes to nothing gets the words one typo
 * away. Scores are the number of items that hold the completion.
 */
export function suggest(index: SearchIndex, q: string, limit = MAX_SUGGESTIONS): Suggestion[] {
  const ws = words(q);
  if (ws.length === 0) return [];
  const max = Math.min(limit, MAX_SUGGESTIONS);
  const { completions } = index;
  const ended = /[\s]$/.test(q);
  const typed = ws.map((w) => w.term);
  const last = ended ? '' : typed[typed.length - 1]!;
  const before = ended ? typed : typed.slice(0, -1);
  const head = before.length > 0 ? `${before.join(' ')} ` : '';
  const previous = before[before.length - 1];
  const context = before.filter((t) => !STOP_WORDS.has(t));
  // Items holding every earlier word: a completion outside them finds nothing with them.
  const withContext = context.length === 0 ? null : context.map((t) => index.minisearch.documentsWith(t)).reduce((a, b) => new Set([...a].filter((d) => b.has(d))));
  const together = (term: string) => withContext === null || [...index.minisearch.documentsWith(term)].some((d) => withContext.has(d));

  const out = new Map<string, number>();
  const add = (text: string, score: number) => {
    if (out.size < max && !out.has(text)) out.set(text, score);
  };
  if (previous !== undefined) {
    // After a word: the phrases the archive writes with it; other words only when it writes none.
    for (const { word, count } of completions.next.get(previous) ?? []) if (word.startsWith(last) && word !== last) add(`${head}${word}`, count);
    if (out.size > 0 || last === '') return ranked(out);
  }
  // A search box completes from the first letter, versions too (`5.1` -> `5.10`, `5.11`).
  const completed = termsStartingWith(completions, last).filter((term) => !STOP_WORDS.has(term) && together(term));
  for (const term of completed) {
    add(`${head}${term}`, completions.itemCount.get(term) ?? 0);
    // A lone word also completes into its most written phrase.
    const phrase = previous === undefined ? completions.next.get(term)?.[0] : undefined;
    if (phrase && phrase.count >= 2) add(`${term} ${phrase.word}`, phrase.count);
  }
  if (completed.length === 0 && !isNumeric(last)) {
    for (const term of oneTypoAway(index.typoDictionary, last).filter(together)) add(`${head}${term}`, completions.itemCount.get(term) ?? 0);
  }
  return ranked(out);
}

function ranked(found: Map<string, number>): Suggestion[] {
  return [...found].map(([text, score]) => ({ text, score })).sort((a, b) => b.score - a.score);
}
