// Written as a client author would, against types generated from the served
// OpenAPI document (./api.js, made by test/contract/generated-client.test.ts);
// only the parameters the README's examples use. Type-checked strictly, then run.
import createClient from 'openapi-fetch';
import type { paths } from './api.js';

export async function callEveryEndpoint(baseUrl: string, adminToken: string) {
  const client = createClient<paths>({ baseUrl });
  const search = await client.GET('/search', { params: { query: { q: 'tail calls' } } });
  const typo = await client.GET('/search', { params: { query: { q: 'libpbf', limit: 3 } } });
  const fielded = await client.GET('/search', { params: { query: { q: 'author:"Andrii Nakryiko" btf', facets: 'kernel,project' } } });
  const filtered = await client.GET('/search', { params: { query: { author: ['KP Singh', 'Andrii Nakryiko'], from: '2021-01', sort: '-date' } } });
  const firstId: string = search.data?.hits[0]?.id ?? 'none';
  const item = await client.GET('/items/{id}', { params: { path: { id: firstId } } });
  const page = await client.GET('/items/{id}/page', { params: { path: { id: firstId } }, parseAs: 'text' });
  const related = await client.GET('/items/{id}/related', { params: { path: { id: firstId }, query: { limit: 5 } } });
  const issues = await client.GET('/issues');
  const issue = await client.GET('/issues/{number}', { params: { path: { number: 5 } } });
  const atom = await client.GET('/feed.atom', { params: { query: { author: ['Paul Chaignon'] } }, parseAs: 'text' });
  const rss = await client.GET('/feed.rss', { params: { query: { kernel: ['5.13'] } }, parseAs: 'text' });
  const jsonFeed = await client.GET('/feed.json', { params: { query: { q: 'af_xdp', fields: 'url,authors' } } });
  const facets = await client.GET('/facets');
  const authors = await client.GET('/facets/{name}', { params: { path: { name: 'author' }, query: { limit: 20 } } });
  const suggest = await client.GET('/suggest', { params: { query: { q: 'tai' } } });
  const health = await client.GET('/healthz');
  const ready = await client.GET('/readyz');
  const reload = await client.POST('/admin/reload', { headers: { authorization: `Bearer ${adminToken}` } });
  const widget = await client.GET('/widget.js', { parseAs: 'text' });
  const demo = await client.GET('/', { parseAs: 'text' });
  return {
    searchTitle: search.data?.hits[0]?.title,
    searchTotal: search.data?.total,
    typoTitles: typo.data?.hits.map((hit) => hit.title) ?? [],
    fieldedKernels: Object.keys(fielded.data?.facets?.kernel ?? {}),
    filteredAuthors: filtered.data?.hits.flatMap((hit) => hit.authors) ?? [],
    itemAuthors: item.data?.authors ?? [],
    itemChildren: item.data?.children.length,
    pageTitle: page.data?.match(/<title>([^<]*)<\/title>/)?.[1],
    relatedReasons: related.data?.related[0]?.reasons,
    issueNumbers: issues.data?.issues.map((one) => one.number) ?? [],
    issueItems: issue.data?.items.length,
    atomEntries: atom.data?.split('<entry>').length,
    rssItems: rss.data?.split('<item>').length,
    jsonFeedUrls: jsonFeed.data?.items.map((entry) => entry.url) ?? [],
    facetNames: Object.keys(facets.data?.facets ?? {}),
    firstAuthor: authors.data?.values[0]?.value,
    suggestion: suggest.data?.suggestions[0]?.text,
    healthy: health.data?.status,
    readiness: ready.data?.status,
    reloaded: reload.data?.status,
    widgetBytes: widget.data?.length,
    demoHasWidget: demo.data?.includes('widget.js'),
  };
}
