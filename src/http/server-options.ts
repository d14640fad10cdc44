import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { LogController, type FastifyBaseLogger, type FastifyHttpOptions, type FastifyServerOptions } from 'fastify';

export interface NetworkOptions {
  /**
   * Whom to believe about the client's address (X-Forwarded-For): false (the
   * socket's address, the default), true (any proxy), a number of hops, or
   * comma-separated proxy addresses/CIDRs.
   */
  trustProxy?: boolean | number | string;
  /** Longest time to receive a whole request, headers included (slow clients are cut off). */
  requestTimeoutMs?: number;
  /** Idle time after which a kept-alive connection is closed. */
  keepAliveTimeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 72_000;

/**
 * The one set of Fastify options, for production and tests alike, so requests
 * are validated the same way everywhere.
 */
export function serverOptions(logger: FastifyBaseLogger | boolean, network: NetworkOptions = {}): FastifyHttpOptions<Server> {
  return {
    // Fastify takes a hop count too (documented), though its types omit numbers.
    trustProxy: (network.trustProxy ?? false) as FastifyServerOptions['trustProxy'],
    requestTimeout: network.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    // Node checks request timeouts every 30 s by default: a slow client would hold on that long.
    http: { connectionsCheckingInterval: 1000 },
    keepAliveTimeout: network.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
    ...(typeof logger === 'boolean' ? { logger } : { loggerInstance: logger }),
    // One line per request comes from plugins/request-log.ts.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 16 * 1024,
    return503OnClosing: true,
    // Path parameters as long as a URL may be (plugins/protection.ts): their schemas bound them, with a clear 400.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 4096 },
    ajv: {
      customOptions: {
        // Unknown query parameters are errors, not silently dropped.
        removeAdditional: false,
        coerceTypes: 'array',
        useDefaults: true,
        allErrors: false,
      },
    },
  };
}
