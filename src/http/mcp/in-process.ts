import type { FastifyInstance } from 'fastify';
import type { RestCall } from './tools.js';

/**
 * The app's own REST routes as an MCP tool calls them: a GET injected into
 * the app (no socket), asking for JSON, with `headers` (the Host and proxy
 * headers of the client's request, so permalinks come out the same) and the
 * client's address.
 */
export function restOver(app: FastifyInstance, headers: Record<string, string | string[]>, remoteAddress = '127.0.0.1'): RestCall {
  return async (url) => {
    const response = await app.inject({ method: 'GET', url, headers: { ...headers, accept: 'application/json' }, remoteAddress });
    let body: unknown = null;
    try {
      body = response.json();
    } catch {
      // Not JSON (these routes always answer JSON): the status says what happened.
    }
    return { status: response.statusCode, body };
  };
}
