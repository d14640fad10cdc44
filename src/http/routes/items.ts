import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound } from '../errors.js';
import { ITEM_PAGE_CSP, itemPage } from '../item-page.js';
import { representation } from '../negotiate.js';
import { itemBody, itemSummary } from '../present.js';
import { ErrorSchema, ItemSchema } from '../schemas/index.js';
import type { RouteOptions } from '../route-options.js';

const ItemParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200, description: 'The item id, e.g. `5-the-cost-of-bpf-tail-calls`.' }) });

const routes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { answers }) => {
  const known = (id: string) => {
    if (!app.searchIndex.item(id)) throw notFound(`no item with id "${id}"`, 'id');
  };

  app.get(
    '/items/:id',
    {
      config: { negotiated: true },
      schema: {
        tags: ['items'],
        operationId: 'getItem',
        summary: 'One item: its permalink, stable across restarts and re-indexing',
        description: 'JSON. A client preferring `text/html` (a browser following a permalink) is sent to the item\'s page, `/items/{id}/page` (303).',
        params: ItemParams,
        response: {
          200: Type.Ref(ItemSchema),
          303: { type: 'null', description: 'A browser: the item\'s HTML page is at `Location`.', headers: { location: { type: 'string', description: '`/items/{id}/page`' } } },
          404: Type.Ref(ErrorSchema),
        },
      },
    },
    async (request, reply) => {
      const index = app.searchIndex;
      if (representation(request) === 'html') {
        known(request.params.id);
        return reply.code(303).header('location', `/items/${encodeURIComponent(request.params.id)}/page`).send();
      }
      return answers.send(request, reply, ['item', index.version, 'json', request.params.id], (base) => {
        known(request.params.id);
        return { body: JSON.stringify(itemBody(index.item(request.params.id)!, index.children(request.params.id), base)) };
      });
    },
  );

  app.get(
    '/items/:id/page',
    {
      schema: {
        tags: ['items'],
        operationId: 'getItemPage',
        summary: "One item as a small readable HTML page, with its credits, its issue, a link to the original and the permalink as canonical link",
        params: ItemParams,
        response: {
          200: { description: 'HTML, under a CSP that allows no script.', content: { 'text/html': { schema: Type.String() } } },
          404: Type.Ref(ErrorSchema),
        },
      },
    },
    async (request, reply) => {
      const index = app.searchIndex;
      reply.header('content-security-policy', ITEM_PAGE_CSP);
      return answers.send(request, reply, ['item', index.version, 'html', request.params.id], (base) => {
        known(request.params.id);
        const children = index.children(request.params.id);
        const page = itemPage(itemBody(index.item(request.params.id)!, children, base), children.map((id) => itemSummary(index.item(id)!, base)));
        return { body: page, type: 'text/html; charset=utf-8' };
      });
    },
  );
};

export default routes;
