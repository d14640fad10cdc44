import { Type, type Static } from '@sinclair/typebox';

/**
 * Shared schemas, each with an `$id`: registered once with `addSchema`,
 * referenced by routes with `Type.Ref`, and emitted by @fastify/swagger as
 * OpenAPI components. The TypeScript types below come from the same objects.
 */

export const ErrorSchema = Type.Object(
  {
    statusCode: Type.Integer({ examples: [400] }),
    error: Type.String({ examples: ['Bad Request'] }),
    message: Type.String({ examples: ['invalid kernel "banana" in parameter "kernel": expected a version like 5.13, >=5.12 or 5.10..5.13'] }),
    parameter: Type.Optional(Type.String({ description: 'The query or path parameter at fault.' })),
    token: Type.Optional(Type.String({ description: 'The token of `q` at fault.' })),
    requestId: Type.Optional(Type.String({ description: 'Quote it when reporting a server error.' })),
  },
  { $id: 'Error', description: 'Every error: 4xx say what was wrong, 5xx only give the request id.' },
);

export const IssueRefSchema = Type.Object(
  {
    number: Type.Integer({ minimum: 1 }),
    title: Type.String(),
    date: Type.String({ description: 'YYYY-MM-DD' }),
    url: Type.String({ description: 'The issue on ebpf.io.' }),
  },
  { $id: 'IssueRef' },
);

export const LinkSchema = Type.Object({ text: Type.String(), url: Type.String() }, { $id: 'Link' });

const itemCore = {
  id: Type.String({ description: 'Stable, URL-safe id: `<issue>-<title slug>`.', examples: ['5-the-cost-of-bpf-tail-calls'] }),
  kind: Type.Union([Type.Literal('entry'), Type.Literal('prose')], { description: '`entry`: a bullet of a list; `prose`: the text of a section, titled by its heading.' }),
  title: Type.String(),
  url: Type.Union([Type.String(), Type.Null()], { description: 'The primary link: the opening link, the kernel patch, or (prose) the section on ebpf.io.' }),
  permalink: Type.String({ description: 'This item in this API: `/items/{id}`, absolute.' }),
  issue: Type.Ref(IssueRefSchema),
  sectionPath: Type.Array(Type.String(), { description: 'Headings from `##` down.' }),
  sectionUrl: Type.String(),
  authors: Type.Array(Type.String()),
  projects: Type.Array(Type.String()),
  kernelVersions: Type.Array(Type.String(), { description: 'Kernel versions such as "5.13", numerically sorted.' }),
  date: Type.Union([Type.String(), Type.Null()], { description: 'The date comment before the item, as written when partial (`2021-03`); the start of a range.' }),
};

export const ItemSchema = Type.Object(
  {
    ...itemCore,
    dateText: Type.Union([Type.String(), Type.Null()], { description: 'The date comment as written, e.g. `2021-02-18/20`.' }),
    parent: Type.Union([Type.String(), Type.Null()], { description: 'Id of the enclosing entry (a conference for its talks).' }),
    children: Type.Array(Type.String(), { description: 'Ids of nested entries.' }),
    text: Type.String(),
    intro: Type.Union([Type.String(), Type.Null()], { description: 'The paragraph leading into the list this entry belongs to (what the talks of one conference share), searchable with it.' }),
    markdown: Type.String(),
    links: Type.Array(Type.Ref(LinkSchema)),
    order: Type.Integer({ description: 'Position within the issue, in reading order.' }),
  },
  { $id: 'Item', description: 'One item of the archive, whole. This is the permalink resource.' },
);

export const ItemSummarySchema = Type.Object(
  {
    ...itemCore,
    parent: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'ItemSummary' },
);

export const AppearanceSchema = Type.Object(
  {
    id: Type.String(),
    issue: Type.Ref(IssueRefSchema),
    sectionPath: Type.Array(Type.String()),
    sectionUrl: Type.String(),
    permalink: Type.String(),
  },
  { $id: 'Appearance', description: 'One item featuring a link.' },
);

