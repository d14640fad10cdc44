import type { Word } from './tokenizer.js';

/**
 * English stop words dropped from queries (not from the index) so that
 * natural-language questions work: "how do I write BPF programs in Zig".
 * A query made only of stop words keeps them.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers herself him himself
  his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours
  ourselves out over own same she should so some such than that the their theirs them themselves then there these they
  this those through to too under until up very was we were what when where which while who whom why will with would you
  your yours yourself yourselves`
    .split(/\s+/)
    .filter(Boolean),
);

/** Whether every word is a stop word: then a query keeps them all, as it has nothing else to search. */
export function allStopWords(words: readonly Word[]): boolean {
  return words.every((w) => STOP_WORDS.has(w.term));
}
