import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PAGE_LIMITS } from '../search/index.js';
import { HttpError } from './errors.js';

export interface Page {
  offset: number;
  limit: number;
  total: number;
}

/** The URLs of the previous and next pages: this request's own URL with only `offset` changed. */
export function pageUrls(request: FastifyRequest, base: string, { offset, limit, total }: Page): { next: string | null; prev: string | null } {
  const at = (to: number) => {
    const url = new URL(request.url, `${base}/`);
    url.searchParams.set('offset', String(to));
    return `${base}${url.pathname}${url.search}`;
  };
  return {
    next: offset + limit < total ? at(offset + limit) : null,
    prev: offset > 0 ? at(Math.max(0, offset - limit)) : null,
  };
}

/** RFC 8288 `Link` header value with `rel="next"` and `rel="prev"`, or null when there is neither. */
export function linkHeader({ next, prev }: { next: string | null; prev: string | null }): string | null {
  const links = [...(next ? [`<${next}>; rel="next"`] : []), ...(prev ? [`<${prev}>; rel="prev"`] : [])];
  return links.length > 0 ? links.join(', ') : null;
}

/**
 * A paged list's page: the body's paging fields (schemas/paging.ts) and the
 * `Link` header value saying the same (null when the whole list fits).
 */
export function pageOf(request: FastifyRequest, base: string, page: Page): { fields: Page & { next: string | null; prev: string | null }; links: string | null } {
  const urls = pageUrls(request, base, page);
  return { fields: { total: page.total, offset: page.offset, limit: page.limit, ...urls }, links: linkHeader(urls) };
}

/** The query string of a list paged by `limit` and `offset` only. */
export function pagingQuery(limits: { defaultLimit: number; maxLimit: number; maxOffset: number }) {
  return Type.Object(
    {
      limit: Type.Integer({ minimum: 1, maximum: limits.maxLimit, default: limits.defaultLimit }),
      offset: Type.Integer({ minimum: 0, maximum: limits.maxOffset, default: 0 }),
    },
    { additionalProperties: false },
  );
}

/** A 200 response of a paged list, with its `Link` header documented in the OpenAPI document. */
export function pagedResponse<T extends object>(schema: T): T & { headers: Record<string, unknown> } {
  return {
    ...schema,
    // Plain JSON Schema: @fastify/swagger copies header schemas as they are, TypeBox's symbol keys included.
    headers: {
      link: { type: 'string', description: 'RFC 8288 links to the pages around this one: `<url>; rel="next"`, `<url>; rel="prev"`.' },
      etag: { type: 'string', description: 'Revalidate with If-None-Match.' },
      'last-modified': { type: 'string', description: 'When the index was built; revalidate with If-Modified-Since.' },
    },
  };
}

export const MAX_RESULT_WINDOW = PAGE_LIMITS.window;

export function checkWindow(offset: number, limit: number): void {
  if (offset + limit > MAX_RESULT_WINDOW) {
    throw new HttpError(400, `offset + limit is ${offset + limit}; results are paged to a depth of ${MAX_RESULT_WINDOW}: narrow the search instead`, 'offset');
  }
}
