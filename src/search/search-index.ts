import { createHash } from 'node:crypto';
import MiniSearch, { type Options } from 'minisearch';
import { canonicalUrl, type Archive, type Issue, type Item, type Problem, type Vocabulary } from '../ingest/index.js';
import { Column } from './column.js';
import { buildCompletions, type Completions } from './completions.js';
import type { LruCache } from './lru-cache.js';
import { matchCache, type Matches } from './match-cache.js';
import { allFacetValues, type FacetCount } from './facets.js';
import { versionKey } from './filters.js';
import { fold, nameKey, slugKey } from './normalize.js';
import type { Synonyms } from './synonyms.js';
import type { PlanContext } from './text-plan.js';
import { indexedStem, stemOf, stemTerms } from './stems.js';
import { indexTerms } from './tokenizer.js';
import { WordStreams } from './word-stream.js';
import { markable, type MarkableText } from './snippets.js';
import { buildTypoDictionary, type TypoDictionary } from './typos.js';

/** What MiniSearch indexes for one item; built on the fly, never kept. */
interface IndexedDoc {
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

/** MiniSearch as `toJSON` writes it: what a snapshot stores. */
export type SerializedMiniSearch = ReturnType<MiniSearch['toJSON']>;

/** MiniSearch, able to list its vocabulary (kept in a protected field) for the typo dictionary. */
class TermIndex extends MiniSearch<IndexedDoc> {
  /**
   * MiniSearch's loader always makes a plain MiniSearch; this class adds
   * methods only, no state, so giving the loaded object its prototype is enough.
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

export type FacetName = 'author' | 'project' | 'kernel' | 'section' | 'issue' | 'year';
export const FACET_NAMES: readonly FacetName[] = ['author', 'project', 'kernel', 'section', 'issue', 'year'];

export interface SearchIndexOptions {
  vocabulary: Vocabulary;
  synonyms: Synonyms;
  /** The full-text index of these very items, from a snapshot: loaded instead of rebuilt. */
  minisearch?: SerializedMiniSearch;
  /** Bytes the match cache may hold (its share of CACHE_MAX_BYTES); DEFAULT_MATCH_CACHE_BYTES when absent. */
  matchCacheBytes?: number;
}

/**
 * Everything a request needs, computed once from an archive: the MiniSearch
 * index, tag columns for filters and facets, lookup tables. Immutable after
 * construction, so it can be shared by every request and swapped whole.
 */
export class SearchIndex {
  readonly items: readonly Item[];
  readonly issues: readonly Issue[];
  readonly problems: readonly Problem[];
  /** Changes whenever any item changes: the basis of ETags. */
  readonly version: string;
  readonly builtAt: Date;
  readonly buildMs: number;
  readonly minisearch: TermIndex;
  readonly synonyms: Synonyms;
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
  /** Folded title and text, for phrase checks. */
  readonly foldedText: readonly string[];
  /** For each item, how its length compares (at most 1, shorter items 1): sqrt(average length / its length). */
  readonly lengthNorm: Float64Array;
  /** Title and text as term numbers: how close the query's words stand (proximity), whether a title holds the query (exactness). */
  readonly streams: WordStreams;
  /** A stem to the index terms it comes from (`filter` -> filter, filters, filtering), for highlighting stemmed matches. */
  readonly surfaces: ReadonlyMap<string, readonly string[]>;
  /** Title and text prepared for snippets and highlighting, once rather than per hit. */
  readonly markableTitle: readonly MarkableText[];
  readonly markableText: readonly MarkableText[];
  /** Effective date (the item's, else its issue's), as written. */
  readonly dateOf: readonly string[];
  /** Documents newest first (date, then issue number, descending; reading order within), and oldest first. */
  readonly newestFirst: Int32Array;
  readonly oldestFirst: Int32Array;
  /** Position of each document in those orders: sorting by date compares two integers. */
  readonly newestRank: Int32Array;
  readonly oldestRank: Int32Array;

