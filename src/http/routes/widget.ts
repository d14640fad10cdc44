import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DEMO_PAGE_CSP, demoPage } from '../demo-page.js';
import { OPENSEARCH_TYPE, openSearchDescription } from '../opensearch.js';
import { HttpError } from '../errors.js';
import { publicBase } from '../public-base.js';
import { ErrorSchema } from '../schemas/index.js';
import { sendSerialized } from '../serialized.js';
import type { RouteOptions } from '../route-options.js';

/** Built by `npm run build:widget`; src/http/routes and dist/http/routes sit equally deep, so one path serves both. */
export const WIDGET_DIR = fileURLToPath(new URL('../../../dist/widget/', import.meta.url));

/** The widget changes with a deploy, not with the archive: a day's reuse, revalidated by file ETag. */
const WIDGET_MAX_AGE_MS = 86_400_000;

const routes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { publicUrl, widgetDir = WIDGET_DIR }) => {
  const built = existsSync(`${widgetDir}/widget.js`);
  if (!built) app.log.warn({ dir: widgetDir }, 'the widget is not built (npm run build): /widget.js answers 503');
  // Encapsulated here: @fastify/swagger-ui registers its own copy for /docs.
  // text/javascript, the type RFC 9239 names (and the OpenAPI document declares), not mime's application/javascript.
  await app.register(fastifyStatic, { root: widgetDir, serve: false, contentType: false });

  app.get(
    '/widget.js',
    {
      config: { cache: false },
      schema: {
        tags: ['widget'],
        operationId: 'getWidget',
        summary: 'The embeddable search widget: an ES module defining <ebpf-updates-search>',
        response: {
          200: { description: 'The widget (minified ES module); revalidate with If-None-Match.', content: { 'text/javascript': { schema: Type.String() } } },
          304: { type: 'null', description: 'Not modified: the If-None-Match sent is current.' },
          503: Type.Ref(ErrorSchema),
        },
      },
    },
    async (_request, reply) => {
      if (!built) throw new HttpError(503, 'the widget is not built on this server (npm run build)');
      return reply.type('text/javascript; charset=utf-8').sendFile('widget.js', { maxAge: WIDGET_MAX_AGE_MS, lastModified: true, etag: true });
    },
  );

  // Browsers ask for it on every page; an empty answer keeps their consoles clean.
  app.get('/favicon.ico', { config: { cache: false }, schema: { hide: true } }, async (_request, reply) => reply.code(204).header('cache-control', 'public, max-age=86400').send());

  app.get(
    '/',
    {
      config: { cache: false },
      schema: {
        tags: ['widget'],
        operationId: 'demoPage',
        summary: 'A demo page: the widget at work, how to embed it, the API by example',
        description: 'With `q`, the widget opens on that search: what a browser that added the archive as a search engine (/opensearch.xml) opens.',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 512, description: 'A search to open the widget on.' })) }, { additionalProperties: false }),
        response: { 200: { description: 'HTML, under a CSP allowing only this origin.', content: { 'text/html': { schema: Type.String() } } } },
      },
    },
    async (request, reply) => {
      reply.header('content-security-policy', DEMO_PAGE_CSP).header('cache-control', 'no-cache');
      return sendSerialized(reply, demoPage(publicBase(request, publicUrl), app.holder.current?.items[0]?.id, request.query.q), 'text/html; charset=utf-8');
    },
  );

  app.get(
    '/opensearch.xml',
    {
      schema: {
        tags: ['widget'],
        operationId: 'openSearchDescription',
        summary: 'OpenSearch 1.1 description: lets browsers offer the archive as a search engine',
        response: { 200: { description: 'The description; the demo page links it (`rel="search"`).', content: { [OPENSEARCH_TYPE]: { schema: Type.String() } } } },
      },
    },
    async (request, reply) => sendSerialized(reply, openSearchDescription(publicBase(request, publicUrl)), `${OPENSEARCH_TYPE}; charset=utf-8`),
  );
};

export default routes;
