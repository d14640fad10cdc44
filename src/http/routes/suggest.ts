import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_QUERY_LENGTH, MAX_SUGGESTIONS, suggest } from '../../search/index.js';
import { ErrorSchema } from '../schemas/common.js';

export const SuggestResponseSchema = Type.Object(
  {
    query: Type.String(),
    suggestions: Type.Array(Type.Object({ text: Type.String({ description: 'The completed query.' }), score: Type.Number() }), { maxItems: MAX_SUGGESTIONS }),
  },
  { $id: 'SuggestResponse' },
);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/suggest',
    {
      schema: {
        tags: ['search'],
        summary: 'Completions for a search box',
        querystring: Type.Object(
          {
            q: Type.String({ minLength: 1, maxLength: MAX_QUERY_LENGTH, examples: ['tai'] }),
            limit: Type.Integer({ minimum: 1, maximum: MAX_SUGGESTIONS, default: MAX_SUGGESTIONS }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref(SuggestResponseSchema), 400: Type.Ref(ErrorSchema) },
      },
    },
    async (request) => ({ query: request.query.q, suggestions: suggest(app.archive, request.query.q, request.query.limit) }),
  );
};

export default routes;
