// The "same bytes" ceiling: node bench/same-bytes.mjs PORT ANSWERS.json
//
// A Fastify server that sends the very bytes the service answered for each
// hot search (read from ANSWERS.json: path to content type and body, base64),
// with the same request logging (one pino line per request at info, to
// standard output, as the service writes it), and nothing else: no search,
// no validation, no caching logic. What the service could reach if
// answering a kept search cost nothing beyond writing it.
import { readFileSync } from 'node:fs';
import { loggedFastify } from './logged-fastify.mjs';

const [port, file] = process.argv.slice(2);
const answers = new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8'))).map(([path, { type, body }]) => [path, { type, body: Buffer.from(body, 'base64') }]));
const app = loggedFastify();
app.get('/*', (request, reply) => {
  const answer = answers.get(request.url);
  if (!answer) return reply.code(404).send();
  return reply.type(answer.type).send(answer.body);
});
await app.listen({ host: '127.0.0.1', port: Number(port) });
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
