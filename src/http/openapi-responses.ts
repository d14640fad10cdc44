import { Type } from '@sinclair/typebox';
import { ErrorSchema } from './schemas/index.js';

/** What @fastify/swagger's transform sees of a route. */
export interface RouteForDocs {
  method: string | string[];
  config?: { cache?: boolean; rateLimit?: unknown } | undefined;
}

type Schema = Record<string, unknown> & {
  querystring?: { properties?: Record<string, { default?: unknown }>; required?: string[] };
  params?: unknown;
  response?: Record<string, unknown>;
  hide?: boolean;
  security?: readonly { [scheme: string]: readonly string[] }[];
};

const error = (description: string, headers?: Record<string, unknown>) => ({ ...Type.Ref(ErrorSchema), description, ...(headers ? { headers } : {}) });
const RETRY_AFTER = { 'retry-after': { type: 'string', description: 'Seconds to wait before trying again.' } };

/**
 * The route schema as the OpenAPI document states it: a query parameter with
 * a default is not required (ajv fills it in), and the answers every route
 * can give beside its own are declared (304 to a conditional GET, 400 for bad
 * parameters, 408 for a request too slow to arrive, 414 for a URL too long,
 * 429 past the rate limit, 503 while the first index is being built), as
 * plugins/caching.ts, protection.ts, the error handler and the server send them.
 * An operation without `security` is public and says so (`security: []`).
 */
export function documentedSchema(schema: Schema, route: RouteForDocs): Schema {
  if (schema.hide) return schema;
  // An operation that states no security is public: say so, rather than leave it to the reader.
  const out: Schema = { security: [], ...schema };
  const query = schema.querystring;
  if (query?.required) out.querystring = { ...query, required: query.required.filter((name) => query.properties?.[name]?.default === undefined) };
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const standard: Record<string, unknown> = {};
  if (methods.includes('GET') && route.config?.cache !== false) standard['304'] = { type: 'null', description: 'Not modified: the If-None-Match (or If-Modified-Since) sent is current; no body.' };
  if (query || schema.params) standard['400'] = error('A parameter is malformed; the message and `parameter` say which.');
  standard['408'] = error('The request took longer than REQUEST_TIMEOUT to arrive; the connection is closed.');
  standard['414'] = error('The URL is longer than 4,096 characters.');
  if (route.config?.rateLimit !== false) standard['429'] = error('Past the rate limit for this client address.', RETRY_AFTER);
  if (route.config?.cache !== false) standard['503'] = error('The archive is still being indexed; retry shortly.', RETRY_AFTER);
  out.response = { ...standard, ...schema.response };
  return out;
}
