import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound } from '../errors.js';
import { LruCache } from '../../search/lru-cache.js';
import { ITEM_PAGE_CSP, itemPage } from '../item-page.js';
import { publicBase, representation } from '../negotiate.js';
import { sendSerialized } from '../serialized.js';
import { itemBody } from '../present.js';
import { ErrorSchema, ItemSchema } from '../schemas/common.js';

/** Serialized items kept for repeated permalink requests (popular items are few). */
export const ITEM_CACHE_SIZE = 10_000;

const routes: FastifyPluginAsyncTypebox<{ publicUrl?: string }> = async (app, { publicUrl }) => {
  const serialized = new LruCache<string>(ITEM_CACHE_SIZE);
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
      const index = app.archive;
      const base = publicBase(request, publicUrl);
      const html = representation(request) === 'html';
      const key = `${index.version} ${html ? 'html' : 'json'} ${base} ${request.params.id}`;
      const payload = serialized.getOrSet(key, () => {
        const item = index.item(request.params.id);
        if (!item) throw notFound(`no item with id "${request.params.id}"`, 'id');
        const body = itemBody(item, index.children(item.id), base);
        return html ? itemPage(body) : JSON.stringify(body);
      });
      if (!html) return sendSerialized(reply, payload);
      reply.header('content-security-policy', ITEM_PAGE_CSP);
      return sendSerialized(reply, payload, 'text/html; charset=utf-8');
    },
  );
};

export default routes;
