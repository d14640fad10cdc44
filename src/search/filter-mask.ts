import { dateBounds, inInterval, overlaps, type FilterClause, type FilterValue } from './filters.js';
import { nameKey, slugKey } from './normalize.js';
import type { SearchIndex } from './search-index.js';

/** Documents holding `value`, as the posting lists of the matching tag values. */
function postings(index: SearchIndex, value: FilterValue): Int32Array[] {
  const { columns } = index;
  switch (value.field) {
    case 'author': {
      const key = nameKey(value.name);
      const exact = index.authorKeys.get(key);
      if (exact !== undefined) return [columns.author.docsOf(exact)];
      // "chaignon" or "andrii" find the one author whose name has all those words.
      let ids: number[] | null = null;
      for (const word of key.split(/[\s.-]+/).filter(Boolean)) {
        const having = index.authorWords.get(word) ?? [];
        ids = ids === null ? [...having] : ids.filter((id) => having.includes(id));
      }
      return (ids ?? []).map((id) => columns.author.docsOf(id));
    }
    case 'project': {
      const id = index.projectKeys.get(nameKey(value.name));
      return id === undefined ? [] : [columns.project.docsOf(id)];
    }
    case 'section': {
      const ids = index.sectionKeys.get(nameKey(value.name)) ?? index.sectionKeys.get(slugKey(value.name)) ?? [];
      return ids.map((id) => columns.sectionAny.docsOf(id));
    }
    case 'kernel':
      return columns.kernel.values.flatMap((_, id) => (inInterval(index.kernelKey(id), value.interval) ? [columns.kernel.docsOf(id)] : []));
    case 'issue':
      return columns.issue.values.flatMap((number, id) => (inInterval(Number(number), value.interval) ? [columns.issue.docsOf(id)] : []));
    case 'date':
      return columns.date.values.flatMap((date, id) => {
        const [lo, hi] = dateBounds(date) ?? [date, date];
        return overlaps(lo, hi, value.interval) ? [columns.date.docsOf(id)] : [];
      });
  }
}

/**
 * Which documents pass every clause: values of one clause are ORed (repeated
 * parameters), clauses are ANDed. Null when there is no clause (everything passes).
 */
export function filterMask(index: SearchIndex, clauses: readonly FilterClause[]): Uint8Array | null {
  if (clauses.length === 0) return null;
  const mask = new Uint8Array(index.size).fill(1);
  const clauseSet = new Uint8Array(index.size);
  for (const clause of clauses) {
    clauseSet.fill(0);
    for (const value of clause.values) for (const docs of postings(index, value)) for (const d of docs) clauseSet[d] = 1;
    for (let d = 0; d < mask.length; d++) mask[d] = mask[d]! & (clause.negated ? 1 - clauseSet[d]! : clauseSet[d]!);
  }
  return mask;
}
