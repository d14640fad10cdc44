import { Type, type Static } from '@sinclair/typebox';
import { ItemSummarySchema } from './items.js';
import { pagingQuery } from '../paging.js';
import { pageFields } from './paging.js';

export const IssueSummarySchema = Type.Object(
  {
    number: Type.Integer({ minimum: 1 }),
    title: Type.String(),
    date: Type.String(),
    url: Type.String(),
    lede: Type.String(),
    itemCount: Type.Integer(),
    layout: Type.Union([Type.Literal('current'), Type.Literal('legacy')]),
  },
  { $id: 'IssueSummary' },
);

/** When the served index was built, and from which revision of the archive. */
export const LoadedSchema = {
  loadedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When the index being served was built (null while loading).' }),
  revision: Type.Union([Type.String(), Type.Null()], { description: 'The last git commit that touched the archive folder; null when the folder is not in git.' }),
};

export const IssueListSchema = Type.Object(
  {
    ...pageFields('Issues in the archive.'),
    ...LoadedSchema,
    newest: Type.Union([Type.Ref(IssueSummarySchema), Type.Null()], { description: 'The newest issue (the highest number), whatever the page; null for an empty archive.' }),
    issues: Type.Array(Type.Ref(IssueSummarySchema)),
  },
  { $id: 'IssueList' },
);

export const IssueDetailSchema = Type.Composite([IssueSummarySchema, Type.Object({ items: Type.Array(Type.Ref(ItemSummarySchema)) })], {
  $id: 'IssueDetail',
  description: 'An issue with its lede and its items in reading order.',
});

export const IssueListQuerySchema = pagingQuery({ defaultLimit: 100, maxLimit: 1000, maxOffset: 1_000_000 });

export const IssueParamsSchema = Type.Object({ number: Type.Integer({ minimum: 1, maximum: 9999999, description: 'The issue number, e.g. `5`.' }) });

export type IssueSummaryBody = Static<typeof IssueSummarySchema>;
