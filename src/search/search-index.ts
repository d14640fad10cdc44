import { createHash } from 'node:crypto';
import { canonicalUrl, type Archive, type Issue, type Item, type Problem, type Vocabulary } from '../ingest/index.js';
import type { Column } from './column.js';
import { CompletionsBuilder, type Completions } from './completions.js';
import { allFacetValues, type FacetCount } from './facets.js';
import { FACET_NAMES, RANGE_FIELDS, spec, type FacetName, type FieldName, type NameField, type RangeField } from './fields.js';
import { valueSpan, type ValueSpan } from './filters.js';
import { append } from './multimap.js';
import { markable, type MarkableText } from './snippets.js';
import { stemOf, stemsOf } from './stems.js';
import type { Synonyms } from './synonyms.js';
import { tagColumns, type NameLookup } from './tag-columns.js';
import { TermIndex, TermIndexBuilder, type SerializedMiniSearch } from './term-index.js';
import type { PlanContext } from './text-plan.js';
import { buildTypoDictionary, type TypoDictionary } from './typos.js';
import { spelt, termsOf, words } from './tokenizer.js';
import { WordStreams } from './word-stream.js';

export { FACET_NAMES, type FacetName };
export { FIELD_BOOSTS, MINISEARCH_OPTIONS, SEARCH_FIELDS, STEMS_FIELD, type SerializedMiniSearch } from './term-index.js';

/** An item as the index serves it: with when this service first indexed it. */
export type IndexedItem = Item & {
  /** RFC 3339: when the service first indexed this item (kept across restarts by the service); its issue's date when it never said. */
  firstSeen: string;
};

/** The first-seen time of an item the service has no record of: its issue's date, midnight UTC. */
export const issueMidnight = (item: Item): string => `${item.issue.date}T00:00:00Z`;

export interface SearchIndexOptions {
  /** When the service first indexed each item (service/first-seen.ts); default (and for items it does not know) the issue's date. */
  firstSeen?: (item: Item) => string | undefined;
  vocabulary: Vocabulary;
  synonyms: Synonyms;
  /** The full-text index of these very items, from a snapshot: loaded instead of rebuilt. */
  minisearch?: SerializedMiniSearch;
  /** Bytes the index's match cache may hold (its share of CACHE_MAX_BYTES); DEFAULT_MATCH_CACHE_BYTES when absent. */
  matchCacheBytes?: number;
}

/** Documents by date, both ways, and each one's position in those orders: sorting by date compares two integers. */
interface DateOrders {
  newestFirst: Int32Array;
  oldestFirst: Int32Array;
  newestRank: Int32Array;
  oldestRank: Int32Array;
}

/** Newest first: date, then issue number, descending; reading order within an issue. */
function dateOrders(items: readonly Item[], dateOf: readonly string[]): DateOrders {
  const byDate = (direction: 1 | -1) => (a: number, b: number) => {
    const [da, db] = [dateOf[a]!, dateOf[b]!];
    return direction * ((da < db ? -1 : da > db ? 1 : 0) || items[a]!.issue.number - items[b]!.issue.number) || a - b;
  };
  const docs = Array.from(items, (_, n) => n);
  const newestFirst = Int32Array.from([...docs].sort(byDate(-1)));
  const oldestFirst = Int32Array.from([...docs].sort(byDate(1)));
  const rank = (order: Int32Array) => {
    const out = new Int32Array(items.length);
    order.forEach((doc, at) => (out[doc] = at));
    return out;
  };
  return { newestFirst, oldestFirst, newestRank: rank(newestFirst), oldestRank: rank(oldestFirst) };
}

/** For entries whose link (in canonical form) other entries share: every document featuring it, newest first. */
function sharedLinks(items: readonly Item[]): (readonly number[] | null)[] {
  const byLink = new Map<string, number[]>();
  items.forEach((item, doc) => {
    const key = item.kind === 'entry' && item.url ? canonicalUrl(item.url) : null;
    if (key) append(byLink, key, doc);
  });
  const out: (readonly number[] | null)[] = items.map(() => null);
  for (const docs of byLink.values()) {
    if (docs.length < 2) continue;
    const newestFirst = [...docs].sort((a, b) => items[b]!.issue.number - items[a]!.issue.number || a - b);
    for (const doc of docs) out[doc] = newestFirst;
  }
  return out;
}

