import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LruCache, filtersFromParams, parseSince, printQuery, search, stringBytes, type FacetName } from '../../search/index.js';
import { HitJson } from '../hit-json.js';
import { fieldsParameter, parseFields } from '../fields.js';
import { checkWindow, pagedResponse, pageOf } from '../paging.js';
import { ErrorSchema, HIT_FIELDS, type SearchQuery, SearchQuerySchema, SearchResponseSchema } from '../schemas/index.js';
import type { RouteOptions } from '../route-options.js';





/** The request with its parameters in a fixed order: `?q=a&limit=5` and `?limit=5&q=a` are one search. */
function normalised(query: SearchQuery): string {
  return Object.keys(query)
    .sort()
    .map((k) => `${k}=${JSON.stringify((query as Record<string, unknown>)[k])}`)
    .join('&');
}

const routes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { answers, budgetMs }) => {
  // The normalised form of recent URLs: a hot search is normalised once (bounded in bytes).
  const forms = new LruCache<string>(answers.memoBytes, stringBytes);
  const hitJson = new HitJson(answers.renderBase);
  app.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        operationId: 'searchArchive',
        summary: 'Full-text search with filters, facets and highlighted snippets',
        querystring: SearchQuerySchema,
        response: { 200: pagedResponse(Type.Ref(SearchResponseSchema)), 400: Type.Ref(ErrorSchema) },
      },
    },
    async (request, reply) => {
      const index = app.searchIndex;
      const { q, sort, limit, offset, facets, facetLimit } = request.query;
      const fields = parseFields(request.query.fields, HIT_FIELDS, 'id');
      checkWindow(offset, limit);
      const form = forms.getOrSet(request.url, () => normalised(request.query));
      return answers.send(request, reply, ['search', index.version, form], (base) => {
        const outcome = search(index, {
          q: q ?? '',
          filters: filtersFromParams(request.query),
          ...(sort ? { sort } : {}),
          limit,
          offset,
          facets: facets === 'none' ? [] : (facets.split(',') as FacetName[]),
          facetLimit,
          ...(budgetMs !== undefined ? { budgetMs } : {}),
          ...(request.query.since !== undefined ? { since: parseSince(request.query.since) } : {}),
        });
        // Kept with the answer: the same page for the same normalised request, whatever the parameter order.
        const page = pageOf(request, base, { offset, limit, total: outcome.total });
        // Hits are spliced in as text: their item fields are serialized once, not per answer.
        const head: Omit<Static<typeof SearchResponseSchema>, 'hits' | 'facets'> = {
          query: { q: printQuery(outcome.query), sort: outcome.sort },
          ...page.fields,
          relaxed: outcome.relaxed,
          tookMs: outcome.tookMs,
        };
        const hits = outcome.hits.map((hit) => hitJson.write(hit, fields)).join(',');
        return { body: `${JSON.stringify(head).slice(0, -1)},"hits":[${hits}],"facets":${JSON.stringify(outcome.facets)}}`, links: page.links };
      });
    },
  );
};

export default routes;
