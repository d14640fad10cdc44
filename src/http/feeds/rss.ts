import type { Feed } from './feed-model.js';
import { element as el } from './xml.js';

const rfc822 = (iso: string) => new Date(iso).toUTCString();

/**
 * RSS 2.0. Credits go in `dc:creator` (RSS's own `author` must be an email
 * address); paging and the self link use `atom:link`, as feed validators expect.
 */
export function rss(feed: Feed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    el('title', {}, feed.title),
    el('link', {}, feed.home),
    el('description', {}, feed.description),
    el('language', {}, 'en'),
    el('lastBuildDate', {}, rfc822(feed.updated)),
    el('generator', {}, 'ebpf-updates-archive'),
    el('atom:link', { rel: 'self', type: 'application/rss+xml', href: feed.self }),
    ...(feed.next ? [el('atom:link', { rel: 'next', type: 'application/rss+xml', href: feed.next })] : []),
    ...(feed.prev ? [el('atom:link', { rel: 'previous', type: 'application/rss+xml', href: feed.prev })] : []),
  ];
  for (const e of feed.entries) {
    lines.push(
      '<item>',
      el('title', {}, e.title),
      ...(e.link ? [el('link', {}, e.link)] : []),
      el('guid', { isPermaLink: 'true' }, e.id),
      el('pubDate', {}, rfc822(e.date)),
      ...(e.authors ?? []).map((name) => el('dc:creator', {}, name)),
      ...(e.categories ?? []).map((c) => el('category', { domain: c.scheme }, c.label)),
      ...(e.summary !== null ? [el('description', {}, e.summary)] : []),
      '</item>',
    );
  }
  lines.push('</channel>', '</rss>', '');
  return lines.join('\n');
}
