import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthSchema, MAX_LISTED_PROBLEMS, ReadinessSchema } from '../schemas/index.js';
import { searchCacheBytes } from '../../search/index.js';
import type { RouteOptions } from '../route-options.js';





const routes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { answers }) => {
  app.get(
    '/healthz',
    {
      config: { cache: false, rateLimit: false },
      schema: {
        tags: ['health'],
        operationId: 'health',
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
        operationId: 'readiness',
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
          matches: index ? searchCacheBytes(index) : null,
        },
      };
      return reply.code(index ? 200 : 503).send(body);
    },
  );
};

export default routes;
