import MiniSearch, { type Options, type Query } from 'minisearch';
import { indexedStem, stemTerms } from './stems.js';
import { indexTerms } from './tokenizer.js';

/** What MiniSearch indexes for one item; built on the fly, never kept. */
export interface IndexedDoc {
  n: number;
  title: string;
  text: string;
  intro: string;
  authors: string;
  projects: string;
  sections: string;
  kernel: string;
  /** Title, text and intro again, as Porter2 stems: found only by the stemmed alternatives of query words. */
  stems: string;
}

export const SEARCH_FIELDS = ['title', 'text', 'intro', 'authors', 'projects', 'sections', 'kernel'] as const;

/** The field of stems: a word's inflected and derived forms meet there. */
export const STEMS_FIELD = 'stems';

/** Title and credits weigh more than body text: a hit in the title is what the item is about. */
export const FIELD_BOOSTS: Record<(typeof SEARCH_FIELDS)[number], number> = {
  title: 3,
  authors: 3,
  projects: 2,
  sections: 1.5,
  kernel: 1.5,
  text: 1,
  // The paragraph leading into an entry's list (FOSDEM's talks): it places the entry, it is not what it is about.
  intro: 0.5,
};

/**
 * The one place MiniSearch is configured: the same options must be used to
 * build an index and to load a serialized one. Terms arrive folded from our
 * tokenizer, and queries are built term by term, so query-time tokenizing and
 * processing are the identity.
 */
export const MINISEARCH_OPTIONS: Options<IndexedDoc> = {
  idField: 'n',
  fields: [...SEARCH_FIELDS, STEMS_FIELD],
  storeFields: [],
  tokenize: (text: string, field?: string) => (field === STEMS_FIELD ? stemTerms(text) : indexTerms(text)),
  processTerm: (term: string) => term,
  searchOptions: {
    tokenize: (text: string) => [text],
    processTerm: (term: string) => term,
    // The stems field is asked for only by the alternatives that mean it (text-plan.ts).
    fields: [...SEARCH_FIELDS],
    boost: FIELD_BOOSTS,
  },
};

/** Terms of some fields of one document, already tokenized (the rest MiniSearch tokenizes as usual). */
export type FieldTerms = Partial<Record<keyof IndexedDoc, string[]>>;

/**
 * A TermIndex filled with documents whose long fields were tokenized by the
 * caller, who needs the same words for other tables (word streams,
 * completions): each text is tokenized once per build, not once per table.
 * The terms are exactly what MINISEARCH_OPTIONS' tokenizer gives.
 */
export class TermIndexBuilder {
  private pending: FieldTerms | null = null;
  readonly index = new TermIndex({
    ...MINISEARCH_OPTIONS,
    tokenize: (text: string, field?: string) => this.pending?.[field as keyof IndexedDoc] ?? MINISEARCH_OPTIONS.tokenize!(text, field),
  });

  add(doc: IndexedDoc, terms: FieldTerms): void {
    this.pending = terms;
    try {
      this.index.add(doc);
    } finally {
      this.pending = null;
    }
  }
}

/** A query's matches in one document, as MiniSearch tracks them: score, query terms matched, index terms matched. Never changed once made. */
export interface PartialMatch {
  readonly score: number;
  readonly sources: readonly string[];
  readonly terms: readonly string[];
}

/** MiniSearch's last step: a document's summed score times the number of query terms it holds. */
export const finalScore = (match: PartialMatch): number => match.score * match.sources.length;

/** The documents (short ids) one term or query matches: shared, so never changed once made. */
export type TermMatches = ReadonlyMap<number, PartialMatch>;

/** Where one term's matches are remembered across queries (the search layer's byte-bounded LRU). */
export interface TermCache {
  get(key: string): TermMatches | undefined;
  set(key: string, value: TermMatches): void;
}

/** The keys of the queries text-plan.ts builds; a query with any other (a fuzzy one, a boost) goes to MiniSearch's search. */
const KNOWN_KEYS = new Set(['queries', 'combineWith', 'prefix', 'fuzzy', 'fields']);

