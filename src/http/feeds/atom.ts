import type { Feed } from './feed-model.js';
import { element as el } from './xml.js';

/** Atom 1.0 (RFC 4287), paged with next/prev links (RFC 5005). */
export function atom(feed: Feed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    el('id', {}, feed.id),
    el('title', { type: 'text' }, feed.title),
    el('subtitle', { type: 'text' }, feed.description),
    el('updated', {}, feed.updated),
    // Not every entry credits someone, so the feed names its author (RFC 4287 4.1.1).
    `<author>${el('name', {}, 'eBPF Updates')}${el('uri', {}, 'https://ebpf.io/blog')}</author>`,
    el('link', { rel: 'self', type: 'application/atom+xml', href: feed.self }),
    el('link', { rel: 'alternate', type: 'text/html', href: feed.home }),
    ...(feed.next ? [el('link', { rel: 'next', type: 'application/atom+xml', href: feed.next })] : []),
    ...(feed.prev ? [el('link', { rel: 'previous', type: 'application/atom+xml', href: feed.prev })] : []),
    el('generator', { uri: feed.home }, 'ebpf-updates-archive'),
  ];
  for (const e of feed.entries) {
    lines.push(
      '<entry>',
      el('id', {}, e.id),
      el('title', { type: 'text' }, e.title),
      el('updated', {}, e.updated),
      el('published', {}, e.date),
      ...(e.link ? [el('link', { rel: 'alternate', href: e.link })] : []),
      ...(e.authors ?? []).map((name) => `<author>${el('name', {}, name)}</author>`),
      ...(e.categories ?? []).map((c) => el('category', { term: c.term, scheme: c.scheme, label: c.label })),
      ...(e.summary !== null ? [el('summary', { type: 'text' }, e.summary)] : []),
      '</entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