  readonly columns: {
    author: Column;
    project: Column;
    /** Every heading of the item's path, for filtering by any level. */
    sectionAny: Column;
    /** The deepest heading, for the section facet (one value per item). */
    section: Column;
    kernel: Column;
    issue: Column;
    year: Column;
    date: Column;
  };
  /** Folded name or slug of a heading to its value ids in `sectionAny`. */
  readonly sectionKeys: ReadonlyMap<string, readonly number[]>;
  /** Folded author name to value id, and folded name word to the value ids of names containing it. */
  readonly authorKeys: ReadonlyMap<string, number>;
  readonly authorWords: ReadonlyMap<string, readonly number[]>;
  /** Folded project name or alias to value id. */
  readonly projectKeys: ReadonlyMap<string, number>;
  /** What planning a query's text needs of this index. */
  readonly planContext: PlanContext;
  /**
   * Documents matched by recent queries, per query; bounded in bytes, so
   * memory stays flat whatever the archive's size and whatever is asked. A
   * reloaded index starts with an empty one; the old one goes with the old index.
   */
  readonly matchCache: LruCache<Matches>;
  /** Every value of every facet over the whole archive, counted once here rather than per request. */
  readonly facetTables: Readonly<Record<FacetName, FacetCount[]>>;

  constructor(archive: Archive, options: SearchIndexOptions) {
    const started = performance.now();
    this.items = archive.items;
    this.issues = archive.issues;
    this.problems = archive.problems;
    this.synonyms = options.synonyms;
    const items = archive.items;
    this.matchCache = matchCache(options.matchCacheBytes);

    const hash = createHash('sha256');
    const restored = options.minisearch !== undefined;
    const minisearch = restored ? TermIndex.restore(options.minisearch!) : new TermIndex(MINISEARCH_OPTIONS);
    if (restored && minisearch.documentCount !== items.length) {
      throw new Error(`the serialized index holds ${minisearch.documentCount} documents, the archive ${items.length} items`);
    }
    this.minisearch = minisearch;
    const docOf = new Map<string, number>();
    const childrenOf = new Map<string, string[]>();
    const foldedText: string[] = [];
    const dateOf: string[] = [];
    items.forEach((item, n) => {
      docOf.set(item.id, n);
      if (item.parent) childrenOf.set(item.parent, [...(childrenOf.get(item.parent) ?? []), item.id]);
      foldedText.push(fold(`${item.title}\n${item.text}`));
      dateOf.push(item.date ?? item.issue.date);
      hash.update(JSON.stringify(item));
      if (restored) return;
      this.minisearch.add({
        n,
        title: item.title,
        text: item.text,
        intro: item.intro ?? '',
        authors: item.authors.join(' ; '),
        projects: item.projects.join(' ; '),
        sections: item.sectionPath.join(' ; '),
        kernel: item.kernelVersions.join(' '),
        stems: `${item.title}\n${item.text}\n${item.intro ?? ''}`,
      });
    });
    this.docOf = docOf;
    this.childrenOf = childrenOf;
    this.appearances = sharedLinks(items);
    this.typoDictionary = buildTypoDictionary(minisearch.vocabulary());
    this.completions = buildCompletions(items, minisearch.itemCounts());
    const byDate = (direction: 1 | -1) => (a: number, b: number) => {
      const da = dateOf[a]!;
      const db = dateOf[b]!;
      return direction * ((da < db ? -1 : da > db ? 1 : 0) || items[a]!.issue.number - items[b]!.issue.number) || a - b;
    };
    const docs = Array.from(items, (_, n) => n);
    this.newestFirst = Int32Array.from([...docs].sort(byDate(-1)));
    this.oldestFirst = Int32Array.from([...docs].sort(byDate(1)));
    this.newestRank = new Int32Array(items.length);
    this.oldestRank = new Int32Array(items.length);
    this.newestFirst.forEach((doc, rank) => (this.newestRank[doc] = rank));
    this.oldestFirst.forEach((doc, rank) => (this.oldestRank[doc] = rank));
    this.foldedText = foldedText;
    this.streams = new WordStreams(items);
    const lengths = items.map((item) => item.title.length + item.text.length);
    const average = lengths.reduce((sum, l) => sum + l, 0) / Math.max(1, lengths.length);
    this.lengthNorm = Float64Array.from(lengths, (l) => Math.min(1, Math.sqrt(average / Math.max(1, l))));
    const surfaces = new Map<string, string[]>();
    for (const term of minisearch.vocabulary()) {
      const stem = stemOf(term);
      if (stem !== null) surfaces.set(stem, [...(surfaces.get(stem) ?? []), term]);
    }
    this.surfaces = surfaces;
    this.markableTitle = items.map((item) => markable(item.title));
    this.markableText = items.map((item) => markable(item.text));
    this.dateOf = dateOf;

    this.columns = {
      author: new Column(
        items.map((i) => i.authors),
        nameKey,
      ),
      project: new Column(
        items.map((i) => i.projects),
        nameKey,
      ),
      sectionAny: new Column(
        items.map((i) => i.sectionPath),
        nameKey,
      ),
      section: new Column(items.map((i) => i.sectionPath.slice(-1))),
      kernel: new Column(items.map((i) => i.kernelVersions)),
      issue: new Column(items.map((i) => [String(i.issue.number)])),
      year: new Column(dateOf.map((d) => [d.slice(0, 4)])),
      date: new Column(dateOf.map((d) => [d])),
    };

    const sectionKeys = new Map<string, number[]>();
    this.columns.sectionAny.values.forEach((heading, id) => {
      for (const key of new Set([nameKey(heading), slugKey(heading)])) sectionKeys.set(key, [...(sectionKeys.get(key) ?? []), id]);
    });
    this.sectionKeys = sectionKeys;

    const authorKeys = new Map<string, number>();
    const authorWords = new Map<string, number[]>();
    this.columns.author.values.forEach((name, id) => {
      authorKeys.set(nameKey(name), id);
      for (const word of new Set(nameKey(name).split(/[\s.-]+/).filter(Boolean))) authorWords.set(word, [...(authorWords.get(word) ?? []), id]);
    });
    this.authorKeys = authorKeys;
    this.authorWords = authorWords;

    const projectKeys = new Map<string, number>();
    this.columns.project.values.forEach((name, id) => projectKeys.set(nameKey(name), id));
    for (const entry of options.vocabulary.projects) {
      const id = projectKeys.get(nameKey(entry.name));
      if (id === undefined) continue;
      for (const alias of [...(entry.aliases ?? []), ...(entry.caseSensitive ?? [])]) {
        if (!projectKeys.has(nameKey(alias))) projectKeys.set(nameKey(alias), id);
      }
    }
    this.projectKeys = projectKeys;
    this.planContext = {
      synonyms: this.synonyms,
      typoDictionary: this.typoDictionary,
      authorKeys,
      nameWords: authorWords,
      kernelIds: new Map(this.columns.kernel.values.map((v, id) => [v, id])),
      split: this.completions.split,
      joined: this.completions.joined,
      surfaces: this.surfaces,
    };

    this.facetTables = Object.fromEntries(FACET_NAMES.map((name) => [name, allFacetValues(this, name)])) as Record<FacetName, FacetCount[]>;

    hash.update(JSON.stringify(archive.issues));
    this.version = hash.digest('hex').slice(0, 16);
    this.builtAt = new Date();
    this.buildMs = performance.now() - started;
  }

