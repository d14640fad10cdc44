import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import { LogController, type FastifyBaseLogger, type FastifyHttpOptions } from 'fastify';
import { DEFAULT_MAX_CONNECTIONS, DEFAULT_REQUEST_TIMEOUT_MS } from './defaults.js';

export interface NetworkOptions {
  /**
   * Whom to believe about the client's address, host and protocol
   * (X-Forwarded-*): false (the socket's, the default), true (any peer), or
   * comma-separated proxy addresses/CIDRs.
   */
  trustProxy?: boolean | string;
  /** Longest time to receive a whole request, headers included (slow clients are cut off). */
  requestTimeoutMs?: number;
  /** Idle time after which a kept-alive connection is closed. */
  keepAliveTimeoutMs?: number;
  /** Connections held open at once (idle kept-alive ones count); more are refused until some close. */
  maxConnections?: number;
}

export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 72_000;

/**
 * Request ids unique to this process: a random prefix drawn at start and a
 * counter (a UUID per request cost a visible share of a cached answer).
 */
export function requestIds(): () => string {
  const prefix = randomUUID().slice(0, 8);
  let n = 0;
  return () => `${prefix}-${(n++).toString(36)}`;
}

/**
 * What Fastify's options do not reach on the Node server: a cap on open
 * connections (each holds a file descriptor; without one, idle sockets pile
 * up to the process's limit), and a headers timeout equal to the request
 * timeout, so a client sending headers slowly is cut off as soon as one sending a slow body.
 */
export function tuneServer(server: Server, network: NetworkOptions = {}): void {
  server.maxConnections = network.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  server.headersTimeout = network.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
}

type SerializerFactory = ReturnType<typeof SerializerSelector>;

/**
 * Fastify's own response serializers (fast-json-stringify), each compiled the
 * first time its route and status answer with an object. Most answers are sent
 * as kept bytes and never use theirs, and compiling all of them at start cost
 * about 0.2 s of every start-up; a schema fast-json-stringify cannot compile
 * would show on first use, which the contract tests make for every route.
 */
export function lazySerializers(eager: SerializerFactory = SerializerSelector()): SerializerFactory {
  return (externalSchemas, options) => {
    const compile = eager(externalSchemas, options);
    return (route) => {
      let serialize: ((data: unknown) => string) | undefined;
      return (data: unknown) => (serialize ??= compile(route))(data);
    };
  };
}

/**
 * The one set of Fastify options, for production and tests alike, so requests
 * are validated the same way everywhere.
 */
export function serverOptions(logger: FastifyBaseLogger | boolean, network: NetworkOptions = {}): FastifyHttpOptions<Server> {
  return {
    trustProxy: network.trustProxy ?? false,
    requestTimeout: network.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    // Node checks request timeouts every 30 s by default: a slow client would hold on that long.
    http: { connectionsCheckingInterval: 1000 },
    keepAliveTimeout: network.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
    ...(typeof logger === 'boolean' ? { logger } : { loggerInstance: logger }),
    // One line per request comes from plugins/request-log.ts.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: 'x-request-id',
    genReqId: requestIds(),
    // No child logger per request: the few lines a request writes (request-log.ts, the error handler) carry `reqId` themselves.
    childLoggerFactory: (logger) => logger,
    schemaController: { compilersFactory: { buildSerializer: lazySerializers() } },
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
