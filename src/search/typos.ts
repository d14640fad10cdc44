import { isNumeric } from './tokenizer.js';

/**
 * Typo tolerance as Meilisearch and Typesense users expect it: no typo under
 * 5 characters (`bpf` must not find `btf`), one from 5, two from 9, none in
 * numbers and versions.
 */
export function allowedTypos(term: string): number {
  if (isNumeric(term)) return 0;
  const length = [...term].length;
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
