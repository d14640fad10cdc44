import { Type, type Static } from '@sinclair/typebox';
import { pagingQuery } from '../paging.js';
import { pageFields } from './paging.js';

/** Items and what points at them: the permalink resource, its summaries in lists, search hits, related items. */
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
  messageId: Type.Union([Type.String(), Type.Null()], { description: 'The Message-ID (no `<>`) of the kernel mail the item links on lore.kernel.org or patchwork; null when none.' }),
  loreUrl: Type.Union([Type.String(), Type.Null()], { description: "That mail on lore.kernel.org, in lore's canonical form." }),
  firstSeen: Type.String({ format: 'date-time', description: 'When this service first indexed the item (kept across restarts); the cursor of `since`.' }),
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

/** Related items are a ranked list, paged like the rest, to this depth. */
export const MAX_RELATED = 100;

/** The path of an item's resources: /items/{id}, /items/{id}/page, /items/{id}/related. */
export const ItemParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200, description: 'The item id, e.g. `5-the-cost-of-bpf-tail-calls`.' }) });

export const RelatedQuerySchema = pagingQuery({ defaultLimit: 10, maxLimit: 50, maxOffset: MAX_RELATED - 1 });

export const RelatedResponseSchema = Type.Object(
  {
    item: Type.Ref(ItemSummarySchema),
    ...pageFields(`Items sharing anything with this one (ranked up to ${MAX_RELATED}).`),
    related: Type.Array(Type.Ref(RelatedHitSchema)),
  },
  { $id: 'Related' },
);

export type ItemBody = Static<typeof ItemSchema>;
export type ItemSummaryBody = Static<typeof ItemSummarySchema>;
export type HitBody = Static<typeof HitSchema>;
export type PartialHitBody = Static<typeof PartialHitSchema>;
export type RelatedHitBody = Static<typeof RelatedHitSchema>;