/** `a` with what `b` adds, never changing either: a leaf's arrays are shared by all its documents. */
const union = (a: readonly string[], b: readonly string[]): readonly string[] => {
  let out: string[] | null = null;
  for (const x of b) if (!a.includes(x)) (out ??= [...a]).push(x);
  return out ?? a;
};

/**
 * What the postings walk reads per document, derived once from a complete
 * index: each field's BM25 length norm by short id (MiniSearch's
 * `k(1 - b + b·length/avg)`, the very double it computes per posting) and our
 * document numbers by short id, in arrays instead of a Map lookup per posting.
 */
interface WalkTables {
  documents: number;
  norms: (Float64Array | undefined)[];
  numbers: Float64Array;
  /** Every short id is its document's number (documents added in order, none removed). */
  identity: boolean;
}

/** MiniSearch as `toJSON` writes it: what a snapshot stores. */
export type SerializedMiniSearch = ReturnType<MiniSearch['toJSON']>;

/** MiniSearch, able to list its vocabulary (kept in a protected field) for the typo dictionary. */
export class TermIndex extends MiniSearch<IndexedDoc> {
  /**
   * MiniSearch's loader always makes a plain MiniSearch; this class adds
   * methods and tables derived on first use (`walkTables`), so giving the
   * loaded object its prototype is enough.
   */
  static restore(serialized: SerializedMiniSearch): TermIndex {
    return Object.setPrototypeOf(MiniSearch.loadJS(serialized, MINISEARCH_OPTIONS), TermIndex.prototype) as TermIndex;
  }

  /** Terms of the searched fields (not the stems, which only stemmed alternatives ask for). */
  *vocabulary(): Iterable<string> {
    const stems = this._fieldIds[STEMS_FIELD];
    for (const [term, fields] of this._index) {
      for (const field of fields.keys()) {
        if (field !== stems) {
          yield term;
          break;
        }
      }
    }
  }

  /** Each term with the number of documents holding it in any field. */
  itemCounts(): Map<string, number> {
    const out = new Map<string, number>();
    const stems = this._fieldIds[STEMS_FIELD];
    for (const [term, fields] of this._index) {
      const docs = new Set<number>();
      for (const [field, postings] of fields) if (field !== stems) for (const shortId of postings.keys()) docs.add(shortId);
      if (docs.size > 0) out.set(term, docs.size);
    }
    return out;
  }

  /**
   * The documents `query` matches, with the score MiniSearch's `search`
   * gives it (its BM25, field boosts and prefix weights, summed and combined
   * in its order, times the number of query terms a document holds) and the
   * index terms each holds: the same figures, without the objects MiniSearch
   * makes per document and field on the way (a result, a match record,
   * copies of both, a sort of them all), which at 48k items were most of a
   * first search. Null for a query this does not evaluate (fuzzy, boosted):
   * MiniSearch's search answers those. Fields and boosts are MiniSearch's own
   * search options, so the two can never disagree on them.
   */
  scores(query: Query, cache?: TermCache): Map<number, { score: number; terms: readonly string[] }> | null {
    const found = this.matchesOf(query, cache);
    if (found === null) return null;
    const out = new Map<number, { score: number; terms: readonly string[] }>();
    for (const [doc, match] of found) out.set(doc, { score: finalScore(match), terms: match.terms });
    return out;
  }

