import type { Static } from '@sinclair/typebox';
import type { Feed } from './feed-model.js';
import { JsonFeedSchema } from '../schemas/index.js';



export function jsonFeed(feed: Feed): string {
  const body: Static<typeof JsonFeedSchema> = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.home,
    feed_url: feed.self,
    description: feed.description,
    language: 'en',
    authors: [{ name: 'eBPF Updates', url: 'https://ebpf.io/blog' }],
    ...(feed.next ? { next_url: feed.next } : {}),
    items: feed.entries.map((e) => ({
      id: e.id,
      ...(e.link ? { url: e.link } : {}),
      title: e.title,
      // JSON Feed requires a content; without the summary, the title is the entry's whole text.
      content_text: e.summary || e.title,
      ...(e.summary !== null ? { summary: e.summary } : {}),
      date_published: e.date,
      date_modified: e.updated,
      // One author or more, or none at all (the spec's rule): an uncredited item leaves it out.
      ...(e.authors && e.authors.length > 0 ? { authors: e.authors.map((name) => ({ name })) } : {}),
      ...(e.categories ? { tags: e.categories.map((c) => c.label) } : {}),
    })),
  };
  return JSON.stringify(body);
}
