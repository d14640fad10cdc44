import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { FACET_NAMES, type FacetName } from '../../search/index.js';
import { LruCache } from '../../search/lru-cache.js';
import { publicBase } from '../negotiate.js';
import { pagedResponse, pagingQuery, setPageLinks } from '../paging.js';
import { sendSerialized } from '../serialized.js';
import { ErrorSchema, FacetCountSchema, FacetNameSchema, FacetsSchema } from '../schemas/common.js';

export const FacetValuesSchema = Type.Object(
  { name: Type.Ref(FacetNameSchema), total: Type.Integer({ description: 'Distinct values.' }), offset: Type.Integer(), limit: Type.Integer(), values: Type.Array(Type.Ref(FacetCountSchema)) },
  { $id: 'FacetValues', description: 'Every value of one facet over the whole archive, most frequent first.' },
);

/**
 * The tables are counted once per index; their JSON is kept too, keyed on the
 * index version, so a request only sends a string.
 */
const routes: FastifyPluginAsyncTypebox<{ publicUrl?: string }> = async (app, { publicUrl }) => {
  const serialized = new LruCache<string>(FACET_NAMES.length * 2 + 2);
  const send = (reply: FastifyReply, key: string, body: () => object) =>
    sendSerialized(reply, serialized.getOrSet(`${app.archive.version} ${key}`, () => JSON.stringify(body())));

  app.get(
    '/facets',
    {
      schema: {
        tags: ['facets'],
        summary: 'Every value of every facet with its item count, over the whole archive',
        response: { 200: Type.Object({ facets: Type.Ref(FacetsSchema) }) },
      },
    },
    async (_request, reply) => send(reply, '*', () => ({ facets: app.archive.facetTables })),
  );

  app.get(
    '/facets/:name',
    {
      schema: {
        tags: ['facets'],
        summary: 'Every value of one facet, so bots can discover exact names',
        params: Type.Object({ name: Type.Ref(FacetNameSchema) }),
        querystring: pagingQuery({ defaultLimit: 1000, maxLimit: 1000, maxOffset: 10_000_000 }),
        response: { 200: pagedResponse(Type.Ref(FacetValuesSchema)), 400: Type.Ref(ErrorSchema) },
      },
    },
    async (request, reply) => {
      const name = request.params.name as FacetName;
      const { limit, offset } = request.query;
      const values = app.archive.facetTables[name];
      setPageLinks(reply, request, publicBase(request, publicUrl), { offset, limit, total: values.length });
      return send(reply, `${name} ${offset} ${limit}`, () => ({ name, total: values.length, offset, limit, values: values.slice(offset, offset + limit) }));
    },
  );
};

export default routes;
