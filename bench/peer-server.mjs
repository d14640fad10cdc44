// A peer engine over HTTP: node bench/peer-server.mjs ENGINE PORT ARCHIVE_DIR
//
// One of bench/alternatives.mjs's engines (plain MiniSearch, lunr, Orama,
// FlexSearch) over the same items, behind Fastify with the service's request
// logging (one pino line per request at info, to standard output):
// GET /search?q= answers the top 10 as JSON (id, title, url). What a user
// would get by putting that library behind an HTTP server, for the cold
// search comparison of bench/http.mjs.
import { loadArchive, loadVocabulary } from '../dist/ingest/index.js';
import { BUILDERS } from './alternatives.mjs';
import { loggedFastify } from './logged-fastify.mjs';

const [engine, port, dir] = process.argv.slice(2);
const archive = await loadArchive(dir, { vocabulary: loadVocabulary() });
const byId = new Map(archive.items.map((item) => [item.id, item]));
const query = await BUILDERS[engine](archive);
const app = loggedFastify();
app.get('/search', async (request) => {
  const ids = await query(String(request.query.q ?? ''));
  return { hits: ids.map((id) => ({ id, title: byId.get(id)?.title, url: byId.get(id)?.url })) };
});
await app.listen({ host: '127.0.0.1', port: Number(port) });
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
