import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { HttpError } from '../errors.js';

/** The longest request URL (path and query string) served; longer ones are a 414 before any work. */
export const MAX_URL_LENGTH = 4096;

export interface RateLimitOptions {
  /** Requests per client address and window; 0 turns limiting off. */
  max: number;
  windowMs: number;
  /** Addresses never limited: loopback by default, so local benchmarks and probes are not throttled. */
  allowList: string[];
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 1200, windowMs: 60_000, allowList: ['127.0.0.1', '::1', '::ffff:127.0.0.1'] };

/**
 * What every response gets before any route runs: a bound on the URL,
 * security headers (helmet: nosniff, no referrer, no framing, and for JSON a
 * CSP that allows nothing; HTML pages set their own), and a per-client rate
 * limit with the standard RateLimit-* and Retry-After headers. The client
 * address is the socket's, or X-Forwarded-For's only when the server trusts
 * its proxy (TRUST_PROXY).
 */
export default fp<{ rateLimit: RateLimitOptions }>(
  async (app, options) => {
    app.addHook('onRequest', (request, _reply, done) => {
      if (request.url.length > MAX_URL_LENGTH) return done(new HttpError(414, `the URL is ${request.url.length} characters long; the limit is ${MAX_URL_LENGTH}`));
      done();
    });

    await app.register(helmet, {
      global: true,
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] } },
      // A public API and a widget for other sites: their responses are meant to be read cross-origin.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      crossOriginEmbedderPolicy: false,
    });

    const { max, windowMs, allowList } = options.rateLimit;
    if (max > 0) {
      await app.register(rateLimit, {
        global: true,
        max,
        timeWindow: windowMs,
        allowList,
        // RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset (IETF draft), Retry-After on 429.
        enableDraftSpec: true,
        errorResponseBuilder: (_request, context) => new HttpError(429, `rate limit of ${context.max} requests per ${context.after} exceeded; retry in ${Math.ceil(context.ttl / 1000)} s`),
      });
    }
  },
  { name: 'protection' },
);
