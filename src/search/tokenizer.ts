import { fold } from './normalize.js';

/**
 * eBPF text is full of identifiers (`bpf_map_lookup_elem`, `AF_XDP`,
 * `cilium/ebpf`, `CO-RE`) and versions (`5.13`). A compound is a run of word
 * characters joined by `_ . - /`; it is indexed whole and by its parts, so
 * `AF_XDP` is found by `af_xdp` and by `xdp`. Numeric parts of dotted numbers
 * are not indexed alone: `5.13` must not be found by `13`.
 */
const COMPOUND = /[\p{L}\p{N}]+(?:[._\-/][\p{L}\p{N}]+)*/gu;
const CONNECTOR = /[._\-/]/;
const NUMERIC = /^\p{N}+$/u;

export interface Word {
  /** Folded compound, e.g. `bpf_tail_call`. */
  term: string;
  /** Its folded parts when it is a compound, else `[term]`. */
  parts: string[];
  start: number;
  end: number;
}

/** Compounds of `text` with their offsets: the basis of indexing, queries and snippets. */
export function words(text: string): Word[] {
  const found: Word[] = [];
  for (const m of text.matchAll(COMPOUND)) {
    const term = fold(m[0]);
    const dotted = term.includes('.');
    const parts = CONNECTOR.test(term) ? term.split(/[._\-/]+/).filter((p) => p && !(dotted && NUMERIC.test(p))) : [term];
    found.push({ term, parts, start: m.index, end: m.index + m[0].length });
  }
  return found;
}

/** Index-time tokenizer for MiniSearch: every compound whole, then its parts. */
export function indexTerms(text: string): string[] {
  return termsOf(words(text));
}

/** What MiniSearch indexes of words already found: every compound whole, then its parts. */
export function termsOf(ws: readonly Word[]): string[] {
  const terms: string[] = [];
  for (const w of ws) {
    terms.push(w.term);
    if (w.parts.length > 1 || w.parts[0] !== w.term) for (const p of w.parts) terms.push(p);
  }
  return terms;
}

/** A version or number: never matched fuzzily nor by prefix (`5.10` is not `5.15`). */
export function isNumeric(term: string): boolean {
  return /\p{N}/u.test(term);
}

/** A term as the words a phrase check reads: a compound spelt out in its parts (`bpf_tail_call` is bpf, tail, call). */
export function spelt(term: string): string[] {
  const parts = words(term)[0]?.parts ?? [];
  return parts.length > 0 ? parts : [term];
}
