import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { QueryError } from '../../search/index.js';
import { HttpError } from '../errors.js';
import type { ErrorBody } from '../schemas/index.js';
import { loggableUrl } from './request-log.js';

interface AjvError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const CONTEXT: Record<string, string> = { querystring: 'query parameter', params: 'path parameter', headers: 'header', body: 'body' };

/** A schema violation in words a caller can act on: `invalid query parameter "limit": must be <= 100`. */
function describeValidation(error: FastifyError): { message: string; parameter?: string } {
  const first = (error.validation?.[0] ?? {}) as AjvError;
  const where = CONTEXT[error.validationContext ?? ''] ?? 'parameter';
  if (first.keyword === 'enum') {
    const name = (first.instancePath ?? '').replace(/^\//, '').split('/')[0] ?? '';
    const allowed = (first.params?.['allowedValues'] as unknown[] | undefined)?.join(', ') ?? '';
    return { message: `invalid ${where} "${name}": must be one of ${allowed}`, parameter: name };
  }
  if (first.keyword === 'additionalProperties') {
    const name = String(first.params?.['additionalProperty'] ?? '');
    return { message: `unknown ${where} "${name}"`, parameter: name };
  }
  const name = (first.instancePath ?? '').replace(/^\//, '').split('/')[0] ?? '';
  if (!name) return { message: `invalid ${where}s: ${first.message ?? 'not valid'}` };
  return { message: `invalid ${where} "${name}": ${first.message ?? 'not valid'}`, parameter: name };
}

function send(reply: FastifyReply, body: ErrorBody): FastifyReply {
  return reply.code(body.statusCode).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(body);
}

/**
 * The one error handler: routes throw, this answers. 4xx go out with what was
 * wrong; 5xx are logged with the request and answered opaquely, with the
 * request id to quote.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      if (error.validation) {
        return send(reply, { statusCode: 400, error: 'Bad Request', ...describeValidation(error) });
      }
      if (error instanceof QueryError) {
        return send(reply, {
          statusCode: 400,
          error: 'Bad Request',
          message: error.message,
          parameter: error.parameter,
          ...(error.token ? { token: error.token } : {}),
        });
      }
      if (error instanceof HttpError) {
        if (error.statusCode === 503) reply.header('retry-after', '1');
        return send(reply, { statusCode: error.statusCode, error: httpError(error.statusCode), message: error.message, ...(error.parameter ? { parameter: error.parameter } : {}) });
      }
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        return send(reply, { statusCode: status, error: httpError(status), message: error.message });
      }
      request.log.error({ reqId: request.id, err: error, req: { method: request.method, url: loggableUrl(request.url), ip: request.ip } }, 'request failed');
      return send(reply, { statusCode: 500, error: 'Internal Server Error', message: `internal error; quote request id ${request.id}`, requestId: String(request.id) });
    });

    app.setNotFoundHandler((request, reply) =>
      send(reply, { statusCode: 404, error: 'Not Found', message: `no route ${request.method} ${request.url.split('?')[0]}; see /docs for the API` }),
    );
  },
  { name: 'error-handler' },
);

function httpError(status: number): string {
  return (
    {
      400: 'Bad Request',
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'Not Found',
      405: 'Method Not Allowed',
      406: 'Not Acceptable',
      408: 'Request Timeout',
      413: 'Payload Too Large',
      414: 'URI Too Long',
      415: 'Unsupported Media Type',
      431: 'Request Header Fields Too Large',
      429: 'Too Many Requests',
      503: 'Service Unavailable',
    }[status] ?? (status >= 500 ? 'Server Error' : 'Client Error')
  );
}