const hitFields = {
  ...itemCore,
  seenIn: Type.Optional(
    Type.Array(Type.Ref(AppearanceSchema), { description: 'When several issues featured this link: every appearance, this one included, newest first. The link is one hit; `total` counts it once.' }),
  ),
  snippet: Type.String({ description: 'HTML: a window of the text, escaped, matched words in `<mark>`.' }),
  highlight: Type.Object({ title: Type.String({ description: 'HTML: the title, escaped, matched words in `<mark>`.' }) }),
  score: Type.Number({ description: 'Relevance (BM25 with field boosts); 0 when browsing without text.' }),
};

export const HitSchema = Type.Object(hitFields, { $id: 'Hit' });

/** The fields a search may be narrowed to with `fields=`; `id` always comes. */
export const HIT_FIELDS = Object.keys(hitFields) as (keyof typeof hitFields)[];

export const PartialHitSchema = Type.Composite([Type.Pick(Type.Object(hitFields), ['id']), Type.Partial(Type.Omit(Type.Object(hitFields), ['id']))], {
  $id: 'PartialHit',
  description: 'A hit narrowed by `fields=`: `id` and the fields asked for.',
});

export const RelatedReasonsSchema = Type.Object(
  {
    sharedTerms: Type.Optional(Type.Array(Type.String(), { description: 'Salient terms of the item (frequent in it, rare in the archive) that this one holds too.' })),
    sharedProjects: Type.Optional(Type.Array(Type.String())),
    sharedAuthors: Type.Optional(Type.Array(Type.String())),
    sharedKernelVersions: Type.Optional(Type.Array(Type.String())),
  },
  { $id: 'RelatedReasons', description: 'What the two items share; only the kinds that apply are present.' },
);

export const RelatedHitSchema = Type.Object(
  {
    ...itemCore,
    parent: Type.Union([Type.String(), Type.Null()]),
    score: Type.Number({ description: 'How related: shared salient terms and the rarity of shared tags.' }),
    reasons: Type.Ref(RelatedReasonsSchema),
  },
  { $id: 'RelatedHit' },
);

export const FacetCountSchema = Type.Object({ value: Type.String(), count: Type.Integer({ minimum: 1 }) }, { $id: 'FacetCount' });

export const FacetNameSchema = Type.Unsafe<'author' | 'project' | 'kernel' | 'section' | 'issue' | 'year'>({
  $id: 'FacetName',
  type: 'string',
  enum: ['author', 'project', 'kernel', 'section', 'issue', 'year'],
  description: '`section` is the deepest heading of an item; `year` comes from its date.',
});

export const SortSchema = Type.Unsafe<'relevance' | 'date' | '-date'>({
  type: 'string',
  enum: ['relevance', 'date', '-date'],
  description: 'Default: relevance with text, newest first (`-date`) without.',
});

export const FacetsSchema = Type.Object(
  {
    author: Type.Optional(Type.Array(Type.Ref(FacetCountSchema))),
    project: Type.Optional(Type.Array(Type.Ref(FacetCountSchema))),
    kernel: Type.Optional(Type.Array(Type.Ref(FacetCountSchema))),
    section: Type.Optional(Type.Array(Type.Ref(FacetCountSchema))),
    issue: Type.Optional(Type.Array(Type.Ref(FacetCountSchema))),
    year: Type.Optional(Type.Array(Type.Ref(FacetCountSchema))),
  },
  { $id: 'Facets', description: 'Per facet, its values with their counts over every matching item, most frequent first.' },
);

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
  revision: Type.Union([Type.String(), Type.Null()], { description: 'Git commit of the archive when it is a git checkout (the synced one), else null.' }),
};

export const SHARED_SCHEMAS = [
  ErrorSchema,
  IssueRefSchema,
  LinkSchema,
  AppearanceSchema,
  ItemSchema,
  ItemSummarySchema,
  HitSchema,
  PartialHitSchema,
  RelatedReasonsSchema,
  RelatedHitSchema,
  FacetCountSchema,
  FacetNameSchema,
  FacetsSchema,
  IssueSummarySchema,
];

export type ErrorBody = Static<typeof ErrorSchema>;
export type ItemBody = Static<typeof ItemSchema>;
export type ItemSummaryBody = Static<typeof ItemSummarySchema>;
export type HitBody = Static<typeof HitSchema>;
export type PartialHitBody = Static<typeof PartialHitSchema>;
export type RelatedHitBody = Static<typeof RelatedHitSchema>;
export type IssueSummaryBody = Static<typeof IssueSummarySchema>;
export type FacetsBody = Static<typeof FacetsSchema>;
