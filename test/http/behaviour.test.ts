import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { formatOpenapi, openapiDocument } from '../../src/http/openapi-document.js';
import { DOCS_CSP } from '../../src/http/plugins/openapi.js';
import { appFor, capturedLogger, realIndex } from './helpers.js';

const index = await realIndex();

t.test('CORS is open for GET so widgets on other origins can call', async (t) => {
  const app = await appFor(t, index);
  const res = await app.inject({ url: '/search?q=xdp', headers: { origin: 'https://widget.example' } });
  t.equal(res.headers['access-control-allow-origin'], '*');
  t.match(res.headers['access-control-expose-headers'], /ETag/);
  const preflight = await app.inject({ method: 'OPTIONS', url: '/search', headers: { origin: 'https://widget.example', 'access-control-request-method': 'GET' } });
  t.equal(preflight.statusCode, 204);
  t.match(preflight.headers['access-control-allow-methods'], /GET/);
  // POST is for /mcp (which checks Origin itself) and /admin/reload (a bearer token); nothing deletes or writes.
  t.notMatch(preflight.headers['access-control-allow-methods'], /DELETE|PUT|PATCH/);
});

t.test('CORS can be limited to configured origins', async (t) => {
  const app = await appFor(t, index, { corsOrigins: ['https://allowed.example'] });
  const allowed = await app.inject({ url: '/healthz', headers: { origin: 'https://allowed.example' } });
  t.equal(allowed.headers['access-control-allow-origin'], 'https://allowed.example');
  const other = await app.inject({ url: '/healthz', headers: { origin: 'https://other.example' } });
  t.notOk(other.headers['access-control-allow-origin']);
});

t.test('ETag is stable for the same request over the same index, and If-None-Match gets 304', async (t) => {
  const app = await appFor(t, index, { cacheMaxAge: 120 });
  const first = await app.inject({ url: '/search?q=tail+calls' });
  const again = await app.inject({ url: '/search?q=tail+calls' });
  t.ok(first.headers.etag);
  t.equal(again.headers.etag, first.headers.etag, 'same tag although tookMs may differ');
  t.equal(first.headers['cache-control'], 'public, max-age=120');
  t.ok(first.headers['last-modified']);
  t.not((await app.inject({ url: '/search?q=xdp' })).headers.etag, first.headers.etag, 'another request, another tag');
  const revalidated = await app.inject({ url: '/search?q=tail+calls', headers: { 'if-none-match': String(first.headers.etag) } });
  t.equal(revalidated.statusCode, 304);
  t.equal(revalidated.body, '');
  t.equal(revalidated.headers.etag, first.headers.etag);
  const stale = await app.inject({ url: '/search?q=tail+calls', headers: { 'if-none-match': 'W/"other"' } });
  t.equal(stale.statusCode, 200);
  const item = await app.inject({ url: '/items/5-the-cost-of-bpf-tail-calls' });
  t.equal((await app.inject({ url: '/items/5-the-cost-of-bpf-tail-calls', headers: { 'if-none-match': String(item.headers.etag) } })).statusCode, 304);
});

t.test('a condition never hides an error: If-None-Match: * and If-Modified-Since answer 304 only for what exists and is valid', async (t) => {
  const app = await appFor(t, index);
  const later = new Date(Date.now() + 3600_000).toUTCString();
  for (const headers of [{ 'if-none-match': '*' }, { 'if-modified-since': later }]) {
    const what = JSON.stringify(headers);
    t.equal((await app.inject({ url: '/search?q=xdp', headers })).statusCode, 304, `${what}: an answer that exists`);
    t.equal((await app.inject({ url: '/items/5-the-cost-of-bpf-tail-calls', headers })).statusCode, 304, `${what}: an item that exists`);
    const missing = await app.inject({ url: '/items/5-no-such-item', headers });
    t.equal(missing.statusCode, 404, `${what}: a missing item is still a 404`);
    t.equal(missing.json().parameter, 'id');
    const invalid = await app.inject({ url: '/search?limit=banana', headers });
    t.equal(invalid.statusCode, 400, `${what}: a bad parameter is still a 400`);
    t.equal(invalid.json().parameter, 'limit');
    t.equal((await app.inject({ url: '/issues/42', headers })).statusCode, 404);
  }
  const earlier = new Date(Date.parse(index.builtAt.toUTCString()) - 1000).toUTCString();
  t.equal((await app.inject({ url: '/search?q=xdp', headers: { 'if-modified-since': earlier } })).statusCode, 200, 'changed since: the answer');
  const tag = String((await app.inject({ url: '/search?limit=banana&q=x' })).headers.etag);
  t.equal(tag, 'undefined', 'errors carry no tag to revalidate');
});

