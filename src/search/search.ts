import type { Query } from 'minisearch';
import type { Item } from '../ingest/index.js';
import { QueryError } from './errors.js';
import { countFacets, type FacetCount } from './facets.js';
import { filterMask } from './filter-mask.js';
import { stemOfIndexed } from './stems.js';
import { hashKey } from './lru-cache.js';
import { matchCacheOf, termCacheOf, type Match, type Matches } from './match-cache.js';
import type { FilterClause } from './filters.js';
import { parseQuery, type QueryTree } from './query-language.js';
import { phraseKey, type FacetName, type IndexedItem, type SearchIndex } from './search-index.js';
import { highlightAll, snippet } from './snippets.js';
import { planText, type Alternative, type Phrase, type TextPlan } from './text-plan.js';
import { finalScore } from './term-index.js';
import { topK } from './top-k.js';
import { allowedTypos } from './typos.js';

/** How hits can be ordered: by relevance, oldest first, newest first. */
export const SORT_ORDERS = ['relevance', 'date', '-date'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Page sizes of a search, shared by the routes, the CLI and the tools. */
export const PAGE_LIMITS = {
  limit: { default: 10, max: 100 },
  facetLimit: { default: 20, max: 200 },
  /** The deepest hit a list pages to, offset + limit (Elasticsearch's max_result_window): deep paging costs a sort of everything before it. */
  window: 10_000,
} as const;

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
  /** False: every appearance of a link is its own hit (feeds: a link featured again is news again). Default true. */
  collapse?: boolean;
  /** Only items this service first indexed after this instant (epoch ms): a bot's cursor. */
  since?: number;
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
  item: IndexedItem;
  score: number;
  /** HTML: escaped text with matched words in `<mark>`. */
  snippet: string;
  highlight: { title: string };
  /** Every item featuring the same link (this one included, newest first), when it appears more than once. */
  seenIn: readonly IndexedItem[] | null;
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
/**
 * When relaxed, an item must hold this share of the query's information (its
 * concepts weighed by rarity): the rare word that matters, not the common ones.
 */
export const MIN_SHOULD_MATCH = 1 / 3;
/** When no item holds MIN_SHOULD_MATCH, those holding at least this share of the best item's information answer. */
export const FALLBACK_SHARE = 0.75;
/**
 * A relaxed answer is not one long item that happens to hold many of a
 * question's words: the floor comes down to the RELAX_BELOW-th best item's
 * share, though never below this share of the best item's (then the item
 * holding the two rarest words of six is found beside the one holding four common ones).
 */
export const FEWEST_SHARE = 0.5;
/**
 * MiniSearch weighs a term by its rarity within each field, so a word found
 * in 80 of 200 items but in few titles scores as a rare word wherever it is in
 * a title (`programs` outranked `smart nic`). Each concept's score is scaled
 * by sqrt(its rarity over whole items / the query's mean), which brings the
 * sum back toward BM25F's one rarity per word; a one-word query is unchanged.
 */
const RARITY_EXPONENT = 0.5;
/** A concept matched through a typo variant is worth this much of an exact match. */
export const TYPO_WEIGHT = 0.4;
/** An item carrying the tag a concept names (it credits the person, it is tagged with the version) counts this much more. */
export const TAG_BONUS = 2;
/** Ranked this deep, hits get the proximity bonus (the rest keeps its order). */
export const RERANK_DEPTH = 50;

interface Candidate {
  doc: number;
  /** Share of the query's information the item holds (1 when it matches every concept). */
  coverage: number;
  /** Relevance: the sum of its concepts' scores, scaled by coverage, with bonuses near the top. */
  score: number;
}

/** Per concept, the documents found exactly and (for the rest) with a typo, and what the concept weighs. */
interface ConceptMatches {
  exact: Matches;
  /** As remembered, unweighted: a reader of its scores applies TYPO_WEIGHT. */
  typo: Matches;
  weight: number;
}

/**
 * A word found exactly in this many items is not also searched with typos
 * (what Typesense calls typo_tokens_threshold): the typo variants of a common,
 * correctly typed word would only add noise below the exact matches, at the
 * highest cost of any step.
 */
export const TYPO_THRESHOLD = 3;
const NONE: Matches = new Map();
/** The terms of a match that marks nothing in snippets: one shared empty list. */
const UNMARKED: readonly string[] = [];

/**
 * The documents one query matches, scored per query term. Remembered per
 * index (bounded in bytes, under a hash of the query): the same word costs a
 * full scoring pass only the first time, which is what makes frequent words cheap at scale.
 */
function matches(index: SearchIndex, query: Query, terms = 1, sequence?: string[][], mark = true): Matches {
  const key = hashKey(String(terms), sequence ? JSON.stringify(sequence) : '', String(mark), JSON.stringify(query));
  const cached = matchCacheOf(index).get(key);
  if (cached) return cached;
  // A thesaurus expression's documents were found when the index was built (only their mark, a byte per
  // document, is made here, once per uncached alternative); any other phrase is checked item by item.
  const holding = sequence ? index.phraseDocs.get(phraseKey(sequence)) : undefined;
  const within = holding ? markOf(index.size, holding) : undefined;
  const adjacent = sequence && !holding ? index.streams.sequenceOf(sequence) : null;
  // Scored straight from MiniSearch's postings, with its figures (TermIndex.matchesOf).
  const found = index.minisearch.matchesOf(query, termCacheOf(index), within);
  // One word, marked, anywhere: its remembered matches are these very matches, shared rather than copied.
  if (found && !sequence && terms === 1 && mark && singleTerm(query)) return remember(index, key, found);
  const out = new Map<number, Match>();
  const keep = (doc: number, score: number, matched: readonly string[]) => {
    if (within ? within[doc] !== 1 : adjacent && !index.streams.holds(doc, adjacent)) return;
    out.set(doc, { score: score / (terms * terms), terms: mark ? matched : UNMARKED });
  };
  if (found) for (const [doc, m] of found) keep(doc, finalScore(m), m.terms);
  else for (const r of index.minisearch.search(query)) keep(r.id as number, r.score, r.terms);
  return remember(index, key, out);
}

function markOf(size: number, docs: Int32Array): Uint8Array {
  const mark = new Uint8Array(size);
  for (let i = 0; i < docs.length; i++) mark[docs[i]!] = 1;
  return mark;
}

function remember(index: SearchIndex, key: string, found: Matches): Matches {
  matchCacheOf(index).set(key, found);
  return found;
}

/** A query of one term (wrapped in one-query ORs or not): each match has one query term, so its finalScore is its score. */
function singleTerm(query: Query): boolean {
  if (typeof query === 'string') return true;
  const { queries, combineWith = 'OR' } = query as { queries?: Query[]; combineWith?: string };
  return queries?.length === 1 && combineWith.toUpperCase() === 'OR' && singleTerm(queries[0]!);
}

/** Whether `terms` holds one not in `seen` (a loop: this runs per document of every merge). */
function addsTerms(terms: readonly string[], seen: readonly string[]): boolean {
  if (terms === seen) return false;
  for (let i = 0; i < terms.length; i++) if (!seen.includes(terms[i]!)) return true;
  return false;
}

const weighted = (match: Match, weight: number): Match => (weight === 1 ? match : { score: match.score * weight, terms: match.terms });

/**
 * A concept's matches: each document scores by its best alternative, so an
 * item naming both `bpf` and `ebpf` is not worth twice one naming either, and
 * an exact form outranks a stemmed one. MiniSearch multiplies a score by the
 * number of query terms matched; a multi-word alternative is brought back to a per-term score.
 */
function best(index: SearchIndex, alternatives: readonly Alternative[], check: () => void): Matches {
  check();
  const only = alternatives.length === 1 ? alternatives[0]! : null;
  // One alternative at full weight is its own best: its remembered matches, not a copy.
  if (only && (only.weight ?? 1) === 1) return matches(index, only.query, only.terms, only.sequence, only.mark ?? true);
  let out: Map<number, Match> | null = null;
  for (const alt of alternatives) {
    check();
    const weight = alt.weight ?? 1;
    const found = matches(index, alt.query, alt.terms, alt.sequence, alt.mark ?? true);
    // The first alternative at full weight is the merge's start as it is: copied whole, not entry by entry.
    if (out === null && weight === 1) {
      out = new Map(found);
      continue;
    }
    out ??= new Map();
    for (const [doc, match] of found) {
      const seen = out.get(doc);
      if (!seen) {
        out.set(doc, weighted(match, weight));
        continue;
      }
      // Terms serve highlighting, as a set: a match adding no new term and no better score changes nothing.
      const score = match.score * weight;
      const more = addsTerms(match.terms, seen.terms);
      if (more || score > seen.score) out.set(doc, { score: Math.max(seen.score, score), terms: more ? [...seen.terms, ...match.terms] : seen.terms });
    }
  }
  return out ?? NONE;
}

/** The documents holding a phrase in one of its forms; remembered like any match. */
function phraseDocs(index: SearchIndex, phrase: Phrase): Matches {
  const key = hashKey('phrase', JSON.stringify(phrase.sequences), JSON.stringify(phrase.candidates));
  const cached = matchCacheOf(index).get(key);
  if (cached) return cached;
  const out = new Map<number, Match>();
  const forms = phrase.sequences.map((sequence) => index.streams.sequenceOf(sequence));
  for (const [doc, match] of matches(index, phrase.candidates)) if (forms.some((f) => index.streams.holds(doc, f))) out.set(doc, match);
  matchCacheOf(index).set(key, out);
  return out;
}

function excluded(index: SearchIndex, plan: TextPlan): Set<number> {
  const out = new Set<number>();
  for (const q of plan.excludedTerms) for (const doc of matches(index, q).keys()) out.add(doc);
  for (const p of plan.excludedPhrases) for (const doc of phraseDocs(index, p).keys()) out.add(doc);
  return out;
}

/** How much a concept matched in `docs` of `n` items tells (BM25's idf, never below a small floor). */
function rarity(docs: number, n: number): number {
  return Math.max(0.05, Math.log(1 + (n - docs + 0.5) / (docs + 0.5)));
}

interface Matching {
  list: Candidate[];
  relaxed: boolean;
  /** The document terms that matched, for highlighting; read for the page only. */
  termsOf(doc: number): string[];
  /** Proximity for the best of `list`, once the order is known to need it. */
  rerank(top: Candidate[]): void;
}

/**
 * Scores every document that matches at least one concept, or every one holding
 * the phrases when there are only phrases (no text at all is `browsed`). Strict first: all concepts;
 * relaxed when that finds too few: items holding most of the query's
 * information (its concepts weighed by rarity), scored down by what they miss.
 */
function candidates(index: SearchIndex, plan: TextPlan, mask: Uint8Array | null, relax: boolean, check: () => void): Matching {
  const allowed = (doc: number) => mask === null || mask[doc] === 1;
  const banned = excluded(index, plan);
  const phraseMatches = plan.phrases.map((p) => phraseDocs(index, p));
  const inPhrases = (doc: number) => phraseMatches.every((m) => m.has(doc));
  const phraseScore = (doc: number) => phraseMatches.reduce((sum, m) => sum + (m.get(doc)?.score ?? 0), 0);
  const n = index.size;
  const results: ConceptMatches[] = plan.concepts.map((c) => {
    const exact = best(index, c.exact, check);
    const variants = c.typo && exact.size < TYPO_THRESHOLD ? c.typo() : null;
    // Unweighted (the remembered matches themselves, no copy): a typo match's score is weighed where it is read.
    const typo = variants ? best(index, [variants], check) : NONE;
    let docs = exact.size;
    for (const doc of typo.keys()) if (!exact.has(doc)) docs++;
    // A word found nowhere tells nothing about any item: it weighs nothing (but still keeps a match from being strict).
    return { exact, typo, weight: docs === 0 ? 0 : rarity(docs, n) };
  });
  const termsOf = (doc: number) => [
    ...phraseMatches.flatMap((m) => m.get(doc)?.terms ?? []),
    ...results.flatMap((r) => (r.exact.get(doc) ?? r.typo.get(doc))?.terms ?? []),
  ];
  const noRerank = () => undefined;

  if (plan.concepts.length === 0) {
    // Phrases only (browsing, with no phrase either, never comes here: `browsed`).
    const list: Candidate[] = [];
    for (const doc of phraseMatches[0]?.keys() ?? []) {
      if (allowed(doc) && !banned.has(doc) && inPhrases(doc)) list.push({ doc, coverage: 1, score: phraseScore(doc) });
    }
    return { list, relaxed: false, termsOf, rerank: noRerank };
  }

  const total = results.reduce((sum, r) => sum + r.weight, 0);
  // The mean over the concepts found somewhere: one found nowhere matches nothing and must not shift the others.
  const found = results.filter((r) => r.weight > 0).length;
  const rarer = results.map((r) => (total > 0 ? ((r.weight * found) / total) ** RARITY_EXPONENT : 1));
  const tagged = plan.concepts.map((c) => (c.tag ? index.columns[c.tag.column] : null));
  const scoredAs = (doc: number): Candidate => {
    let held = 0;
    let count = 0;
    let score = phraseScore(doc);
    results.forEach((r, i) => {
      const exact = r.exact.get(doc);
      const typo = exact ? undefined : r.typo.get(doc);
      if (!exact && !typo) return;
      held += r.weight;
      count++;
      const value = exact ? exact.score : typo!.score * TYPO_WEIGHT;
      const tag = plan.concepts[i]!.tag;
      score += (tag && tagged[i]!.valuesOf(doc).includes(tag.id) ? value * TAG_BONUS : value) * rarer[i]!;
    });
    return { doc, coverage: count === results.length ? 1 : total > 0 ? Math.min(held / total, 0.999) : 0, score };
  };
  const eligible = (doc: number) => allowed(doc) && !banned.has(doc) && inPhrases(doc);
  // Strict matches first, walking only the rarest concept's documents: enough of them and no other document is looked at.
  const rarest = results.reduce((a, b) => (b.exact.size + b.typo.size < a.exact.size + a.typo.size ? b : a));
  const strict: Candidate[] = [];
  for (const source of [rarest.exact, rarest.typo]) {
    for (const doc of source.keys()) {
      if (source === rarest.typo && rarest.exact.has(doc)) continue;
      if (eligible(doc) && results.every((r) => r.exact.has(doc) || r.typo.has(doc))) strict.push(scoredAs(doc));
    }
  }
  const rerank = (top: Candidate[]) => proximity(index, plan, top);
  if (!relax || strict.length >= RELAX_BELOW || plan.concepts.length < 2) {
    exactness(index, plan, strict);
    return { list: strict, relaxed: false, termsOf, rerank };
  }
  // Never nothing when some word matched: below the share, the items holding the most information still answer.
  const scored: Candidate[] = [];
  // A byte per document, not a Set: a question's common words bring tens of thousands of documents at scale.
  const seen = new Uint8Array(n);
  for (const { exact, typo } of results) {
    for (const source of [exact, typo]) {
      for (const doc of source.keys()) {
        if (seen[doc] === 1) continue;
        seen[doc] = 1;
        if (eligible(doc)) scored.push(scoredAs(doc));
      }
    }
  }
  // The best RELAX_BELOW coverages without sorting them all (at scale `scored` is tens of thousands).
  const leading = topK(scored, RELAX_BELOW, (a, b) => b.coverage - a.coverage);
  const most = leading[0]?.coverage ?? 0;
  const fewest = leading[RELAX_BELOW - 1]?.coverage ?? 0;
  const floor = Math.min(MIN_SHOULD_MATCH, most * FALLBACK_SHARE, Math.max(fewest, most * FEWEST_SHARE));
  const relaxed = scored.filter((c) => c.coverage >= floor);
  for (const c of relaxed) c.score *= c.coverage * c.coverage;
  exactness(index, plan, relaxed);
  return { list: relaxed, relaxed: relaxed.length > strict.length, termsOf, rerank };
}

/**
 * Meilisearch's exactness rule: a title holding every typed word in order
 * (stop words included) counts more, and one starting with them more still.
 * Cheap (titles are short streams), so it applies to every candidate.
 */
const EXACT_TITLE_BONUS = 3;
const TITLE_START_BONUS = 5;

function exactness(index: SearchIndex, plan: TextPlan, list: Candidate[]): void {
  const typed = plan.typed.length > 1 ? index.streams.sequence(plan.typed) : null;
  if (!typed) return;
  for (const c of list) {
    const at = index.streams.inTitle(c.doc, typed);
    if (at === 0) c.score *= 1 + TITLE_START_BONUS;
    else if (at > 0) c.score *= 1 + EXACT_TITLE_BONUS;
  }
}

/** Its proximity rule, near the top only (it reads whole texts): the query's words side by side count up to +50 %. */
const PROXIMITY_BONUS = 0.5;

function proximity(index: SearchIndex, plan: TextPlan, top: Candidate[]): void {
  if (plan.concepts.length < 2) return;
  const masks = index.streams.masks(plan.concepts.map((c) => index.streams.idsOf(c.terms)));
  for (const c of top) {
    const span = index.streams.span(c.doc, masks, plan.concepts.length);
    // Side by side: the full bonus; a sentence apart: almost none.
    if (span !== null) c.score *= 1 + PROXIMITY_BONUS * Math.min(1, (plan.concepts.length - 1) / (span - 1));
  }
}

/**
 * One hit per link: of the documents featuring the same link, only the one
 * ranked first stays (the others go into its `seenIn`).
 */
function collapseLinks(index: SearchIndex, list: Candidate[], compare: (a: Candidate, b: Candidate) => number): Candidate[] {
  const best = new Map<number, Candidate>();
  for (const c of list) {
    const group = index.appearances[c.doc];
    if (!group) continue;
    const kept = best.get(group[0]!);
    if (!kept || compare(c, kept) < 0) best.set(group[0]!, c);
  }
  if (best.size === 0) return list;
  return list.filter((c) => {
    const group = index.appearances[c.doc];
    return !group || best.get(group[0]!) === c;
  });
}

function comparator(index: SearchIndex, sort: SortOrder): (a: Candidate, b: Candidate) => number {
  const newest = (a: Candidate, b: Candidate) => index.newestRank[a.doc]! - index.newestRank[b.doc]!;
  if (sort === '-date') return newest;
  if (sort === 'date') return (a, b) => index.oldestRank[a.doc]! - index.oldestRank[b.doc]!;
  return (a, b) => b.score - a.score || newest(a, b);
}

/** `mask` (null: every document) narrowed to documents first indexed after `since`. */
function newerThan(index: SearchIndex, mask: Uint8Array | null, since: number): Uint8Array {
  const out = mask ?? new Uint8Array(index.size).fill(1);
  for (let d = 0; d < out.length; d++) if (index.firstSeenMs[d]! <= since) out[d] = 0;
  return out;
}

/**
 * Browsing (no text to rank): the allowed documents in date order, walked
 * from the precomputed order with no sort and no object per document, one
 * per link (its first in that order, as collapseLinks would keep it).
 */
function browsed(index: SearchIndex, plan: TextPlan, mask: Uint8Array | null, sort: SortOrder, collapse: boolean): number[] {
  const banned = excluded(index, plan);
  const shown = collapse ? new Uint8Array(index.size) : null;
  const out: number[] = [];
  for (const doc of sort === 'date' ? index.oldestFirst : index.newestFirst) {
    if ((mask !== null && mask[doc] !== 1) || banned.has(doc)) continue;
    const group = shown ? index.appearances[doc] : null;
    if (group) {
      if (shown![group[0]!] === 1) continue;
      shown![group[0]!] = 1;
    }
    out.push(doc);
  }
  return out;
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
  const plan = planText(tree, index.planContext);
  const searchable = plan.concepts.length + plan.phrases.length + plan.excludedTerms.length + plan.excludedPhrases.length;
  if (searchable === 0 && tree.clauses.some((c) => c.type !== 'filter' && !(c.type === 'not' && c.clause.type === 'filter'))) {
    throw new QueryError(`q ${JSON.stringify(request.q)} holds no word to search for: words are letters and digits`, 'q');
  }
  // The two-typo dictionary is built once per index, on the first long word: an index cost, not this query's, so not on its budget.
  if (plan.concepts.some((c) => c.typo !== null && allowedTypos(c.label) === 2)) index.planContext.typoDictionary.secondDeletes();
  const mask = request.since === undefined ? filterMask(index, clauses) : newerThan(index, filterMask(index, clauses), request.since);
  const hasText = plan.concepts.length > 0 || plan.phrases.length > 0;
  const sort = request.sort === 'relevance' && !hasText ? '-date' : (request.sort ?? (hasText ? 'relevance' : '-date'));
  const offset = request.offset ?? 0;
  const limit = request.limit ?? PAGE_LIMITS.limit.default;
  const facetsOf = (docs: ArrayLike<number>) => countFacets(index, docs, request.facets ?? [], request.facetLimit ?? PAGE_LIMITS.facetLimit.default);
  const hitOf = (c: Candidate, matched: readonly string[]): Hit => {
    const item = index.items[c.doc]!;
    const terms = new Set([...matched, ...matched.flatMap((t) => index.surfaces.get(stemOfIndexed(t) ?? '') ?? []), ...plan.highlightTerms]);
    const seenIn = request.collapse === false ? null : (index.appearances[c.doc]?.map((doc) => index.items[doc]!) ?? null);
    return { item, score: Math.round(c.score * 1000) / 1000, snippet: snippet(index.markableText[c.doc]!, terms), highlight: { title: highlightAll(index.markableTitle[c.doc]!, terms) }, seenIn };
  };
  const tookMs = () => Math.round((performance.now() - started) * 100) / 100;
  if (!hasText) {
    const docs = browsed(index, plan, mask, sort, request.collapse !== false);
    const hits = docs.slice(offset, offset + limit).map((doc) => hitOf({ doc, coverage: 1, score: 0 }, []));
    return { query: tree, sort, total: docs.length, relaxed: false, hits, facets: facetsOf(docs), tookMs: tookMs() };
  }
  const matching = candidates(index, plan, mask, request.relax ?? true, budget(request.budgetMs ?? SEARCH_BUDGET_MS));
  const { relaxed, termsOf } = matching;
  const list = request.collapse === false ? matching.list : collapseLinks(index, matching.list, comparator(index, sort));
  // Only the page is ranked, the first RERANK_DEPTH with proximity, so every page agrees on that order.
  let ranked: Candidate[];
  if (sort !== 'relevance') ranked = topK(list, offset + limit, comparator(index, sort));
  else {
    const compare = comparator(index, sort);
    ranked = topK(list, Math.max(RERANK_DEPTH, offset + limit), compare);
    matching.rerank(ranked.slice(0, RERANK_DEPTH));
    ranked.sort(compare);
  }
  const hits = ranked.slice(offset, offset + limit).map((c) => hitOf(c, termsOf(c.doc)));
  const facets = facetsOf(list.map((c) => c.doc));
  return { query: tree, sort, total: list.length, relaxed, hits, facets, tookMs: tookMs() };
}
