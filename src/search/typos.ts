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

/**
 * Terms one adjacent swap away (`libpbf` -> `libbpf`). MiniSearch counts a swap
 * as two edits; people count it as one typo, so swaps are searched as variants.
 */
export function transpositions(term: string): string[] {
  if (allowedTypos(term) === 0) return [];
  const chars = [...term];
  const variants = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    if (chars[i] === chars[i + 1]) continue;
    const swapped = [...chars];
    [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
    variants.add(swapped.join(''));
  }
  variants.delete(term);
  return [...variants];
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
}

function deletions(term: string): string[] {
  const chars = [...term];
  const out = new Set<string>();
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
    for (const d of deletions(term)) {
      const list = deletes.get(d);
      if (list) list.push(term);
      else deletes.set(d, [term]);
    }
  }
  return { terms, deletes };
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
