import { bareHost, parsedUrl } from './web-link.js';

/** A mail on the kernel lists, as kernel bots hold it. */
export interface Thread {
  /** The Message-ID without its angle brackets: `20210423181348.1801389-1-andrii@kernel.org`. */
  messageId: string;
  /** The message on lore.kernel.org, in lore's own canonical form (`https://lore.kernel.org/bpf/<id>/`). */
  loreUrl: string;
}

/** Hosts whose paths carry a Message-ID, and where in the path it is. */
const ARCHIVES: { host: RegExp; id: RegExp; list: (match: RegExpExecArray) => string }[] = [
  // lore.kernel.org/<list>/<id>/[t/|T/|raw|#...], lore.kernel.org/r/<id> and lkml.kernel.org/r/<id> (both redirect to "all").
  { host: /^lore\.kernel\.org$/, id: /^\/([^/]+)\/([^/]+)/, list: (m) => (m[1] === 'r' ? 'all' : m[1]!) },
  { host: /^lkml\.kernel\.org$/, id: /^\/(r)\/([^/]+)/, list: () => 'all' },
  // msgid.link/<id> and msgid.link/r/<id>: kernel.org's short redirector.
  { host: /^msgid\.link$/, id: /^\/(?:(r)\/)?([^/]+)/, list: () => 'all' },
  // patchwork.kernel.org/project/<project>/patch/<id>/ (patchwork 2+; older numeric ids carry none).
  { host: /^patchwork\.(?:kernel|ozlabs)\.org$/, id: /^\/(project)\/[^/]+\/patch\/([^/]+)/, list: () => 'all' },
];

/** Characters a path segment may hold as they are (RFC 3986 pchar); the rest are percent-encoded. */
const segment = (id: string) => id.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@]/g, (c) => encodeURIComponent(c));

/**
 * The Message-ID a lore.kernel.org, lkml.kernel.org, msgid.link or
 * patchwork link names, and the message's lore address; null for any other
 * link (or one whose path holds no `local@domain`).
 */
export function threadOf(url: string): Thread | null {
  const parsed = parsedUrl(url);
  if (!parsed) return null;
  const host = bareHost(parsed);
  for (const archive of ARCHIVES) {
    if (!archive.host.test(host)) continue;
    const match = archive.id.exec(parsed.pathname);
    if (!match?.[2]) return null;
    let id: string;
    try {
      id = decodeURIComponent(match[2]);
    } catch {
      return null;
    }
    id = id.replace(/^<|>$/g, '');
    if (!isMessageId(id)) return null;
    return { messageId: id, loreUrl: `https://lore.kernel.org/${archive.list(match)}/${segment(id)}/` };
  }
  return null;
}

/** The thread an item is about: its primary link's, else the first link naming one. */
export function threadOfItem(url: string | null, links: readonly { url: string }[]): Thread | null {
  const primary = url ? threadOf(url) : null;
  if (primary) return primary;
  for (const link of links) {
    const thread = threadOf(link.url);
    if (thread) return thread;
  }
  return null;
}

/** Every Message-ID an item's links name, its own first: what a lookup by Message-ID finds it by. */
export function messageIdsOf(item: { messageId: string | null; links: readonly { url: string }[] }): string[] {
  const ids = new Set<string>(item.messageId ? [item.messageId] : []);
  for (const link of item.links) {
    const thread = threadOf(link.url);
    if (thread) ids.add(thread.messageId);
  }
  return [...ids];
}

/** Whether `id` (without `<>`) is a Message-ID: one `local@domain`, no white space or angle brackets. */
export function isMessageId(id: string): boolean {
  return /^[^@\s<>]+@[^@\s<>]+$/.test(id);
}

/** A Message-ID as a reader may paste it: with or without `<>`, `mid:` or white space around it. */
export function bareMessageId(text: string): string {
  return text.trim().replace(/^<(.*)>$/s, '$1').trim();
}
