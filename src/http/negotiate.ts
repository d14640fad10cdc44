import type { FastifyRequest } from 'fastify';

/** JSON unless the client prefers HTML (a browser following a permalink); `*\/*` gets JSON. */
export function representation(request: FastifyRequest): 'json' | 'html' {
  const accept = request.headers.accept;
  // Most callers (curl, fetch, widgets) never mention HTML: no negotiation to run.
  if (!accept || !accept.includes('html')) return 'json';
  return request.accepts().type(['application/json', 'text/html']) === 'text/html' ? 'html' : 'json';
}
