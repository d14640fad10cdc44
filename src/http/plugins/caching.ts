import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LruCache, stringBytes, type IndexHolder } from '../../search/index.js';
import { representation } from '../negotiate.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** False for routes whose answer changes without the index changing (health). */
    cache?: boolean;
    /** True for routes answering JSON or HTML by the Accept header: the representation is part of their ETag. */
    negotiated?: boolean;
  }
}

export interface CachingOptions {
  /** Its index's version changes whenever the archive does. */
  holder: IndexHolder;
  /** Seconds a client or proxy may reuse a response without asking. */
  maxAge: number;
  /** Bytes the remembered ETags of hot URLs may hold (Answers.memoBytes). */
  memoBytes: number;
}

/**
 * Conditional GETs for a read-only archive. A response is a pure function of
 * the index, the URL and the negotiated representation, so the ETag is
 * computed from those (not from the body, which carries `tookMs`), and a
 * matching If-None-Match is answered 304 before any search runs: after the
 * parameters are validated (a request the API refuses is a 400 whatever it
 * sends), before the handler. `If-None-Match: *` and If-Modified-Since mean
 * "if it exists (unchanged)", which only the handler knows: a 200 becomes a
 * 304, a 404 stays one.
 */
/**
 * RFC 9110 13.1: If-None-Match decides when present (weak comparison);
 * otherwise If-Modified-Since, against the time the index was built (HTTP
 * dates have whole seconds). `sent` is the tag a matching request carries;
 * `*` and dates match any current representation, so only a 200 can meet them.
 */
export function sentTag(ifNoneMatch: string | undefined, tag: string): boolean {
  return ifNoneMatch !== undefined && ifNoneMatch.split(',').some((t) => t.trim() === tag || t.trim() === tag.slice(2));
}

function unchangedSince(ifNoneMatch: string | undefined, ifModifiedSince: string | undefined, modified: Date): boolean {
  if (ifNoneMatch !== undefined) return ifNoneMatch.split(',').some((t) => t.trim() === '*');
  if (!ifModifiedSince) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && Math.floor(modified.getTime() / 1000) * 1000 <= since;
}

/**
 * Adds `field` to the Vary header without dropping what others put there
 * (CORS varies on Origin when it answers some origins only): a shared cache
 * must keep one copy per Origin and per Accept.
 */
export function addVary(reply: FastifyReply, field: string): void {
  const current = reply.getHeader('vary');
  const fields = String(current ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (!fields.some((f) => f === '*' || f.toLowerCase() === field.toLowerCase())) fields.push(field);
  reply.header('vary', fields.join(', '));
}

export default fp<CachingOptions>(
  async (app, options) => {
    const cacheControl = `public, max-age=${options.maxAge}`;

    const modified = new WeakMap<object, string>();
    const lastModified = (index: { builtAt: Date }) => {
      let text = modified.get(index);
      if (text === undefined) modified.set(index, (text = index.builtAt.toUTCString()));
      return text;
    };
    // Tags of recent requests, so a hot URL is hashed once per index version (bounded in bytes, like every cache).
    const tags = new LruCache<string>(options.memoBytes, stringBytes);
    const tagOf = (request: FastifyRequest, version: string): string => {
      const variant = request.routeOptions.config?.negotiated ? representation(request) : 'json';
      const key = `${version}\u0000${variant}\u0000${request.host}\u0000${request.url}`;
      return tags.getOrSet(key, () => `W/"${version}-${createHash('sha1').update(key).digest('base64url').slice(0, 16)}"`);
    };

    // Callback-style hooks: on every request of a hot path, a promise per hook shows.
    app.addHook('preHandler', (request, reply, done) => {
      if ((request.method !== 'GET' && request.method !== 'HEAD') || request.routeOptions.config?.cache === false) return done();
      const index = options.holder.current;
      if (!index) return done();
      const tag = tagOf(request, index.version);
      reply.header('etag', tag).header('cache-control', cacheControl).header('last-modified', lastModified(index));
      addVary(reply, 'Accept');
      if (sentTag(request.headers['if-none-match'], tag)) {
        reply.code(304).send();
        return;
      }
      done();
    });

    app.addHook('onSend', (request, reply, payload, done) => {
      if (reply.statusCode >= 400) {
        reply.removeHeader('etag');
        reply.removeHeader('last-modified');
        reply.header('cache-control', 'no-store');
      } else if (reply.statusCode === 200 && reply.hasHeader('etag') && unchangedSince(request.headers['if-none-match'], request.headers['if-modified-since'], options.holder.current?.builtAt ?? new Date())) {
        reply.code(304);
        return done(null, '');
      }
      done(null, payload);
    });
  },
  { name: 'caching' },
);
