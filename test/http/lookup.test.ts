import t from 'tap';
import { appFor, realIndex } from './helpers.js';

/**
 * GET /items?url= and ?messageId=: where the archive featured a link or a
 * kernel mail, on the real archive, however the link is spelt.
 */
const app = await appFor(t, await realIndex());
const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

t.test('every appearance of a link, newest issue first, with its issue, section and permalink', async (t) => {
  const response = await app.inject({ url: '/items?url=https://www.brendangregg.com/blog/2020-11-04/bpf-co-re-btf-libbpf.html' });
  t.equal(response.statusCode, 200);
  const body = response.json();
  t.same(body.query, { url: 'brendangregg.com/blog/2020-11-04/bpf-co-re-btf-libbpf.html' });
  t.same(ids(body), ['5-bpf-binaries-btf-co-re-and-the-future-of-bpf-perf-tools', '1-bpf-binaries-btf-co-re-and-the-future-of-bpf-perf-tools']);
  t.match(body.items[0], { issue: { number: 5 }, sectionPath: Array, permalink: /^http:\/\/localhost(:80)?\/items\/5-bpf-binaries/ });
  t.equal(body.total, 2);
});

t.test('spellings of one link meet: scheme, www., trailing slash, fragment, tracking parameters, youtu.be, parameter order', async (t) => {
  const same = [
    'https://www.brendangregg.com/blog/2020-11-04/bpf-co-re-btf-libbpf.html',
    'http://brendangregg.com/blog/2020-11-04/bpf-co-re-btf-libbpf.html/',
    'https://brendangregg.com/blog/2020-11-04/bpf-co-re-btf-libbpf.html?utm_source=newsletter&utm_medium=email#comments',
    'HTTPS://WWW.BRENDANGREGG.COM:443/blog/2020-11-04/bpf-co-re-btf-libbpf.html?fbclid=abc',
  ];
  for (const url of same) t.equal(ids((await app.inject({ url: `/items?url=${encodeURIComponent(url)}` })).json()).length, 2, url);
  const video = (await app.inject({ url: `/items?url=${encodeURIComponent('https://www.youtube.com/watch?feature=share&v=80OYrzS1dCA')}` })).json();
  t.same(ids(video), ['5-episode-1-intro-to-cilium'], 'youtube.com/watch?v= finds the youtu.be link');
  const timed = (await app.inject({ url: `/items?url=${encodeURIComponent('https://youtube.com/watch?v=QrKt8PhAkiE&t=439')}` })).json();
  t.equal(timed.total, 1, 'parameters in another order');
});

t.test('no match is a 200 with an empty list; a malformed request is a 400 saying which parameter', async (t) => {
  const none = await app.inject({ url: '/items?url=https://never.example/featured' });
  t.equal(none.statusCode, 200);
  t.match(none.json(), { total: 0, items: [] });
  for (const [url, parameter, message] of [
    ['/items?url=ftp://example.com/file', 'url', /not an absolute http\(s\) URL/],
    ['/items?url=example.com', 'url', /not an absolute http\(s\) URL/],
    ['/items', 'url', /exactly one of the query parameters "url".*and "messageId"/],
    ['/items?url=https://a.example&messageId=a@b', 'messageId', /exactly one/],
    ['/items?messageId=no-at-sign', 'messageId', /not a Message-ID/],
    ['/items?url=https://a.example&limit=0', 'limit', /must be >= 1/],
  ] as const) {
    const response = await app.inject({ url });
    t.equal(response.statusCode, 400, url);
    t.match(response.json(), { parameter, message }, url);
  }
});

t.test('a kernel mail by Message-ID, with or without <>, as /items, as q=mid: and as the mid filter', async (t) => {
  const id = '20210423181348.1801389-1-andrii@kernel.org';
  const expected = ['5-update-libbpf-to-support-static-linking-of-multiple-elf'];
  for (const form of [id, `<${id}>`, ` <${id.toUpperCase()}> `]) {
    const body = (await app.inject({ url: `/items?messageId=${encodeURIComponent(form)}` })).json();
    t.same(ids(body), expected, form);
    t.same(body.query, { messageId: form.trim().replace(/^<|>$/g, '') });
  }
  const item = (await app.inject({ url: `/items/${expected[0]}` })).json();
  t.equal(item.messageId, '20210318194036.3521577-1-andrii@kernel.org', 'the item names the first mail it links');
  t.equal(item.loreUrl, 'https://lore.kernel.org/bpf/20210318194036.3521577-1-andrii@kernel.org/');
  const inQ = (await app.inject({ url: `/search?q=${encodeURIComponent(`mid:<${id}>`)}` })).json();
  t.same(inQ.hits.map((hit: { id: string }) => hit.id), expected);
  const asFilter = (await app.inject({ url: `/search?q=linking&mid=${encodeURIComponent(id)}` })).json();
  t.same(asFilter.hits.map((hit: { id: string }) => hit.id), expected);
  const notIt = (await app.inject({ url: `/search?q=${encodeURIComponent(`libbpf -mid:${id}`)}&limit=100` })).json();
  t.notOk(notIt.hits.some((hit: { id: string }) => hit.id === expected[0]), '-mid: excludes it');
  const byLink = (await app.inject({ url: `/items?url=${encodeURIComponent(`https://lore.kernel.org/all/${id}/T/`)}` })).json();
  t.same(ids(byLink), expected, 'the same mail on another lore view is the same link');
  const unknown = (await app.inject({ url: '/items?messageId=nobody@example.com' })).json();
  t.same(unknown.items, []);
  // What is no Message-ID is a 400 in q, in the filter and in the lookup alike, never a silent empty answer.
  for (const url of ['/search?q=mid:a', '/search?q=mid:a@b@c', `/search?mid=${encodeURIComponent('<a@b')}`, `/items?messageId=${encodeURIComponent('<a@b')}`, '/items?messageId=a@b@c']) {
    const response = await app.inject({ url });
    t.equal(response.statusCode, 400, url);
  }
  t.match((await app.inject({ url: `/items?messageId=${'a'.repeat(200)}@b.c` })).json(), { statusCode: 400, parameter: 'messageId', message: /must NOT have more than 200 characters/ }, 'the documented bound, named as the parameter');
});