t.test('another index (another version of the archive) gives other tags', async (t) => {
  const { buildSearchIndex, loadSynonyms } = await import('../../src/search/index.js');
  const { loadVocabulary } = await import('../../src/ingest/index.js');
  const smaller = buildSearchIndex({ issues: index.issues.slice(1), items: index.items.filter((i) => i.issue.number !== 5), problems: [] }, { vocabulary: loadVocabulary(), synonyms: loadSynonyms() });
  const a = await appFor(t, index);
  const b = await appFor(t, smaller);
  t.not((await a.inject({ url: '/issues' })).headers.etag, (await b.inject({ url: '/issues' })).headers.etag);
});

t.test('one pino line per request, with request id, status and timing', async (t) => {
  const { logger, lines } = capturedLogger();
  const app = await appFor(t, index, { logger });
  await app.inject({ url: '/search?q=xdp', headers: { 'x-request-id': 'abc-123' } });
  await app.inject({ url: '/search?limit=0' });
  const completed = lines.filter((l) => l['msg'] === 'request completed');
  t.equal(completed.length, 2, 'one line each');
  t.equal(lines.length, 2, 'and nothing else');
  t.match(completed[0], { level: 30, reqId: 'abc-123', req: { method: 'GET', url: '/search?q=xdp' }, res: { statusCode: 200 } });
  t.type(completed[0]?.['responseTime'], 'number');
  t.match(completed[1], { res: { statusCode: 400 } });
});

t.test('a route that throws gets an opaque 500 with the request id, and the error is logged', async (t) => {
  const { logger, lines } = capturedLogger();
  const app = await appFor(t, index, { logger });
  app.get('/boom', async () => {
    throw new Error('secret internals');
  });
  const res = await app.inject({ url: '/boom' });
  t.equal(res.statusCode, 500);
  const body = res.json();
  t.match(body, { statusCode: 500, error: 'Internal Server Error', message: /^internal error; quote request id / });
  t.notMatch(res.body, /secret internals/);
  const logged = lines.find((l) => l['msg'] === 'request failed');
  t.match(logged, { level: 50, reqId: body.requestId, err: { message: 'secret internals' } });
});

t.test('the OpenAPI document is generated from the route schemas and openapi/openapi.json is current', async (t) => {
  const app = await appFor(t, index);
  const served = (await app.inject({ url: '/openapi.json' })).json();
  const generated = await openapiDocument();
  t.same(served, generated, 'the served document is the generated one');
  const file = fileURLToPath(new URL('../../openapi/openapi.json', import.meta.url));
  t.equal(readFileSync(file, 'utf8'), formatOpenapi(generated), 'openapi/openapi.json is stale: run npm run openapi');
  t.same(Object.keys(generated['paths'] as object).sort(), ['/', '/admin/reload', '/facets', '/facets/{name}', '/feed.atom', '/feed.json', '/feed.rss', '/healthz', '/issues', '/issues/{number}', '/items', '/items/{id}', '/items/{id}/page', '/items/{id}/related', '/mcp', '/opensearch.xml', '/readyz', '/search', '/suggest', '/widget.js']);
  const paths = generated['paths'] as Record<string, Record<string, { tags?: string[]; responses: Record<string, unknown> }>>;
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      t.ok(operation.tags && operation.tags.length > 0, `${method} ${path} has tags`);
      t.ok(operation.responses['200'], `${method} ${path} declares its 200`);
    }
  }
  t.ok((generated['components'] as { schemas: Record<string, unknown> }).schemas['Hit'], 'shared schemas are components');
  const docs = await app.inject({ url: '/docs/' });
  t.equal(docs.statusCode, 200);
  t.match(docs.body, /swagger/i);
});

t.test('SECURITY.md states the very policy /docs is sent with', async (t) => {
  const app = await appFor(t, index);
  const sent = (await app.inject({ url: '/docs/' })).headers['content-security-policy'];
  t.equal(sent, DOCS_CSP);
  t.ok(readFileSync(new URL('../../SECURITY.md', import.meta.url), 'utf8').includes(`\n${DOCS_CSP}\n`), 'quoted whole in SECURITY.md');
});
