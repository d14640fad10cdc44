import t from 'tap';
import { MAX_URL_LENGTH } from '../../src/http/plugins/protection.js';
import { appFor, realIndex } from './helpers.js';

const index = await realIndex();
const ADMIN_TOKEN = 'protection-test-token-0123456789';

t.test('every limit answers with its status and says what was exceeded', async (t) => {
  const app = await appFor(t, index, { adminToken: ADMIN_TOKEN, reload: async () => Promise.reject(new Error('not here')) });
  const get = async (url: string) => {
    const res = await app.inject({ url });
    return { status: res.statusCode, body: res.headers['content-type']?.toString().startsWith('application/json') ? res.json() : res.body };
  };
  t.match(await get(`/search?q=${'a'.repeat(513)}`), { status: 400, body: { parameter: 'q', message: /512/ } }, 'q length');
  const words17 = Array.from({ length: 17 }, (_, i) => `word${i}`).join('+');
  t.match(await get(`/search?q=${words17}`), { status: 400, body: { parameter: 'q', message: 'q has 17 words; at most 16 are searched at once' } });
  // Stop words are never searched, so they do not count: a long question is answered, not refused.
  const question = 'why does the verifier reject my xdp program when a pointer goes past the end of the packet in the kernel';
  t.equal((await get(`/search?q=${encodeURIComponent(question)}`)).status, 200, 'a 21-word question of 8 searched words');
  const stopWords17 = Array.from({ length: 17 }, (_, i) => ['the', 'of', 'in'][i % 3]).join('+');
  t.match(await get(`/search?q=${stopWords17}`), { status: 400, body: { message: 'q has 17 words; at most 16 are searched at once' } }, 'only stop words: all are searched');
  t.match(await get(`/search?q=${words17}+-the`), { status: 400, body: { message: /q has 18 words/ } }, 'an excluded stop word counts');
  const fuzzy30 = Array.from({ length: 30 }, (_, i) => `verifierr${String.fromCharCode(97 + (i % 26))}`).join('+');
  t.match(await get(`/search?q=${fuzzy30}`), { status: 400, body: { message: /q has 30 words/ } }, '30 fuzzy terms');
  const clauses33 = Array.from({ length: 33 }, () => 'issue:5').join('+');
  t.match(await get(`/search?q=${clauses33}`), { status: 400, body: { message: 'q has 33 clauses; the limit is 32' } });
  t.match(await get('/search?q=xdp&offset=9950&limit=100'), { status: 400, body: { parameter: 'offset', message: /paged to a depth of 10000/ } }, 'offset + limit');
  t.match(await get('/search?q=xdp&limit=101'), { status: 400, body: { parameter: 'limit' } });
  t.match(await get('/feed.atom?offset=9990&limit=50'), { status: 400, body: { parameter: 'offset' } });
  t.match(await get('/search?q=xdp&facets=author&facetLimit=201'), { status: 400, body: { parameter: 'facetLimit' } }, 'facet values per facet');
  t.match(await get('/facets/author?limit=1001'), { status: 400, body: { parameter: 'limit' } });
  t.match(await get(`/items/${'x'.repeat(250)}`), { status: 400, body: { parameter: 'id' } });
  t.match(await get(`/search?q=xdp&author=${'a'.repeat(MAX_URL_LENGTH)}`), { status: 414, body: { error: 'URI Too Long', message: /limit is 4096/ } }, 'URL length');
  const big = await app.inject({ method: 'POST', url: '/admin/reload', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, payload: JSON.stringify({ pad: 'x'.repeat(20_000) }) });
  t.equal(big.statusCode, 413, 'request bodies are capped at 16 KiB');
  t.equal((await get('/search?q=xdp')).status, 200, 'and ordinary requests still pass');
});

t.test('a search over its time budget is abandoned with a 400; browsing is unaffected', async (t) => {
  const app = await appFor(t, index, { budgetMs: 0, answerCacheBytes: 0 });
  const res = await app.inject({ url: '/search?q=verifier+helpers' });
  t.equal(res.statusCode, 400);
  t.match(res.json(), { parameter: 'q', message: /more than the 0 ms search budget/ });
  t.equal((await app.inject({ url: '/search?kernel=5.13' })).statusCode, 200);
});

