import { append } from './multimap.js';
import { STOP_WORDS } from './stop-words.js';
import { isNumeric, type Word } from './tokenizer.js';

/**
 * What a search box is completed from, built once per index: every term with
 * the number of items holding it, and the phrases of two words the archive
 * writes (`tail calls`, `ring buffer`), with the number of items writing them.
 */
export interface Completions {
  /** Index terms, sorted: the completions of a prefix are one contiguous run. */
  terms: readonly string[];
  /** Items holding each term. */
  itemCount: ReadonlyMap<string, number>;
  /** First word to the second words that follow it, most written first. */
  next: ReadonlyMap<string, readonly { word: string; count: number }[]>;
  /**
   * Compounds the archive writes both joined and apart (`userspace`, `user
   * space`, `user-space`): the joined term to its two words, and the two words
   * (space-separated) to the joined term.
   */
  split: ReadonlyMap<string, readonly [string, string]>;
  joined: ReadonlyMap<string, string>;
}

/** A pair written in fewer items than this (and in no title) is a chance neighbour, not a phrase. */
const PHRASE_MIN_ITEMS = 2;

const joinable = (gap: string) => /^[\s-]*$/.test(gap) && !gap.includes('\n\n');

/**
 * Completions gathered item by item from the words the index build found
 * once; the compounds wait for `finish`, which knows which joined forms the
 * index holds.
 */
export class CompletionsBuilder {
  private readonly pairs = new Map<string, { items: number; inTitle: boolean }>();
  /** Two words that may be a compound written apart or hyphenated, in the order met. */
  private readonly candidates: [string, string][] = [];

  add(title: string, titleWords: readonly Word[], text: string, textWords: readonly Word[]): void {
    const seen = new Set<string>();
    for (const [source, ws, inTitle] of [
      [title, titleWords, true],
      [text, textWords, false],
    ] as const) {
      for (const w of ws) if (w.parts.length === 2 && /^[\p{L}]+-[\p{L}]+$/u.test(w.term)) this.candidates.push([w.parts[0]!, w.parts[1]!]);
      for (let i = 0; i + 1 < ws.length; i++) {
        const [a, b] = [ws[i]!, ws[i + 1]!];
        const gap = source.slice(a.end, b.start);
        if (/^\s+$/.test(gap)) this.candidates.push([a.term, b.term]);
        if (STOP_WORDS.has(a.term) || STOP_WORDS.has(b.term) || isNumeric(a.term) || a.term.length < 2 || b.term.length < 2) continue;
        if (!joinable(gap)) continue;
        const key = `${a.term} ${b.term}`;
        const pair = this.pairs.get(key) ?? { items: 0, inTitle: false };
        if (!seen.has(key)) pair.items++;
        pair.inTitle ||= inTitle;
        seen.add(key);
        this.pairs.set(key, pair);
      }
    }
  }

  finish(itemCount: ReadonlyMap<string, number>): Completions {
    const split = new Map<string, readonly [string, string]>();
    const joined = new Map<string, string>();
    for (const [a, b] of this.candidates) {
      const whole = a + b;
      // Two real words each (`co-re` is not `core`, `so on` is not `soon`).
      if (a.length < 3 || b.length < 3 || STOP_WORDS.has(a) || STOP_WORDS.has(b) || !itemCount.has(whole) || isNumeric(whole) || split.has(whole)) continue;
      split.set(whole, [a, b]);
      joined.set(`${a} ${b}`, whole);
    }
    const next = new Map<string, { word: string; count: number }[]>();
    for (const [key, pair] of this.pairs) {
      if (pair.items < PHRASE_MIN_ITEMS && !pair.inTitle) continue;
      const [first, second] = key.split(' ') as [string, string];
      append(next, first, { word: second, count: pair.items });
    }
    for (const list of next.values()) list.sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : 1));
    return { terms: [...itemCount.keys()].sort(), itemCount, next, split, joined };
  }
}

/** Terms starting with `prefix`, most held first. */
export function termsStartingWith(completions: Completions, prefix: string): string[] {
  const { terms } = completions;
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (terms[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < terms.length && terms[i]!.startsWith(prefix); i++) out.push(terms[i]!);
  return out.sort((a, b) => (completions.itemCount.get(b) ?? 0) - (completions.itemCount.get(a) ?? 0) || a.length - b.length || (a < b ? -1 : 1));
}
