import fc from 'fast-check';
import t from 'tap';
import { openapiDocument } from '../../src/http/openapi-document.js';
import { OpenapiCheck } from '../contract/openapi-check.js';
import { appFor, realIndex } from '../http/helpers.js';
import { runs, SEED } from './seed.js';

/**
 * Every endpoint, fed arbitrary query strings and path parameters: the
 * answer is 2xx, 304, 400 or 404, never anything else; every answer, errors
 * included, is one the OpenAPI document declares (status, media type, body);
 * and a request the document forbids is never served (test/contract/openapi-check.ts).
 */
t.comment(`fast-check seed ${SEED} (FC_SEED to change)`);
const index = await realIndex();
const document = await openapiDocument();
const check = new OpenapiCheck(document);

const PARAMS = ['q', 'author', 'project', 'kernel', 'section', 'issue', 'mid', 'from', 'to', 'since', 'sort', 'limit', 'offset', 'facets', 'facetLimit', 'fields', 'name', 'url', 'messageId', 'colour', ''];
const value = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', '0', '-1', '5', '101', '10000', '1e3', 'NaN', 'xdp', 'tail calls', '5.13', '>=5.12', '5.10..5.13', 'banana', '2021-03', '2021-13-45', 'author,project', 'none', 'date', '-date', 'relevance', 'title,url', 'Paul Chaignon', '"', 'author:"x', '🐝', 'https://youtu.be/80OYrzS1dCA', 'http://[::1', 'ftp://x', '<a@b>', 'mid:a@b', '2026-12-01T00:00:00Z', '2021-02-30', '+99:99'),
  fc.integer({ min: -5, max: 20000 }).map(String),
);
const queryString = fc.oneof(
  fc.array(fc.tuple(fc.constantFrom(...PARAMS), value), { maxLength: 6 }).map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')),
  // Raw text after the `?`: broken escapes, bare keys, repeated separators.
  fc.string({ unit: fc.constantFrom('a', 'q', '=', '&', '%', '%2', '%zz', '+', '[', ']', '5', ':', '.', ',', '"'), maxLength: 40 }),
);
const segment = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).map(encodeURIComponent),
  fc.constantFrom('5-the-cost-of-bpf-tail-calls', '5', '0', '-1', '99999999', 'author', 'kernel', 'colour', '%2e%2e', '..', 'x'.repeat(301)),
);

const ENDPOINTS: { template: string; path: (segment: string) => string }[] = [
  { template: '/search', path: () => '/search' },
  { template: '/suggest', path: () => '/suggest' },
  { template: '/issues', path: () => '/issues' },
  { template: '/issues/{number}', path: (s) => `/issues/${s}` },
  { template: '/items', path: () => '/items' },
  { template: '/items/{id}', path: (s) => `/items/${s}` },
  { template: '/items/{id}/page', path: (s) => `/items/${s}/page` },
  { template: '/items/{id}/related', path: (s) => `/items/${s}/related` },
  { template: '/facets', path: () => '/facets' },
  { template: '/facets/{name}', path: (s) => `/facets/${s}` },
  { template: '/feed.json', path: () => '/feed.json' },
  { template: '/feed.atom', path: () => '/feed.atom' },
  { template: '/feed.rss', path: () => '/feed.rss' },
  { template: '/healthz', path: () => '/healthz' },
  { template: '/readyz', path: () => '/readyz' },
  { template: '/opensearch.xml', path: () => '/opensearch.xml' },
];

t.test('any query string and path parameter: 2xx, 304, 400 or 404, and every answer and refusal as the OpenAPI document says', async (t) => {
  const app = await appFor(t, index);
  const seen = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...ENDPOINTS), segment, queryString, fc.integer({ min: 0, max: 5 }).map((n) => n === 0), async (endpoint, param, query, revalidate) => {
      const url = `${endpoint.path(param)}${query ? `?${query}` : ''}`;
      const res = await app.inject({ url, headers: revalidate ? { 'if-none-match': '*' } : {} });
      seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
      if (![200, 304, 400, 404].includes(res.statusCode)) throw new Error(`${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
      // What a validating proxy would say: the answer is one the document declares,
      // whatever the status; a request the document forbids is refused, never served.
      // The URL as the server got it: inject resolves dot segments (`%2e%2e` too), as a browser would.
      const served = res.raw.req.url ?? url;
      const violations = check.responseViolations({ method: 'GET', url: served, status: res.statusCode, contentType: res.headers['content-type'], body: res.body });
      if (violations.length > 0) throw new Error(violations.join('\n'));
      if (res.statusCode >= 400 && typeof res.json().message !== 'string') throw new Error(`${url}: an error without a message: ${res.body}`);
      const refused = check.requestViolations('GET', served);
      if (refused.length > 0 && res.statusCode < 400) throw new Error(`${url} answered ${res.statusCode} although the document forbids it: ${refused.join('; ')}`);
    }),
    runs(5000),
  );
  t.ok((seen.get(200) ?? 0) > 300 && (seen.get(400) ?? 0) > 300 && (seen.get(404) ?? 0) > 30, `answers by status: ${JSON.stringify(Object.fromEntries(seen))}`);
});
