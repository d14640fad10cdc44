// A peer engine over HTTP: node bench/peer-server.mjs ENGINE PORT ARCHIVE_DIR
//
// One of bench/alternatives.mjs's engines (plain MiniSearch, lunr, Orama,
// FlexSearch) over the same items, behind Fastify with the service's request
// logging (one pino line per request at info, to standard output):
// GET /search?q= answers the top 10 as JSON (id, title, url). What a user
// would get by putting that library behind an HTTP server, for the cold
// search comparison of bench/http.mjs.
import Fastify, { LogController } from 'fastify';
import pino from 'pino';
import { loadArchive, loadVocabulary } from '../dist/ingest/index.js';
import { BUILDERS } from './alternatives.mjs';

const [engine, port, dir] = process.argv.slice(2);
const archive = await loadArchive(dir, { vocabulary: loadVocabulary() });
const byId = new Map(archive.items.map((item) => [item.id, item]));
const query = await BUILDERS[engine](archive);
const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
setInterval(() => destination.flush(), 500).unref();
const app = Fastify({ loggerInstance: pino({ level: 'info' }, destination), logController: new LogController({ disableRequestLogging: true }) });
app.addHook('onResponse', (request, reply, done) => {
  request.log.info({ req: { method: request.method, url: request.url, ip: request.ip }, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime }, 'request completed');
  done();
});
app.get('/search', async (request) => {
  const ids = await query(String(request.query.q ?? ''));
  return { hits: ids.map((id) => ({ id, title: byId.get(id)?.title, url: byId.get(id)?.url })) };
});
await app.listen({ host: '127.0.0.1', port: Number(port) });
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
