import { Agent, get as httpGet } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import t from 'tap';
import { loadArchive, loadVocabulary } from '../../src/ingest/index.js';
import { MAX_TYPO_WORD_LENGTH, buildSearchIndex, loadSynonyms } from '../../src/search/index.js';
import { planText } from '../../src/search/text-plan.js';
import { parseQuery } from '../../src/search/query-language.js';
import { Answers } from '../../src/http/answers.js';
import { BLOG_POSTS } from '../helpers.js';
import { appFor, capturedLogger } from './helpers.js';

/**
 * What an attacker sends: a new long word per request, huge or malformed
 * Hosts, numbers ajv lets through, forged proxy headers. Memory is measured
 * as the bytes the caches hold and the heap retained, never as time.
 */
const vocabulary = loadVocabulary();
const synonyms = loadSynonyms();
const archive = await loadArchive(BLOG_POSTS, { vocabulary });
// The real archive's index (what realIndex() builds), from the archive already read rather than a second parse.
const index = buildSearchIndex(archive, { vocabulary, synonyms });

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');

t.test('a new 500-letter word per request: the caches stay within their bytes and the heap does not grow with them', async (t) => {
  const small = buildSearchIndex(archive, { vocabulary, synonyms, matchCacheBytes: 1024 * 1024 });
  const app = await appFor(t, small, { answerCacheBytes: 2 * 1024 * 1024 });
  // Over a real socket, as an attacker sends them: app.inject itself retains about 10 kB a request (light-my-request on Node 20), which would hide what the app keeps.
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  t.teardown(() => agent.destroy());
  const get = (path: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      httpGet({ host: '127.0.0.1', port, path, agent }, (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      }).on('error', reject);
    });
  await get(`/search?q=${letters(500)}`);
  const before = heapAfterGc();
  for (let i = 0; i < 1500; i++) {
    const response = await get(`/search?q=${letters(500)}`);
    if (response.status !== 200) t.fail(`status ${response.status}`);
    if (i % 250 === 0) {
      const { caches } = JSON.parse((await get('/readyz')).body);
      t.ok(caches.answers.bytes <= caches.answers.maxBytes && caches.matches.bytes <= caches.matches.maxBytes, `after ${i} requests: ${JSON.stringify(caches)}`);
    }
  }
  const { caches } = JSON.parse((await get('/readyz')).body);
  t.ok(caches.answers.bytes > caches.answers.maxBytes / 2, 'the answer cache was filled to its bound');
  const grown = heapAfterGc() - before;
  // The two budgets (3 MiB), the per-URL memos (6 MiB) and slack; before the bound was in bytes, 1,500 such words held about 650 MB.
  t.ok(grown < 16 * 1024 * 1024, `the heap grew by ${Math.round(grown / 1024 / 1024)} MB`);
});

t.test('the per-URL memos (request keys, ETags, search forms) are inside the answers\' budget: none at all when it is 0', async (t) => {
  for (const budget of [0, 1024, 64 * 1024 * 1024, 128 * 1024 * 1024, 4 * 1024 * 1024 * 1024]) {
    const answers = new Answers(budget, undefined);
    t.ok(answers.maxBytes + 3 * answers.memoBytes + answers.replayBytes <= budget, `answers, three memos and the replays within ${budget} bytes`);
    t.ok(answers.memoBytes <= 2 * 1024 * 1024);
  }
  t.equal(new Answers(0, undefined).memoBytes, 0);
  const app = await appFor(t, index, { answerCacheBytes: 0 });
  for (let i = 0; i < 3; i++) t.equal((await app.inject({ url: '/search?q=xdp' })).statusCode, 200, 'served with nothing kept');
  t.equal((await app.inject({ url: '/readyz' })).json().caches.answers.bytes, 0);
});

