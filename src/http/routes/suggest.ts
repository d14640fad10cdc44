import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { suggest } from '../../search/index.js';
import { ErrorSchema, SuggestQuerySchema, SuggestResponseSchema } from '../schemas/index.js';
import type { RouteOptions } from '../route-options.js';

/** Completions typed again and again (`ta`, `tai`, `tail`) are kept with the other answers, keyed on the index version. */
const routes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { answers }) => {
  app.get(
    '/suggest',
    {
      schema: {
        tags: ['search'],
        operationId: 'suggest',
        summary: 'Completions for a search box',
        querystring: SuggestQuerySchema,
        response: { 200: Type.Ref(SuggestResponseSchema), 400: Type.Ref(ErrorSchema) },
      },
    },
    async (request, reply) => {
      const { q, limit } = request.query;
      const index = app.searchIndex;
      return answers.send(request, reply, ['suggest', index.version, String(limit), q], () => ({ body: JSON.stringify({ query: q, suggestions: suggest(index, q, limit) }) }));
    },
  );
};

export default routes;
