import { stem as porter2 } from 'porter2';
import { words, type Word } from './tokenizer.js';

/** Words shorter than this are not stemmed: `bpf`, `map`, `tc` stay as they are. */
const MIN_STEM_LENGTH = 4;
const PLAIN_WORD = /^[a-z]+$/;

/**
 * The Porter2 (Snowball English) stem of a plain English word, or null:
 * identifiers (`bpf_map_lookup_elem`, `AF_XDP`), versions, numbers, words
 * with letters beyond ASCII and short words are never stemmed.
 */
export function stemOf(term: string): string | null {
  if (term.length < MIN_STEM_LENGTH || !PLAIN_WORD.test(term)) return null;
  return porter2(term);
}

/** The other grammatical number of an English word (`calls` <-> `call`): not a typo. */
export function otherNumber(term: string): string | null {
  if (!/^\p{L}{4,}$/u.test(term)) return null;
  if (term.endsWith('ss')) return null;
  return term.endsWith('s') ? term.slice(0, -1) : `${term}s`;
}

/**
 * Stems share MiniSearch's one term tree with the words; marked by three
 * characters no word holds, they sit in a branch a fuzzy search (two edits at
 * most) never walks into, so typo tolerance costs what it did without them.
 */
const STEM_MARK = '\u0001\u0001\u0001';

/** A stem as the index's `stems` field holds it. */
export function indexedStem(stem: string): string {
  return STEM_MARK + stem;
}

/** The stem an index term of the `stems` field stands for, or null for any other term. */
export function stemOfIndexed(term: string): string | null {
  return term.startsWith(STEM_MARK) ? term.slice(STEM_MARK.length) : null;
}

/** The stems of the plain words of `text` (compounds and their parts left out): what the index's `stems` field holds. */
export function stemTerms(text: string): string[] {
  return stemsOf(words(text));
}

/** The `stems` field's terms of words already found. */
export function stemsOf(ws: readonly Word[]): string[] {
  const out: string[] = [];
  for (const w of ws) {
    if (w.parts.length > 1) continue;
    const s = stemOf(w.term);
    if (s !== null) out.push(indexedStem(s));
  }
  return out;
}
