import { Type, type Static, type TOptional, type TString } from '@sinclair/typebox';
import { BOUNDS, BOUND_PARAMETERS, FACET_NAMES, LIST_FIELDS, MAX_QUERY_LENGTH, MAX_SUGGESTIONS, PAGE_LIMITS, QUERY_FILTER_EXAMPLES, SORT_ORDERS, fieldSpec, type ListField, type SortOrder } from '../../search/index.js';
import { fieldsParameter } from '../fields.js';
import { FacetsSchema } from './facets.js';
import { HIT_FIELDS, HitSchema, PartialHitSchema } from './items.js';
import { pageFields } from './paging.js';

export const SortSchema = Type.Unsafe<SortOrder>({
  type: 'string',
  enum: [...SORT_ORDERS],
  description: 'Default: relevance with text, newest first (`-date`) without.',
});

// No `examples` on parameters: Swagger UI would fill every filter of "Try it out" with them, and find nothing.
const filterList = (description: string, example: string) =>
  Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20, description: `${description} Repeat the parameter to OR values; e.g. \`${example}\`.` }));

/** The filter parameters, from the field table (fields.ts): repeatable per field, and the date bounds. */
const listParameters = Object.fromEntries(LIST_FIELDS.map((field) => [field, filterList(fieldSpec(field).description, fieldSpec(field).example)])) as {
  [K in ListField]: ReturnType<typeof filterList>;
};
const boundParameters = Object.fromEntries(
  BOUND_PARAMETERS.map((bound) => [bound, Type.Optional(Type.String({ maxLength: 10, description: `${BOUNDS[bound].description} E.g. \`${BOUNDS[bound].example}\`.` }))]),
) as { [K in keyof typeof BOUNDS]: TOptional<TString> };

export const SearchQuerySchema = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        maxLength: MAX_QUERY_LENGTH,
        description:
          `Words (all must match, typo-tolerant, prefix on the last), "quoted phrases", -excluded words, and fielded filters: ${QUERY_FILTER_EXAMPLES}. Optional: without it, filters list matching items newest first.`,
      }),
    ),
    ...listParameters,
    ...boundParameters,
    since: Type.Optional(
      Type.String({
        maxLength: 64,
        description: "Only items this service first indexed after this time (RFC 3339, or a date for its midnight UTC): a bot's cursor. Pass the largest `firstSeen` of what you last received.",
      }),
    ),
    sort: Type.Optional(SortSchema),
    limit: Type.Integer({ minimum: 1, maximum: PAGE_LIMITS.limit.max, default: PAGE_LIMITS.limit.default }),
    offset: Type.Integer({ minimum: 0, maximum: PAGE_LIMITS.window, default: 0 }),
    facets: Type.String({
      pattern: `^(none|(${FACET_NAMES.join('|')})(,(${FACET_NAMES.join('|')}))*)$`,
      default: 'none',
      description: `Comma-separated facets to count over all matching items (${FACET_NAMES.join(', ')}), or \`none\` (the default: answers stay small unless asked).`,
    }),
    facetLimit: Type.Integer({ minimum: 1, maximum: PAGE_LIMITS.facetLimit.max, default: PAGE_LIMITS.facetLimit.default, description: 'Values per facet, most frequent first.' }),
    fields: fieldsParameter(HIT_FIELDS, 'id'),
  },
  { additionalProperties: false },
);

export const SearchResponseSchema = Type.Object(
  {
    query: Type.Object({
      q: Type.String({ description: 'The query as understood (canonical form).' }),
      sort: SortSchema,
    }),
    ...pageFields('Exact number of matching items, whatever the page.'),
    relaxed: Type.Boolean({ description: 'True when too few items matched every word and items matching most words were added.' }),
    tookMs: Type.Number(),
    hits: Type.Array(Type.Union([Type.Ref(HitSchema), Type.Ref(PartialHitSchema)]), { description: 'Whole hits; with `fields`, only the fields asked for (and `id`).' }),
    facets: Type.Ref(FacetsSchema),
  },
  { $id: 'SearchResponse' },
);

export type SearchQuery = Static<typeof SearchQuerySchema>;

export const SuggestQuerySchema = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: MAX_QUERY_LENGTH, description: 'What the search box holds so far, e.g. `tai`.' }),
    limit: Type.Integer({ minimum: 1, maximum: MAX_SUGGESTIONS, default: MAX_SUGGESTIONS }),
  },
  { additionalProperties: false },
);

export const SuggestResponseSchema = Type.Object(
  {
    query: Type.String(),
    suggestions: Type.Array(Type.Object({ text: Type.String({ description: 'The completed query.' }), score: Type.Number() }), { maxItems: MAX_SUGGESTIONS }),
  },
  { $id: 'SuggestResponse' },
);
