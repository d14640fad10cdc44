import { Type, type TSchema } from '@sinclair/typebox';
import { FACET_NAMES, FILTER_PARAMETERS, QUERY_FILTER_EXAMPLES, unmarked } from '../../search/index.js';
import {
  FacetParamsSchema,
  FacetValuesQuerySchema,
  FacetValuesSchema,
  HitSchema,
  IssueDetailSchema,
  IssueListQuerySchema,
  IssueListSchema,
  IssueParamsSchema,
  ItemParamsSchema,
  ItemSchema,
  LookupQuerySchema,
  LookupResponseSchema,
  RelatedQuerySchema,
  RelatedResponseSchema,
  SearchQuerySchema,
  SortSchema,
  type ItemBody,
} from '../schemas/index.js';
import { plainSchema } from './plain-schema.js';

/** A REST answer as a tool sees it: the status and the parsed JSON body. */
export interface RestAnswer {
  status: number;
  body: unknown;
}

/** Sends one GET to this very API (app.inject): every tool is a REST request, validated and answered as the REST route does. */
export type RestCall = (url: string) => Promise<RestAnswer>;

type Args = Record<string, unknown>;
type Body = Record<string, unknown>;

export interface Tool {
  name: string;
  title: string;
  description: string;
  /** JSON Schema of the arguments: the REST route's path and query parameters, from the same TypeBox declarations. */
  inputSchema: Record<string, unknown>;
  /** JSON Schema of the structured content: the REST route's answer (for search, the agent's narrower hit). */
  outputSchema: Record<string, unknown>;
  /** The REST URL these arguments stand for, or what is wrong with a path argument. */
  url(args: Args): string | { invalid: string };
  /** The structured content, from the REST body. */
  structured(body: Body): Body;
  /** The short text rendering that goes with it. */
  text(structured: Body): string;
}

/** Arguments as a query string: arrays repeat the parameter, as REST clients send them; path arguments left out. */
function query(args: Args, path: readonly string[] = [], extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(args)) {
    if (path.includes(name) || value === undefined || value === null) continue;
    for (const one of Array.isArray(value) ? value : [value]) params.append(name, typeof one === 'object' ? JSON.stringify(one) : String(one));
  }
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A route with one path parameter: the path from `name` (encoded), the other arguments as the query; or what is wrong with it. */
const withPath =
  (name: string, path: (value: string) => string) =>
  (args: Args): string | { invalid: string } => {
    const value = args[name];
    if (value === undefined || value === null || value === '') return { invalid: `missing argument "${name}"` };
    // A path holds one value: a list or an object there would be a different request than the one asked.
    if (typeof value !== 'string' && typeof value !== 'number') return { invalid: `invalid argument "${name}": must be a string` };
    // `.` and `..` would be resolved away as dot segments (even encoded: URLs are parsed as browsers do), reaching another route.
    if (value === '.' || value === '..') return { invalid: `invalid argument "${name}": ${JSON.stringify(value)} names nothing` };
    return `${path(encodeURIComponent(String(value)))}${query(args, [name])}`;
  };

const input = (...schemas: TSchema[]) =>
  plainSchema(Type.Composite(schemas as [TSchema, ...TSchema[]], { additionalProperties: false }), { optionalDefaults: true });

/** The fields of a hit an agent gets: no HTML, no ranking internals. */
const AGENT_HIT_FIELDS = ['id', 'title', 'url', 'permalink', 'issue', 'sectionPath', 'authors', 'projects', 'kernelVersions', 'date', 'messageId', 'loreUrl', 'firstSeen'] as const;

const AgentHitSchema = Type.Composite([
  Type.Pick(HitSchema, [...AGENT_HIT_FIELDS]),
  Type.Object({ snippet: Type.String({ description: 'Plain text: a window of the item text around the matched words.' }) }),
]);

const SearchOutputSchema = Type.Object({
  query: Type.Object({ q: Type.String({ description: 'The query as understood.' }), sort: SortSchema }),
  total: Type.Integer({ description: 'Matching items, whatever the page.' }),
  offset: Type.Integer(),
  limit: Type.Integer(),
  relaxed: Type.Boolean({ description: 'True when too few items matched every word and items matching most words were added.' }),
  hits: Type.Array(AgentHitSchema),
});

type Summary = { title: string; url: string | null; permalink: string; issue: { number: number }; sectionPath: string[]; authors: string[]; date: string | null };

/** One line per item: title, where it appeared, credits, its links. */
function line(item: Summary, n: number): string {
  const credits = item.authors.length > 0 ? ` — ${item.authors.join(', ')}` : '';
  const when = item.date ? `, ${item.date}` : '';
  return `${n}. ${item.title} (#${item.issue.number}, ${item.sectionPath.join(' › ')}${when})${credits}\n   ${item.url ?? item.permalink}${item.url ? `\n   permalink: ${item.permalink}` : ''}`;
}

const list = (items: Summary[], offset = 0) => items.map((item, i) => line(item, offset + i + 1)).join('\n');
const page = (body: Body, noun: string) => `${body['total']} ${noun}${body['total'] === 1 ? '' : 's'}${Number(body['offset']) > 0 ? `, from ${Number(body['offset']) + 1}` : ''}`;

