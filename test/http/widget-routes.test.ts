import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import t from 'tap';
import { WIDGET_DIR } from '../../src/http/routes/widget.js';
import { appFor, realIndex } from './helpers.js';

const index = await realIndex();

t.test('GET /widget.js: one small ES module, loadable from any origin, revalidated by ETag', async (t) => {
  const app = await appFor(t, index);
  const res = await app.inject({ url: '/widget.js', headers: { origin: 'https://blog.example' } });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^(application|text)\/javascript/);
  t.equal(res.headers['access-control-allow-origin'], '*', 'a module script from another origin needs CORS');
  t.match(res.body, /customElements\.define\("ebpf-updates-search"/);
  t.notMatch(res.body, /^\s*import\s/m, 'bundled: no imports left to resolve');
  const size = statSync(`${WIDGET_DIR}widget.js`).size;
  t.equal(Number(res.headers['content-length']), size);
  t.ok(size < 15 * 1024, `${size} bytes minified, under the 15 kB budget`);
  t.match(res.headers['cache-control'], /max-age=86400/);
  const again = await app.inject({ url: '/widget.js', headers: { 'if-none-match': String(res.headers.etag) } });
  t.equal(again.statusCode, 304);
});

t.test('without a built widget /widget.js says how to build it, and the rest still serves', async (t) => {
  const app = await appFor(t, index, { widgetDir: t.testdir({}) });
  const res = await app.inject({ url: '/widget.js' });
  t.equal(res.statusCode, 503);
  t.match(res.json().message, /npm run build/);
  t.equal((await app.inject({ url: '/search?q=xdp' })).statusCode, 200);
});

t.test('GET /: the demo page embeds the widget for this origin, shows curl examples, links /docs, under a strict CSP', async (t) => {
  const app = await appFor(t, index, { publicUrl: 'https://archive.example' });
  const res = await app.inject({ url: '/' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/html/);
  t.match(res.body, '<script type="module" src="/widget.js"></script>');
  t.match(res.body, '<ebpf-updates-search endpoint="https://archive.example" limit="5">');
  t.match(res.body, '<ebpf-updates-search endpoint="https://archive.example" mode="latest" filters="kernel=5.13"');
  t.match(res.body, 'curl &#39;https://archive.example/search?q=tail+calls&#39;');
  t.match(res.body, `curl &#39;https://archive.example/items/${index.items[0]!.id}&#39;`, 'a permalink example that exists');
  t.match(res.body, '<a href="/docs">');
  t.match(res.body, 'curl &#39;https://archive.example/feed.atom?kernel=5.13&#39;', 'feeds by example');
  const csp = String(res.headers['content-security-policy']);
  t.match(csp, "default-src 'none'");
  t.match(csp, "script-src 'self'");
  t.match(csp, "connect-src 'self'");
  t.notMatch(csp, 'unsafe-inline');
  const style = res.body.match(/<style>([\s\S]*?)<\/style>/)![1]!;
  t.match(csp, `style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`, 'the one inline style is allowed by its hash');
  t.equal((await app.inject({ url: '/favicon.ico' })).statusCode, 204);
});

t.test('GET /opensearch.xml: an OpenSearch 1.1 description browsers can add, linked from the demo page, whose searches open it', async (t) => {
  const { XMLParser } = await import('fast-xml-parser');
  const app = await appFor(t, index, { publicUrl: 'https://archive.example' });
  const res = await app.inject({ url: '/opensearch.xml' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^application\/opensearchdescription\+xml/);
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(res.body) as { OpenSearchDescription: Record<string, any> };
  const description = parsed.OpenSearchDescription;
  t.equal(description['xmlns'], 'http://a9.com/-/spec/opensearch/1.1/');
  t.ok(String(description['ShortName']).length <= 16, 'ShortName: at most 16 characters (the specification)');
  const urls = Object.fromEntries((description['Url'] as { type: string; template: string }[]).map((u) => [u.type, u.template]));
  t.equal(urls['text/html'], 'https://archive.example/?q={searchTerms}');
  t.equal(urls['application/json'], 'https://archive.example/search?q={searchTerms}&limit={count?}&offset={startIndex?}');
  t.equal(urls['application/opensearchdescription+xml'], 'https://archive.example/opensearch.xml');

  const page = await app.inject({ url: '/' });
  t.match(page.body, '<link rel="search" type="application/opensearchdescription+xml" title="eBPF Updates" href="/opensearch.xml">');
  // What a browser opens from its search bar: the template filled in.
  const opened = await app.inject({ url: urls['text/html']!.replace('https://archive.example', '').replace('{searchTerms}', encodeURIComponent('tail "calls" <b>')) });
  t.equal(opened.statusCode, 200);
  t.match(opened.body, '<ebpf-updates-search endpoint="https://archive.example" limit="5" q="tail &quot;calls&quot; &lt;b&gt;">', 'the widget opens on the search, escaped');
  t.equal((await app.inject({ url: urls['application/json']!.replace('https://archive.example', '').replace('{searchTerms}', 'xdp').replace('{count?}', '5').replace('{startIndex?}', '0') })).statusCode, 200);
});