t.test(`a word longer than ${MAX_TYPO_WORD_LENGTH} letters is matched exactly, without typo variants`, async (t) => {
  const plan = (q: string) => planText(parseQuery(q), index.planContext);
  t.not(plan('restrictnetwrkinterfaces').concepts[0]!.typo?.() ?? null, null, 'the archive\'s longest word, misspelt, still finds its variants');
  t.equal(plan(letters(MAX_TYPO_WORD_LENGTH + 1)).concepts[0]!.typo, null);
  t.equal(plan(letters(500)).concepts[0]!.typo, null);
});

t.test('a Host that is no URL authority is a 400 naming the header, never a 500', async (t) => {
  const app = await appFor(t, index);
  // The second row looks like host names but is what a URL parser refuses or rewrites (they once reached new URL() in the paging links).
  const hosts = ['a:b:c', '[::1', 'a:99999', 'a:0', 'evil example', '%', 'x'.repeat(15_000), 'a/b', 'a@b', "a'b", '"><script>', '[::1]x', '[zz::1]'];
  hosts.push('1.2.3.4.5', '999.1.1.1', '0x100000000', '4294967296', '1.2.3.256:80', '0x10');
  for (const host of hosts) {
    for (const url of ['/search?q=xdp&limit=2', '/issues?limit=1', '/feed.atom?limit=1']) {
      const response = await app.inject({ url, headers: { host } });
      t.equal(response.statusCode, 400, `${JSON.stringify(host.slice(0, 20))} on ${url}`);
      t.match(response.json(), { error: 'Bad Request', parameter: 'host', message: /^invalid Host header/ });
      t.ok(response.body.length < 400, 'the message quotes the value cut short');
    }
  }
  for (const host of ['archive.example', 'archive.example:8080', '127.0.0.1:3000', '[::1]:3000', '[2001:db8::1]', 'my_service:3000', 'localhost']) {
    const response = await app.inject({ url: '/search?q=xdp&limit=2', headers: { host } });
    t.equal(response.statusCode, 200, host);
    t.equal(response.json().hits[0].permalink.startsWith(`http://${host}/items/`), true, `permalinks on ${host}`);
    t.match(response.headers.link, new RegExp(`^<http://${host.replace(/[[\]]/g, '\\$&')}/search\\?`));
  }
});

t.test('answers are kept once, whatever the Host: many Hosts cost no more than one', async (t) => {
  const app = await appFor(t, index);
  const urls = ['/search?q=xdp&limit=100&facets=author,project,kernel,section,issue,year&facetLimit=200', '/feed.atom?limit=50', '/items/5-the-cost-of-bpf-tail-calls', '/items/5-the-cost-of-bpf-tail-calls/related'];
  const held = async () => (await app.inject({ url: '/readyz' })).json().caches.answers.bytes as number;
  for (const url of urls) await app.inject({ url, headers: { host: 'first.example' } });
  const one = await held();
  t.ok(one > 0);
  for (let i = 0; i < 40; i++) {
    for (const url of urls) {
      const response = await app.inject({ url, headers: { host: `host-${i}.example` } });
      t.equal(response.statusCode, 200);
      if (url.startsWith('/items/5-the-cost-of-bpf-tail-calls') && !url.endsWith('related')) t.equal(response.json().permalink, `http://host-${i}.example/items/5-the-cost-of-bpf-tail-calls`);
    }
  }
  t.equal(await held(), one, 'the same bytes held after 40 other Hosts');
  const atom = await app.inject({ url: '/feed.atom?limit=2', headers: { host: 'feeds.example' } });
  t.match(atom.body, /<link rel="self" type="application\/atom\+xml" href="http:\/\/feeds\.example\/feed\.atom\?limit=2"\/>/);
  t.notMatch(atom.body, /\.invalid/, 'no trace of the mark answers are kept on');
});

t.test('an HTTP/1.0 request without a Host is served with the address it came in on', async (t) => {
  const app = await appFor(t, index);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const port = new URL(address).port;
  const { connect } = await import('node:net');
  const raw = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write('GET /search?q=xdp&limit=1 HTTP/1.0\r\n\r\n'));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
  t.match(raw, /^HTTP\/1\.1 200/);
  t.match(raw, new RegExp(`"permalink":"http://127\\.0\\.0\\.1:${port}/items/`));
  t.match(raw, new RegExp(`link: <http://127\\.0\\.0\\.1:${port}/search\\?q=xdp&limit=1&offset=1>; rel="next"`, 'i'));
});