  get size(): number {
    return this.items.length;
  }

  item(id: string): Item | undefined {
    const n = this.docOf.get(id);
    return n === undefined ? undefined : this.items[n];
  }

  children(id: string): readonly string[] {
    return this.childrenOf.get(id) ?? [];
  }

  /** Numeric key of a kernel value id, for interval filters. */
  kernelKey(id: number): number {
    return versionKey(this.columns.kernel.values[id]!) ?? -1;
  }
}

function sharedLinks(items: readonly Item[]): (readonly number[] | null)[] {
  const byLink = new Map<string, number[]>();
  items.forEach((item, doc) => {
    const key = item.kind === 'entry' && item.url ? canonicalUrl(item.url) : null;
    if (key) byLink.set(key, [...(byLink.get(key) ?? []), doc]);
  });
  const out: (readonly number[] | null)[] = items.map(() => null);
  for (const docs of byLink.values()) {
    if (docs.length < 2) continue;
    const newestFirst = [...docs].sort((a, b) => items[b]!.issue.number - items[a]!.issue.number || a - b);
    for (const doc of docs) out[doc] = newestFirst;
  }
  return out;
}

/** Builds the index for an archive; the only way SearchIndex instances are made. */
export function buildSearchIndex(archive: Archive, options: SearchIndexOptions): SearchIndex {
  return new SearchIndex(archive, options);
}
