import type { Query } from 'minisearch';
import type { Item } from '../ingest/index.js';
import { QueryError } from './errors.js';
import { countFacets, type FacetCount } from './facets.js';
import { filterMask } from './filter-mask.js';
import { hashKey } from './lru-cache.js';
import type { Match, Matches } from './match-cache.js';
import type { FilterClause } from './filters.js';
import { parseQuery, type QueryTree } from './query-language.js';
import type { FacetName, SearchIndex } from './search-index.js';
import { highlightAll, snippet } from './snippets.js';
import { planText, type Alternative, type Phrase, type TextPlan } from './text-plan.js';
import { topK } from './top-k.js';

export type SortOrder = 'relevance' | 'date' | '-date';

export interface SearchRequest {
  q?: string;
  /** Filters from query parameters, already parsed; `q` may add its own. */
  filters?: readonly FilterClause[];
  /** Default: relevance when there is text to rank by, else newest first. */
  sort?: SortOrder;
  limit?: number;
  offset?: number;
  facets?: readonly FacetName[];
  facetLimit?: number;
  /** False: only items matching every word, however few (feeds: a subscription wants no near misses). */
  relax?: boolean;
  /** Milliseconds the text matching may take before the search is abandoned with a QueryError (SEARCH_BUDGET_MS). */
  budgetMs?: number;
}

/**
 * How long the matching of one query may run. Word and clause counts are
 * bounded by the query language; this bounds what those limits let through
 * (long words with two typos against a large vocabulary).
 */
export const SEARCH_BUDGET_MS = 250;

/** Throws once the budget is spent; called before each costly step, so an abandoned search stops within one step. */
function budget(ms: number): () => void {
  const deadline = performance.now() + ms;
  return () => {
    if (performance.now() > deadline) throw new QueryError(`this query needs more than the ${ms} ms search budget: use fewer words, or longer and exact ones`, 'q');
  };
}

export interface Hit {
  item: Item;
  score: number;
  /** HTML: escaped text with matched words in `<mark>`. */
  snippet: string;
  highlight: { title: string };
}

export interface SearchOutcome {
  query: QueryTree;
  sort: SortOrder;
  total: number;
  /** True when too few items matched every word and items matching most words were added. */
  relaxed: boolean;
  hits: Hit[];
  facets: Partial<Record<FacetName, FacetCount[]>>;
  tookMs: number;
}

/** Fewer strict matches than this, with two words or more, and the search relaxes. */
export const RELAX_BELOW = 3;


interface Candidate {
  doc: number;
  matched: number;
  typos: number;
  score: number;
}

/** Per concept, the documents found exactly and (for the rest) with a typo. */
interface ConceptMatches {
  exact: Matches;
  typo: Matches;
}

/**
 * A word found exactly in this many items is not also searched with typos
 * (what Typesense calls typo_tokens_threshold): the typo variants of a common,
 * correctly typed word would only add noise below the exact matches, at the
 * highest cost of any step.
 */
export const TYPO_THRESHOLD = 10;
const NONE: Matches = new Map();

/**
 * The documents one query matches, scored per query term. Remembered per
 * index (bounded in bytes, under a hash of the query): the same word costs a
 * full scoring pass only the first time, which is what makes frequent words cheap at scale.
 */
function matches(index: SearchIndex, query: Query, terms = 1, pattern?: RegExp): Matches {
  const key = hashKey(String(terms), pattern?.source ?? '', JSON.stringify(query));
  const cached = index.matchCache.get(key);
  if (cached) return cached;
  const out = new Map<number, Match>();
  for (const r of index.minisearch.search(query)) {
    if (pattern && !pattern.test(index.foldedText[r.id as number]!)) continue;
    out.set(r.id as number, { score: r.score / (terms * terms), terms: r.terms });
  }
  index.matchCache.set(key, out);
  return out;
}

/**
 * A concept's matches: each document scores by its best alternative, so an
 * item naming both `bpf` and `ebpf` is not worth twice one naming either.
 * MiniSearch multiplies a score by the number of query terms matched; a
 * multi-word alternative is brought back to a per-term score.
 */
function best(index: SearchIndex, alternatives: readonly Alternative[], check: () => void): Matches {
  check();
  if (alternatives.length === 1) return matches(index, alternatives[0]!.query, alternatives[0]!.terms, alternatives[0]!.pattern);
  const out = new Map<number, Match>();
  for (const alt of alternatives) {
    check();
    for (const [doc, match] of matches(index, alt.query, alt.terms, alt.pattern)) {
      const seen = out.get(doc);
      out.set(doc, seen ? { score: Math.max(seen.score, match.score), terms: [...seen.terms, ...match.terms] } : match);
    }
  }
  return out;
}

function phraseDocs(index: SearchIndex, phrase: Phrase): Map<number, Match> {
  const out = new Map<number, Match>();
  for (const [doc, match] of matches(index, phrase.candidates)) if (phrase.pattern.test(index.foldedText[doc]!)) out.set(doc, match);
  return out;
}

function excluded(index: SearchIndex, plan: TextPlan): Set<number> {
  const out = new Set<number>();
  for (const q of plan.excludedTerms) for (const doc of matches(index, q).keys()) out.add(doc);
  for (const p of plan.excludedPhrases) for (const doc of phraseDocs(index, p).keys()) out.add(doc);
  return out;
}

interface Matching {
  list: Candidate[];
  relaxed: boolean;
  /** The document terms that matched, for highlighting; read for the page only. */
  termsOf(doc: number): string[];
}