t.test('Infinity, -Infinity and 1e400 are 400s naming the parameter, on every route', async (t) => {
  const app = await appFor(t, index);
  const cases: [string, string][] = [
    ['/issues?limit=Infinity', 'limit'],
    ['/issues?offset=-Infinity', 'offset'],
    ['/facets/author?limit=-Infinity', 'limit'],
    ['/search?q=xdp&limit=-Infinity', 'limit'],
    ['/search?q=xdp&offset=Infinity', 'offset'],
    ['/search?q=xdp&facetLimit=1e400', 'facetLimit'],
    ['/feed.atom?limit=Infinity', 'limit'],
    ['/items/5-the-cost-of-bpf-tail-calls/related?offset=-Infinity', 'offset'],
    ['/suggest?q=xd&limit=Infinity', 'limit'],
    ['/issues/Infinity', 'number'],
  ];
  for (const [url, parameter] of cases) {
    const response = await app.inject({ url });
    t.equal(response.statusCode, 400, url);
    t.match(response.json(), { parameter }, url);
    t.equal(response.headers.link, undefined, 'no Link to a page at infinity');
  }
});

t.test('impossible dates are 400s in filters and in q', async (t) => {
  const app = await appFor(t, index);
  for (const [url, parameter] of [
    ['/search?from=2021-02-31', 'from'],
    ['/search?to=2021-04-31', 'to'],
    ['/search?q=date:2021-02-31', 'q'],
    ['/search?q=date:2021-02-29..2021-03-01', 'q'],
    ['/feed.rss?from=2021-02-30', 'from'],
  ] as const) {
    const response = await app.inject({ url });
    t.equal(response.statusCode, 400, url);
    t.match(response.json(), { parameter, message: /date/ }, url);
  }
  t.equal((await app.inject({ url: '/search?from=2020-02-29' })).statusCode, 200, 'a leap day is a day');
});

