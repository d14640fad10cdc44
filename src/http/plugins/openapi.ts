import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { documentedSchema, type RouteForDocs } from '../openapi-responses.js';
import { PACKAGE_INFO } from '../package-info.js';

/** Metadata of the generated OpenAPI document; everything else comes from the route schemas. */
export const OPENAPI_INFO = {
  title: 'eBPF Updates archive',
  description: 'Search, filters, facets and permalinks over every issue of the eBPF Updates newsletter (ebpf.io).',
  version: PACKAGE_INFO.version,
  license: { name: 'MIT', identifier: 'MIT' },
};

/**
 * Swagger UI's policy, as SECURITY.md states it: its scripts, styles, fonts
 * and images from this origin only (no inline script, no validator badge
 * fetched from validator.swagger.io, which would tell a third party where the
 * document is). Styles may be inline: Swagger UI sets style attributes as it
 * renders. No upgrade-insecure-requests, which would send a plain-HTTP
 * deployment's assets to https.
 */
export const DOCS_CSP =
  "default-src 'self'; base-uri 'self'; font-src 'self' data:; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'";

/**
 * @fastify/swagger builds the document from the route schemas; shared `$id`
 * schemas become components under their own names. Swagger UI is at /docs.
 */
export default fp<{ publicUrl?: string | undefined }>(
  async (app, { publicUrl }) => {
    await app.register(swagger, {
      transform: ({ schema, url, route }) => ({ schema: schema && documentedSchema(schema as never, route as RouteForDocs), url }),
      openapi: {
        openapi: '3.1.0',
        info: OPENAPI_INFO,
        // Where the API is: PUBLIC_URL when set; else the origin that serves the document.
        servers: [{ url: publicUrl ?? '/' }],
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' } } },
        tags: [
          { name: 'search', description: 'Full-text search and completions' },
          { name: 'items', description: 'Permalinks, and lookups by link or Message-ID' },
          { name: 'issues', description: 'The newsletter issues' },
          { name: 'facets', description: 'Values to filter by' },
          { name: 'feeds', description: 'Subscriptions: Atom, RSS and JSON Feed of any search' },
          { name: 'agents', description: 'The archive as Model Context Protocol tools and resources' },
          { name: 'health', description: 'For operators' },
          { name: 'widget', description: 'The embeddable search widget, its demo page and the OpenSearch description' },
          { name: 'admin', description: 'For operators, with ADMIN_TOKEN' },
        ],
      },
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
      },
    });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { validatorUrl: null },
      // Its own policy over helmet's deny-all for JSON.
      staticCSP: true,
      transformStaticCSP: () => DOCS_CSP,
    });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
