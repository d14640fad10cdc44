import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { relatedItems } from '../../search/index.js';
import { notFound } from '../errors.js';
import { pageOf, pagedResponse } from '../paging.js';
import { itemSummary } from '../present.js';
import { ErrorSchema, ItemParamsSchema, MAX_RELATED, type RelatedHitBody, RelatedQuerySchema, RelatedResponseSchema } from '../schemas/index.js';
import type { RouteOptions } from '../route-options.js';



const routes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { answers }) => {
  app.get(
    '/items/:id/related',
    {
      schema: {
        tags: ['items'],
        operationId: 'relatedItems',
        summary: 'The items most like this one, each with the reasons',
        description:
          'Ranked by shared salient terms (frequent in this item, rare in the archive) and shared projects, authors and kernel versions (rarer values weigh more). The item itself, its parent and its children are left out.',
        params: ItemParamsSchema,
        querystring: RelatedQuerySchema,
        response: { 200: pagedResponse(Type.Ref(RelatedResponseSchema)), 400: Type.Ref(ErrorSchema), 404: Type.Ref(ErrorSchema) },
      },
    },
    async (request, reply) => {
      const index = app.searchIndex;
      const { limit, offset } = request.query;
      return answers.send(request, reply, ['related', index.version, request.params.id, String(offset), String(limit)], (base) => {
        const doc = index.docOf.get(request.params.id);
        if (doc === undefined) throw notFound(`no item with id "${request.params.id}"`, 'id');
        const { total, hits } = relatedItems(index, doc, Math.min(MAX_RELATED, offset + limit));
        const related = hits.slice(offset, offset + limit).map((r): RelatedHitBody => ({ ...itemSummary(r.item, base), score: r.score, reasons: r.reasons }));
        const shown = Math.min(total, MAX_RELATED);
        const page = pageOf(request, base, { offset, limit, total: shown });
        return { body: JSON.stringify({ item: itemSummary(index.items[doc]!, base), ...page.fields, related }), links: page.links };
      });
    },
  );
};

export default routes;