  /**
   * What `query` matches, keyed by our document numbers, before MiniSearch's
   * last step (a score times its number of query terms: one, for a single
   * term, so such a map is its scores as they are). Null for a query this
   * does not evaluate. Documents added in order (as the builder does) have
   * short ids equal to their numbers, and the map is the evaluation itself.
   * `within` (by document number): the only documents the caller keeps, so
   * an AND of common words need not combine the rest (they may still come
   * back, from a single term's or an OR's matches, and always do when short
   * ids are not document numbers: the caller filters either way).
   */
  matchesOf(query: Query, cache?: TermCache, within?: Uint8Array): TermMatches | null {
    const { fields = SEARCH_FIELDS, boost = {} } = this._options.searchOptions;
    const { identity } = this.walkTables();
    const found = this.evaluate(query, fields, false, boost, cache, identity ? within : undefined);
    if (found === null) return null;
    if (identity) return found;
    const { numbers } = this.walkTables();
    const out = new Map<number, PartialMatch>();
    for (const [shortId, match] of found) out.set(numbers[shortId]!, match);
    return out;
  }

  private tables: WalkTables | undefined;

  /** Made on the first search of a complete index, again if documents were added since (the index is built, then only read). */
  private walkTables(): WalkTables {
    if (this.tables?.documents === this._documentCount) return this.tables;
    const { bm25 = { k: 1.2, b: 0.7, d: 0.5 } } = this._options.searchOptions;
    const norms: (Float64Array | undefined)[] = [];
    for (const fieldId of Object.values(this._fieldIds)) {
      const avg = this._avgFieldLength[fieldId]!;
      const norm = new Float64Array(this._nextId);
      for (const [shortId, lengths] of this._fieldLength) norm[shortId] = bm25.k * (1 - bm25.b + (bm25.b * lengths[fieldId]!) / avg);
      norms[fieldId] = norm;
    }
    const numbers = new Float64Array(this._nextId).fill(NaN);
    let identity = true;
    for (const [shortId, id] of this._documentIds) {
      numbers[shortId] = id as number;
      if (id !== shortId) identity = false;
    }
    return (this.tables = { documents: this._documentCount, norms, numbers, identity });
  }

  /**
   * MiniSearch's executeQuery: options pass down to subqueries, results
   * combine left to right; an AND combines only the documents of `within`
   * (by short id), when given. Each term's matches are taken from `cache` when it
   * holds them (a synonym's alternatives repeat the same common words), so
   * nothing here changes a map or a match once made.
   */
  private evaluate(query: Query, fields: readonly string[], prefix: boolean, boosts: Readonly<Record<string, number>>, cache: TermCache | undefined, within: Uint8Array | undefined): TermMatches | null {
    if (typeof query === 'string') return this.cachedTermMatches(query, fields, prefix, boosts, cache);
    if (typeof query !== 'object' || query === null) return null;
    const combination = query as { queries: Query[]; combineWith?: string; prefix?: boolean; fuzzy?: unknown; fields?: string[] };
    if (combination.fuzzy || !Object.keys(combination).every((key) => KNOWN_KEYS.has(key))) return null;
    const and = (combination.combineWith ?? 'OR').toUpperCase();
    if (and !== 'OR' && and !== 'AND') return null;
    const results: TermMatches[] = [];
    for (const sub of combination.queries) {
      const r = this.evaluate(sub, combination.fields ?? fields, combination.prefix ?? prefix, boosts, cache, within);
      if (r === null) return null;
      results.push(r);
    }
    if (results.length === 0) return new Map();
    let a = results[0]!;
    for (const b of results.slice(1)) {
      const both = and === 'OR' ? new Map(a) : new Map<number, PartialMatch>();
      for (const [doc, m] of b) {
        // Documents the caller will not keep (outside `within`) need no combined match: only where an AND makes one.
        if (within !== undefined && and === 'AND' && within[doc] !== 1) continue;
        const seen = a.get(doc);
        if (seen) both.set(doc, { score: seen.score + m.score, sources: union(seen.sources, m.sources), terms: union(seen.terms, m.terms) });
        else if (and === 'OR') both.set(doc, m);
      }
      a = both;
    }
    return a;
  }

