import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FacetName } from '../../search/index.js';
import { pagedResponse, pageOf } from '../paging.js';
import { ErrorSchema, FacetParamsSchema, FacetValuesQuerySchema, FacetValuesSchema, FacetsSchema } from '../schemas/index.js';
import type { RouteOptions } from '../route-options.js';


/**
 * The tables are counted once per index; their JSON is kept too, keyed on the
 * index version, so a request only sends a string.
 */
const routes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { answers }) => {

  app.get(
    '/facets',
    {
      schema: {
        tags: ['facets'],
        operationId: 'listFacets',
        summary: 'Every value of every facet with its item count, over the whole archive',
        response: { 200: Type.Object({ facets: Type.Ref(FacetsSchema) }) },
      },
    },
    async (request, reply) => answers.send(request, reply, ['facets', app.searchIndex.version], () => ({ body: JSON.stringify({ facets: app.searchIndex.facetTables }) })),
  );

  app.get(
    '/facets/:name',
    {
      schema: {
        tags: ['facets'],
        operationId: 'listFacetValues',
        summary: 'Every value of one facet, so bots can discover exact names',
        params: FacetParamsSchema,
        querystring: FacetValuesQuerySchema,
        response: { 200: pagedResponse(Type.Ref(FacetValuesSchema)), 400: Type.Ref(ErrorSchema) },
      },
    },
    async (request, reply) => {
      const name = request.params.name as FacetName;
      const { limit, offset } = request.query;
      const values = app.searchIndex.facetTables[name];
      return answers.send(request, reply, ['facet', app.searchIndex.version, name, String(offset), String(limit)], (base) => {
        const page = pageOf(request, base, { offset, limit, total: values.length });
        return { body: JSON.stringify({ name, ...page.fields, values: values.slice(offset, offset + limit) }), links: page.links };
      });
    },
  );
};

export default routes;
