import { QueryError } from './errors.js';
import { BOUND_PARAMETERS, BOUNDS, LIST_FIELDS, type FilterParams } from './fields.js';
import { dateBounds, parseFilterValue, type FilterClause } from './filters.js';

export type { FilterParams };

/**
 * Reads filter parameters: values of one parameter are ORed, different
 * parameters ANDed. Throws a QueryError naming the parameter when a value is
 * malformed (`kernel=banana`).
 */
export function filtersFromParams(params: FilterParams): FilterClause[] {
  const clauses: FilterClause[] = [];
  for (const field of LIST_FIELDS) {
    const values = params[field];
    if (!values || values.length === 0) continue;
    clauses.push({ field, values: values.map((v) => parseFilterValue(field, v, field)), negated: false });
  }
  for (const bound of BOUND_PARAMETERS) {
    const { op } = BOUNDS[bound];
    const value = params[bound];
    if (value === undefined) continue;
    if (!dateBounds(value)) throw new QueryError(`invalid date ${JSON.stringify(value)} in parameter "${bound}": expected a date like 2021-03-22, 2021-03 or 2021`, bound);
    clauses.push({ field: 'date', values: [parseFilterValue('date', `${op}${value}`, bound)], negated: false });
  }
  return clauses;
}
