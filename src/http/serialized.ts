import type { FastifyReply } from 'fastify';

/**
 * Sends a body serialized ahead of time (kept in a cache) from an object of the
 * route's response schema, or rendered HTML. Fastify sends strings as they are,
 * which is the point: a kept answer costs no serialization. The cast is the
 * one place the type provider is told so.
 */
export function sendSerialized(reply: FastifyReply, payload: string, type = 'application/json; charset=utf-8'): FastifyReply {
  return reply.type(type).send(payload as never);
}
