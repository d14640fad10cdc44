import { escapeHtml } from '../search/index.js';
import { inlineStyleCsp } from './page-csp.js';

const STYLE = `body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem}p.lead{color:#5b6475;margin-top:0}
pre{background:#f4f6f9;border:1px solid #d0d5de;border-radius:6px;padding:.7rem;overflow-x:auto;font-size:.85rem}
ebpf-updates-search{margin:1rem 0}a{color:#1a5fb4}`;

/**
 * The demo page's policy: scripts, connections and images from this origin
 * only (the widget is served from here and calls this API), its own style by
 * hash, nothing framed, no forms, no plugins.
 */
export const DEMO_PAGE_CSP = inlineStyleCsp(STYLE, { 'script-src': "'self'", 'connect-src': "'self'" });

/** `GET /`: the widget at work (on the search `q` when given), how to embed it, and the API by example. `base` is the public origin; `itemId` an example permalink. */
export function demoPage(base: string, itemId = 'ID', q?: string): string {
  const e = escapeHtml;
  const curl = (path: string) => `curl '${base}${path}'`;
  const examples = [
    ['Search (typos, prefixes and synonyms welcome)', curl('/search?q=tail+calls')],
    ['Filter by author and kernel version, newest first', curl('/search?author=Andrii+Nakryiko&kernel=%3E%3D5.12&sort=-date')],
    ['The query language does the same inline', curl('/search?q=xdp+kernel:5.10..5.13+-hubble')],
    ['Count authors, projects and kernels over the matches', curl('/search?q=libbpf&facets=author,project,kernel')],
    ['One item, by its permalink, and the items most like it', `${curl(`/items/${encodeURIComponent(itemId)}`)}\n${curl(`/items/${encodeURIComponent(itemId)}/related?limit=5`)}`],
    ['Subscribe to any search: Atom, RSS or JSON Feed', `${curl('/feed.atom?kernel=5.13')}\n${curl('/feed.json?author=Paul+Chaignon')}`],
    ['Every issue, and completions for a search box', `${curl('/issues')}\n${curl('/suggest?q=sleepa')}`],
  ];
  const embed = `<script type="module" src="${base}/widget.js"></script>
<ebpf-updates-search endpoint="${base}" limit="5"></ebpf-updates-search>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>eBPF Updates archive</title>
<style>${STYLE}</style>
<script type="module" src="/widget.js"></script>
<link rel="search" type="application/opensearchdescription+xml" title="eBPF Updates" href="/opensearch.xml">
</head>
<body>
<h1>eBPF Updates archive</h1>
<p class="lead">Every item of every issue of the eBPF Updates newsletter, searchable. API reference: <a href="/docs">/docs</a> (<a href="/openapi.json">OpenAPI document</a>).</p>
<ebpf-updates-search endpoint="${e(base)}" limit="5"${q ? ` q="${e(q)}"` : ''}></ebpf-updates-search>
<h2>Embed it on your site</h2>
<p>Two lines; attributes <code>limit</code>, <code>filters="kernel=5.13"</code>, <code>mode="latest"</code>, <code>facets</code>, <code>open="permalink"</code>, <code>target="_blank"</code>, and <code>--ebpf-*</code> CSS properties for colours.</p>
<pre>${e(embed)}</pre>
<p>Read-only browsing of the newest items for a filter, with <code>mode="latest"</code>:</p>
<ebpf-updates-search endpoint="${e(base)}" mode="latest" filters="kernel=5.13" limit="3" label="Latest about Linux 5.13"></ebpf-updates-search>
<h2>Use the API</h2>
${examples.map(([what, command]) => `<p>${e(what!)}</p>\n<pre>${e(command!)}</pre>`).join('\n')}
</body>
</html>
`;
}
