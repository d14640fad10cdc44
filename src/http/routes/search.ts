import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FACET_NAMES, MAX_QUERY_LENGTH, filtersFromParams, printQuery, search, type FacetName } from '../../search/index.js';
import type { Answers } from '../answers.js';
import { HitJson } from '../hit-json.js';
import { fieldsParameter, parseFields } from '../fields.js';
import { checkWindow, pagedResponse, pageLinks } from '../paging.js';
import { ErrorSchema, FacetsSchema, HIT_FIELDS, HitSchema, PartialHitSchema, SortSchema } from '../schemas/common.js';

const filterList = (description: string, examples: string[]) =>
  Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20, description: `${description} Repeat the parameter to OR values.`, examples: [examples] }));

export const SearchQuerySchema = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        maxLength: MAX_QUERY_LENGTH,
        description:
          'Words (all must match, typo-tolerant, prefix on the last), "quoted phrases", -excluded words, and fielded filters: author:"Paul Chaignon" project:cilium kernel:>=5.12 kernel:5.10..5.13 section:xdp issue:5 date:2021-03 date:>=2021-01-01. Optional: without it, filters list matching items newest first.',
        examples: ['tail calls'],
      }),
    ),
    author: filterList('Credited person, case- and accent-insensitive; a full name, or words of one (`chaignon`).', ['Andrii Nakryiko']),
    project: filterList('Project name or alias, as listed by /facets/project.', ['cilium']),
    kernel: filterList('Kernel version: `5.13`, `>=5.12`, `5.10..5.13`.', ['5.13']),
    section: filterList('A heading at any level, by name or slug.', ['xdp']),
    issue: filterList('Issue number: `5`, `>=3`, `2..4`.', ['5']),
    from: Type.Optional(Type.String({ maxLength: 10, description: 'Items dated on or after (YYYY, YYYY-MM or YYYY-MM-DD).', examples: ['2021-01-01'] })),
    to: Type.Optional(Type.String({ maxLength: 10, description: 'Items dated on or before; `2021-03` includes all of March.', examples: ['2021-03'] })),
    sort: Type.Optional(SortSchema),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
    offset: Type.Integer({ minimum: 0, maximum: 10000, default: 0 }),
    facets: Type.String({
      pattern: `^(none|(${FACET_NAMES.join('|')})(,(${FACET_NAMES.join('|')}))*)$`,
      default: 'none',
      description: `Comma-separated facets to count over all matching items (${FACET_NAMES.join(', ')}), or \`none\` (the default: answers stay small unless asked).`,
    }),
    facetLimit: Type.Integer({ minimum: 1, maximum: 200, default: 20, description: 'Values per facet, most frequent first.' }),
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
    total: Type.Integer({ description: 'Exact number of matching items, whatever the page.' }),
    offset: Type.Integer(),
    limit: Type.Integer(),
    relaxed: Type.Boolean({ description: 'True when too few items matched every word and items matching most words were added.' }),
    tookMs: Type.Number(),
    hits: Type.Array(Type.Union([Type.Ref(HitSchema), Type.Ref(PartialHitSchema)]), { description: 'Whole hits; with `fields`, only the fields asked for (and `id`).' }),
    facets: Type.Ref(FacetsSchema),
  },
  { $id: 'SearchResponse' },
);

export type SearchQuery = Static<typeof SearchQuerySchema>;

/** The request with its parameters in a fixed order: `?q=a&limit=5` and `?limit=5&q=a` are one search. */
function normalised(query: SearchQuery): string {
  return Object.keys(query)
    .sort()
    .map((k) => `${k}=${JSON.stringify((query as Record<string, unknown>)[k])}`)
    .join('&');
}

const routes: FastifyPluginAsyncTypebox<{ answers: Answers; budgetMs?: number }> = async (app, { answers, budgetMs }) => {
  const hitJson = new HitJson(answers.renderBase);
  app.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Full-text search with filters, facets and highlighted snippets',
        querystring: SearchQuerySchema,
        response: { 200: pagedResponse(Type.Ref(SearchResponseSchema)), 400: Type.Ref(ErrorSchema) },
      },
    },
    async (request, reply) => {
      const index = app.archive;
      const { q, sort, limit, offset, facets, facetLimit } = request.query;
      const fields = parseFields(request.query.fields, HIT_FIELDS, 'id');
      checkWindow(offset, limit);
      return answers.send(request, reply, ['search', index.version, normalised(request.query)], (base) => {
        const outcome = search(index, {
          q: q ?? '',
          filters: filtersFromParams(request.query),
          ...(sort ? { sort } : {}),
          limit,
          offset,
          facets: facets === 'none' ? [] : (facets.split(',') as FacetName[]),
          facetLimit,
          ...(budgetMs !== undefined ? { budgetMs } : {}),
        });
        // Hits are spliced in as text: their item fields are serialized once, not per answer.
        const head: Omit<Static<typeof SearchResponseSchema>, 'hits' | 'facets'> = {
          query: { q: printQuery(outcome.query), sort: outcome.sort },
          total: outcome.total,
          offset,
          limit,
          relaxed: outcome.relaxed,
          tookMs: outcome.tookMs,
        };
        const hits = outcome.hits.map((hit) => hitJson.write(hit, fields)).join(',');
        // Kept with the answer: the same page for the same normalised request, whatever the parameter order.
        const links = pageLinks(request, base, { offset, limit, total: outcome.total });
        return { body: `${JSON.stringify(head).slice(0, -1)},"hits":[${hits}],"facets":${JSON.stringify(outcome.facets)}}`, links };
      });
    },
  );
};

export default routes;
