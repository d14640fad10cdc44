import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound } from '../errors.js';
import { itemPage } from '../item-page.js';
import { publicBase, representation } from '../negotiate.js';
import { itemBody } from '../present.js';
import { ErrorSchema, ItemSchema } from '../schemas/common.js';

const routes: FastifyPluginAsyncTypebox<{ publicUrl?: string }> = async (app, { publicUrl }) => {
  app.get(
    '/items/:id',
    {
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
      const item = app.archive.item(request.params.id);
      if (!item) throw notFound(`no item with id "${request.params.id}"`, 'id');
      const body = itemBody(item, app.archive.children(item.id), publicBase(request, publicUrl));
      if (representation(request) === 'html') return reply.type('text/html; charset=utf-8').send(itemPage(body));
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );
};

export default routes;
