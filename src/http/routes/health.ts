import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const HealthSchema = Type.Object(
  {
    status: Type.Literal('ok'),
    ready: Type.Boolean({ description: 'Whether the index is built (see /readyz).' }),
    issues: Type.Integer(),
    items: Type.Integer(),
  },
  { $id: 'Health' },
);

export const ReadinessSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('loading')]),
    issues: Type.Integer(),
    items: Type.Integer(),
    problems: Type.Integer({ description: 'Files reported and skipped or degraded while indexing.' }),
    loadedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    source: Type.Union([
      Type.Object({ kind: Type.String({ description: 'configured, cache, synced, sample or given' }), dir: Type.String() }),
      Type.Null(),
    ]),
  },
  { $id: 'Readiness' },
);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      config: { cache: false },
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process answers (also while the index is being built)',
        response: { 200: Type.Ref(HealthSchema) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      const index = app.holder.current;
      return { status: 'ok' as const, ready: index !== null, issues: index?.issues.length ?? 0, items: index?.items.length ?? 0 };
    },
  );

  app.get(
    '/readyz',
    {
      config: { cache: false },
      schema: {
        tags: ['health'],
        summary: 'Readiness: 200 once the index is built, 503 before',
        response: { 200: Type.Ref(ReadinessSchema), 503: Type.Ref(ReadinessSchema) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      const index = app.holder.current;
      const body = {
        status: index ? ('ready' as const) : ('loading' as const),
        issues: index?.issues.length ?? 0,
        items: index?.items.length ?? 0,
        problems: index?.problems.length ?? 0,
        loadedAt: app.holder.loadedAt?.toISOString() ?? null,
        source: app.holder.source,
      };
      return reply.code(index ? 200 : 503).send(body);
    },
  );
};

export default routes;