  private cachedTermMatches(source: string, fields: readonly string[], prefix: boolean, boosts: Readonly<Record<string, number>>, cache: TermCache | undefined): TermMatches {
    if (!cache) return this.termMatches(source, fields, prefix, boosts);
    // Boosts are the index's own search options: the same for every query, so not part of the key.
    const key = `term\u0000${prefix ? 1 : 0}\u0000${fields.join(',')}\u0000${source}`;
    const kept = cache.get(key);
    if (kept) return kept;
    const found = this.termMatches(source, fields, prefix, boosts);
    cache.set(key, found);
    return found;
  }

  /** MiniSearch's executeQuerySpec for one term: the term, then (for a prefix) every longer term it starts, weighed down by the letters added. */
  private termMatches(source: string, fields: readonly string[], prefix: boolean, boosts: Readonly<Record<string, number>>): TermMatches {
    const { bm25 = { k: 1.2, b: 0.7, d: 0.5 }, weights } = this._options.searchOptions;
    const prefixWeight = weights?.prefix ?? 0.375;
    const docCount = this._documentCount;
    const { norms } = this.walkTables();
    const k1 = bm25.k + 1;
    const derived: [string, number][] = [[source, 1]];
    if (prefix) for (const [term] of this._index.atPrefix(source)) if (term.length > source.length) derived.push([term, (prefixWeight * term.length) / (term.length + 0.3 * (term.length - source.length))]);
    // Scores summed in an array by document (a BM25 score is never 0), documents in the order first met.
    const sums = this.scratch();
    const met: number[] = [];
    const derivedOf = derived.length > 1 ? new Map<number, string[]>() : null;
    for (const [term, weight] of derived) {
      const data = this._index.get(term);
      if (data === undefined) continue;
      for (const field of fields) {
        const fieldId = this._fieldIds[field];
        const freqs = fieldId === undefined ? undefined : data.get(fieldId);
        if (freqs === undefined) continue;
        const boost = weight * (boosts[field] || 1);
        const norm = norms[fieldId!]!;
        const idf = Math.log(1 + (docCount - freqs.size + 0.5) / (freqs.size + 0.5));
        freqs.forEach((tf, shortId) => {
          // MiniSearch's own arithmetic, in its order (the norm is its length term, computed once), so that the figures are the very same.
          const score = boost * (idf * (bm25.d + (tf * k1) / (tf + norm[shortId]!)));
          if (sums[shortId] === 0) {
            met.push(shortId);
            sums[shortId] = score;
          } else sums[shortId] = sums[shortId]! + score;
          if (derivedOf) {
            const terms = derivedOf.get(shortId);
            if (!terms) derivedOf.set(shortId, [term]);
            else if (terms[terms.length - 1] !== term) terms.push(term);
          }
        });
      }
    }
    const out = new Map<number, PartialMatch>();
    const own = [source];
    for (const shortId of met) {
      out.set(shortId, { score: sums[shortId]!, sources: own, terms: derivedOf?.get(shortId) ?? own });
      sums[shortId] = 0;
    }
    return out;
  }

  private sums: Float64Array | undefined;

  /**
   * The per-document sums of termMatches, all zero: one array per index,
   * handed back zeroed where it was written (a fresh one per term was a
   * document count of doubles to zero and collect, dozens of times a query).
   */
  private scratch(): Float64Array {
    if (this.sums?.length !== this._nextId) this.sums = new Float64Array(this._nextId);
    return this.sums;
  }

  /** Documents (our numbers) whose title, text or intro hold a word of stem `stem`. */
  documentsWithStem(stem: string): Set<number> {
    const out = new Set<number>();
    for (const shortId of this._index.get(indexedStem(stem))?.get(this._fieldIds[STEMS_FIELD]!)?.keys() ?? []) out.add(this._documentIds.get(shortId) as number);
    return out;
  }

  /** Documents (our numbers) whose title or text hold `term` exactly. */
  documentsWith(term: string): Set<number> {
    const out = new Set<number>();
    const fields = this._index.get(term);
    for (const field of ['title', 'text']) {
      for (const shortId of fields?.get(this._fieldIds[field]!)?.keys() ?? []) out.add(this._documentIds.get(shortId) as number);
    }
    return out;
  }
}
