import MiniSearch, { type Options } from 'minisearch';
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

/** MiniSearch as `toJSON` writes it: what a snapshot stores. */
export type SerializedMiniSearch = ReturnType<MiniSearch['toJSON']>;

/** MiniSearch, able to list its vocabulary (kept in a protected field) for the typo dictionary. */
export class TermIndex extends MiniSearch<IndexedDoc> {
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
