import t from 'tap';
import { IndexHolder, buildSearchIndex, loadSynonyms } from '../../src/search/index.js';
import { loadVocabulary } from '../../src/ingest/index.js';
import { appFor, capturedLogger, realIndex } from './helpers.js';

/**
 * A repeated GET is answered from the replayed answer (plugins/replay.ts): it
 * must be the very answer the full path gives, with what each request makes
 * anew (rate-limit headers, the log line) made anew, and nothing replayed
 * across an index version, a Host, an origin or a representation.
 */
const index = await realIndex();
const stable = (headers: Record<string, unknown>) => {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = headers;
  return rest;
};

t.test('a replayed answer is byte for byte, header for header, the one the full path sent', async (t) => {
  const app = await appFor(t, index, { corsOrigins: ['https://site.example'] });
  // A replay skips the onSend hooks: counting them tells the full path from the replay.
  let fullPaths = 0;
  app.addHook('onSend', (_request, _reply, payload, done) => {
    fullPaths++;
    done(null, payload);
  });
  for (const url of ['/search?q=tail+calls&limit=3', '/search?q=xdp&facets=author,kernel', '/items/5-the-cost-of-bpf-tail-calls', '/facets', '/feed.atom?q=xdp&limit=2', '/items/5-the-cost-of-bpf-tail-calls/related']) {
    const headers = { origin: 'https://site.example', host: 'archive.example' };
    fullPaths = 0;
    const first = await app.inject({ url, headers });
    await app.inject({ url, headers });
    const again = await app.inject({ url, headers });
    t.equal(fullPaths, 2, `${url}: rendered, then kept, then replayed`);
    t.equal(first.statusCode, 200, url);
    t.equal(again.statusCode, 200);
    t.equal(again.body, first.body, `${url}: same bytes`);
    t.same(stable(again.headers), stable(first.headers), `${url}: same headers`);
    t.equal(again.headers['access-control-allow-origin'], 'https://site.example');
    t.equal(Number(again.headers['content-length']), Buffer.byteLength(again.body));
  }
});

t.test('nothing is replayed across a Host, an origin, an Accept, a HEAD or a conditional request', async (t) => {
  const app = await appFor(t, index, { corsOrigins: ['https://a.example'] });
  const url = '/search?q=xdp&limit=1';
  await app.inject({ url, headers: { host: 'one.example' } });
  const other = await app.inject({ url, headers: { host: 'two.example' } });
  t.match(other.json().hits[0].permalink, /^http:\/\/two\.example\//, 'permalinks follow the Host');
  const allowed = await app.inject({ url, headers: { host: 'one.example', origin: 'https://a.example' } });
  t.equal(allowed.headers['access-control-allow-origin'], 'https://a.example');
  const refused = await app.inject({ url, headers: { host: 'one.example', origin: 'https://b.example' } });
  t.equal(refused.headers['access-control-allow-origin'], undefined, 'another origin gets no CORS grant from a replay');
  const page = '/items/5-the-cost-of-bpf-tail-calls';
  await app.inject({ url: page });
  const html = await app.inject({ url: page, headers: { accept: 'text/html' } });
  t.equal(html.statusCode, 303, 'a browser is still sent to the page');
  t.equal(html.headers.location, `${page}/page`);
  const head = await app.inject({ method: 'HEAD', url });
  t.equal(head.body, '', 'HEAD has no body');
  const tag = (await app.inject({ url })).headers.etag as string;
  const revalidated = await app.inject({ url, headers: { 'if-none-match': tag } });
  t.equal(revalidated.statusCode, 304, 'a conditional request is still answered 304');
  const stale = await app.inject({ url, headers: { 'if-none-match': 'W/"another-version"' } });
  t.equal(stale.statusCode, 200, 'a tag of another version gets the answer');
  t.equal(stale.body, (await app.inject({ url })).body);
});

t.test('a revalidation answered from a replay is the 304 the full path sends', async (t) => {
  const app = await appFor(t, index);
  const url = '/search?q=ring+buffer&limit=2';
  const tag = (await app.inject({ url })).headers.etag as string;
  const full = await app.inject({ url, headers: { 'if-none-match': tag } });
  await app.inject({ url });
  await app.inject({ url });
  const replayed = await app.inject({ url, headers: { 'if-none-match': `"x", ${tag}` } });
  t.equal(full.statusCode, 304);
  t.equal(replayed.statusCode, 304);
  t.equal(replayed.body, '');
  t.same(stable(replayed.headers), stable(full.headers), 'the same headers: ETag, Cache-Control, Last-Modified, Vary and the security headers, no type');
});

t.test('a new index version is never answered from the old one', async (t) => {
  const holder = new IndexHolder(index);
  const app = await appFor(t, index, { holder });
  const url = '/search?q=tail+calls&limit=1';
  const before = await app.inject({ url });
  await app.inject({ url });
  const vocabulary = loadVocabulary();
  const smaller = buildSearchIndex({ issues: index.issues.filter((i) => i.number !== 5), items: index.items.filter((i) => i.issue.number !== 5), problems: [] }, { vocabulary, synonyms: loadSynonyms() });
  holder.set(smaller, { kind: 'configured', dir: 'test' }, null);
  const after = await app.inject({ url });
  t.not(after.headers.etag, before.headers.etag);
  t.not(after.json().hits[0]?.id, '5-the-cost-of-bpf-tail-calls', 'issue 5 is gone from the answer');
});

t.test('replays still pass the rate limit, carry fresh rate-limit headers and are logged', async (t) => {
  const { logger, lines } = capturedLogger();
  const app = await appFor(t, index, { logger, rateLimit: { max: 3, allowList: [] } });
  const url = '/search?q=verifier&limit=2';
  const answers = [];
  for (let i = 0; i < 4; i++) answers.push(await app.inject({ url }));
  t.same(answers.map((a) => a.statusCode), [200, 200, 200, 429]);
  t.same(answers.slice(0, 3).map((a) => a.headers['ratelimit-remaining']), ['2', '1', '0'], 'counted down on replays too');
  const logged = lines.filter((l) => l['msg'] === 'request completed');
  t.equal(logged.length, 4, 'one line a request, replays included');
  t.match(logged[2], { req: { url }, res: { statusCode: 200 } });
});

t.test('CACHE_MAX_BYTES=0 replays nothing', async (t) => {
  const app = await appFor(t, index, { answerCacheBytes: 0 });
  const first = await app.inject({ url: '/search?q=xdp' });
  const again = await app.inject({ url: '/search?q=xdp' });
  t.equal(again.body.replace(/"tookMs":[\d.]+/, ''), first.body.replace(/"tookMs":[\d.]+/, ''));
});
