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

/** RFC 3339 `date-time` (seconds required, any fraction, `Z` or an offset), or a `full-date`. */
const INSTANT = /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2})))?$/;

/**
 * `since` as epoch milliseconds: an RFC 3339 time (`2026-12-01T09:30:00Z`,
 * offsets, fractions and leap seconds allowed) or a date (its midnight UTC).
 * Throws a QueryError naming the parameter otherwise.
 */
export function parseSince(text: string, parameter = 'since'): number {
  const fail = (): never => {
    throw new QueryError(`invalid ${parameter} ${JSON.stringify(text.slice(0, 64))}: expected an RFC 3339 time like 2026-12-01T09:30:00Z (an offset for Z, fractions of a second allowed) or a date like 2026-12-01`, parameter);
  };
  const m = INSTANT.exec(text) ?? fail();
  const [, date, hour, minute, second, fraction = '', zone, zoneHour, zoneMinute] = m;
  if (!isCalendarDate(date!)) fail();
  if (hour === undefined) return Date.parse(`${date}T00:00:00Z`);
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60 || (zoneHour !== undefined && (Number(zoneHour) > 23 || Number(zoneMinute) > 59))) fail();
  // A leap second (:60) is the instant after :59.999; milliseconds are all Date keeps of a fraction.
  const leap = second === '60' ? 1000 : 0;
  const ms = Date.parse(`${date}T${hour}:${minute}:${leap ? '59' : second}${fraction.slice(0, 4).padEnd(fraction ? 4 : 0, '0')}${zone!.toUpperCase()}`);
  return Number.isFinite(ms) ? ms + leap : fail();
}
