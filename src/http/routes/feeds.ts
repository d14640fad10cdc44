import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BOUND_PARAMETERS, LIST_FIELDS, filtersFromParams, parseSince, printQuery, search } from '../../search/index.js';
import { atom } from '../feeds/atom.js';
import { FEED_FIELDS, feedEntry, feedUpdated, type Feed } from '../feeds/feed-model.js';
import { jsonFeed } from '../feeds/json-feed.js';
import { rss } from '../feeds/rss.js';
import { fieldsParameter, parseFields } from '../fields.js';
import { MAX_RESULT_WINDOW, checkWindow, linkHeader, pagedResponse, pageUrls } from '../paging.js';
import { ErrorSchema, type FeedQuery, FeedQuerySchema, JsonFeedSchema, MAX_FEED_ENTRIES } from '../schemas/index.js';
import type { RouteOptions } from '../route-options.js';



const FORMATS = [
  { path: '/feed.atom', type: 'application/atom+xml; charset=utf-8', name: 'Atom 1.0', operationId: 'feedAtom', render: atom },
  { path: '/feed.rss', type: 'application/rss+xml; charset=utf-8', name: 'RSS 2.0', operationId: 'feedRss', render: rss },
  { path: '/feed.json', type: 'application/feed+json; charset=utf-8', name: 'JSON Feed 1.1', operationId: 'feedJson', render: jsonFeed },
] as const;

/** What the feed follows, in words: `tail calls · kernel 5.13`, or everything. */
function describe(printed: string, query: FeedQuery): string {
  const filters = LIST_FIELDS.flatMap((field) => (query[field] ?? []).map((v) => `${field} ${v}`));
  for (const bound of BOUND_PARAMETERS) if (query[bound]) filters.push(`${bound} ${query[bound]}`);
  if (query.since) filters.push(`new since ${query.since}`);
  return [printed, ...filters].filter(Boolean).join(' · ');
}

const routes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { answers }) => {
  for (const format of FORMATS) {
    app.get(
      format.path,
      {
        schema: {
          tags: ['feeds'],
          operationId: format.operationId,
          summary: `${format.name} feed of any search, newest first`,
          description: `The items matching \`q\` and the filters (as for /search, but every word must match), newest first, at most ${MAX_FEED_ENTRIES} a page; \`Link\` headers and the feed's own next/previous links page through the rest.`,
          querystring: FeedQuerySchema,
          response: {
            200: pagedResponse({
              description: `${format.name} document`,
              content: { [format.type.split(';')[0]!]: { schema: format.path === '/feed.json' ? Type.Ref(JsonFeedSchema) : Type.String() } },
            }),
            400: Type.Ref(ErrorSchema),
          },
        },
      },
      async (request, reply) => {
        const index = app.searchIndex;
        const query = request.query;
        const fields = parseFields(query.fields, FEED_FIELDS);
        checkWindow(query.offset, query.limit);
        return answers.send(request, reply, [format.path, index.version, request.url], (base) => {
          const since = query.since !== undefined ? { since: parseSince(query.since) } : {};
          const outcome = search(index, { q: query.q ?? '', filters: filtersFromParams(query), sort: '-date', limit: query.limit, offset: query.offset, relax: false, collapse: false, ...since });
          const entries = outcome.hits.map((hit) => feedEntry(hit.item, base, fields));
          const label = describe(printQuery(outcome.query), query);
          const urls = pageUrls(request, base, { offset: query.offset, limit: query.limit, total: outcome.total });
          const first = new URL(request.url, `${base}/`);
          first.searchParams.delete('offset');
          const feed: Feed = {
            title: label ? `eBPF Updates: ${label}` : 'eBPF Updates',
            description: `Items of the eBPF Updates newsletter${label ? ` matching ${label}` : ''}, newest first.`,
            self: `${base}${request.url}`,
            id: `${base}${first.pathname}${first.search}`,
            home: `${base}/`,
            next: urls.next,
            prev: urls.prev,
            updated: feedUpdated(entries, index.issues),
            entries,
          };
          return { body: format.render(feed), links: linkHeader(urls), type: format.type };
        });
      },
    );
  }
};

export default routes;
