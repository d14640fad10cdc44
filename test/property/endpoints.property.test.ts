import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import fc from 'fast-check';
import t from 'tap';
import { openapiDocument } from '../../src/http/openapi-document.js';
import { appFor, realIndex } from '../http/helpers.js';
import { runs, SEED } from './seed.js';

/**
 * Every endpoint, fed arbitrary query strings and path parameters: the
 * answer is 2xx, 304, 400 or 404, never anything else, and every 2xx JSON
 * body validates against that route's response schema in the OpenAPI document.
 */
t.comment(`fast-check seed ${SEED} (FC_SEED to change)`);
const index = await realIndex();
const document = await openapiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: false });
(formats as unknown as { default: (a: Ajv2020) => Ajv2020 }).default(ajv);
ajv.addSchema({ ...document, $id: 'https://archive.example/openapi.json' });

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
const validators = new Map<string, ReturnType<typeof ajv.compile>>();
function validatorFor(template: string, type: string) {
  const key = `${template} ${type}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile({ $ref: `https://archive.example/openapi.json#/${pointer('paths', template, 'get', 'responses', '200', 'content', type, 'schema')}` });
    validators.set(key, validate);
  }
  return validate;
}

const PARAMS = ['q', 'author', 'project', 'kernel', 'section', 'issue', 'from', 'to', 'sort', 'limit', 'offset', 'facets', 'facetLimit', 'fields', 'name', 'colour', ''];
const value = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', '0', '-1', '5', '101', '10000', '1e3', 'NaN', 'xdp', 'tail calls', '5.13', '>=5.12', '5.10..5.13', 'banana', '2021-03', '2021-13-45', 'author,project', 'none', 'date', '-date', 'relevance', 'title,url', 'Paul Chaignon', '"', 'author:"x', '🐝'),
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
  { template: '/items/{id}', path: (s) => `/items/${s}` },
  { template: '/items/{id}/related', path: (s) => `/items/${s}/related` },
  { template: '/facets', path: () => '/facets' },
  { template: '/facets/{name}', path: (s) => `/facets/${s}` },
  { template: '/feed.json', path: () => '/feed.json' },
  { template: '/feed.atom', path: () => '/feed.atom' },
  { template: '/feed.rss', path: () => '/feed.rss' },
  { template: '/healthz', path: () => '/healthz' },
  { template: '/readyz', path: () => '/readyz' },
];

t.test('any query string and path parameter: 2xx, 304, 400 or 404, and 2xx bodies match the OpenAPI document', async (t) => {
  const app = await appFor(t, index);
  const seen = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...ENDPOINTS), segment, queryString, fc.integer({ min: 0, max: 5 }).map((n) => n === 0), async (endpoint, param, query, revalidate) => {
      const url = `${endpoint.path(param)}${query ? `?${query}` : ''}`;
      const res = await app.inject({ url, headers: revalidate ? { 'if-none-match': '*' } : {} });
      seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
      if (![200, 304, 400, 404].includes(res.statusCode)) throw new Error(`${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
      if (res.statusCode >= 400) {
        const body = res.json();
        if (typeof body.message !== 'string' || body.statusCode !== res.statusCode) throw new Error(`${url}: an error without a message: ${res.body}`);
        return;
      }
      if (res.statusCode !== 200) return;
      const type = String(res.headers['content-type']).split(';')[0]!;
      if (!type.includes('json')) return;
      const validate = validatorFor(endpoint.template, type);
      if (!validate(res.json())) throw new Error(`${url}: the body does not match the OpenAPI schema: ${ajv.errorsText(validate.errors)}`);
    }),
    runs(5000),
  );
  t.ok((seen.get(200) ?? 0) > 300 && (seen.get(400) ?? 0) > 300 && (seen.get(404) ?? 0) > 30, `answers by status: ${JSON.stringify(Object.fromEntries(seen))}`);
});
