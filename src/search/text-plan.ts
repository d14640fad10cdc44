import type { Query } from 'minisearch';
import type { QueryTree } from './query-language.js';
import { STOP_WORDS } from './stop-words.js';
import type { Synonyms } from './synonyms.js';
import { words, type Word } from './tokenizer.js';
import { allowedTypos, allowsPrefix, oneTypoAway, transpositions, type TypoDictionary } from './typos.js';

/**
 * One thing the user asked for: a word, or a run of words that a synonym
 * group names as a whole ("tail calls"). Found exactly through `exact`
 * (the word, its synonyms, its parts), or with a typo through `typo`.
 */
export interface Concept {
  label: string;
  /** Alternatives found exactly; a document scores by its best one. */
  exact: Alternative[];
  /** Typo variants (fuzzy, transpositions), or null where no typo is allowed. */
  typo: Alternative | null;
}

/** A query and how many terms it requires, to bring multi-word alternatives to a per-term score. */
export interface Alternative {
  query: Query;
  terms: number;
  /** Multi-word expressions match as phrases: `bpf type format`, not those words anywhere. */
  pattern?: RegExp;
}

export interface Phrase {
  text: string;
  /** All words present, ignoring order: the candidates a phrase check runs on. */
  candidates: Query;
  /** Words adjacent and in order, on folded text. */
  pattern: RegExp;
  /** Folded terms of the phrase, for highlighting. */
  terms: string[];
}

export interface TextPlan {
  concepts: Concept[];
  phrases: Phrase[];
  excludedTerms: Query[];
  excludedPhrases: Phrase[];
  /** Folded terms the user typed (with synonyms), for highlighting hits that match them exactly. */
  highlightTerms: Set<string>;
}

function leaf(term: string, options: { prefix?: boolean; fuzzy?: number } = {}): Query {
  return { queries: [term], combineWith: 'OR', prefix: options.prefix ?? false, fuzzy: options.fuzzy ?? false };
}

function all(terms: string[]): Query {
  return terms.length === 1 ? leaf(terms[0]!) : { queries: terms.map((t) => leaf(t)), combineWith: 'AND' };
}

function any(queries: Query[]): Query {
  return queries.length === 1 ? queries[0]! : { queries, combineWith: 'OR' };
}

