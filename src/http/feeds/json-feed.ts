import { Type, type Static } from '@sinclair/typebox';
import type { Feed } from './feed-model.js';

const AuthorSchema = Type.Object({ name: Type.String(), url: Type.Optional(Type.String()) });

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1), as this API writes it: the schema documents /feed.json and types the writer. */
export const JsonFeedSchema = Type.Object(
  {
    version: Type.Literal('https://jsonfeed.org/version/1.1'),
    title: Type.String(),
    home_page_url: Type.String(),
    feed_url: Type.String(),
    description: Type.String(),
    language: Type.String(),
    authors: Type.Array(AuthorSchema),
    next_url: Type.Optional(Type.String()),
    items: Type.Array(
      Type.Object({
        id: Type.String({ description: 'The item permalink.' }),
        url: Type.Optional(Type.String({ description: 'The original: the linked article, talk or patch.' })),
        title: Type.String(),
        content_text: Type.String({ description: 'The item text (empty when `fields` leaves out `summary`: JSON Feed requires a content).' }),
        summary: Type.Optional(Type.String()),
        date_published: Type.String({ format: 'date-time' }),
        authors: Type.Optional(Type.Array(AuthorSchema)),
        tags: Type.Optional(Type.Array(Type.String(), { description: 'Issue, section, projects, kernel versions.' })),
      }),
    ),
  },
  { $id: 'JsonFeed' },
);

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
      content_text: e.summary ?? '',
      ...(e.summary !== null ? { summary: e.summary } : {}),
      date_published: e.date,
      ...(e.authors ? { authors: e.authors.map((name) => ({ name })) } : {}),
      ...(e.categories ? { tags: e.categories.map((c) => c.label) } : {}),
    })),
  };
  return JSON.stringify(body);
}
