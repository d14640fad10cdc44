import { Type } from '@sinclair/typebox';
import { fieldSpec } from '../../search/index.js';
import { ItemSummarySchema } from './items.js';
import { pageFields } from './paging.js';

/** GET /items: the items featuring one link, or naming one kernel mail. */
export const LookupQuerySchema = Type.Object(
  {
    url: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 2048,
        description:
          'An http(s) link, matched in canonical form: scheme, `www.`, default port, trailing slash, fragment, `utm_*` and other tracking parameters do not count, and `youtu.be/ID` is `youtube.com/watch?v=ID`.',
      }),
    ),
    messageId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: `${fieldSpec('mid').description} The same as \`q=mid:<id>\`.` })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
);

export const LookupResponseSchema = Type.Object(
  {
    query: Type.Object({
      url: Type.Optional(Type.String({ description: 'The link in the canonical form it was matched on.' })),
      messageId: Type.Optional(Type.String({ description: 'The Message-ID, without `<>`.' })),
    }),
    ...pageFields('Items featuring the link (or naming the mail), in every issue.'),
    items: Type.Array(Type.Ref(ItemSummarySchema), { description: 'Every appearance, newest issue first, in reading order within one: its issue, section and permalink. Empty when the archive never featured it.' }),
  },
  { $id: 'Lookup' },
);
