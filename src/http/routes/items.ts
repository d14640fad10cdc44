import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound } from '../errors.js';
import { ITEM_PAGE_CSP, itemPage } from '../item-page.js';
import { representation } from '../negotiate.js';
import { itemBody } from '../present.js';
import { ErrorSchema, ItemSchema } from '../schemas/index.js';
import type { RouteOptions } from '../route-options.js';

const routes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { answers }) => {
  app.get(
    '/items/:id',
    {
      config: { negotiated: true },
      schema: {
        tags: ['items'],
        summary: 'One item: its permalink, stable across restarts and re-indexing',
        description: 'JSON by default; a small readable HTML page when the client prefers `text/html`.',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: {
          200: {
            description: 'The item',
            content: {
              'application/json': { schema: Type.Ref(ItemSchema) },
              'text/html': { schema: Type.String() },
            },
          },
          404: Type.Ref(ErrorSchema),
        },
      },
    },
    async (request, reply) => {
      const index = app.searchIndex;
      const html = representation(request) === 'html';
      if (html) reply.header('content-security-policy', ITEM_PAGE_CSP);
      return answers.send(request, reply, ['item', index.version, html ? 'html' : 'json', request.params.id], (base) => {
        const item = index.item(request.params.id);
        if (!item) throw notFound(`no item with id "${request.params.id}"`, 'id');
        const body = itemBody(item, index.children(item.id), base);
        return html ? { body: itemPage(body), type: 'text/html; charset=utf-8' } : { body: JSON.stringify(body) };
      });
    },
  );
};

export default routes;
