import { Type, type Static } from '@sinclair/typebox';
import { FILTER_PARAMETERS } from '../../search/index.js';
import { FEED_FIELDS } from '../feeds/feed-model.js';
import { fieldsParameter } from '../fields.js';
import { MAX_RESULT_WINDOW } from '../paging.js';
import { SearchQuerySchema } from './search.js';

/** At most this many entries a page: feed readers poll, they do not browse. */
export const MAX_FEED_ENTRIES = 50;

export const FeedQuerySchema = Type.Composite(
  [
    Type.Pick(SearchQuerySchema, ['q', ...FILTER_PARAMETERS, 'since']),
    Type.Object({
      limit: Type.Integer({ minimum: 1, maximum: MAX_FEED_ENTRIES, default: MAX_FEED_ENTRIES }),
      offset: Type.Integer({ minimum: 0, maximum: MAX_RESULT_WINDOW, default: 0 }),
      fields: fieldsParameter(FEED_FIELDS, 'id, title and date'),
    }),
  ],
  { additionalProperties: false },
);

export type FeedQuery = Static<typeof FeedQuerySchema>;

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
        content_text: Type.String({ minLength: 1, description: 'The item text; its title when `fields` leaves out `summary` (JSON Feed requires a content).' }),
        summary: Type.Optional(Type.String()),
        date_published: Type.String({ format: 'date-time' }),
        date_modified: Type.String({ format: 'date-time', description: 'When this service first indexed the item.' }),
        authors: Type.Optional(Type.Array(AuthorSchema, { minItems: 1, description: 'The people credited; absent when the item credits no one.' })),
        tags: Type.Optional(Type.Array(Type.String(), { description: 'Issue, section, projects, kernel versions.' })),
      }),
    ),
  },
  { $id: 'JsonFeed' },
);
