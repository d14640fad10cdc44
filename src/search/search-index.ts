import { createHash } from 'node:crypto';
import MiniSearch, { type Options } from 'minisearch';
import type { Archive, Issue, Item, Problem, Vocabulary } from '../ingest/index.js';
import { Column } from './column.js';
import type { LruCache } from './lru-cache.js';
import { matchCache, type Matches } from './match-cache.js';
import { allFacetValues, type FacetCount } from './facets.js';
import { versionKey } from './filters.js';
import { fold, nameKey, slugKey } from './normalize.js';
import type { Synonyms } from './synonyms.js';
import { indexTerms } from './tokenizer.js';
import { markable, type MarkableText } from './snippets.js';
import { buildTypoDictionary, type TypoDictionary } from './typos.js';

/** What MiniSearch indexes for one item; built on the fly, never kept. */
interface IndexedDoc {
  n: number;
  title: string;
  text: string;
  authors: string;
  projects: string;
  sections: string;
  kernel: string;
}

export const SEARCH_FIELDS = ['title', 'text', 'authors', 'projects', 'sections', 'kernel'] as const;

/** Title and credits weigh more than body text: a hit in the title is what the item is about. */
export const FIELD_BOOSTS: Record<(typeof SEARCH_FIELDS)[number], number> = {
  title: 3,
  authors: 3,
  projects: 2,
  sections: 1.5,
  kernel: 1.5,
  text: 1,
};

/**
 * The one place MiniSearch is configured: the same options must be used to
 * build an index and to load a serialized one. Terms arrive folded from our
 * tokenizer, and queries are built term by term, so query-time tokenizing and
 * processing are the identity.
 */
export const MINISEARCH_OPTIONS: Options<IndexedDoc> = {
  idField: 'n',
  fields: [...SEARCH_FIELDS],
  storeFields: [],
  tokenize: (text: string) => indexTerms(text),
  processTerm: (term: string) => term,
  searchOptions: {
    tokenize: (text: string) => [text],
    processTerm: (term: string) => term,
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

  vocabulary(): Iterable<string> {
    return this._index.keys();
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

  /** Item id to document number. */
  readonly docOf: ReadonlyMap<string, number>;
  readonly childrenOf: ReadonlyMap<string, readonly string[]>;
  /** Folded title and text, for phrase checks. */
  readonly foldedText: readonly string[];
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
        authors: item.authors.join(' ; '),
        projects: item.projects.join(' ; '),
        sections: item.sectionPath.join(' ; '),
        kernel: item.kernelVersions.join(' '),
      });
    });
    this.docOf = docOf;
    this.childrenOf = childrenOf;
    this.typoDictionary = buildTypoDictionary(minisearch.vocabulary());
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

/** Builds the index for an archive; the only way SearchIndex instances are made. */
export function buildSearchIndex(archive: Archive, options: SearchIndexOptions): SearchIndex {
  return new SearchIndex(archive, options);
}