/** Every link of every item (an entry's primary url and the links in its text), in canonical form, to the documents holding it in reading order. */
function linkPostings(items: readonly Item[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  items.forEach((item, doc) => {
    // A prose item's url is its own section on ebpf.io, not a link it features.
    const urls = [...(item.kind === 'entry' && item.url ? [item.url] : []), ...item.links.map((l) => l.url)];
    const keys = new Set(urls.map(canonicalUrl).filter((key): key is string => key !== null));
    for (const key of keys) append(out, key, doc);
  });
  return out;
}

/** What is made of each item's words: the term index (unless a snapshot brings it), the word streams and completions. */
interface WordTables {
  minisearch: TermIndex;
  streams: WordStreams;
  completions: Completions;
}

/**
 * One pass over the items that tokenizes each title, text and intro once
 * and hands the words to every table made of them. The term index is
 * loaded instead when a snapshot brings it (it must hold these very items).
 */
function wordTables(items: readonly Item[], serialized: SerializedMiniSearch | undefined): WordTables {
  const restored = serialized === undefined ? null : TermIndex.restore(serialized);
  if (restored && restored.documentCount !== items.length) throw new Error(`the serialized index holds ${restored.documentCount} documents, the archive ${items.length} items`);
  const builder = restored ? null : new TermIndexBuilder();
  const streams = new WordStreams();
  const completions = new CompletionsBuilder();
  items.forEach((item, n) => {
    const title = words(item.title);
    const text = words(item.text);
    streams.add(title, text);
    completions.add(item.title, title, item.text, text);
    if (!builder) return;
    const intro = item.intro ? words(item.intro) : [];
    builder.add(
      { n, title: item.title, text: item.text, intro: item.intro ?? '', authors: item.authors.join(' ; '), projects: item.projects.join(' ; '), sections: item.sectionPath.join(' ; '), kernel: item.kernelVersions.join(' '), stems: '' },
      { title: termsOf(title), text: termsOf(text), intro: termsOf(intro), stems: [...stemsOf(title), ...stemsOf(text), ...stemsOf(intro)] },
    );
  });
  const minisearch = restored ?? builder!.index;
  return { minisearch, streams, completions: completions.finish(minisearch.itemCounts()) };
}

/** A phrase check's sequence of one form per word, as `phraseDocs` keys it; '' (no key) for any other. */
export function phraseKey(sequence: readonly (readonly string[])[]): string {
  return sequence.every((forms) => forms.length === 1) ? sequence.map((forms) => forms[0]).join(' ') : '';
}

/**
 * The documents holding each multi-word expression of the thesaurus. An
 * expression with a word in no title or text gets no entry: `matches` then
 * asks for its words anywhere (no stream can hold it), as it always has.
 */
function thesaurusPhrases(synonyms: Synonyms, streams: WordStreams): Map<string, Int32Array> {
  const phrases = new Map<string, number[]>();
  for (const [key, alternatives] of synonyms.alternatives) {
    for (const expression of [key.split(' '), ...alternatives]) {
      // One word, a compound's parts included, is asked for as a word, never as a phrase.
      if (expression.length < 2) continue;
      const terms = expression.flatMap(spelt);
      const sequence = streams.sequence(terms);
      if (sequence) phrases.set(phraseKey(terms.map((t) => [t])), sequence);
    }
  }
  const docs = streams.documentsHolding([...phrases.values()]);
  return new Map([...phrases.keys()].map((phrase, i) => [phrase, docs[i]!]));
}

/** A stem to the index terms it comes from, for highlighting stemmed matches. */
function surfacesOf(minisearch: TermIndex): Map<string, string[]> {
  const surfaces = new Map<string, string[]>();
  for (const term of minisearch.vocabulary()) {
    const stem = stemOf(term);
    if (stem !== null) append(surfaces, stem, term);
  }
  return surfaces;
}

/** sqrt(average length / length) for each item, at most 1: a long item holds many terms by its length alone. */
function lengthNorms(items: readonly Item[]): Float64Array {
  const lengths = items.map((item) => item.title.length + item.text.length);
  const average = lengths.reduce((sum, l) => sum + l, 0) / Math.max(1, lengths.length);
  return Float64Array.from(lengths, (l) => Math.min(1, Math.sqrt(average / Math.max(1, l))));
}

/**
 * Everything a request needs, computed once from an archive: the MiniSearch
 * index, tag columns for filters and facets, lookup tables, word streams,
 * completions. Immutable after construction (its match cache lives beside
 * it, in match-cache.ts), so it can be shared by every request and swapped whole.
 */
export class SearchIndex {
  readonly items: readonly IndexedItem[];
  /** Each item's firstSeen as epoch milliseconds, for `since`. */
  readonly firstSeenMs: Float64Array;
  readonly issues: readonly Issue[];
  readonly problems: readonly Problem[];
  /** Changes whenever any item changes, its firstSeen included: the basis of ETags. */
  readonly version: string;
  /** Changes whenever the archive's items or issues change (not their firstSeen): what a snapshot must rebuild to. */
  readonly contentVersion: string;
  readonly builtAt: Date;
  readonly buildMs: number;
  readonly minisearch: TermIndex;
  readonly synonyms: Synonyms;
  /** Bytes its match cache may hold. */
  readonly matchCacheBytes: number | undefined;
  /** Index terms by their one-letter deletions: the words one typo away from a query word. */
  readonly typoDictionary: TypoDictionary;
  /** Terms and two-word phrases with their item counts, for /suggest. */
  readonly completions: Completions;
  /** Item id to document number. */
  readonly docOf: ReadonlyMap<string, number>;
  readonly childrenOf: ReadonlyMap<string, readonly string[]>;
  /**
   * For an entry whose link (in canonical form) other entries share, every
   * document featuring it, newest first (the same post in #1 and #5); null
   * for the rest. A search answers such a link once, with where else it appears.
   */
  readonly appearances: ReadonlyArray<readonly number[] | null>;
  /** A link in canonical form (ingest/canonical-url.ts) to every document linking it: GET /items?url=. */
  readonly linkDocs: ReadonlyMap<string, readonly number[]>;
  /** For each item, how its length compares (at most 1, shorter items 1): sqrt(average length / its length). */
  readonly lengthNorm: Float64Array;
  /** Title and text as term numbers: how close the query's words stand (proximity), whether a title holds the query (exactness). */
  readonly streams: WordStreams;
  /**
   * Each multi-word expression of the thesaurus (spelt out as a phrase check
   * reads it: `bpf type format`) to the documents holding it side by side,
   * found once here: an expression of common words (`bpf programs`, `kernel
   * modules`) was otherwise checked against tens of thousands of items at scale, per query.
   */
  readonly phraseDocs: ReadonlyMap<string, Int32Array>;
  /** A stem to the index terms it comes from (`filter` -> filter, filters, filtering), for highlighting stemmed matches. */
  readonly surfaces: ReadonlyMap<string, readonly string[]>;
  /** Title and text prepared for snippets and highlighting, once rather than per hit. */
  readonly markableTitle: readonly MarkableText[];
  readonly markableText: readonly MarkableText[];
  /** Effective date (the item's, else its issue's), as written. */
  readonly dateOf: readonly string[];
  readonly newestFirst: Int32Array;
  readonly oldestFirst: Int32Array;
  readonly newestRank: Int32Array;
  readonly oldestRank: Int32Array;
  /** Each field's values per item (fields.ts), what each facet counts, and how name filters find their values. */
  readonly columns: Readonly<Record<FieldName, Column>>;
  readonly facetColumns: Readonly<Record<FacetName, Column>>;
  readonly lookups: Readonly<Record<NameField, NameLookup>>;
  /** For each range field, the keys each of its values spans (`2021-03`: its first and last day), by value id. */
  readonly spans: Readonly<Record<RangeField, readonly ValueSpan[]>>;
  /** What planning a query's text needs of this index. */
  readonly planContext: PlanContext;
  /** Every value of every facet over the whole archive, counted once here rather than per request. */
  readonly facetTables: Readonly<Record<FacetName, FacetCount[]>>;

  constructor(archive: Archive, options: SearchIndexOptions) {
    const started = performance.now();
    const items: IndexedItem[] = archive.items.map((item) => ({ ...item, firstSeen: options.firstSeen?.(item) ?? issueMidnight(item) }));
    this.items = items;
    this.firstSeenMs = Float64Array.from(items, (item) => Date.parse(item.firstSeen));
    this.issues = archive.issues;
    this.problems = archive.problems;
    this.synonyms = options.synonyms;
    this.matchCacheBytes = options.matchCacheBytes;
    ({ minisearch: this.minisearch, streams: this.streams, completions: this.completions } = wordTables(items, options.minisearch));

    this.phraseDocs = thesaurusPhrases(options.synonyms, this.streams);
    this.docOf = new Map(items.map((item, n) => [item.id, n]));
    const childrenOf = new Map<string, string[]>();
    for (const item of items) if (item.parent) append(childrenOf, item.parent, item.id);
    this.childrenOf = childrenOf;
    this.appearances = sharedLinks(items);
    this.linkDocs = linkPostings(items);
    this.dateOf = items.map((item) => item.date ?? item.issue.date);
    ({ newestFirst: this.newestFirst, oldestFirst: this.oldestFirst, newestRank: this.newestRank, oldestRank: this.oldestRank } = dateOrders(items, this.dateOf));

    this.markableTitle = items.map((item) => markable(item.title));
    this.markableText = items.map((item) => markable(item.text));
    this.lengthNorm = lengthNorms(items);
    this.typoDictionary = buildTypoDictionary(this.minisearch.vocabulary());
    this.surfaces = surfacesOf(this.minisearch);

    ({ columns: this.columns, facetColumns: this.facetColumns, lookups: this.lookups } = tagColumns(items, this.dateOf, options.vocabulary));
    this.spans = Object.fromEntries(RANGE_FIELDS.map((field) => [field, this.columns[field].values.map((written) => valueSpan(spec(field).values!, written))])) as Record<RangeField, ValueSpan[]>;
    this.facetTables = Object.fromEntries(FACET_NAMES.map((name) => [name, allFacetValues(this, name)])) as Record<FacetName, FacetCount[]>;
    const people = this.lookups.author;
    this.planContext = {
      synonyms: this.synonyms,
      typoDictionary: this.typoDictionary,
      authorKeys: new Map([...people.keys].map(([key, ids]) => [key, ids[0]!])),
      nameWords: people.words ?? new Map(),
      kernelIds: new Map(this.columns.kernel.values.map((v, id) => [v, id])),
      split: this.completions.split,
      joined: this.completions.joined,
      surfaces: this.surfaces,
    };

    const hash = createHash('sha256');
    for (const item of archive.items) hash.update(JSON.stringify(item));
    hash.update(JSON.stringify(archive.issues));
    this.contentVersion = hash.digest('hex').slice(0, 16);
    const stamped = createHash('sha256').update(this.contentVersion);
    for (const item of items) stamped.update(item.firstSeen);
    this.version = stamped.digest('hex').slice(0, 16);
    this.builtAt = new Date();
    this.buildMs = performance.now() - started;
  }

  get size(): number {
    return this.items.length;
  }

  item(id: string): IndexedItem | undefined {
    const n = this.docOf.get(id);
    return n === undefined ? undefined : this.items[n];
  }

  children(id: string): readonly string[] {
    return this.childrenOf.get(id) ?? [];
  }
}

/** Builds the index for an archive; the only way SearchIndex instances are made. */
export function buildSearchIndex(archive: Archive, options: SearchIndexOptions): SearchIndex {
  return new SearchIndex(archive, options);
}
