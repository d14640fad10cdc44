import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const HealthSchema = Type.Object(
  { status: Type.Literal('ok'), issues: Type.Integer(), items: Type.Integer() },
  { $id: 'Health' },
);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      config: { cache: false },
      schema: {
        tags: ['health'],
        summary: 'Liveness, with what is being served',
        response: { 200: Type.Ref(HealthSchema) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return { status: 'ok' as const, issues: app.archive.issues.length, items: app.archive.items.length };
    },
  );
};

export default routes;
