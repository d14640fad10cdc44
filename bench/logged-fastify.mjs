// A Fastify instance logging as the service does at its default level: one pino
// line per request at info, gathered and written asynchronously to standard output.
// What the bench's peer and same-bytes servers run on, so their log costs what ours does.
import Fastify, { LogController } from 'fastify';
import pino from 'pino';

export function loggedFastify() {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), 500).unref();
  const app = Fastify({ loggerInstance: pino({ level: 'info' }, destination), logController: new LogController({ disableRequestLogging: true }) });
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info({ req: { method: request.method, url: request.url, ip: request.ip }, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime }, 'request completed');
    done();
  });
  return app;
}
