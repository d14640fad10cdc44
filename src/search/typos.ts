import { isNumeric } from './tokenizer.js';

/**
 * Words longer than this are matched exactly only. The longest word of the
 * real archive has 26 letters (`restrictnetworkinterfaces`); a longer one is
 * an identifier pasted whole or noise, and its typo variants (a fuzzy walk
 * of the term tree, one swapped copy per position) cost with its length.
 */
export const MAX_TYPO_WORD_LENGTH = 32;

/**
 * Typo tolerance as Meilisearch and Typesense users expect it: no typo under
 * 5 characters (`bpf` must not find `btf`), one from 5, two from 9, none in
 * numbers and versions nor past MAX_TYPO_WORD_LENGTH.
 */
export function allowedTypos(term: string): number {
  if (isNumeric(term)) return 0;
  const length = [...term].length;
  if (length > MAX_TYPO_WORD_LENGTH) return 0;
  if (length >= 9) return 2;
  if (length >= 5) return 1;
  return 0;
}

/** Prefix search applies to the last word when it has at least 2 letters and no digit. */
export function allowsPrefix(term: string): boolean {
  return !isNumeric(term) && [...term].length >= 2;
}

/**
 * Every term of the index, and each one-letter deletion of a term to the
 * terms it comes from (SymSpell): the words one typo away from a query word
 * are then found by a few map lookups instead of a walk of the whole term tree.
 */
export interface TypoDictionary {
  terms: ReadonlySet<string>;
  deletes: ReadonlyMap<string, readonly string[]>;
  /**
   * Two-letter deletions of the terms long enough to be two typos from a
   * query word (7 letters and more: such words have 9 or more), made the
   * first time a long word asks (start-up does not wait for them; most of a
   * small archive's queries never need them), then kept.
   */
  secondDeletes(): ReadonlyMap<string, readonly string[]>;
}

/** Terms shorter than this are never two typos from a word allowed two (9 letters and more). */
const TWO_TYPO_TERM_LENGTH = 7;

const ASCII = /^[\x00-\x7f]*$/;

function deletions(term: string): string[] {
  const out = new Set<string>();
  // Most terms are ASCII: slicing the string itself, not an array of its characters.
  if (ASCII.test(term)) {
    for (let i = 0; i < term.length; i++) out.add(term.slice(0, i) + term.slice(i + 1));
    return [...out];
  }
  const chars = [...term];
  for (let i = 0; i < chars.length; i++) out.add(chars.slice(0, i).join('') + chars.slice(i + 1).join(''));
  return [...out];
}

/** Built once per index from its vocabulary; terms with digits never take typos, so they are left out. */
export function buildTypoDictionary(vocabulary: Iterable<string>): TypoDictionary {
  const terms = new Set<string>();
  const deletes = new Map<string, string[]>();
  for (const term of vocabulary) {
    if (isNumeric(term) || [...term].length < 4) continue;
    terms.add(term);
    for (const d of deletions(term)) file(deletes, d, term);
  }
  let second: Map<string, string[]> | null = null;
  const secondDeletes = () => (second ??= twoLetterDeletions(terms));
  return { terms, deletes, secondDeletes };
}

function file(map: Map<string, string[]>, key: string, term: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [term]);
  else if (list[list.length - 1] !== term) list.push(term);
}

function twoLetterDeletions(terms: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const term of terms) {
    if ([...term].length < TWO_TYPO_TERM_LENGTH) continue;
    for (const d of deletions(term)) for (const dd of deletions(d)) file(out, dd, term);
  }
  return out;
}

/** Optimal string alignment distance (an adjacent swap is one edit), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[t.length]!;
}

/**
 * Index terms two typos away at most from `term` (9 letters and more), through
 * the deletion dictionaries (SymSpell with distance 2): every term sharing a
 * string with it within two deletions on each side, kept when its distance
 * is 2 or less. A few dozen map lookups where a fuzzy walk of the term tree
 * costs a tenth of a millisecond.
 */
export function twoTyposAway(dictionary: TypoDictionary, term: string): string[] {
  const first = deletions(term);
  const keys = new Set<string>([term, ...first]);
  for (const d of first) for (const dd of deletions(d)) keys.add(dd);
  const found = new Set<string>();
  const deletes2 = dictionary.secondDeletes();
  for (const key of keys) {
    if (dictionary.terms.has(key)) found.add(key);
    for (const t of dictionary.deletes.get(key) ?? []) found.add(t);
    for (const t of deletes2.get(key) ?? []) found.add(t);
  }
  found.delete(term);
  return [...found].filter((t) => editDistance(t, term, 2) <= 2);
}

/**
 * Index terms one typo (insertion, deletion, substitution or adjacent swap)
 * away from `term`, through the deletion dictionary; the term itself excluded.
 */
export function oneTypoAway(dictionary: TypoDictionary, term: string): string[] {
  const found = new Set<string>(dictionary.deletes.get(term) ?? []);
  for (const d of deletions(term)) {
    if (dictionary.terms.has(d)) found.add(d);
    for (const t of dictionary.deletes.get(d) ?? []) found.add(t);
  }
  found.delete(term);
  return [...found].filter((t) => editDistance(t, term, 1) <= 1);
}
