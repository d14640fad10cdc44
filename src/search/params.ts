import { QueryError } from './errors.js';
import { dateBounds, parseFilterValue, type FilterClause, type FilterField } from './filters.js';

/** Filters as bots send them: one query parameter per field, repeated for OR. */
export interface FilterParams {
  author?: readonly string[];
  project?: readonly string[];
  kernel?: readonly string[];
  section?: readonly string[];
  issue?: readonly string[];
  /** Inclusive lower bound of the item's date, possibly partial (`2021-01`). */
  from?: string;
  /** Inclusive upper bound (`2021-03` includes all of March). */
  to?: string;
}

const LIST_FIELDS: readonly FilterField[] = ['author', 'project', 'kernel', 'section', 'issue'];

/**
 * Reads filter parameters: values of one parameter are ORed, different
 * parameters ANDed. Throws a QueryError naming the parameter when a value is
 * malformed (`kernel=banana`).
 */
export function filtersFromParams(params: FilterParams): FilterClause[] {
  const clauses: FilterClause[] = [];
  for (const field of LIST_FIELDS) {
    const values = params[field as keyof FilterParams] as readonly string[] | undefined;
    if (!values || values.length === 0) continue;
    clauses.push({ field, values: values.map((v) => parseFilterValue(field, v, field)), negated: false });
  }
  for (const [bound, op] of [
    ['from', '>='],
    ['to', '<='],
  ] as const) {
    const value = params[bound];
    if (value === undefined) continue;
    if (!dateBounds(value)) throw new QueryError(`invalid date ${JSON.stringify(value)} in parameter "${bound}": expected a date like 2021-03-22, 2021-03 or 2021`, bound);
    clauses.push({ field: 'date', values: [parseFilterValue('date', `${op}${value}`, bound)], negated: false });
  }
  return clauses;
}
