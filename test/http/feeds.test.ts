import { parseFeed } from '@rowanmanning/feed-parser';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import t from 'tap';
import { FIXTURES } from '../helpers.js';
import { appFor, indexOf, realIndex } from './helpers.js';

const index = await realIndex();
const BASE = 'https://archive.example';
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'item', 'author', 'category', 'link', 'dc:creator'].includes(name) });
type Node = Record<string, unknown>;

/** JSON Feed 1.1's own rules (https://jsonfeed.org/version/1.1), not our schema: what any reader may rely on. */
const jsonFeedSpec = new Ajv({ allErrors: true, strict: false });
// ajv-formats is CommonJS: under NodeNext its default export arrives as the module object.
const addFormats = (formats as unknown as { default: (ajv: Ajv) => Ajv }).default;
addFormats(jsonFeedSpec);
const validJsonFeed = jsonFeedSpec.compile({
  type: 'object',
  required: ['version', 'title', 'items'],
  properties: {
    version: { const: 'https://jsonfeed.org/version/1.1' },
    title: { type: 'string' },
    home_page_url: { type: 'string', format: 'uri' },
    feed_url: { type: 'string', format: 'uri' },
    next_url: { type: 'string', format: 'uri' },
    authors: { type: 'array', minItems: 1, items: { type: 'object', minProperties: 1 } },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id'],
        anyOf: [{ required: ['content_text'] }, { required: ['content_html'] }],
        properties: {
          id: { type: 'string' },
          url: { type: 'string', format: 'uri' },
          title: { type: 'string' },
          content_text: { type: 'string', minLength: 1 },
          summary: { type: 'string' },
          date_published: { type: 'string', format: 'date-time' },
          // JSON Feed 1.1: "one or more authors"; absent when there are none.
          authors: { type: 'array', minItems: 1, items: { type: 'object', required: ['name'] } },
          tags: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
});

/** What /search answers for the same parameters, newest first: the feed must list the same items. */
async function searchPermalinks(app: Awaited<ReturnType<typeof appFor>>, query: string): Promise<string[]> {
  const res = await app.inject({ url: `/search?${query}&sort=-date&limit=50` });
  return res.json().hits.map((h: { permalink: string }) => h.permalink);
}

t.test('Atom: a well-formed RFC 4287 document with every required element, the same items as /search, newest first', async (t) => {
  const app = await appFor(t, index, { publicUrl: BASE });
  const res = await app.inject({ url: '/feed.atom?q=xdp' });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8');
  t.equal(XMLValidator.validate(res.body), true, 'well-formed XML');
  const feed = xml.parse(res.body).feed as Node;
  t.equal(feed['@xmlns'], 'http://www.w3.org/2005/Atom');
  for (const name of ['id', 'title', 'updated']) t.ok(feed[name], `feed has ${name}`);
  t.ok((feed.author as Node[]).length >= 1, 'the feed has an author, so entries need none');
  t.ok((feed.link as Node[]).some((l) => l['@rel'] === 'self' && l['@href'] === `${BASE}/feed.atom?q=xdp`), 'a self link');
  const entries = feed.entry as Node[];
  for (const e of entries) for (const name of ['id', 'title', 'updated']) t.ok(e[name], `entry has ${name}`);

  const parsed = parseFeed(res.body);
  t.equal(parsed.meta.type, 'atom');
  t.same(
    parsed.items.map((i) => i.id),
    await searchPermalinks(app, 'q=xdp'),
  );
  const dates = parsed.items.map((i) => i.published!.getTime());
  t.same(dates, [...dates].sort((a, b) => b - a), 'newest first');
});

t.test('an entry: permalink as id, original as link, credits as authors, issue and section as categories, own date else the issue date', async (t) => {
  const app = await appFor(t, index, { publicUrl: BASE });
  const parsed = parseFeed((await app.inject({ url: '/feed.atom?q=%22tail+calls%22' })).body);
  const entry = parsed.items.find((i) => i.id === `${BASE}/items/5-the-cost-of-bpf-tail-calls`)!;
  t.ok(entry, 'the tail calls post is in the feed');
  const item = index.item('5-the-cost-of-bpf-tail-calls')!;
  t.equal(entry.url, item.url);
  t.equal(entry.title, 'The Cost of BPF Tail Calls');
  t.same(
    entry.authors.map((a) => a.name),
    ['Paul Chaignon'],
  );
  const terms = entry.categories.map((c) => c.term);
  t.ok(terms.includes('issue-5'));
  t.ok(terms.includes(item.sectionPath.join(' › ')));
  t.equal(entry.description, item.text, 'the text as summary');
  t.equal(entry.published!.toISOString(), `${item.date ?? item.issue.date}T00:00:00.000Z`);
  t.equal(entry.updated!.toISOString(), new Date(item.firstSeen).toISOString(), 'updated: when this service first indexed it');

  const dated = index.item('5-microsoft-acquires-kinvolk')!;
  t.not(dated.date, dated.issue.date);
  const own = parseFeed((await app.inject({ url: '/feed.atom?q=kinvolk+acquires' })).body).items.find((i) => i.id?.endsWith(dated.id))!;
  t.equal(own.published!.toISOString().slice(0, 10), dated.date, "the item's own date, not its issue's");
});

t.test('RSS 2.0: well-formed, the channel and items carry what the spec requires', async (t) => {
  const app = await appFor(t, index, { publicUrl: BASE });
  const res = await app.inject({ url: '/feed.rss?kernel=5.13' });
  t.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8');
  t.equal(XMLValidator.validate(res.body), true);
  const rss = xml.parse(res.body).rss as Node;
  t.equal(rss['@version'], '2.0');
  const channel = rss.channel as Node;
  for (const name of ['title', 'link', 'description']) t.ok(channel[name], `channel has ${name}`);
  const items = channel.item as Node[];
  t.ok(items.length > 0 && items.length <= 50);
  for (const item of items) {
    t.ok(item.title || item.description, 'an item has a title or a description');
    t.ok(Number.isFinite(Date.parse(String(item.pubDate))), 'pubDate is an RFC 822 date');
    t.equal((item.guid as Node)['@isPermaLink'], 'true');
  }
  const parsed = parseFeed(res.body);
  t.equal(parsed.meta.type, 'rss');
  t.same(
    parsed.items.map((i) => i.id),
    await searchPermalinks(app, 'kernel=5.13'),
  );
  const credited = items.find((i) => i['dc:creator']);
  t.ok(credited, 'credits as dc:creator (RSS author must be an email address)');
});

t.test('JSON Feed 1.1: valid against the spec, application/feed+json, same items as /search', async (t) => {
  const app = await appFor(t, index, { publicUrl: BASE });
  const res = await app.inject({ url: '/feed.json?author=Andrii+Nakryiko&kernel=%3E%3D5.11' });
  t.equal(res.headers['content-type'], 'application/feed+json; charset=utf-8');
  const feed = res.json();
  t.ok(validJsonFeed(feed), JSON.stringify(validJsonFeed.errors));
  t.ok(feed.items.length > 0);
  t.same(
    feed.items.map((i: { id: string }) => i.id),
    await searchPermalinks(app, 'author=Andrii+Nakryiko&kernel=%3E%3D5.11'),
  );
  for (const item of feed.items) t.ok(item.authors.some((a: { name: string }) => a.name === 'Andrii Nakryiko'));
});

t.test('at most 50 entries a page; Link headers and in-feed links page through the rest', async (t) => {
  const app = await appFor(t, index, { publicUrl: BASE });
  const first = await app.inject({ url: '/feed.json' });
  t.equal(first.json().items.length, 50);
  t.equal(first.headers.link, `<${BASE}/feed.json?offset=50>; rel="next"`);
  t.equal(first.json().next_url, `${BASE}/feed.json?offset=50`);
  const second = await app.inject({ url: '/feed.json?offset=50' });
  t.equal(second.headers.link, `<${BASE}/feed.json?offset=100>; rel="next", <${BASE}/feed.json?offset=0>; rel="prev"`);
  t.notSame(second.json().items[0].id, first.json().items[0].id);
  const atom = xml.parse((await app.inject({ url: '/feed.atom?offset=50' })).body).feed as Node;
  t.same(
    (atom.link as Node[]).filter((l) => ['next', 'previous'].includes(String(l['@rel']))).map((l) => l['@rel']),
    ['next', 'previous'],
  );
  const tooMany = await app.inject({ url: '/feed.atom?limit=51' });
  t.equal(tooMany.statusCode, 400);
  t.equal(tooMany.json().parameter, 'limit');
});

t.test('fields= narrows entries; unknown fields and bad filters are a 400 that says so', async (t) => {
  const app = await appFor(t, index, { publicUrl: BASE });
  const narrow = (await app.inject({ url: '/feed.json?q=xdp&fields=url' })).json();
  t.ok(validJsonFeed(narrow), 'still a valid JSON Feed');
  for (const item of narrow.items) t.same(Object.keys(item).sort(), ['content_text', 'date_modified', 'date_published', 'id', 'title', 'url']);
  for (const item of narrow.items) t.equal(item.content_text, item.title, 'without the summary, the title is the content');
  const credited = (await app.inject({ url: '/feed.json?q=xdp&fields=url,authors' })).json();
  t.ok(validJsonFeed(credited));
  t.ok(credited.items.some((item: { authors?: unknown }) => item.authors === undefined), 'an uncredited item has no authors at all');
  t.ok(credited.items.some((item: { authors?: unknown[] }) => (item.authors?.length ?? 0) > 0), 'a credited one lists them');
  for (const item of credited.items) t.notSame(item.authors, [], 'never an empty list');
  const whole = (await app.inject({ url: '/feed.json?q=xdp' })).body;
  t.ok((await app.inject({ url: '/feed.json?q=xdp&fields=url' })).body.length < whole.length / 3, 'a much smaller answer');
  const atom = (await app.inject({ url: '/feed.atom?q=xdp&fields=authors' })).body;
  t.equal(XMLValidator.validate(atom), true);
  t.notMatch(atom, '<summary');
  t.match(atom, '<author><name>');

  const unknown = await app.inject({ url: '/feed.rss?fields=url,body' });
  t.equal(unknown.statusCode, 400);
  t.match(unknown.json(), { parameter: 'fields', message: /unknown field "body".*choose from url, authors, categories, summary/ });
  const banana = await app.inject({ url: '/feed.atom?kernel=banana' });
  t.equal(banana.statusCode, 400);
  t.equal(banana.json().parameter, 'kernel');
});

t.test('feeds revalidate: ETag and Last-Modified, 304 for If-None-Match and for If-Modified-Since', async (t) => {
  const app = await appFor(t, index);
  const first = await app.inject({ url: '/feed.atom?q=libbpf' });
  t.ok(first.headers.etag);
  t.ok(first.headers['last-modified']);
  const byTag = await app.inject({ url: '/feed.atom?q=libbpf', headers: { 'if-none-match': String(first.headers.etag) } });
  t.equal(byTag.statusCode, 304);
  const byDate = await app.inject({ url: '/feed.atom?q=libbpf', headers: { 'if-modified-since': String(first.headers['last-modified']) } });
  t.equal(byDate.statusCode, 304);
  const older = await app.inject({ url: '/feed.atom?q=libbpf', headers: { 'if-modified-since': 'Mon, 01 Jan 2001 00:00:00 GMT' } });
  t.equal(older.statusCode, 200);
  const otherTag = await app.inject({ url: '/feed.atom?q=libbpf', headers: { 'if-none-match': 'W/"other"', 'if-modified-since': String(first.headers['last-modified']) } });
  t.equal(otherTag.statusCode, 200, 'If-None-Match decides when both are sent');
});

t.test('hostile archive text stays text in every feed format', async (t) => {
  const app = await appFor(t, await indexOf(`${FIXTURES}hostile`));
  for (const path of ['/feed.atom', '/feed.rss']) {
    const body = (await app.inject({ url: path })).body;
    t.equal(XMLValidator.validate(body), true, `${path} is well-formed`);
    t.notMatch(body, '<script>');
    t.equal(parseFeed(body).items[0]!.title, '<img src=x onerror=alert(1)> tail calls <script>alert(2)</script>');
  }
  const json = (await app.inject({ url: '/feed.json' })).json();
  t.equal(json.items[0].title, '<img src=x onerror=alert(1)> tail calls <script>alert(2)</script>');
  t.notOk(json.items[0].url?.startsWith('javascript:'), 'no javascript: link');
});
