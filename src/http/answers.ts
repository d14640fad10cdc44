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

/** An answer as kept: UTF-8 bytes encoded once, cut where the public base goes; the last base spliced in, whole. */
interface Kept {
  parts: Buffer[];
  links: string[] | null;
  type: string;
  /** The body as last sent, for the base it was sent with: most traffic comes through one Host. */
  spliced: { base: string; body: Buffer; links: string | null } | null;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Each per-URL memo (hashed request keys, ETags, normalised search forms) may
 * hold this share of the answers' budget, up to MAX_MEMO_BYTES: inside
 * CACHE_MAX_BYTES, and none at all when it is 0.
 */
const MEMO_SHARE = 1 / 32;
const MAX_MEMO_BYTES = 2 * 1024 * 1024;
/** The memos sized by `memoBytes`: this class's request keys, the caching hook's ETags, the search route's normalised forms. */
const MEMOS = 3;
/** Answers replayed whole (plugins/replay.ts), headers and bytes: 1/16 of the answers' budget, up to 8 MiB (a thousand hot answers). */
const REPLAY_SHARE = 1 / 16;
const MAX_REPLAY_BYTES = 8 * 1024 * 1024;

/** Counted with room for one spliced copy (body and links), so the bound holds once it is made. */
function keptBytes(kept: Kept): number {
  let bytes = 64;
  for (const part of kept.parts) bytes += 80 + part.byteLength;
  for (const link of kept.links ?? []) bytes += stringBytes(link);
  if (kept.parts.length > 1) bytes += 2 * bytes + 512;
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
  /** Hashed keys of recent requests, so a hot request is hashed once, not on every send. */
  private readonly keys: LruCache<string>;
  /** The base answers are rendered with: PUBLIC_URL when set, else the mark. */
  readonly renderBase: string;
  /** Bytes each per-URL memo may hold (this one's keys, the ETags, the search forms), taken from the answers' budget. */
  readonly memoBytes: number;
  /** Bytes the replayed answers may hold, taken from the same budget. */
  readonly replayBytes: number;
  /** Requests answered from a kept answer: only those are worth replaying (a one-off query would churn the replays). */
  private readonly repeats = new WeakSet<FastifyRequest>();

  constructor(
    maxBytes: number,
    private readonly publicUrl: string | undefined,
  ) {
    this.memoBytes = Math.min(MAX_MEMO_BYTES, Math.floor(maxBytes * MEMO_SHARE));
    this.replayBytes = Math.min(MAX_REPLAY_BYTES, Math.floor(maxBytes * REPLAY_SHARE));
    this.kept = new LruCache<Kept>(maxBytes - MEMOS * this.memoBytes - this.replayBytes, keptBytes);
    this.keys = new LruCache<string>(this.memoBytes, stringBytes);
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
    const joined = key.join('\u0000');
    const hashed = this.keys.getOrSet(joined, () => hashKey(...key));
    let kept = this.kept.get(hashed);
    if (kept) this.repeats.add(request);
    else this.kept.set(hashed, (kept = this.keep(render(this.renderBase))));
    reply.type(kept.type);
    if (this.publicUrl !== undefined || kept.parts.length === 1) {
      if (kept.links) reply.header('link', this.publicUrl !== undefined ? kept.links[0]! : kept.links.join(publicBase(request, undefined)));
      return reply.send(kept.parts[0]);
    }
    const base = publicBase(request, undefined);
    if (kept.spliced?.base !== base) {
      const seam = Buffer.from(base);
      const chunks: Buffer[] = [];
      kept.parts.forEach((part, i) => (i === 0 ? chunks.push(part) : chunks.push(seam, part)));
      kept.spliced = { base, body: Buffer.concat(chunks), links: kept.links ? kept.links.join(base) : null };
    }
    if (kept.spliced.links) reply.header('link', kept.spliced.links);
    return reply.send(kept.spliced.body);
  }

  /** Whether `request` was answered from an answer kept before it: asked for twice at least. */
  repeated(request: FastifyRequest): boolean {
    return this.repeats.has(request);
  }

  private keep({ body, links, type }: Rendered): Kept {
    const cut = (text: string) => (this.publicUrl === undefined ? text.split(this.renderBase) : [text]);
    return { parts: cut(body).map((part) => Buffer.from(part)), links: links ? cut(links) : null, type: type ?? JSON_TYPE, spliced: null };
  }
}
