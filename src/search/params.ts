import { isCalendarDate } from '../ingest/index.js';
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

const INSTANT = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:\d{2}))?$/;

/**
 * `since` as epoch milliseconds: an RFC 3339 time (`2026-12-01T09:30:00Z`,
 * offsets allowed) or a date (its midnight UTC). Throws a QueryError naming
 * the parameter otherwise.
 */
export function parseSince(text: string, parameter = 'since'): number {
  const ms = INSTANT.test(text) ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text) : Number.NaN;
  if (!Number.isFinite(ms) || !isCalendarDate(text.slice(0, 10))) {
    throw new QueryError(`invalid ${parameter} ${JSON.stringify(text)}: expected a time like 2026-12-01T09:30:00Z (RFC 3339, offsets allowed) or a date like 2026-12-01`, parameter);
  }
  return ms;
}
