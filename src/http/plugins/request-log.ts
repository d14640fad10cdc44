import fp from 'fastify-plugin';
import pino from 'pino';
import type { InternalCalls } from '../route-options.js';

const INFO = pino.levels.values['info'] ?? 30;

/** Query parameters whose values never reach a log: a token sent in a URL is still a token. */
const SECRET_PARAMETER = /^(?:token|access_token|id_token|api_?key|key|secret|password|passwd|auth|authorization|signature|sig)$/i;

/** `url` with the values of secret-looking query parameters replaced by `[redacted]`. */
const MAYBE_SECRET = /[?&](?:[^=&]*(?:token|key|secret|pass|auth|sig))[^=&]*=/i;

export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  // Most URLs name no secret-looking parameter: nothing to split.
  if (q < 0 || !MAYBE_SECRET.test(url)) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed escape is logged as it came.
      }
      return eq >= 0 && SECRET_PARAMETER.test(decoded.trim()) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, q)}?${query.join('&')}`;
}

/**
 * One log line per request (Fastify's own logging says two), with the request
 * id pino already binds, the client address, the outcome and the time taken.
 */
export default fp<{ internal: InternalCalls }>(
  async (app, { internal }) => {
    app.addHook('onResponse', (request, reply, done) => {
      // Build nothing for a line the level drops (under load, LOG_LEVEL=warn); an MCP tool's REST call is the /mcp line's.
      if ((pino.levels.values[request.log.level] ?? Number.POSITIVE_INFINITY) > INFO || request.headers[internal.header] === internal.key) return done();
      request.log.info(
        {
          reqId: request.id,
          // Fastify's `req` serializer reads the address from `ip`, as on a request.
          req: { method: request.method, url: loggableUrl(request.url), ip: request.ip },
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime * 100) / 100,
        },
        'request completed',
      );
      done();
    });
  },
  { name: 'request-log' },
);
