/**
 * The HTTP layer's defaults, in a file that imports nothing: the service's
 * settings declare their defaults from these, and must not load Fastify and
 * the plugins (half a second) to do so, so the archive is read while they load.
 */

/** The HTTP share of the default CACHE_MAX_BYTES (256 MiB): half for answers, half for the search layer's matches. */
export const DEFAULT_ANSWER_CACHE_BYTES = 128 * 1024 * 1024;

/** Seconds a client or proxy may reuse an answer without asking again (CACHE_MAX_AGE). */
export const DEFAULT_CACHE_MAX_AGE = 300;

export interface RateLimitOptions {
  /** Requests per client address and window; 0 turns limiting off. */
  max: number;
  windowMs: number;
  /** Addresses never limited: loopback by default, so local benchmarks and probes are not throttled. */
  allowList: string[];
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 1200, windowMs: 60_000, allowList: ['127.0.0.1', '::1', '::ffff:127.0.0.1'] };

export const DEFAULT_MAX_CONNECTIONS = 2048;

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
