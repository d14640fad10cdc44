import fp from 'fastify-plugin';
import pino from 'pino';

const INFO = pino.levels.values['info'] ?? 30;

/**
 * One log line per request (Fastify's own logging says two), with the request
 * id pino already binds, the outcome and the time taken.
 */
export default fp(
  async (app) => {
    app.addHook('onResponse', (request, reply, done) => {
      // Build nothing for a line the level drops (under load, LOG_LEVEL=warn).
      if ((pino.levels.values[request.log.level] ?? Number.POSITIVE_INFINITY) > INFO) return done();
      request.log.info(
        {
          req: { method: request.method, url: request.url, remoteAddress: request.ip },
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
