import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Answers } from '../answers.js';
import { LoadedSchema } from '../schemas/common.js';

const CacheUseSchema = Type.Object({ bytes: Type.Integer({ description: 'Held now, keys and values.' }), maxBytes: Type.Integer({ description: 'The bound (its share of CACHE_MAX_BYTES).' }) });

export const HealthSchema = Type.Object(
  {
    status: Type.Literal('ok'),
    ready: Type.Boolean({ description: 'Whether the index is built (see /readyz).' }),
    issues: Type.Integer(),
    items: Type.Integer(),
    ...LoadedSchema,
  },
  { $id: 'Health' },
);

/** Problems listed in /readyz; the count covers all of them. */
export const MAX_LISTED_PROBLEMS = 100;

export const ReadinessSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('loading')]),
    issues: Type.Integer(),
    items: Type.Integer(),
    problemCount: Type.Integer({ description: 'Files reported and skipped or degraded while indexing.' }),
    problems: Type.Array(
      Type.Object({ file: Type.String({ description: 'Relative to the archive folder.' }), line: Type.Optional(Type.Integer()), message: Type.String() }),
      { description: `The first ${MAX_LISTED_PROBLEMS} problems: a file that no longer parses keeps serving its last good version and is listed here.` },
    ),
    lastReloadError: Type.Union([Type.Object({ at: Type.String({ format: 'date-time' }), message: Type.String() }), Type.Null()], {
      description: 'The last reload that failed since the index being served was built (the previous index kept serving).',
    }),
    ...LoadedSchema,
    source: Type.Union([
      Type.Object({ kind: Type.String({ description: 'configured, cache, synced, sample or given' }), dir: Type.String() }),
      Type.Null(),
    ]),
    caches: Type.Object(
      { answers: CacheUseSchema, matches: Type.Union([CacheUseSchema, Type.Null()], { description: 'Documents recent queries matched, in the index being served (null while loading).' }) },
      { description: 'Memory the caches hold, within CACHE_MAX_BYTES.' },
    ),
  },
  { $id: 'Readiness' },
);

const routes: FastifyPluginAsyncTypebox<{ answers: Answers }> = async (app, { answers }) => {
  app.get(
    '/healthz',
    {
      config: { cache: false, rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process answers (also while the index is being built)',
        response: { 200: Type.Ref(HealthSchema) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      const index = app.holder.current;
      const { loadedAt, revision } = app.holder;
      return { status: 'ok' as const, ready: index !== null, issues: index?.issues.length ?? 0, items: index?.items.length ?? 0, loadedAt: loadedAt?.toISOString() ?? null, revision };
    },
  );

  app.get(
    '/readyz',
    {
      config: { cache: false, rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Readiness: 200 once the index is built, 503 before',
        response: { 200: Type.Ref(ReadinessSchema), 503: Type.Ref(ReadinessSchema) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      const index = app.holder.current;
      const failure = app.holder.lastFailure;
      const body = {
        status: index ? ('ready' as const) : ('loading' as const),
        issues: index?.issues.length ?? 0,
        items: index?.items.length ?? 0,
        problemCount: index?.problems.length ?? 0,
        problems: (index?.problems ?? []).slice(0, MAX_LISTED_PROBLEMS).map((p) => ({ file: p.file, ...(p.line !== undefined ? { line: p.line } : {}), message: p.message })),
        lastReloadError: failure ? { at: failure.at.toISOString(), message: failure.message } : null,
        loadedAt: app.holder.loadedAt?.toISOString() ?? null,
        revision: app.holder.revision,
        source: app.holder.source,
        caches: {
          answers: { bytes: answers.bytes, maxBytes: answers.maxBytes },
          matches: index ? { bytes: index.matchCache.bytes, maxBytes: index.matchCache.maxBytes } : null,
        },
      };
      return reply.code(index ? 200 : 503).send(body);
    },
  );
};

export default routes;
