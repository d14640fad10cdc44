import type { Item } from '../ingest/index.js';
import type { Column } from './column.js';
import { nameKey } from './normalize.js';
import type { IndexedItem, SearchIndex } from './search-index.js';
import { stemOf } from './stems.js';
import { STOP_WORDS } from './stop-words.js';
import { isNumeric, words } from './tokenizer.js';
import { topK } from './top-k.js';

/** Why an item is related: what it shares with the one asked about. Only non-empty lists are given. */
export interface RelatedReasons {
  sharedTerms?: string[];
  sharedProjects?: string[];
  sharedAuthors?: string[];
  sharedKernelVersions?: string[];
}

export interface RelatedHit {
  item: IndexedItem;
  score: number;
  reasons: RelatedReasons;
}

/** Terms of an item that characterise it: frequent in it, rare in the archive. */
const SALIENT_TERMS = 12;
/**
 * Words of the change-log voice the kernel items are written in ("Add...",
 * "Improve...", "Support..."): frequent in any one item and shared by
 * unrelated ones, so never a reason two items are alike. By stem.
 */
const GENERIC_STEMS = new Set(['add', 'improv', 'support', 'allow', 'introduc', 'fix', 'enabl', 'use', 'new', 'make', 'updat', 'remov', 'chang', 'provid', 'implement', 'also', 'now', 'well', 'way', 'work', 'get', 'set', 'first', 'one', 'two', 'like', 'possibl', 'proper', 'avail']);

/** A term in more than this share of items says nothing about any of them (`ebpf`, `program`). */
const TOO_COMMON = 0.2;
/**
 * What each kind of evidence is worth at most: all of an item's salient terms
 * shared, or one tag value held by no other item. Text says most about what
 * an item is about; a shared kernel version least (dozens of changes land in each).
 */
const WEIGHTS = { terms: 6, project: 1.5, author: 1.5, kernel: 0.5 } as const;

export interface SalientTerm {
  term: string;
  weight: number;
  docs: Set<number>;
}

/**
 * The terms that best tell what an item is about: tf-idf over its title
 * (counted twice) and text, word forms joined by their stem (`programs`,
 * `programming` and `program` are one term, counted in every item holding
 * any of them), without stop words, numbers, the words of its credited
 * names (authors are evidence of their own), and terms no other item holds
 * (they relate it to nothing). Each is named by its most frequent form in the item.
 */
export function salientTerms(index: SearchIndex, doc: number): SalientTerm[] {
  const item = index.items[doc]!;
  const names = new Set(item.authors.flatMap((a) => nameKey(a).split(/[\s.-]+/)));
  const counts = new Map<string, { tf: number; forms: Map<string, number>; stem: boolean }>();
  for (const w of words(`${item.title}\n${item.title}\n${item.text}`)) {
    for (const term of w.parts.length > 1 ? [w.term, ...w.parts] : [w.term]) {
      if (term.length < 3 || STOP_WORDS.has(term) || isNumeric(term) || names.has(term)) continue;
      const stem = term === w.term && w.parts.length > 1 ? null : stemOf(term);
      if (stem !== null && GENERIC_STEMS.has(stem)) continue;
      const key = stem ?? term;
      const entry = counts.get(key) ?? { tf: 0, forms: new Map<string, number>(), stem: stem !== null };
      entry.tf++;
      entry.forms.set(term, (entry.forms.get(term) ?? 0) + 1);
      counts.set(key, entry);
    }
  }
  const n = index.size;
  const weighted: SalientTerm[] = [];
  for (const [key, { tf, forms, stem }] of counts) {
    const docs = stem ? index.minisearch.documentsWithStem(key) : index.minisearch.documentsWith(key);
    if (docs.size < 2 || docs.size > Math.max(2, n * TOO_COMMON)) continue;
    const term = [...forms].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0]![0];
    weighted.push({ term, weight: (1 + Math.log(tf)) * Math.log(n / docs.size), docs });
  }
  weighted.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
  return weighted.slice(0, SALIENT_TERMS);
}

interface Candidate {
  score: number;
  reasons: Required<RelatedReasons>;
}

/**
 * The items most like item `doc`: the share of its salient terms they hold
 * (weighted by salience), and the projects, authors and kernel versions they
 * share with it (weighted by how rare each value is). The item itself, its
 * parent and its children are left out. Best first; ties go to the newer item.
 */
export function relatedItems(index: SearchIndex, doc: number, limit: number): { total: number; hits: RelatedHit[] } {
  const item = index.items[doc]!;
  const excluded = new Set<number>([doc]);
  for (const id of [item.parent, ...index.children(item.id)]) {
    const n = id === null ? undefined : index.docOf.get(id);
    if (n !== undefined) excluded.add(n);
  }
  const found = new Map<number, Candidate>();
  const candidate = (d: number): Candidate => {
    let c = found.get(d);
    if (!c) found.set(d, (c = { score: 0, reasons: { sharedTerms: [], sharedProjects: [], sharedAuthors: [], sharedKernelVersions: [] } }));
    return c;
  };

  const terms = salientTerms(index, doc);
  const salience = terms.reduce((sum, t) => sum + t.weight, 0);
  for (const { term, weight, docs } of terms) {
    for (const d of docs) {
      if (excluded.has(d)) continue;
      const c = candidate(d);
      // A long item holds many terms by its length alone (a section's prose): its share counts less.
      c.score += ((WEIGHTS.terms * weight) / salience) * index.lengthNorm[d]!;
      c.reasons.sharedTerms.push(term);
    }
  }

  // log(N / holders) / log(N): 1 for a value no other item holds, near 0 for one every item holds.
  const rarity = (holders: number) => (index.size > 1 ? Math.log(index.size / holders) / Math.log(index.size) : 1);
  const shareTags = (column: Column, weight: number, reason: keyof RelatedReasons) => {
    for (const value of column.valuesOf(doc)) {
      const holders = column.docsOf(value);
      const worth = weight * rarity(holders.length);
      for (const d of holders) {
        if (excluded.has(d)) continue;
        const c = candidate(d);
        c.score += worth;
        c.reasons[reason].push(column.values[value]!);
      }
    }
  };
  shareTags(index.columns.project, WEIGHTS.project, 'sharedProjects');
  shareTags(index.columns.author, WEIGHTS.author, 'sharedAuthors');
  shareTags(index.columns.kernel, WEIGHTS.kernel, 'sharedKernelVersions');

  const best = topK([...found], limit, ([a, x], [b, y]) => y.score - x.score || index.newestRank[a]! - index.newestRank[b]!);
  return {
    total: found.size,
    hits: best.map(([d, c]) => ({
      item: index.items[d]!,
      score: Math.round(c.score * 1000) / 1000,
      reasons: Object.fromEntries(Object.entries(c.reasons).filter(([, values]) => values.length > 0)),
    })),
  };
}
