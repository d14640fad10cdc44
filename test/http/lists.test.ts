import t from 'tap';
import { appFor, realIndex } from './helpers.js';

const index = await realIndex();
const BASE = 'https://archive.example';

t.test('every paged list has Link headers: next while there is more, prev after the first page, the other parameters kept', async (t) => {
  const app = await appFor(t, index, { publicUrl: BASE });
  const first = await app.inject({ url: '/search?q=xdp&limit=5' });
  const total = first.json().total;
  t.ok(total > 10);
  t.equal(first.headers.link, `<${BASE}/search?q=xdp&limit=5&offset=5>; rel="next"`);
  const middle = await app.inject({ url: '/search?q=xdp&limit=5&offset=5' });
  t.equal(middle.headers.link, `<${BASE}/search?q=xdp&limit=5&offset=10>; rel="next", <${BASE}/search?q=xdp&limit=5&offset=0>; rel="prev"`);
  const last = await app.inject({ url: `/search?q=xdp&limit=5&offset=${total - 2}` });
  t.equal(last.headers.link, `<${BASE}/search?q=xdp&limit=5&offset=${total - 7}>; rel="prev"`);
  const all = await app.inject({ url: '/search?q=%22tail+calls%22&limit=50' });
  t.equal(all.headers.link, undefined, 'no Link when everything fits');

  const issues = await app.inject({ url: '/issues?limit=2' });
  t.match(issues.json(), { total: 5, offset: 0, limit: 2 });
  t.equal(issues.json().issues.length, 2);
  t.equal(issues.headers.link, `<${BASE}/issues?limit=2&offset=2>; rel="next"`);
  t.equal((await app.inject({ url: '/issues' })).json().issues.length, 5);

  const authors = await app.inject({ url: '/facets/author?limit=3&offset=3' });
  t.equal(authors.json().values.length, 3);
  t.same(authors.json().values, index.facetTables.author.slice(3, 6));
  t.match(authors.headers.link, /rel="next".*rel="prev"/);

  const related = await app.inject({ url: '/items/5-the-cost-of-bpf-tail-calls/related?limit=2' });
  t.equal(related.headers.link, `<${BASE}/items/5-the-cost-of-bpf-tail-calls/related?limit=2&offset=2>; rel="next"`);
});

t.test('the JSON body of every paged list carries the same next and prev URLs as its Link header', async (t) => {
  const app = await appFor(t, index, { publicUrl: BASE });
  const urls = ['/search?q=xdp&limit=5', '/search?q=xdp&limit=5&offset=5', '/search?q=%22tail+calls%22&limit=50', '/issues?limit=2&offset=2', '/issues', '/facets/author?limit=3&offset=3', '/items/5-the-cost-of-bpf-tail-calls/related?limit=2'];
  for (const url of urls) {
    const res = await app.inject({ url });
    const { next, prev } = res.json();
    const header = [...String(res.headers.link ?? '').matchAll(/<([^>]+)>; rel="(next|prev)"/g)];
    t.equal(next, header.find((m) => m[2] === 'next')?.[1] ?? null, `${url}: next`);
    t.equal(prev, header.find((m) => m[2] === 'prev')?.[1] ?? null, `${url}: prev`);
  }
  const second = (await app.inject({ url: '/search?q=xdp&limit=5&offset=5' })).json();
  t.equal(second.next, `${BASE}/search?q=xdp&limit=5&offset=10`);
  const followed = (await app.inject({ url: second.next.replace(BASE, '') })).json();
  t.equal(followed.offset, 10, 'next leads to the next page');
  t.notSame(followed.hits[0].id, second.hits[0].id);
});

t.test('a browser script on another origin may read the paging, rate-limit and retry headers', async (t) => {
  const app = await appFor(t, index, { rateLimit: { allowList: [] } });
  const res = await app.inject({ url: '/search?q=xdp&limit=1', headers: { origin: 'https://widget.example' }, remoteAddress: '203.0.113.9' });
  const exposed = String(res.headers['access-control-expose-headers']).toLowerCase().split(/,\s*/);
  for (const header of ['etag', 'link', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']) t.ok(exposed.includes(header), header);
  for (const header of ['link', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']) t.ok(res.headers[header], `${header} is sent`);
});

t.test('GET /items/{id}/related: ranked related items with reasons; 404 for an unknown id, 400 for bad paging', async (t) => {
  const app = await appFor(t, index, { publicUrl: BASE });
  const res = await app.inject({ url: '/items/5-improve-af-xdp-selftests-and-program-loading/related' });
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.equal(body.item.id, '5-improve-af-xdp-selftests-and-program-loading');
  t.equal(body.related.length, 10);
  const fosdem = body.related.find((r: { id: string }) => r.id === '4-deploying-ebpf-xdp-af-xdp-for-cloud-native');
  t.ok(fosdem, 'the FOSDEM AF_XDP talk');
  t.equal(fosdem.permalink, `${BASE}/items/4-deploying-ebpf-xdp-af-xdp-for-cloud-native`);
  t.ok(fosdem.reasons.sharedTerms.includes('af_xdp'));
  t.ok(res.headers.etag, 'conditional requests work here too');
  const missing = await app.inject({ url: '/items/no-such-item/related' });
  t.equal(missing.statusCode, 404);
  t.equal(missing.json().parameter, 'id');
  t.equal((await app.inject({ url: '/items/5-the-cost-of-bpf-tail-calls/related?limit=500' })).statusCode, 400);
});

t.test('fields= narrows search hits to the fields asked for (and id); an unknown field is a 400 listing the choices', async (t) => {
  const app = await appFor(t, index);
  const narrow = await app.inject({ url: '/search?q=xdp&fields=title,url&limit=3' });
  t.equal(narrow.statusCode, 200);
  for (const hit of narrow.json().hits) t.same(Object.keys(hit), ['id', 'title', 'url']);
  const whole = await app.inject({ url: '/search?q=xdp&limit=3' });
  t.same(
    narrow.json().hits.map((h: { id: string }) => h.id),
    whole.json().hits.map((h: { id: string }) => h.id),
    'the same hits',
  );
  t.ok(narrow.body.length < whole.body.length / 3);
  t.not(narrow.headers.etag, whole.headers.etag, 'a different representation, a different ETag');
  const bad = await app.inject({ url: '/search?q=xdp&fields=title,text' });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { parameter: 'fields', message: /unknown field "text" in parameter "fields": choose from id, kind, title/ });
});

t.test('If-Modified-Since revalidates searches and items as well', async (t) => {
  const app = await appFor(t, index);
  for (const url of ['/search?q=xdp', '/items/5-the-cost-of-bpf-tail-calls', '/issues', '/facets/author']) {
    const first = await app.inject({ url });
    const again = await app.inject({ url, headers: { 'if-modified-since': String(first.headers['last-modified']) } });
    t.equal(again.statusCode, 304, url);
    t.equal(again.body, '');
  }
  const garbage = await app.inject({ url: '/search?q=xdp', headers: { 'if-modified-since': 'yesterday' } });
  t.equal(garbage.statusCode, 200, 'an unreadable date is ignored');
});
