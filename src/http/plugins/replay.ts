import type { FastifyRequest } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';
import fp from 'fastify-plugin';
import { LruCache, type IndexHolder } from '../../search/index.js';
import type { Answers } from '../answers.js';
import { sentTag } from './caching.js';

/** One answer as it went out: its headers (less those each request makes anew) and its bytes. */
interface Replay {
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

/** Headers each request gets afresh from the hooks that run before a replay: they are never replayed. */
const PER_REQUEST = /^(?:ratelimit-|retry-after$|x-ratelimit-|content-length$|date$|connection$|keep-alive$)/;

/**
 * What makes an answer: the index, the URL, the base permalinks take (protocol
 * and Host), the CORS origin and the representation asked for.
 */
function keyOf(request: FastifyRequest, version: string): string {
  return `${version}\u0000${request.protocol}\u0000${request.host}\u0000${request.headers.origin ?? ''}\u0000${request.headers.accept ?? ''}\u0000${request.url}`;
}

/** A GET, plain or with If-None-Match (answered 304 from the replay's ETag); If-Modified-Since and HEAD take the full path. */
const replayable = (request: FastifyRequest) => request.method === 'GET' && request.headers['if-modified-since'] === undefined;

/** What a 304 carries of the answer (RFC 9110 15.4.5), as the caching hook sends it: no body, no type, no links. */
const NOT_MODIFIED_HEADERS = ['etag', 'cache-control', 'last-modified', 'vary'] as const;

/**
 * A kept answer asked for again, sent as it went out the first time, straight
 * after the hooks every request gets (URL bound, Host check, security
 * headers, rate limit, CORS) and before routing's remaining work: validation,
 * the handler, the ETag hooks and the reply's serialization, which a cached
 * answer repeats identically each time and which were most of its cost.
 * Only 200 answers of a cacheable route sent from a kept answer (`Answers`:
 * asked for twice, so one-off queries never churn this cache) are replayed,
 * for the same index version, URL, base, origin and Accept; the
 * log line is written as for any request. Bounded in bytes like every cache.
 */
export default fp<{ holder: IndexHolder; answers: Answers }>(
  async (app, { holder, answers }) => {
    const maxBytes = answers.replayBytes;
    const replays = new LruCache<Replay>(maxBytes, (r) => r.body.byteLength + 1024);

    // preParsing: after every onRequest hook, the route-level ones too (the rate limit is one); before validation.
    app.addHook('preParsing', (request, reply, payload, done) => {
      const index = holder.current;
      if (!index || maxBytes === 0 || !replayable(request)) return done(null, payload);
      const replay = replays.get(keyOf(request, index.version));
      if (!replay) return done(null, payload);
      // What the hooks set afresh (security, CORS, rate-limit headers) over the answer's own; its Vary already
      // names all the first answer varied on, the CORS hook's `Origin` included.
      const fresh = reply.getHeaders() as OutgoingHttpHeaders;
      const vary = replay.headers['vary'] ?? fresh['vary'];
      const ifNoneMatch = request.headers['if-none-match'];
      if (ifNoneMatch !== undefined) {
        // A tag of another version (or none of ours) is a 200 the full path gives, with its own ETag hook.
        if (!sentTag(ifNoneMatch, String(replay.headers['etag']))) return done(null, payload);
        const kept = Object.fromEntries(NOT_MODIFIED_HEADERS.flatMap((name) => (replay.headers[name] === undefined ? [] : [[name, replay.headers[name]]])));
        reply.hijack();
        reply.raw.writeHead(304, { ...kept, ...fresh, vary });
        reply.raw.end();
        return;
      }
      reply.hijack();
      reply.raw.writeHead(200, { ...replay.headers, ...fresh, vary, 'content-length': replay.body.byteLength });
      reply.raw.end(replay.body);
    });

    app.addHook('onSend', (request, reply, payload, done) => {
      const index = holder.current;
      if (index && maxBytes > 0 && reply.statusCode === 200 && Buffer.isBuffer(payload) && answers.repeated(request) && replayable(request) && request.headers['if-none-match'] === undefined && request.routeOptions.config?.cache !== false && reply.hasHeader('etag')) {
        const headers: OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined && !PER_REQUEST.test(name)) headers[name] = value;
        replays.set(keyOf(request, index.version), { headers, body: payload });
      }
      done(null, payload);
    });
  },
  { name: 'replay' },
);
