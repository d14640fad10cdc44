import t from 'tap';
import { FIXTURES } from '../helpers.js';
import { appFor, indexOf, realIndex } from './helpers.js';

const index = await realIndex();

t.test('GET /items/:id is the whole item, the permalink', async (t) => {
  const app = await appFor(t, index, { publicUrl: 'https://archive.example' });
  const res = await app.inject({ url: '/items/5-devconf-cz-2021' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^application\/json/);
  const item = res.json();
  t.match(item, {
    id: '5-devconf-cz-2021',
    permalink: 'https://archive.example/items/5-devconf-cz-2021',
    parent: null,
    children: ['5-ebpf-iterators', '5-capturing-network-traffic-in-an-express-data-path', '5-always-present-type-information-thanks-to-bpf-btf'],
    date: '2021-02-18',
    dateText: '2021-02-18/20',
    links: [{ text: 'DevConf.CZ 2021', url: 'https://www.devconf.info/cz/' }, { text: 'Schedule' }],
  });
  t.type(item.text, 'string');
  t.type(item.markdown, 'string');
  t.type(item.order, 'number');
  const child = (await app.inject({ url: '/items/5-ebpf-iterators' })).json();
  t.equal(child.parent, '5-devconf-cz-2021');
});

t.test('a browser following a permalink is sent to the item page; every other client gets JSON', async (t) => {
  const app = await appFor(t, index, { publicUrl: 'https://archive.example' });
  const browser = await app.inject({ url: '/items/5-the-cost-of-bpf-tail-calls', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
  t.equal(browser.statusCode, 303);
  t.equal(browser.headers.location, '/items/5-the-cost-of-bpf-tail-calls/page');
  t.match(String(browser.headers.vary), /Accept/i, 'caches keep the two answers apart');
  for (const accept of ['*/*', 'application/json', 'application/json, text/html;q=0.5']) {
    const json = await app.inject({ url: '/items/5-the-cost-of-bpf-tail-calls', headers: { accept } });
    t.equal(json.statusCode, 200, accept);
    t.match(json.headers['content-type'], /^application\/json/, `${accept} gets JSON`);
  }
  t.equal((await app.inject({ url: '/items/5-no-such-item', headers: { accept: 'text/html' } })).statusCode, 404, 'no redirect to a page that does not exist');
});

t.test('GET /items/:id/page is a readable page with a canonical link', async (t) => {
  const app = await appFor(t, index, { publicUrl: 'https://archive.example' });
  const res = await app.inject({ url: '/items/5-the-cost-of-bpf-tail-calls/page' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/html/);
  t.match(res.body, /<title>The Cost of BPF Tail Calls — eBPF Updates archive<\/title>/);
  t.match(res.body, /<link rel="canonical" href="https:\/\/archive\.example\/items\/5-the-cost-of-bpf-tail-calls\/page">/);
  t.match(res.body, /From Paul Chaignon/);
  t.match(res.body, /href="https:\/\/pchaigno\.github\.io\/ebpf\/2021\/03\/22\/cost-bpf-tail-calls\.html"/, 'links to the original');
  t.match(res.body, /href="https:\/\/ebpf\.io\/blog\/ebpf-updates-2021-05#deep-dives"/, 'and to the issue section');
});

t.test('an item page lists and links its nested entries', async (t) => {
  const app = await appFor(t, index, { publicUrl: 'https://archive.example' });
  const res = await app.inject({ url: '/items/5-echo-ebpf-cilium-office-hours/page' });
  t.match(res.body, /The first three episodes have aired already/);
  const entries = [...res.body.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
  const children = (await app.inject({ url: '/items/5-echo-ebpf-cilium-office-hours' })).json().children as string[];
  t.equal(children.length, 3);
  t.same(
    entries.map(([href]) => href),
    children.map((id) => `https://archive.example/items/${id}/page`),
    'each child, in order, linked to its own page',
  );
  t.match(entries[0]![1], /Episode 1/);
  for (const [href] of entries) t.equal((await app.inject({ url: href!.replace('https://archive.example', '') })).statusCode, 200);
});

t.test('footnote markers are footnotes: a superscript link to the note, not a digit glued to a word', async (t) => {
  const app = await appFor(t, index);
  const json = (await app.inject({ url: '/items/4-did-you-know-program-size-limit' })).json();
  t.match(json.text, /limits were changed\[1\] in a commit/, 'plain text keeps the word and marks the note');
  t.match(json.text, /\n\[1\]: The complexity limit was actually changed/);
  t.notMatch(json.text, /changed1/);
  const page = (await app.inject({ url: '/items/4-did-you-know-program-size-limit/page' })).body;
  const marker = /changed<a href="#([^"]+)"[^>]*><sup>1<\/sup><\/a>/.exec(page);
  t.ok(marker, 'the marker is a superscript link');
  t.match(page, new RegExp(`<span id="${marker![1]}"><sup>1</sup></span>:`), 'to the note, by id');
  t.match(page, /<code>CAP_SYS_ADMIN<\/code>/, 'inline code stays code');
  t.match(page, /<strong>The complexity limit was raised to one million verified instructions<\/strong>/);
});

t.test('unknown ids and issues are 404 JSON', async (t) => {
  const app = await appFor(t, index);
  const item = await app.inject({ url: '/items/5-no-such-item' });
  t.equal(item.statusCode, 404);
  t.same(item.json(), { statusCode: 404, error: 'Not Found', message: 'no item with id "5-no-such-item"', parameter: 'id' });
  t.equal(item.headers['cache-control'], 'no-store');
  t.notOk(item.headers.etag);
  t.equal((await app.inject({ url: '/items/x/page' })).statusCode, 404);
  t.match((await app.inject({ url: '/issues/42' })).json(), { statusCode: 404, message: 'no issue #42' });
  t.match((await app.inject({ url: '/issues/five' })).json(), { statusCode: 400, parameter: 'number' });
  t.match((await app.inject({ url: '/issues/0' })).json(), { statusCode: 400, parameter: 'number' });
  t.match((await app.inject({ url: '/nowhere' })).json(), { statusCode: 404, message: /no route GET \/nowhere/ });
});

t.test('GET /issues lists issues newest first; GET /issues/:number has its lede and items in order', async (t) => {
  const app = await appFor(t, index);
  const list = (await app.inject({ url: '/issues' })).json();
  t.same(
    list.issues.map((i: { number: number; itemCount: number }) => [i.number, i.itemCount]),
    [
      [5, 63],
      [4, 39],
      [3, 21],
      [2, 43],
      [1, 37],
    ],
  );
  const three = (await app.inject({ url: '/issues/3' })).json();
  t.match(three, { number: 3, date: '2021-01-22', layout: 'current', itemCount: 21, lede: /^With the festive season/ });
  t.equal(three.items.length, 21);
  t.equal(three.items[0].id, '3-microsoft-is-working-on-an-ebpf-based-monitoring-tool-for');
  t.notOk('text' in three.items[0], 'items of an issue are summaries');
});

t.test('GET /facets and /facets/:name list every value with its count', async (t) => {
  const app = await appFor(t, index);
  const all = (await app.inject({ url: '/facets' })).json().facets;
  t.same(Object.keys(all).sort(), ['author', 'issue', 'kernel', 'project', 'section', 'year']);
  t.same(all.issue, [
    { value: '5', count: 63 },
    { value: '2', count: 43 },
    { value: '4', count: 39 },
    { value: '1', count: 37 },
    { value: '3', count: 21 },
  ]);
  const authors = (await app.inject({ url: '/facets/author' })).json();
  t.equal(authors.name, 'author');
  t.same(authors.values[0], { value: 'Andrii Nakryiko', count: 8 });
  t.ok(authors.values.some((v: { value: string }) => v.value === 'Mauricio Vásquez Bernal'), 'names as written, in UTF-8');
  const kernel = (await app.inject({ url: '/facets/kernel' })).json();
  t.ok(kernel.values.some((v: { value: string; count: number }) => v.value === '5.13' && v.count === 17));
  t.match((await app.inject({ url: '/facets/colour' })).json(), { statusCode: 400, message: /must be one of author, project, kernel, section, issue, year/ });
});

t.test('GET /healthz says what is served, and is never cached', async (t) => {
  const app = await appFor(t, index);
  const res = await app.inject({ url: '/healthz' });
  t.match(res.json(), { status: 'ok', ready: true, issues: 5, items: 203, revision: null });
  t.ok(Date.parse(res.json().loadedAt) > 0, 'when the archive was last loaded');
  t.equal(res.headers['cache-control'], 'no-store');
  t.notOk(res.headers.etag);
});

t.test('archive text reaches HTML only escaped (item page, snippets, highlights)', async (t) => {
  const dir = `${FIXTURES}hostile`;
  const app = await appFor(t, await indexOf(dir));
  const search = (await app.inject({ url: '/search?q=tail' })).json();
  const hit = search.hits[0];
  t.match(hit.title, /<img src=x onerror=alert\(1\)>/, 'JSON carries the text as written');
  t.notMatch(hit.highlight.title, /<img|<script/);
  t.match(hit.highlight.title, /&lt;img src=x onerror=alert\(1\)&gt; <mark>tail<\/mark>/);
  t.notMatch(hit.snippet, /<b>|<img|<script/);
  t.match(hit.snippet, /&lt;b&gt;tags&lt;\/b&gt; &amp;amp;|&lt;b&gt;tags&lt;\/b&gt; &amp; entities/);
  t.equal(hit.url, null, 'a javascript: link is not a url');
  const page = await app.inject({ url: `/items/${hit.id}/page` });
  t.notMatch(page.body, /<img src=x|<script>alert|<b>tags/);
  t.notMatch(page.body, /href="javascript:/i, 'no javascript: links');
  t.match(page.body, /&lt;img src=x onerror=alert\(1\)&gt;/);
});

t.test('raw HTML in an item reaches its page sanitized: no script, handler, frame, form, style or javascript: link', async (t) => {
  const app = await appFor(t, await indexOf(`${FIXTURES}hostile`));
  const hit = (await app.inject({ url: '/search?q=raw+html+markup' })).json().hits[0];
  t.equal(hit.title, 'Raw HTML in the text');
  const page = (await app.inject({ url: `/items/${hit.id}/page` })).body;
  const text = page.slice(page.indexOf('<div class="text">'), page.indexOf('</article>'));
  t.match(text, /<b>bold<\/b>/, 'harmless markup kept');
  t.match(text, /a link/);
  t.notMatch(text, /onerror|onclick|<script|<iframe|<form|<input|<style|<svg|javascript:|alert\(/i);
  t.match(text, /<a href="https:\/\/ebpf\.io\/blog\/xss\/x" rel="noopener nofollow">\[image\]<\/a>/, 'an image is a link to it: the page loads nothing');
  t.match(text, /id="user-content-top"/, 'ids cannot clobber the page');
});