/**
 * Scores every document that matches at least one concept, or every document
 * allowed by the filters when there is no text. Strict first: all concepts;
 * relaxed when that finds too few: most concepts, ranked by how many.
 */
function candidates(index: SearchIndex, plan: TextPlan, mask: Uint8Array | null, relax: boolean, check: () => void): Matching {
  const allowed = (doc: number) => mask === null || mask[doc] === 1;
  const banned = excluded(index, plan);
  const phraseMatches = plan.phrases.map((p) => phraseDocs(index, p));
  const inPhrases = (doc: number) => phraseMatches.every((m) => m.has(doc));
  const phraseScore = (doc: number) => phraseMatches.reduce((sum, m) => sum + (m.get(doc)?.score ?? 0), 0);
  const results: ConceptMatches[] = plan.concepts.map((c) => {
    const exact = best(index, c.exact, check);
    return { exact, typo: c.typo && exact.size < TYPO_THRESHOLD ? best(index, [c.typo], check) : NONE };
  });
  const termsOf = (doc: number) => [
    ...phraseMatches.flatMap((m) => m.get(doc)?.terms ?? []),
    ...results.flatMap((r) => (r.exact.get(doc) ?? r.typo.get(doc))?.terms ?? []),
  ];

  if (plan.concepts.length === 0) {
    const list: Candidate[] = [];
    if (plan.phrases.length > 0) {
      for (const doc of phraseMatches[0]!.keys()) {
        if (allowed(doc) && !banned.has(doc) && inPhrases(doc)) list.push({ doc, matched: 0, typos: 0, score: phraseScore(doc) });
      }
    } else {
      // Browsing: walk the precomputed newest-first order, so the list needs no sort for the default order.
      for (const doc of index.newestFirst) if (allowed(doc) && !banned.has(doc)) list.push({ doc, matched: 0, typos: 0, score: 0 });
    }
    return { list, relaxed: false, termsOf };
  }

  const scored = new Map<number, Candidate>();
  for (const { exact, typo } of results) {
    for (const source of [exact, typo]) {
      for (const doc of source.keys()) {
        if (scored.has(doc) || !allowed(doc) || banned.has(doc) || !inPhrases(doc)) continue;
        const c: Candidate = { doc, matched: 0, typos: 0, score: phraseScore(doc) };
        for (const r of results) {
          const hit = r.exact.get(doc) ?? r.typo.get(doc);
          if (!hit) continue;
          c.matched++;
          if (!r.exact.has(doc)) c.typos++;
          c.score += hit.score;
        }
        scored.set(doc, c);
      }
    }
  }
  const n = plan.concepts.length;
  const strict = [...scored.values()].filter((c) => c.matched === n);
  if (!relax || strict.length >= RELAX_BELOW || n < 2) return { list: strict, relaxed: false, termsOf };
  const most = Math.ceil(n / 2);
  const relaxed = [...scored.values()].filter((c) => c.matched >= most);
  return { list: relaxed, relaxed: relaxed.length > strict.length, termsOf };
}

function comparator(index: SearchIndex, sort: SortOrder): (a: Candidate, b: Candidate) => number {
  const newest = (a: Candidate, b: Candidate) => index.newestRank[a.doc]! - index.newestRank[b.doc]!;
  if (sort === '-date') return newest;
  if (sort === 'date') return (a, b) => index.oldestRank[a.doc]! - index.oldestRank[b.doc]!;
  return (a, b) => b.matched - a.matched || a.typos - b.typos || b.score - a.score || newest(a, b);
}

/**
 * Runs one search over the index: parse `q`, apply filters, match text with
 * typo tolerance and synonyms, rank, count facets over every match, and build
 * highlighted snippets for the requested page only.
 */
export function search(index: SearchIndex, request: SearchRequest): SearchOutcome {
  const started = performance.now();
  const tree = parseQuery(request.q ?? '');
  const clauses: FilterClause[] = [...(request.filters ?? [])];
  for (const clause of tree.clauses) {
    if (clause.type === 'filter') clauses.push({ field: clause.value.field, values: [clause.value], negated: false });
    else if (clause.type === 'not' && clause.clause.type === 'filter') clauses.push({ field: clause.clause.value.field, values: [clause.clause.value], negated: true });
  }
  const plan = planText(tree, index.synonyms, index.typoDictionary);
  const { list, relaxed, termsOf } = candidates(index, plan, filterMask(index, clauses), request.relax ?? true, budget(request.budgetMs ?? SEARCH_BUDGET_MS));
  const hasText = plan.concepts.length > 0 || plan.phrases.length > 0;
  const sort = request.sort === 'relevance' && !hasText ? '-date' : (request.sort ?? (hasText ? 'relevance' : '-date'));
  const offset = request.offset ?? 0;
  const limit = request.limit ?? 10;
  // Browsing newest first comes out of the index already in order; otherwise only the page is ranked.
  const ranked = hasText || sort !== '-date' ? topK(list, offset + limit, comparator(index, sort)) : list;
  const hits = ranked.slice(offset, offset + limit).map((c): Hit => {
    const item = index.items[c.doc]!;
    const terms = new Set([...termsOf(c.doc), ...plan.highlightTerms]);
    return { item, score: Math.round(c.score * 1000) / 1000, snippet: snippet(index.markableText[c.doc]!, terms), highlight: { title: highlightAll(index.markableTitle[c.doc]!, terms) } };
  });
  const facets = countFacets(
    index,
    list.map((c) => c.doc),
    request.facets ?? [],
    request.facetLimit ?? 20,
  );
  return { query: tree, sort, total: list.length, relaxed, hits, facets, tookMs: Math.round((performance.now() - started) * 100) / 100 };
}
