import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FACET_NAMES, allFacetValues, type FacetName } from '../../search/index.js';
import { ErrorSchema, FacetCountSchema, FacetNameSchema, FacetsSchema } from '../schemas/common.js';

export const FacetValuesSchema = Type.Object(
  { name: Type.Ref(FacetNameSchema), values: Type.Array(Type.Ref(FacetCountSchema)) },
  { $id: 'FacetValues', description: 'Every value of one facet over the whole archive, most frequent first.' },
);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/facets',
    {
      schema: {
        tags: ['facets'],
        summary: 'Every value of every facet with its item count, over the whole archive',
        response: { 200: Type.Object({ facets: Type.Ref(FacetsSchema) }) },
      },
    },
    async () => ({ facets: Object.fromEntries(FACET_NAMES.map((name) => [name, allFacetValues(app.archive, name)])) }),
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
    async (request) => {
      const name = request.params.name as FacetName;
      return { name, values: allFacetValues(app.archive, name) };
    },
  );
};

export default routes;