/** The tools, each one REST route (README, "For bots and agents"). */
export const TOOLS: readonly Tool[] = [
  {
    name: 'search_archive',
    title: 'Search the eBPF Updates archive',
    description:
      `Full-text search over every item of the eBPF Updates newsletter (articles, talks, kernel patches, releases), typo-tolerant, ranked by relevance. \`q\` takes words, "quoted phrases", -exclusions and fielded filters (${QUERY_FILTER_EXAMPLES}); the filter arguments do the same. \`since\` returns only what the archive gained after a time (pass the largest firstSeen you saw).`,
    inputSchema: input(Type.Pick(SearchQuerySchema, ['q', ...FILTER_PARAMETERS, 'since', 'sort', 'limit', 'offset'])),
    outputSchema: plainSchema(SearchOutputSchema),
    url: (args) => `/search${query(args, [], { fields: [...AGENT_HIT_FIELDS, 'snippet'].join(',') })}`,
    structured: (body) => ({
      query: body['query'],
      total: body['total'],
      offset: body['offset'],
      limit: body['limit'],
      relaxed: body['relaxed'],
      hits: (body['hits'] as Body[]).map((hit) => ({ ...hit, snippet: unmarked(String(hit['snippet'] ?? '')) })),
    }),
    text: (s) => {
      const hits = s['hits'] as (Summary & { snippet: string })[];
      const head = `${page(s, 'item')} for ${JSON.stringify((s['query'] as Body)['q'])}${s['relaxed'] ? ' (not every word matched)' : ''}`;
      return [head, ...hits.map((hit, i) => `${line(hit, Number(s['offset']) + i + 1)}\n   ${hit.snippet}`)].join('\n');
    },
  },
  {
    name: 'get_item',
    title: 'One item of the archive',
    description: 'One item by id (from search_archive or any list): its text and markdown as written, every link, credits, tags, and its kernel thread (messageId, loreUrl) when it has one.',
    inputSchema: input(ItemParamsSchema),
    outputSchema: plainSchema(ItemSchema),
    url: withPath('id', (id) => `/items/${id}`),
    structured: (body) => body,
    text: (s) => {
      const item = s as unknown as ItemBody;
      return `${line(item, 1).replace(/^1\. /, '')}\n\n${item.markdown}`;
    },
  },
  {
    name: 'related_items',
    title: 'Items like this one',
    description: 'The items most like one item (shared salient terms, projects, authors, kernel versions), each with the reasons.',
    inputSchema: input(ItemParamsSchema, RelatedQuerySchema),
    outputSchema: plainSchema(RelatedResponseSchema),
    url: withPath('id', (id) => `/items/${id}/related`),
    structured: (body) => body,
    text: (s) => `${page(s, 'related item')} to ${(s['item'] as Body)['title']}\n${list(s['related'] as Summary[], Number(s['offset']))}`,
  },
  {
    name: 'list_issues',
    title: 'The newsletter issues',
    description: 'Every issue of eBPF Updates, newest first, with its lede and item count; `newest` names the latest.',
    inputSchema: input(IssueListQuerySchema),
    outputSchema: plainSchema(IssueListSchema),
    url: (args) => `/issues${query(args)}`,
    structured: (body) => body,
    text: (s) => `${page(s, 'issue')}\n${(s['issues'] as Body[]).map((i) => `#${i['number']} ${i['title']} (${i['date']}, ${i['itemCount']} items) ${i['url']}`).join('\n')}`,
  },
  {
    name: 'get_issue',
    title: 'One issue with its items',
    description: 'One issue by number: its lede and every item in reading order.',
    inputSchema: input(IssueParamsSchema),
    outputSchema: plainSchema(IssueDetailSchema),
    url: withPath('number', (number) => `/issues/${number}`),
    structured: (body) => body,
    text: (s) => `#${s['number']} ${s['title']} (${s['date']}) ${s['url']}\n${s['lede']}\n\n${list(s['items'] as Summary[])}`,
  },
  {
    name: 'list_facet_values',
    title: 'Values to filter by',
    description: `Every value of one facet (${FACET_NAMES.join(', ')}) with its item count, most frequent first: the exact names the filters take.`,
    inputSchema: input(FacetParamsSchema, FacetValuesQuerySchema),
    outputSchema: plainSchema(FacetValuesSchema),
    url: withPath('name', (name) => `/facets/${name}`),
    structured: (body) => body,
    text: (s) => `${page(s, `${s['name']} value`)}\n${(s['values'] as Body[]).map((v) => `${v['value']} (${v['count']})`).join('\n')}`,
  },
  {
    name: 'lookup_link',
    title: 'Where the archive featured a link, or a kernel mail',
    description:
      'Every appearance of a link in the archive (which issues featured it, in which sections, with permalinks), however it is spelt (tracking parameters, www., youtu.be...); or, with messageId, the items about a kernel mail (lore.kernel.org, patchwork). Give exactly one of url and messageId. No match is an empty list, not an error.',
    inputSchema: input(LookupQuerySchema),
    outputSchema: plainSchema(LookupResponseSchema),
    url: (args) => `/items${query(args)}`,
    structured: (body) => body,
    text: (s) => {
      const asked = s['query'] as Body;
      const what = asked['url'] ?? `<${asked['messageId']}>`;
      const items = s['items'] as Summary[];
      return items.length === 0 ? `The archive never featured ${what}.` : `${page(s, 'appearance')} of ${what}\n${list(items, Number(s['offset']))}`;
    },
  },
];
