import { bareMessageId, isCalendarDate, isMessageId } from '../ingest/index.js';
import { QueryError } from './errors.js';
import { FILTER_FIELDS, spec, type FilterField, type NameField, type RangeField, type RangeKey } from './fields.js';

export { FILTER_FIELDS, type FilterField };

/** An inclusive or open interval over comparable keys. */
export interface Interval<T> {
  lo?: T;
  hi?: T;
  loOpen?: boolean;
  hiOpen?: boolean;
}

/** One value of a filter: a name to look up, or an interval over the field's keys. */
export type FilterValue = { [K in NameField]: { field: K; name: string } }[NameField] | { [K in RangeField]: { field: K; interval: Interval<RangeKey<K>>; text: string } }[RangeField];

/** Values of one field, any of which may match (repeated parameters), possibly negated (`-author:x`). */
export interface FilterClause {
  field: FilterField;
  values: FilterValue[];
  negated: boolean;
}

const VERSION = /^(\d{1,2})\.(\d{1,3})$/;
const ISSUE = /^[1-9]\d{0,6}$/;
const DATE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

/** `5.13` -> 5013, comparable as a number. */
export function versionKey(version: string): number | null {
  const m = VERSION.exec(version);
  return m ? Number(m[1]) * 1000 + Number(m[2]) : null;
}

/** The first and last day a (possibly partial) date stands for, as comparable strings: `2021-03` -> [`2021-03-00`, `2021-03-99`]. */
export function dateBounds(date: string): [string, string] | null {
  const m = DATE.exec(date);
  if (!m || !isCalendarDate(date)) return null;
  if (m[3]) return [date, date];
  if (m[2]) return [`${date}-00`, `${date}-99`];
  return [`${date}-00-00`, `${date}-99-99`];
}

type Parse<T> = (text: string) => [T, T] | null;

const parseVersion: Parse<number> = (text) => {
  const key = versionKey(text);
  return key === null ? null : [key, key];
};
const parseIssue: Parse<number> = (text) => (ISSUE.test(text) ? [Number(text), Number(text)] : null);
const parseDate: Parse<string> = (text) => dateBounds(text);

/** `X`, `>=X`, `>X`, `<=X`, `<X` or `X..Y` (either side may be empty). */
function parseInterval<T>(raw: string, parse: Parse<T>): Interval<T> | null {
  const text = raw.trim();
  const range = /^(.*?)\.\.(.*)$/.exec(text);
  if (range) {
    const lo = range[1] ? parse(range[1]) : undefined;
    const hi = range[2] ? parse(range[2]) : undefined;
    if (lo === null || hi === null || (!lo && !hi)) return null;
    return { ...(lo ? { lo: lo[0] } : {}), ...(hi ? { hi: hi[1] } : {}) };
  }
  const op = /^(>=|<=|>|<|=)?(.*)$/.exec(text);
  const bounds = parse(op?.[2]?.trim() ?? '');
  if (!bounds) return null;
  switch (op?.[1]) {
    case '>=':
      return { lo: bounds[0] };
    case '>':
      return { lo: bounds[1], loOpen: true };
    case '<=':
      return { hi: bounds[1] };
    case '<':
      return { hi: bounds[0], hiOpen: true };
    default:
      return { lo: bounds[0], hi: bounds[1] };
  }
}

const PARSERS = { version: parseVersion, number: parseIssue, date: parseDate } as const;

/**
 * Reads one filter value as written in `q` (`kernel:>=5.12`) or in a query
 * parameter (`kernel=>=5.12`), by the field's kind (fields.ts). Throws a
 * QueryError naming `parameter` and the value when it is malformed.
 */
export function parseFilterValue(field: FilterField, raw: string, parameter: string, token?: string): FilterValue {
  const text = raw.trim();
  const declared = spec(field);
  const fail = (): never => {
    const where = token ? ` in "${token}"` : ` in parameter "${parameter}"`;
    throw new QueryError(`invalid ${field} ${JSON.stringify(raw)}${where}: expected ${declared.syntax}`, parameter, token);
  };
  if (declared.kind === 'name') {
    if (text === '' || text.length > 200) fail();
    // A Message-ID that is none would only ever match nothing: say so, as /items?messageId= does.
    if (declared.lookup === 'message' && !isMessageId(bareMessageId(text))) fail();
    return { field, name: text } as FilterValue;
  }
  const interval = parseInterval<number | string>(text, PARSERS[declared.values!] as Parse<number | string>) ?? fail();
  return { field, interval, text } as FilterValue;
}

export function inInterval<T extends number | string>(value: T, interval: Interval<T>): boolean {
  if (interval.lo !== undefined && (interval.loOpen ? value <= interval.lo : value < interval.lo)) return false;
  if (interval.hi !== undefined && (interval.hiOpen ? value >= interval.hi : value > interval.hi)) return false;
  return true;
}

/** Whether two intervals share a point: a partial item date (`2021-03`) matches `date:2021-03-15`. */
export function overlaps<T extends number | string>(lo: T, hi: T, interval: Interval<T>): boolean {
  if (interval.lo !== undefined && (interval.loOpen ? hi <= interval.lo : hi < interval.lo)) return false;
  if (interval.hi !== undefined && (interval.hiOpen ? lo >= interval.hi : lo > interval.hi)) return false;
  return true;
}

/** The keys a range field's value, as written in its column, spans: a (partial) date its first and last day, a version or number itself. */
export type ValueSpan = readonly [number, number] | readonly [string, string];

export function valueSpan(kind: 'version' | 'number' | 'date', written: string): ValueSpan {
  if (kind === 'date') return dateBounds(written) ?? [written, written];
  // A value that is no version sorts below every version, as it always has.
  const key = kind === 'version' ? (versionKey(written) ?? -1) : Number(written);
  return [key, key];
}
