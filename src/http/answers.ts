import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LruCache, hashKey, stringBytes } from '../search/index.js';
import { publicBase } from './public-base.js';

/** What a route renders once for a request and its equals: the body, its `Link` header, its type. */
export interface Rendered {
  body: string;
  links?: string | null;
  type?: string;
}

/** An answer as kept: UTF-8 bytes encoded once, cut where the public base goes. */
interface Kept {
  parts: Buffer[];
  links: string[] | null;
  type: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** The HTTP share of the default CACHE_MAX_BYTES (256 MiB): half for answers, half for the search layer's matches. */
export const DEFAULT_ANSWER_CACHE_BYTES = 128 * 1024 * 1024;

function keptBytes(kept: Kept): number {
  let bytes = 64;
  for (const part of kept.parts) bytes += 80 + part.byteLength;
  for (const link of kept.links ?? []) bytes += stringBytes(link);
  return bytes;
}

/**
 * Serialized answers of every route, in one LRU bounded in bytes (the HTTP
 * share of CACHE_MAX_BYTES), under hashes of the normalised requests.
 *
 * Answers never multiply per Host: without PUBLIC_URL they are rendered on a
 * mark no archive text holds, kept cut at each mark, and each request's own
 * base (its checked Host) is spliced between the parts when sent. With
 * PUBLIC_URL the base is fixed and an answer is one buffer, sent as it is.
 */
export class Answers {
  private readonly kept: LruCache<Kept>;
  /** The base answers are rendered with: PUBLIC_URL when set, else the mark. */
  readonly renderBase: string;

  constructor(
    maxBytes: number,
    private readonly publicUrl: string | undefined,
  ) {
    this.kept = new LruCache<Kept>(maxBytes, keptBytes);
    this.renderBase = publicUrl?.replace(/\/+$/, '') ?? `http://base-${randomBytes(8).toString('hex')}.invalid`;
  }

  /** Bytes held, by the count that bounds them. */
  get bytes(): number {
    return this.kept.bytes;
  }

  get maxBytes(): number {
    return this.kept.maxBytes;
  }

  /**
   * Sends the answer kept under `key` (the route and its normalised request),
   * rendering it with `renderBase` and keeping it the first time. What
   * `render` throws (a 404) is thrown on, and nothing is kept.
   */
  send(request: FastifyRequest, reply: FastifyReply, key: readonly string[], render: (base: string) => Rendered): FastifyReply {
    const kept = this.kept.getOrSet(hashKey(...key), () => this.keep(render(this.renderBase)));
    const base = this.publicUrl === undefined ? publicBase(request, undefined) : null;
    if (kept.links) reply.header('link', base === null ? kept.links[0]! : kept.links.join(base));
    reply.type(kept.type);
    if (kept.parts.length === 1) return reply.send(kept.parts[0]);
    const seam = Buffer.from(base!);
    const chunks: Buffer[] = [];
    kept.parts.forEach((part, i) => (i === 0 ? chunks.push(part) : chunks.push(seam, part)));
    return reply.send(Buffer.concat(chunks));
  }

  private keep({ body, links, type }: Rendered): Kept {
    const cut = (text: string) => (this.publicUrl === undefined ? text.split(this.renderBase) : [text]);
    return { parts: cut(body).map((part) => Buffer.from(part)), links: links ? cut(links) : null, type: type ?? JSON_TYPE };
  }
}
