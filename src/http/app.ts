import { randomBytes } from 'node:crypto';
import accepts from '@fastify/accepts';
import cors from '@fastify/cors';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { IndexHolder, type SearchIndex } from '../search/index.js';
import { Answers } from './answers.js';
import { DEFAULT_ANSWER_CACHE_BYTES, DEFAULT_CACHE_MAX_AGE, DEFAULT_RATE_LIMIT, type RateLimitOptions } from './defaults.js';
import searchIndexPlugin from './plugins/search-index.js';
import replay from './plugins/replay.js';
import caching from './plugins/caching.js';
import errorHandler from './plugins/error-handler.js';
import openapi from './plugins/openapi.js';
import protection from './plugins/protection.js';
import requestLog from './plugins/request-log.js';
import type { InternalCalls, RouteOptions } from './route-options.js';
import adminRoutes from './routes/admin.js';
import facetRoutes from './routes/facets.js';
import feedRoutes from './routes/feeds.js';
import healthRoutes from './routes/health.js';
import issueRoutes from './routes/issues.js';
import itemRoutes from './routes/items.js';
import mcpRoutes from './routes/mcp.js';
import relatedRoutes from './routes/related.js';
import searchRoutes from './routes/search.js';
import suggestRoutes from './routes/suggest.js';
import widgetRoutes from './routes/widget.js';
import { SCHEMAS } from './schemas/index.js';
import { serverOptions, tuneServer, type NetworkOptions } from './server-options.js';

export interface AppOptions extends Omit<RouteOptions, 'answers' | 'corsOrigins' | 'internal'> {
  /** The holder the server fills once the index is built (the app answers 503 until then); or a built index. */
  holder?: IndexHolder;
  index?: SearchIndex;
  /** A pino logger, or false for none (tests pass their own to read lines). */
  logger?: FastifyBaseLogger | boolean;
  /** Origins allowed to call the API from a browser; default every origin. */
  corsOrigins?: '*' | string[];
  /** Seconds responses may be reused without revalidation. */
  cacheMaxAge?: number;
  /** Bytes the serialized answers of every route may hold together (the HTTP share of CACHE_MAX_BYTES); 0 keeps none. */
  answerCacheBytes?: number;
  /** Per-client rate limit; `max: 0` turns it off. */
  rateLimit?: Partial<RateLimitOptions>;
  /** Proxy trust, server timeouts, the connection cap. */
  network?: NetworkOptions;
}

/** Response headers a browser script on another origin may read (CORS hides all others). */
export const EXPOSED_HEADERS = ['ETag', 'Last-Modified', 'Cache-Control', 'Link', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];

/** Every resource's routes, in the order the OpenAPI document lists them; each registered with the one RouteOptions. */
const ROUTES = [searchRoutes, itemRoutes, issueRoutes, relatedRoutes, feedRoutes, facetRoutes, suggestRoutes, mcpRoutes, healthRoutes, adminRoutes, widgetRoutes];

/**
 * Builds the application. Never listens: `service/server.ts` does, tests use
 * `app.inject`. The index is built once and handed in, never built per request.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const holder = options.holder ?? (options.index ? new IndexHolder(options.index) : undefined);
  if (!holder) throw new Error('buildApp needs a holder or an index');

  const corsOrigins = options.corsOrigins ?? '*';
  const app = Fastify(serverOptions(options.logger ?? false, options.network)).withTypeProvider<TypeBoxTypeProvider>();
  tuneServer(app.server, options.network);
  for (const schema of SCHEMAS) app.addSchema(schema);

  const internal: InternalCalls = { header: 'x-ebpf-archive-internal', key: randomBytes(16).toString('hex') };
  await app.register(errorHandler);
  await app.register(requestLog, { internal });
  await app.register(protection, { rateLimit: { ...DEFAULT_RATE_LIMIT, ...options.rateLimit }, trustProxy: options.network?.trustProxy, internal });
  await app.register(accepts);
  await app.register(cors, {
    origin: corsOrigins,
    // POST: /mcp (whose Origin check is its own, routes/mcp.ts) and /admin/reload (a bearer token).
    methods: ['GET', 'HEAD', 'OPTIONS', 'POST'],
    // What a browser client on another origin may read: revalidation, paging, rate limits and when to retry.
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 86400,
  });
  await app.register(searchIndexPlugin, { holder });
  const { publicUrl, budgetMs, adminToken, reload, widgetDir } = options;
  const answers = new Answers(options.answerCacheBytes ?? DEFAULT_ANSWER_CACHE_BYTES, publicUrl);
  // After every hook a request must pass (URL, Host, security headers, rate limit, CORS), before the rest.
  await app.register(replay, { holder, answers });
  await app.register(caching, { holder, maxAge: options.cacheMaxAge ?? DEFAULT_CACHE_MAX_AGE, memoBytes: answers.memoBytes });
  await app.register(openapi, { publicUrl });

  const routeOptions: RouteOptions = { answers, publicUrl, budgetMs, adminToken, reload, widgetDir, corsOrigins, internal };
  for (const routes of ROUTES) await app.register(routes, routeOptions);
  return app;
}
