import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { HttpError } from '../errors.js';
import { checkOrigin } from '../public-base.js';
import type { RateLimitOptions } from '../defaults.js';
import type { InternalCalls } from '../route-options.js';

/** The longest request URL (path and query string) served; longer ones are a 414 before any work. */
export const MAX_URL_LENGTH = 4096;

/**
 * The headers that protect a JSON API and its few pages, and none of the
 * legacy ones (IE, Flash, the XSS auditor): each costs every response bytes
 * that every client parses. HSTS belongs to whatever terminates TLS in front
 * of the service; over plain HTTP browsers ignore it.
 */
export const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] } },
  // A public API and a widget for other sites: their responses are meant to be read cross-origin.
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  crossOriginEmbedderPolicy: false,
  originAgentCluster: false,
  strictTransportSecurity: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
};

/**
 * The headers helmet sets for `options`, worked out once. They are the same
 * for every response, and running helmet's middleware per request (what
 * @fastify/helmet does) cost a third of the throughput of a cached answer.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = String(value)), removeHeader: () => undefined };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}

/**
 * The address a client is limited by. Behind a proxy trusted by its
 * address, Fastify's `request.ip` is the client as that proxy saw it. With
 * TRUST_PROXY=true every X-Forwarded-For entry is believed, and the first one
 * is whatever the client wrote: the bucket is then the last entry, the one the
 * nearest proxy appended, which no client chooses.
 */
export function rateLimitKey(request: FastifyRequest, trustProxy: boolean | string | undefined): string {
  if (trustProxy !== true) return request.ip;
  const forwarded = request.headers['x-forwarded-for'];
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').pop()?.trim();
  return last || request.socket.remoteAddress || request.ip;
}

/** Numbers a query or path parameter may not be: ajv coerces `Infinity` and `1e400` to numbers its integer checks let through. */
function nonFinite(values: unknown): string | undefined {
  if (values === null || typeof values !== 'object') return undefined;
  for (const [name, value] of Object.entries(values)) if (typeof value === 'number' && !Number.isFinite(value)) return name;
  return undefined;
}

/**
 * What every response gets before any route runs: a bound on the URL,
 * security headers (helmet's: nosniff, no referrer, no framing through CSP
 * frame-ancestors, and for JSON a CSP that allows nothing; HTML pages set their own), and a per-client rate
 * limit with the standard RateLimit-* and Retry-After headers. The client
 * address is the socket's, or X-Forwarded-For's only when the server trusts
 * its proxy (TRUST_PROXY).
 */
export default fp<{ rateLimit: RateLimitOptions; trustProxy?: boolean | string; internal: InternalCalls }>(
  async (app, options) => {
    const headers = securityHeaders(HELMET_OPTIONS);
    // Origins already found valid (a handful of Hosts serve most traffic): checked once each, at most 64 remembered.
    const knownOrigins = new Set<string>();
    // One hook for what every request gets first: one hook fewer on the path of every answer.
    app.addHook('onRequest', (request, reply, done) => {
      if (request.url.length > MAX_URL_LENGTH) return done(new HttpError(414, `the URL is ${request.url.length} characters long; the limit is ${MAX_URL_LENGTH}`));
      const origin = `${request.protocol as string}://${request.host}`;
      if (!knownOrigins.has(origin)) {
        try {
          checkOrigin(request);
        } catch (error) {
          return done(error as Error);
        }
        if (knownOrigins.size >= 64) knownOrigins.clear();
        knownOrigins.add(origin);
      }
      reply.headers(headers);
      done();
    });

    app.addHook('preHandler', (request, _reply, done) => {
      const query = nonFinite(request.query);
      const param = query === undefined ? nonFinite(request.params) : undefined;
      if (query !== undefined || param !== undefined) {
        const name = (query ?? param)!;
        return done(new HttpError(400, `invalid ${query !== undefined ? 'query' : 'path'} parameter "${name}": must be a finite number`, name));
      }
      done();
    });


    const { max, windowMs, allowList } = options.rateLimit;
    if (max > 0) {
      await app.register(rateLimit, {
        global: true,
        max,
        timeWindow: windowMs,
        // An MCP tool's REST call was counted as the POST /mcp that made it.
        allowList: (request, key) => allowList.includes(key) || request.headers[options.internal.header] === options.internal.key,
        keyGenerator: (request) => rateLimitKey(request, options.trustProxy),
        // RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset (IETF draft), Retry-After on 429.
        enableDraftSpec: true,
        errorResponseBuilder: (_request, context) => new HttpError(429, `rate limit of ${context.max} requests per ${context.after} exceeded; retry in ${Math.ceil(context.ttl / 1000)} s`),
      });
    }
  },
  { name: 'protection' },
);
