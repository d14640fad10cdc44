import type { Column } from './column.js';
import type { FacetName } from './fields.js';
import type { SearchIndex } from './search-index.js';

export interface FacetCount {
  value: string;
  count: number;
}

function columnOf(index: SearchIndex, facet: FacetName): Column {
  return index.facetColumns[facet];
}

// One collator for every comparison: localeCompare with options builds a new one per call.
const COLLATOR = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function ranked(column: Column, counts: ArrayLike<number>, limit: number): FacetCount[] {
  const out: FacetCount[] = [];
  for (let id = 0; id < column.values.length; id++) if (counts[id]! > 0) out.push({ value: column.values[id]!, count: counts[id]! });
  out.sort((a, b) => b.count - a.count || COLLATOR.compare(a.value, b.value));
  return out.slice(0, limit);
}

/** Counts of each facet's values over `docs` (every matching item, not a page), most frequent first. */
export function countFacets(index: SearchIndex, docs: ArrayLike<number>, facets: readonly FacetName[], limit: number): Partial<Record<FacetName, FacetCount[]>> {
  const result: Partial<Record<FacetName, FacetCount[]>> = {};
  for (const facet of facets) {
    const column = columnOf(index, facet);
    const counts = new Int32Array(column.values.length);
    for (let i = 0; i < docs.length; i++) column.countInto(docs[i]!, counts);
    result[facet] = ranked(column, counts, limit);
  }
  return result;
}

/** Every value of a facet over the whole archive: lets bots discover exact names. */
export function allFacetValues(index: SearchIndex, facet: FacetName): FacetCount[] {
  const column = columnOf(index, facet);
  const counts = Array.from({ length: column.values.length }, (_, id) => column.countOf(id));
  return ranked(column, counts, Number.POSITIVE_INFINITY);
}
