import { bareMessageId } from '../ingest/index.js';
import { spec } from './fields.js';
import { overlaps, type FilterClause, type FilterValue, type Interval } from './filters.js';
import { nameKey, slugKey } from './normalize.js';
import type { SearchIndex } from './search-index.js';

/** The value ids of a name field matching `name`: whole (name, slug, alias), else, for people, the names holding all its words. */
function namedIds(index: SearchIndex, value: Extract<FilterValue, { name: string }>): readonly number[] {
  const lookup = index.lookups[value.field];
  const key = nameKey(spec(value.field).lookup === 'message' ? bareMessageId(value.name) : value.name);
  const whole = lookup.keys.get(key) ?? lookup.keys.get(slugKey(value.name));
  if (whole) return whole;
  if (!lookup.words) return [];
  // "chaignon" or "andrii" find the names holding all those words.
  let ids: readonly number[] | null = null;
  for (const word of key.split(/[\s.-]+/).filter(Boolean)) {
    const having = lookup.words.get(word) ?? [];
    ids = ids === null ? having : ids.filter((id) => having.includes(id));
  }
  return ids ?? [];
}

/** Documents holding `value`, as the posting lists of the matching tag values. */
function postings(index: SearchIndex, value: FilterValue): Int32Array[] {
  const column = index.columns[value.field];
  if ('name' in value) return namedIds(index, value).map((id) => column.docsOf(id));
  // Each value's span was worked out when the index was built: a filter compares, it never parses the column again.
  const spans = index.spans[value.field];
  const interval = value.interval as Interval<number | string>;
  const out: Int32Array[] = [];
  spans.forEach(([lo, hi], id) => {
    if (overlaps(lo, hi, interval)) out.push(column.docsOf(id));
  });
  return out;
}

/**
 * Which documents pass every clause: values of one clause are ORed (repeated
 * parameters), clauses are ANDed. Null when there is no clause (everything passes).
 */
export function filterMask(index: SearchIndex, clauses: readonly FilterClause[]): Uint8Array | null {
  if (clauses.length === 0) return null;
  let mask: Uint8Array | null = null;
  const clauseSet = new Uint8Array(index.size);
  for (const clause of clauses) {
    clauseSet.fill(0);
    for (const value of clause.values) {
      for (const docs of postings(index, value)) for (let i = 0; i < docs.length; i++) clauseSet[docs[i]!] = 1;
    }
    // The first clause that is not negated is the mask itself; each later one narrows it.
    if (mask === null && !clause.negated) {
      mask = clauseSet.slice();
      continue;
    }
    mask ??= new Uint8Array(index.size).fill(1);
    for (let d = 0; d < mask.length; d++) mask[d] = mask[d]! & (clause.negated ? 1 - clauseSet[d]! : clauseSet[d]!);
  }
  return mask!;
}

/** The documents passing every clause, in document order: a lookup by tag (GET /items?messageId=), no text to rank, no snippet to make. */
export function docsMatching(index: SearchIndex, clauses: readonly FilterClause[]): number[] {
  const mask = filterMask(index, clauses);
  const docs: number[] = [];
  for (let d = 0; d < index.size; d++) if (mask === null || mask[d] === 1) docs.push(d);
  return docs;
}