/** A word exactly: whole, or (for a compound typed partly, `bpf_map`) all its parts. */
function exactWord(word: Word): Query {
  return word.parts.length > 1 ? any([leaf(word.term), all(word.parts)]) : leaf(word.term);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Terms adjacent and in order on folded text, whatever punctuation separates them. */
function adjacency(terms: string[]): RegExp {
  const body = terms.map(escapeRegExp).join('[^\\p{L}\\p{N}]+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'u');
}

/** An alternative of several terms must appear as a phrase. */
function expression(terms: string[]): Alternative {
  return terms.length === 1 ? { query: leaf(terms[0]!), terms: 1 } : { query: all(terms), terms: terms.length, pattern: adjacency(terms) };
}

function phrase(text: string): Phrase | null {
  const ws = words(text);
  if (ws.length === 0) return null;
  const content = ws.filter((w) => !STOP_WORDS.has(w.term));
  const retrieval = content.length > 0 ? content : ws;
  return {
    text,
    candidates: retrieval.length === 1 ? exactWord(retrieval[0]!) : { queries: retrieval.map(exactWord), combineWith: 'AND' },
    pattern: adjacency(ws.map((w) => w.term)),
    terms: ws.flatMap((w) => [w.term, ...w.parts]),
  };
}

/** Longest synonym expression starting at `start`, as its length in words, or 0. */
function synonymAt(ws: Word[], start: number, synonyms: Synonyms): number {
  for (let length = Math.min(synonyms.longest, ws.length - start); length >= 1; length--) {
    const key = ws
      .slice(start, start + length)
      .map((w) => w.term)
      .join(' ');
    if (synonyms.alternatives.has(key)) return length;
  }
  return 0;
}

/** The other grammatical number of an English word (`calls` <-> `call`): not a typo. */
function otherNumber(term: string): string | null {
  if (!/^\p{L}{4,}$/u.test(term)) return null;
  if (term.endsWith('ss')) return null;
  return term.endsWith('s') ? term.slice(0, -1) : `${term}s`;
}

/**
 * A word's typo variants: the index terms one typo away, straight from the
 * deletion dictionary; for long words (two typos allowed) MiniSearch's fuzzy
 * search plus adjacent swaps.
 */
function typoAlternative(term: string, dictionary: TypoDictionary): Alternative | null {
  const typos = allowedTypos(term);
  if (typos === 0) return null;
  if (typos === 1) {
    const near = oneTypoAway(dictionary, term);
    return near.length === 0 ? null : { query: any(near.map((t) => leaf(t))), terms: 1 };
  }
  return { query: any([leaf(term, { fuzzy: typos }), ...transpositions(term).map((t) => leaf(t))]), terms: 1 };
}

function concept(span: Word[], synonyms: Synonyms, dictionary: TypoDictionary, isLast: boolean, highlight: Set<string>): Concept {
  const key = span.map((w) => w.term).join(' ');
  const alternatives = synonyms.alternatives.get(key) ?? [];
  const single = span.length === 1 ? span[0]! : null;
  // The last word also matches as a prefix; for a plain word MiniSearch scores the word and its completions in one pass.
  const prefixed = single !== null && isLast && allowsPrefix(single.term);
  const exact: Alternative[] = [
    single === null
      ? expression(span.map((w) => w.term))
      : { query: prefixed && single.parts.length === 1 ? leaf(single.term, { prefix: true }) : exactWord(single), terms: 1 },
  ];
  for (const alt of alternatives) exact.push(expression(alt));
  for (const w of span) for (const t of [w.term, ...w.parts]) highlight.add(t);
  for (const alt of alternatives) for (const t of alt) highlight.add(t);
  let typo: Alternative | null = null;
  if (span.length === 1) {
    const word = span[0]!;
    const other = otherNumber(word.term);
    if (other) {
      exact.push({ query: leaf(other), terms: 1 });
      highlight.add(other);
    }
    if (prefixed && word.parts.length > 1) exact.push({ query: leaf(word.term, { prefix: true }), terms: 1 });
    typo = typoAlternative(word.term, dictionary);
  }
  return { label: key, exact, typo };
}

/**
 * Turns the text part of a query into what the index is asked: stop words
 * dropped (unless nothing else is left), synonym runs grouped, prefix on the
 * last word, typo variants where the word is long enough.
 */
export function planText(tree: QueryTree, synonyms: Synonyms, dictionary: TypoDictionary): TextPlan {
  const typed: Word[] = [];
  const plan: TextPlan = { concepts: [], phrases: [], excludedTerms: [], excludedPhrases: [], highlightTerms: new Set() };
  for (const clause of tree.clauses) {
    if (clause.type === 'term') typed.push(...words(clause.text));
    else if (clause.type === 'phrase') {
      const p = phrase(clause.text);
      if (p) {
        plan.phrases.push(p);
        for (const t of p.terms) plan.highlightTerms.add(t);
      }
    } else if (clause.type === 'not') {
      const inner = clause.clause;
      if (inner.type === 'term') plan.excludedTerms.push(...words(inner.text).map(exactWord));
      else if (inner.type === 'phrase') {
        const p = phrase(inner.text);
        if (p) plan.excludedPhrases.push(p);
      }
    }
  }
  const onlyStopWords = typed.every((w) => STOP_WORDS.has(w.term));
  const spans: Word[][] = [];
  for (let i = 0; i < typed.length; ) {
    const length = synonymAt(typed, i, synonyms);
    if (length > 1 || (length === 1 && !STOP_WORDS.has(typed[i]!.term))) {
      spans.push(typed.slice(i, i + length));
      i += length;
      continue;
    }
    if (onlyStopWords || !STOP_WORDS.has(typed[i]!.term)) spans.push([typed[i]!]);
    i++;
  }
  plan.concepts = spans.map((span, i) => concept(span, synonyms, dictionary, i === spans.length - 1, plan.highlightTerms));
  return plan;
}
