import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bareMessageId, canonicalUrl, isMessageId } from '../../ingest/index.js';
import { docsMatching, filtersFromParams, type SearchIndex } from '../../search/index.js';
import { HttpError, notFound } from '../errors.js';
import { pagedResponse, pageOf } from '../paging.js';
import { ITEM_PAGE_CSP, itemPage } from '../item-page.js';
import { representation } from '../negotiate.js';
import { itemBody, itemSummary } from '../present.js';
import { ErrorSchema, ItemParamsSchema, ItemSchema, LookupQuerySchema, LookupResponseSchema, type ItemSummaryBody } from '../schemas/index.js';
import type { RouteOptions } from '../route-options.js';


/** Appearances as a reader goes back through the archive: newest issue first, in reading order within one. */
function appearanceOrder(index: SearchIndex, docs: readonly number[]): number[] {
  return [...docs].sort((a, b) => index.items[b]!.issue.number - index.items[a]!.issue.number || a - b);
}

/** Documents featuring the link (in canonical form), or naming the mail (as the `mid` filter finds them). */
function matching(index: SearchIndex, wanted: { url: string } | { messageId: string }): number[] {
  if ('url' in wanted) return appearanceOrder(index, index.linkDocs.get(wanted.url) ?? []);
  return appearanceOrder(index, docsMatching(index, filtersFromParams({ mid: [wanted.messageId] })));
}

/** What GET /items looks up: exactly one of a link or a Message-ID. */
function lookupOf(query: { url?: string; messageId?: string }): { url: string } | { messageId: string } {
  if ((query.url === undefined) === (query.messageId === undefined)) {
    throw new HttpError(400, 'give exactly one of the query parameters "url" (a link) and "messageId" (a kernel mail); to search, use /search', query.url === undefined ? 'url' : 'messageId');
  }
  if (query.url !== undefined) {
    const url = canonicalUrl(query.url);
    if (url === null) throw new HttpError(400, `invalid query parameter "url": ${JSON.stringify(query.url.slice(0, 100))} is not an absolute http(s) URL`, 'url');
    return { url };
  }
  const messageId = bareMessageId(query.messageId!);
  if (!isMessageId(messageId)) throw new HttpError(400, `invalid query parameter "messageId": ${JSON.stringify(query.messageId!.slice(0, 100))} is not a Message-ID (local@domain, angle brackets optional)`, 'messageId');
  return { messageId };
}

const routes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { answers }) => {
  app.get(
    '/items',
    {
      schema: {
        tags: ['items'],
        operationId: 'lookupItems',
        summary: 'Every appearance of a link, or the items about a kernel mail',
        description:
          'Give `url` (any spelling of a link: tracking parameters, `www.`, `youtu.be` and the like do not count) or `messageId` (of a lore.kernel.org or patchwork thread). No match is a 200 with an empty list.',
        querystring: LookupQuerySchema,
        response: { 200: pagedResponse(Type.Ref(LookupResponseSchema)), 400: Type.Ref(ErrorSchema) },
      },
    },
    async (request, reply) => {
      const index = app.searchIndex;
      const { limit, offset } = request.query;
      const wanted = lookupOf(request.query);
      const key = 'url' in wanted ? `url:${wanted.url}` : `mid:${wanted.messageId}`;
      return answers.send(request, reply, ['lookup', index.version, key, String(offset), String(limit)], (base) => {
        const docs = matching(index, wanted);
        const page = pageOf(request, base, { offset, limit, total: docs.length });
        const items: ItemSummaryBody[] = docs.slice(offset, offset + limit).map((doc) => itemSummary(index.items[doc]!, base));
        return { body: JSON.stringify({ query: wanted, ...page.fields, items }), links: page.links };
      });
    },
  );

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
        params: ItemParamsSchema,
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
        params: ItemParamsSchema,
        response: {
          200: { description: 'HTML, under a CSP that allows no script.', content: { 'text/html': { schema: Type.String() } } },
          404: Type.Ref(ErrorSchema),
        },
      },
    },
    async (request, reply) => {
      const index = app.searchIndex;
      reply.header('content-security-policy', ITEM_PAGE_CSP);
      const { markdownToHtml } = await import('../markdown-html.js');
      return answers.send(request, reply, ['item', index.version, 'html', request.params.id], (base) => {
        known(request.params.id);
        const children = index.children(request.params.id);
        const page = itemPage(itemBody(index.item(request.params.id)!, children, base), children.map((id) => itemSummary(index.item(id)!, base)), markdownToHtml);
        return { body: page, type: 'text/html; charset=utf-8' };
      });
    },
  );
};

export default routes;
