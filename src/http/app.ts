import accepts from '@fastify/accepts';
import cors from '@fastify/cors';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { loadVocabulary, type Archive, type Vocabulary } from '../ingest/index.js';
import { IndexHolder, buildSearchIndex, loadSynonyms, type SearchIndex, type Synonyms } from '../search/index.js';
import { Answers } from './answers.js';
import archivePlugin from './plugins/archive.js';
import adminRoutes, { ReloadOutcomeSchema, type ReloadOutcomeBody } from './routes/admin.js';
import caching from './plugins/caching.js';
import errorHandler from './plugins/error-handler.js';
import openapi from './plugins/openapi.js';
import protection, { DEFAULT_RATE_LIMIT, type RateLimitOptions } from './plugins/protection.js';
import requestLog from './plugins/request-log.js';
import facetRoutes, { FacetValuesSchema } from './routes/facets.js';
import feedRoutes from './routes/feeds.js';
import { JsonFeedSchema } from './feeds/json-feed.js';
import healthRoutes, { HealthSchema, ReadinessSchema } from './routes/health.js';
import issueRoutes, { IssueDetailSchema, IssueListSchema } from './routes/issues.js';
import itemRoutes from './routes/items.js';
import relatedRoutes, { RelatedResponseSchema } from './routes/related.js';
import searchRoutes, { SearchResponseSchema } from './routes/search.js';
import suggestRoutes, { SuggestResponseSchema } from './routes/suggest.js';
import widgetRoutes from './routes/widget.js';
import { SHARED_SCHEMAS } from './schemas/common.js';
import { serverOptions, tuneServer, type NetworkOptions } from './server-options.js';

export interface AppOptions {
  /** The holder the server fills once the index is built (the app answers 503 until then). */
  holder?: IndexHolder;
  /** Or a built index; or give `archive` and it is built here, once. */
  index?: SearchIndex;
  archive?: Archive;
  vocabulary?: Vocabulary;
  synonyms?: Synonyms;
  /** A pino logger, or false for none (tests pass their own to read lines). */
  logger?: FastifyBaseLogger | boolean;
  /** Absolute base for permalinks (`https://archive.example`); default: the origin of each request. */
  publicUrl?: string;
  /** Origins allowed to call the API from a browser; default every origin. */
  corsOrigins?: '*' | string[];
  /** Seconds responses may be reused without revalidation. */
  cacheMaxAge?: number;
  /** Bytes the serialized answers of every route may hold together (the HTTP share of CACHE_MAX_BYTES); 0 keeps none. */
  answerCacheBytes?: number;
  /** Where the built widget (widget.js) is; default dist/widget of this checkout. */
  widgetDir?: string;
  /** Bearer token of POST /admin/reload; without it the admin API answers 404. */
  adminToken?: string;
  /** Rebuilds the index (the service's reloader); what POST /admin/reload calls. */
  reload?: (reason: string) => Promise<ReloadOutcomeBody>;
  /** Per-client rate limit; `max: 0` turns it off. */
  rateLimit?: Partial<RateLimitOptions>;
  /** Proxy trust and server timeouts. */
  network?: NetworkOptions;
  /** Longest a search may run before it is abandoned with a 400 (ms). */
  searchBudgetMs?: number;
}

export const DEFAULT_CACHE_MAX_AGE = 300;
/** The HTTP share of the default CACHE_MAX_BYTES (256 MiB): half for answers, half for the search layer's matches. */
export const DEFAULT_ANSWER_CACHE_BYTES = 128 * 1024 * 1024;

/**
 * Builds the application. Never listens: `server.ts` does, tests use
 * `app.inject`. The index is built once (or handed in) and never per request.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const index =
    options.index ??
    (options.archive
      ? buildSearchIndex(options.archive, { vocabulary: options.vocabulary ?? loadVocabulary(), synonyms: options.synonyms ?? loadSynonyms() })
      : undefined);
  const holder = options.holder ?? (index ? new IndexHolder(index) : undefined);
  if (!holder) throw new Error('buildApp needs a holder, an index or an archive');

  const app = Fastify(serverOptions(options.logger ?? false, options.network)).withTypeProvider<TypeBoxTypeProvider>();
  tuneServer(app.server, options.network);
  for (const schema of [...SHARED_SCHEMAS, SearchResponseSchema, IssueListSchema, IssueDetailSchema, FacetValuesSchema, SuggestResponseSchema, HealthSchema, ReadinessSchema, RelatedResponseSchema, JsonFeedSchema, ReloadOutcomeSchema]) {
    app.addSchema(schema);
  }

  await app.register(errorHandler);
  await app.register(requestLog);
  await app.register(protection, { rateLimit: { ...DEFAULT_RATE_LIMIT, ...options.rateLimit }, trustProxy: options.network?.trustProxy });
  await app.register(accepts);
  await app.register(cors, {
    origin: options.corsOrigins ?? '*',
    methods: ['GET', 'HEAD', 'OPTIONS'],
    exposedHeaders: ['ETag', 'Last-Modified', 'Cache-Control'],
    maxAge: 86400,
  });
  await app.register(archivePlugin, { holder });
  await app.register(caching, { holder, maxAge: options.cacheMaxAge ?? DEFAULT_CACHE_MAX_AGE });
  await app.register(openapi);

  const routeOptions = options.publicUrl ? { publicUrl: options.publicUrl } : {};
  const answers = new Answers(options.answerCacheBytes ?? DEFAULT_ANSWER_CACHE_BYTES, options.publicUrl);
  await app.register(searchRoutes, { answers, ...(options.searchBudgetMs !== undefined ? { budgetMs: options.searchBudgetMs } : {}) });
  await app.register(itemRoutes, { answers });
  await app.register(issueRoutes, routeOptions);
  await app.register(relatedRoutes, { answers });
  await app.register(feedRoutes, { answers });
  await app.register(facetRoutes, { answers });
  await app.register(suggestRoutes, { answers });
  await app.register(healthRoutes, { answers });
  await app.register(adminRoutes, { ...(options.adminToken ? { adminToken: options.adminToken } : {}), ...(options.reload ? { reload: options.reload } : {}) });
  await app.register(widgetRoutes, { ...routeOptions, ...(options.widgetDir ? { widgetDir: options.widgetDir } : {}) });
  return app;
}
