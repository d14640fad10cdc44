// The ceiling: a Fastify hello-world on the same machine, same Fastify, no logging.
// node bench/ceiling.mjs PORT
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0) });
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