t.test('rate limiting: per client address, standard headers, 429 with Retry-After, never /healthz', async (t) => {
  const app = await appFor(t, index, { rateLimit: { max: 3, windowMs: 60_000, allowList: [] } });
  const from = (remoteAddress: string, url = '/search?q=xdp', headers = {}) => app.inject({ url, remoteAddress, headers });
  for (let i = 0; i < 3; i++) {
    const ok = await from('203.0.113.5');
    t.equal(ok.statusCode, 200);
    t.equal(ok.headers['ratelimit-limit'], '3');
    t.equal(ok.headers['ratelimit-remaining'], String(2 - i));
    t.ok(Number(ok.headers['ratelimit-reset']) > 0);
  }
  const limited = await from('203.0.113.5');
  t.equal(limited.statusCode, 429);
  t.match(limited.json(), { statusCode: 429, error: 'Too Many Requests', message: /rate limit of 3 requests per 1 minute exceeded; retry in \d+ s/ });
  t.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After');
  t.equal((await from('203.0.113.6')).statusCode, 200, 'another client has its own count');
  t.equal((await from('203.0.113.5', '/healthz')).statusCode, 200, 'liveness is never limited');
  t.equal((await from('203.0.113.5', '/readyz')).statusCode, 200, 'nor readiness');
  t.equal((await from('203.0.113.5', '/search?q=xdp', { 'x-forwarded-for': '198.51.100.9' })).statusCode, 429, 'X-Forwarded-For is not believed by default');
});

t.test('behind a trusted proxy the client address comes from X-Forwarded-For', async (t) => {
  const app = await appFor(t, index, { rateLimit: { max: 1, windowMs: 60_000, allowList: [] }, network: { trustProxy: true } });
  const via = (client: string) => app.inject({ url: '/search?q=xdp', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': client } });
  t.equal((await via('198.51.100.1')).statusCode, 200);
  t.equal((await via('198.51.100.2')).statusCode, 200, 'a second client behind the same proxy');
  t.equal((await via('198.51.100.1')).statusCode, 429);
});

t.test('loopback is allowed by default, so local benchmarks and probes are never throttled', async (t) => {
  const app = await appFor(t, index, { rateLimit: { max: 2 } });
  for (let i = 0; i < 10; i++) t.equal((await app.inject({ url: '/search?q=xdp', remoteAddress: '127.0.0.1' })).statusCode, 200);
  t.equal((await app.inject({ url: '/search?q=xdp', remoteAddress: '192.0.2.1' })).statusCode, 200);
  t.equal((await app.inject({ url: '/search?q=xdp', remoteAddress: '192.0.2.1' })).statusCode, 200);
  t.equal((await app.inject({ url: '/search?q=xdp', remoteAddress: '192.0.2.1' })).statusCode, 429, 'others are');
});

t.test('security headers: JSON answers allow nothing to run; HTML pages carry their own strict policy', async (t) => {
  const app = await appFor(t, index);
  const json = await app.inject({ url: '/search?q=xdp' });
  t.equal(json.headers['x-content-type-options'], 'nosniff');
  t.equal(json.headers['content-security-policy'], "default-src 'none';frame-ancestors 'none';base-uri 'none'");
  t.equal(json.headers['cross-origin-resource-policy'], 'cross-origin', 'a public API, readable from other origins');
  t.equal(json.headers['referrer-policy'], 'no-referrer');
  const page = await app.inject({ url: '/items/5-the-cost-of-bpf-tail-calls/page' });
  const csp = String(page.headers['content-security-policy']);
  t.match(csp, /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'$/);
  t.notMatch(csp, /script-src|unsafe/, 'no script may run on an item page');
  const demo = await app.inject({ url: '/' });
  t.match(String(demo.headers['content-security-policy']), "script-src 'self'; connect-src 'self'");
  t.equal((await app.inject({ url: '/widget.js' })).headers['cross-origin-resource-policy'], 'cross-origin', 'the widget loads on other sites');
});
