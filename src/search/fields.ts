import { messageIdsOf, type Item } from '../ingest/index.js';

/**
 * Every tag field of an item, declared once: how it is filtered (in `q` as
 * `field:value` and as a query parameter), counted as a facet, described.
 * The filter lists, the parameter types, the index's columns, the route
 * schemas, the feed's parameters, the CLI's flags and the widget's names all
 * derive from this table: a new field of an existing kind is one entry here
 * (plus its tests).
 *
 * - `kind`: `name` values are looked up by name (`lookup` says how: people by
 *   full name or words of it, projects by name or alias, headings by name or
 *   slug, Message-IDs with or without their angle brackets); `range` values are compared (`values`: versions, numbers, dates),
 *   exactly or as intervals (`>=5.12`, `5.10..5.13`).
 * - `of`: the item's values (`date` is its own, else its issue's).
 * - `facet`: the values counted per item as a facet (`values`: the same as
 *   `of`), or null when it is none.
 * - `parameter`: `list` (repeat the parameter to OR values), `bounds` (the
 *   `from` and `to` parameters), or null (a facet only).
 */
export interface FieldSpec {
  kind: 'name' | 'range';
  lookup?: 'person' | 'project' | 'heading' | 'message';
  values?: 'version' | 'number' | 'date';
  of(item: Item, date: string): readonly string[];
  facet: 'values' | ((item: Item, date: string) => readonly string[]) | null;
  parameter: 'list' | 'bounds' | null;
  /** What a valid value looks like, for error messages. */
  syntax: string;
  /** For the parameter's documentation. */
  description: string;
  example: string;
  /** How the filter reads in `q`, when not `field:example` (shorter, or showing a range). */
  inQuery?: string;
}

export const FIELDS = {
  author: {
    kind: 'name',
    lookup: 'person',
    of: (item) => item.authors,
    facet: 'values',
    parameter: 'list',
    syntax: 'a name',
    description: 'Credited person, case- and accent-insensitive; a full name, or words of one (`chaignon`).',
    example: 'Andrii Nakryiko',
  },
  project: {
    kind: 'name',
    lookup: 'project',
    of: (item) => item.projects,
    facet: 'values',
    parameter: 'list',
    syntax: 'a project name',
    description: 'Project name or alias, as listed by /facets/project.',
    example: 'cilium',
  },
  kernel: {
    kind: 'range',
    values: 'version',
    of: (item) => item.kernelVersions,
    facet: 'values',
    parameter: 'list',
    syntax: 'a version like 5.13, >=5.12 or 5.10..5.13',
    description: 'Kernel version: `5.13`, `>=5.12`, `5.10..5.13`.',
    example: '5.13',
    inQuery: 'kernel:>=5.12 kernel:5.10..5.13',
  },
  section: {
    kind: 'name',
    lookup: 'heading',
    // A filter matches a heading at any level; the facet counts each item under its deepest heading.
    of: (item) => item.sectionPath,
    facet: (item) => item.sectionPath.slice(-1),
    parameter: 'list',
    syntax: 'a section name or slug',
    description: 'A heading at any level, by name or slug.',
    example: 'xdp',
  },
  issue: {
    kind: 'range',
    values: 'number',
    of: (item) => [String(item.issue.number)],
    facet: 'values',
    parameter: 'list',
    syntax: 'an issue number like 5, >=3 or 2..4',
    description: 'Issue number: `5`, `>=3`, `2..4`.',
    example: '5',
  },
  mid: {
    kind: 'name',
    lookup: 'message',
    // Every Message-ID the item's lore.kernel.org and patchwork links name: a bot holding any mail of a thread finds the item.
    of: (item) => messageIdsOf(item),
    facet: null,
    parameter: 'list',
    syntax: 'a Message-ID like 20210423181348.1801389-1-andrii@kernel.org (angle brackets optional)',
    description: 'Message-ID of a kernel mail an item links (lore.kernel.org, patchwork), with or without `<>`.',
    example: '20210423181348.1801389-1-andrii@kernel.org',
    inQuery: 'mid:<message-id>',
  },
  date: {
    kind: 'range',
    values: 'date',
    of: (_item, date) => [date],
    facet: null,
    parameter: 'bounds',
    syntax: 'a date like 2021-03-22, 2021-03, >=2021-01-01 or 2021-01..2021-03',
    description: "The item's date (its own, else its issue's).",
    example: '2021-03',
    inQuery: 'date:2021-03 date:>=2021-01-01',
  },
  year: {
    kind: 'range',
    values: 'number',
    of: (_item, date) => [date.slice(0, 4)],
    facet: 'values',
    parameter: null,
    syntax: 'a year like 2021',
    description: "The year of the item's date.",
    example: '2021',
  },
} as const satisfies Record<string, FieldSpec>;

type Fields = typeof FIELDS;
export type FieldName = keyof Fields;
/** Fields a filter can name (in `q` or as a parameter). */
export type FilterField = { [K in FieldName]: Fields[K]['parameter'] extends null ? never : K }[FieldName];
/** Fields whose values are names (looked up) and ranges (compared). */
export type NameField = { [K in FilterField]: Fields[K]['kind'] extends 'name' ? K : never }[FilterField];
export type RangeField = Exclude<FilterField, NameField>;
/** What a range field's values compare as: dates as strings, the rest as numbers. */
export type RangeKey<K extends FieldName> = Fields[K] extends { values: 'date' } ? string : number;
/** Fields taken as repeatable query parameters (`author=A&author=B`). */
export type ListField = { [K in FieldName]: Fields[K]['parameter'] extends 'list' ? K : never }[FieldName];
export type FacetName = { [K in FieldName]: Fields[K]['facet'] extends null ? never : K }[FieldName];

const names = Object.keys(FIELDS) as FieldName[];
/** A field's declaration, read through the common shape. */
export const spec = (name: FieldName): FieldSpec => FIELDS[name];

export const FILTER_FIELDS = names.filter((n) => spec(n).parameter !== null) as FilterField[];
export const RANGE_FIELDS = FILTER_FIELDS.filter((n) => spec(n).kind === 'range') as RangeField[];
export const LIST_FIELDS = names.filter((n) => spec(n).parameter === 'list') as ListField[];
export const FACET_NAMES = names.filter((n) => spec(n).facet !== null) as FacetName[];
/** Every filter as written in `q`, for documentation: `author:"Andrii Nakryiko" project:cilium ...`. */
export const QUERY_FILTER_EXAMPLES = FILTER_FIELDS.map((n) => spec(n).inQuery ?? `${n}:${/\s/.test(spec(n).example) ? `"${spec(n).example}"` : spec(n).example}`).join(' ');
/** The date bounds, as query parameters: each an inclusive bound, possibly partial (`2021-03`), and the comparison it stands for. */
export const BOUNDS = {
  from: { op: '>=', description: 'Items dated on or after (YYYY, YYYY-MM or YYYY-MM-DD).', example: '2021-01-01' },
  to: { op: '<=', description: 'Items dated on or before; `2021-03` includes all of March.', example: '2021-03' },
} as const;
export const BOUND_PARAMETERS = Object.keys(BOUNDS) as (keyof typeof BOUNDS)[];
/** Every filter query parameter, in the order the API documents them. */
export type FilterParameter = ListField | keyof typeof BOUNDS;
export const FILTER_PARAMETERS: readonly FilterParameter[] = [...LIST_FIELDS, ...BOUND_PARAMETERS];

/** Filters as bots send them: one query parameter per field, repeated for OR; `from` and `to` bound the date. */
export type FilterParams = { [K in ListField]?: readonly string[] } & { from?: string; to?: string };