t.test('behind a trusted proxy, only http(s) and a valid host are believed; the rest is a 400', async (t) => {
  const app = await appFor(t, index, { network: { trustProxy: true } });
  const poisoned = await app.inject({ url: '/search?q=xdp&limit=1', headers: { 'x-forwarded-proto': 'javascript', 'x-forwarded-host': 'archive.example' } });
  t.equal(poisoned.statusCode, 400);
  t.match(poisoned.json(), { parameter: 'x-forwarded-proto', message: /expected http or https/ });
  const host = await app.inject({ url: '/search?q=xdp&limit=1', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': '%0aalert(document.domain)//' } });
  t.equal(host.statusCode, 400);
  t.match(host.json(), { parameter: 'x-forwarded-host', message: /^invalid X-Forwarded-Host header/ });
  t.equal(host.headers['cache-control'], 'no-store', 'a refusal is never cached');
  const numeric = await app.inject({ url: '/issues?limit=1', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': '1.2.3.4.5' } });
  t.equal(numeric.statusCode, 400, 'a forwarded host a URL parser refuses');
  t.match(numeric.json(), { parameter: 'x-forwarded-host' });
  const good = await app.inject({ url: '/search?q=xdp&limit=1', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'archive.example' } });
  t.equal(good.statusCode, 200);
  t.match(good.json().hits[0].permalink, /^https:\/\/archive\.example\/items\//);
  const upper = await app.inject({ url: '/issues?limit=1', headers: { 'x-forwarded-proto': 'HTTPS', 'x-forwarded-host': 'archive.example' } });
  t.equal(upper.statusCode, 200, 'schemes are case-insensitive');
  t.match(upper.headers.link, /^<https:\/\/archive\.example\/issues\?/);
  const untrusted = await appFor(t, index);
  const ignored = await untrusted.inject({ url: '/search?q=xdp&limit=1', headers: { host: 'direct.example', 'x-forwarded-proto': 'javascript', 'x-forwarded-host': 'evil.example' } });
  t.equal(ignored.statusCode, 200, 'without TRUST_PROXY the forwarded headers are not read at all');
  t.match(ignored.json().hits[0].permalink, /^http:\/\/direct\.example\//);
});

t.test('behind a proxy, a client cannot pick its own rate-limit bucket with X-Forwarded-For', async (t) => {
  for (const trustProxy of [true, '10.0.0.2', '10.0.0.0/8'] as const) {
    const app = await appFor(t, index, { network: { trustProxy }, rateLimit: { max: 5, windowMs: 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      // The proxy (10.0.0.2) appends the address it saw; the client forged the first entry.
      const response = await app.inject({ url: '/issues', remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.7` } });
      statuses.push(response.statusCode);
    }
    t.same(statuses, [...Array(5).fill(200), ...Array(7).fill(429)], `TRUST_PROXY=${trustProxy}`);
    const other = await app.inject({ url: '/issues', remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': '203.0.113.8' } });
    t.equal(other.statusCode, 200, 'another client behind the same proxy has its own bucket');
  }
});

t.test('with CORS_ORIGINS listing origins, answers vary on Origin and Accept both', async (t) => {
  const app = await appFor(t, index, { corsOrigins: ['https://a.example', 'https://b.example'] });
  for (const url of ['/search?q=xdp', '/items/5-the-cost-of-bpf-tail-calls', '/feed.atom', '/issues']) {
    const response = await app.inject({ url, headers: { origin: 'https://a.example' } });
    t.equal(response.headers['access-control-allow-origin'], 'https://a.example', url);
    const vary = String(response.headers.vary).split(/\s*,\s*/).map((v) => v.toLowerCase());
    t.ok(vary.includes('origin') && vary.includes('accept'), `${url}: Vary: ${response.headers.vary}`);
  }
});

t.test('secrets in a URL never reach the log', async (t) => {
  const { logger, lines } = capturedLogger();
  const app = await appFor(t, index, { logger });
  await app.inject({ url: '/search?q=xdp&token=s3cr3t-value&api_key=k3y' });
  await app.inject({ url: '/admin/reload?access_token=another-s3cr3t', method: 'POST' });
  const logged = JSON.stringify(lines);
  t.notMatch(logged, /s3cr3t|k3y/);
  t.match(logged, /token=\[redacted\]/);
  const line = lines.find((l) => (l['req'] as { url?: string } | undefined)?.url?.startsWith('/search'));
  t.match(line, { req: { url: '/search?q=xdp&token=[redacted]&api_key=[redacted]', remoteAddress: '127.0.0.1' } }, 'the client address is logged too');
});

t.test('401 and 403 say Unauthorized and Forbidden', async (t) => {
  const app = await appFor(t, index, { adminToken: 'a'.repeat(32), reload: async () => { throw new Error('not reached'); } });
  t.match((await app.inject({ url: '/admin/reload', method: 'POST' })).json(), { statusCode: 401, error: 'Unauthorized' });
  t.match((await app.inject({ url: '/admin/reload', method: 'POST', headers: { authorization: 'Bearer wrong-token' } })).json(), { statusCode: 403, error: 'Forbidden' });
});

t.test('connections are capped (MAX_CONNECTIONS) and the headers timeout is the request timeout', async (t) => {
  const app = await appFor(t, index, { network: { maxConnections: 2, requestTimeoutMs: 3000 } });
  t.equal(app.server.maxConnections, 2);
  t.equal(app.server.headersTimeout, 3000);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const { connect } = await import('node:net');
  const open = () =>
    new Promise<import('node:net').Socket>((resolve) => {
      const socket = connect(Number(new URL(address).port), '127.0.0.1', () => resolve(socket));
    });
  const held = [await open(), await open()];
  const third = await open();
  const closed = await new Promise<boolean>((resolve) => {
    third.on('close', () => resolve(true));
    third.write('GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n');
    setTimeout(() => resolve(false), 2000).unref();
  });
  t.ok(closed, 'a connection past the cap is closed unanswered');
  for (const socket of held) socket.destroy();
});
