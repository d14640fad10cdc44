import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';
import fp from 'fastify-plugin';
import { LruCache, type IndexHolder } from '../../search/index.js';
import type { Answers } from '../answers.js';
import { sentTag } from './caching.js';

/**
 * One answer as it went out, ready to write: its headers (less those each
 * request makes anew) as the flat name, value list `writeHead` takes, those a
 * 304 keeps of them, its ETag and its bytes.
 */
interface Replay {
  headers: string[];
  notModified: OutgoingHttpHeaders;
  etag: string;
  body: Buffer;
}

/**
 * Headers each request makes anew: the rate limit's (the only ones a hook
 * before a replay sets per request; the security headers are constant and
 * the CORS ones follow the Origin, which is in the key) and Node's own.
 */
const PER_REQUEST = /^(?:ratelimit-|retry-after$|x-ratelimit-|content-length$|date$|connection$|keep-alive$)/;
/** Set on every request the rate limit counts, absent on those it lets through uncounted (loopback, off). */
const RATE_LIMITED = 'ratelimit-limit';

const flat = (headers: OutgoingHttpHeaders, keep: (name: string) => boolean): string[] =>
  Object.entries(headers).flatMap(([name, value]) => (value === undefined || !keep(name) ? [] : Array.isArray(value) ? value.flatMap((v) => [name, v]) : [name, String(value)]));

/** `kept` and, for a counted request, the rate limit's headers of this request. */
function withFresh(kept: string[], reply: FastifyReply): string[] {
  return reply.hasHeader(RATE_LIMITED) ? kept.concat(flat(reply.getHeaders() as OutgoingHttpHeaders, (name) => PER_REQUEST.test(name))) : kept;
}

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
      const ifNoneMatch = request.headers['if-none-match'];
      if (ifNoneMatch !== undefined) {
        // A tag of another version (or none of ours) is a 200 the full path gives, with its own ETag hook.
        if (!sentTag(ifNoneMatch, replay.etag)) return done(null, payload);
        // The hooks' headers (security, CORS) as the full path's 304 has them, over what a 304 keeps of the answer.
        reply.hijack();
        reply.raw.writeHead(304, { ...replay.notModified, ...(reply.getHeaders() as OutgoingHttpHeaders), vary: replay.notModified['vary'] });
        reply.raw.end();
        return;
      }
      reply.hijack();
      reply.raw.writeHead(200, withFresh(replay.headers, reply));
      reply.raw.end(replay.body);
    });

    app.addHook('onSend', (request, reply, payload, done) => {
      const index = holder.current;
      if (index && maxBytes > 0 && reply.statusCode === 200 && Buffer.isBuffer(payload) && answers.repeated(request) && replayable(request) && request.headers['if-none-match'] === undefined && request.routeOptions.config?.cache !== false && reply.hasHeader('etag')) {
        const sent = reply.getHeaders() as OutgoingHttpHeaders;
        replays.set(keyOf(request, index.version), {
          headers: [...flat(sent, (name) => !PER_REQUEST.test(name)), 'content-length', String(payload.byteLength)],
          notModified: Object.fromEntries(NOT_MODIFIED_HEADERS.flatMap((name) => (sent[name] === undefined ? [] : [[name, sent[name]]]))),
          etag: String(sent['etag']),
          body: payload,
        });
      }
      done(null, payload);
    });
  },
  { name: 'replay' },
);
