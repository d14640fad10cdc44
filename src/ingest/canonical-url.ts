import { threadOf } from './kernel-threads.js';
import { bareHost, parsedUrl } from './web-link.js';

/**
 * Query parameters that say where a reader came from, never what the page
 * is: dropped, so one link shared with and without them is one link.
 */
const TRACKING = /^(?:utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref_src|ref_url|_hsenc|_hsmi|mkt_tok)$/i;
/** Per host, parameters that only record how a link was shared. */
const SHARING: Record<string, RegExp> = { 'youtube.com': /^(?:si|feature|pp)$/, 'twitter.com': /^(?:s|t)$/ };
const HOST_ALIASES: Record<string, string> = { 'youtu.be': 'youtube.com', 'm.youtube.com': 'youtube.com', 'x.com': 'twitter.com', 'mobile.twitter.com': 'twitter.com' };

/**
 * The form two spellings of one link share: no scheme, no `www.`, no default
 * port, no fragment, no trailing slash, no tracking or sharing parameters,
 * the rest sorted; `youtu.be/ID` and `youtube.com/embed/ID` as
 * `youtube.com/watch?v=ID`; a kernel mail (lore.kernel.org under any list or
 * view, patchwork, lkml.kernel.org/r, msgid.link) as `lore.kernel.org/r/<Message-ID>`.
 * Null for anything but an http(s) URL.
 */
export function canonicalUrl(raw: string): string | null {
  const url = parsedUrl(raw.trim());
  if (!url) return null;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // A kernel mail is one link however it is reached: any list on lore, its thread view, patchwork, lkml.kernel.org/r.
  const thread = threadOf(url.href);
  if (thread) return `lore.kernel.org/r/${thread.messageId}`;
  const bare = bareHost(url).replace(/\.$/, '');
  const host = HOST_ALIASES[bare] ?? bare;
  let path = url.pathname.replace(/\/+$/, '');
  const params = [...url.searchParams].filter(([name]) => !TRACKING.test(name) && !SHARING[host]?.test(name));
  if (host === 'youtube.com') {
    const id = bare === 'youtu.be' ? path.slice(1) : /^\/(?:embed|shorts|live)\/([^/]+)/.exec(path)?.[1];
    if (id) {
      path = '/watch';
      params.push(['v', id]);
    }
  }
  params.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  const port = url.port ? `:${url.port}` : '';
  return `${host}${port}${path}${query}`;
}
