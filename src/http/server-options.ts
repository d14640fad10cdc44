import { randomUUID } from 'node:crypto';
import { LogController, type FastifyBaseLogger, type FastifyServerOptions } from 'fastify';

/**
 * The one set of Fastify options, for production and tests alike, so requests
 * are validated the same way everywhere.
 */
export function serverOptions(logger: FastifyBaseLogger | boolean): FastifyServerOptions {
  return {
    ...(typeof logger === 'boolean' ? { logger } : { loggerInstance: logger }),
    // One line per request comes from plugins/request-log.ts.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 16 * 1024,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 300 },
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
