import { createHash, timingSafeEqual } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HttpError } from '../errors.js';
import { ErrorSchema, type ReloadOutcomeBody, ReloadOutcomeSchema } from '../schemas/index.js';
import type { RouteOptions } from '../route-options.js';


/** Equal tokens, compared in constant time (hashing first gives both sides one length). */
export function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

const routes: FastifyPluginAsyncTypebox<{ adminToken?: string; reload?: (reason: string) => Promise<ReloadOutcomeBody> }> = async (app, { adminToken, reload }) => {
  app.post(
    '/admin/reload',
    {
      config: { cache: false },
      schema: {
        tags: ['admin'],
        operationId: 'reloadArchive',
        summary: 'Rebuild the index from the archive now (as SIGHUP does)',
        description:
          'Off unless the service has an ADMIN_TOKEN (404); needs `Authorization: Bearer <ADMIN_TOKEN>` (401 without, 403 with another token). Answers when the new index serves; a failed reload leaves the previous index serving (503).',
        security: [{ bearer: [] }],
        response: { 200: Type.Ref(ReloadOutcomeSchema), 401: Type.Ref(ErrorSchema), 403: Type.Ref(ErrorSchema), 404: Type.Ref(ErrorSchema), 503: Type.Ref(ErrorSchema) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      if (!adminToken || !reload) throw new HttpError(404, 'the admin API is off: start the service with ADMIN_TOKEN set to enable it');
      const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
      if (!match) {
        reply.header('www-authenticate', 'Bearer realm="admin"');
        throw new HttpError(401, 'send Authorization: Bearer <ADMIN_TOKEN>');
      }
      if (!sameToken(match[1]!, adminToken)) throw new HttpError(403, 'wrong admin token');
      try {
        return await reload('admin');
      } catch (error) {
        throw new HttpError(503, `reload failed: ${(error as Error).message}; the previous index keeps serving`);
      }
    },
  );
};

export default routes;
