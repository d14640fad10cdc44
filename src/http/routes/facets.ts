import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { FACET_NAMES, type FacetName } from '../../search/index.js';
import { LruCache } from '../../search/lru-cache.js';
import { sendSerialized } from '../serialized.js';
import { ErrorSchema, FacetCountSchema, FacetNameSchema, FacetsSchema } from '../schemas/common.js';

export const FacetValuesSchema = Type.Object(
  { name: Type.Ref(FacetNameSchema), values: Type.Array(Type.Ref(FacetCountSchema)) },
  { $id: 'FacetValues', description: 'Every value of one facet over the whole archive, most frequent first.' },
);

/**
 * The tables are counted once per index; their JSON is kept too, keyed on the
 * index version, so a request only sends a string.
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
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
        response: { 200: Type.Ref(FacetValuesSchema), 400: Type.Ref(ErrorSchema) },
      },
    },
    async (request, reply) => {
      const name = request.params.name as FacetName;
      return send(reply, name, () => ({ name, values: app.archive.facetTables[name] }));
    },
  );
};

export default routes;
