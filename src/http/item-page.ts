import { escapeHtml } from '../search/index.js';
import { inlineStyleCsp } from './page-csp.js';
import { webUrl } from './present.js';
import type { ItemBody } from './schemas/index.js';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem;line-height:1.25}.meta,.credits{color:#555}ul.tags{list-style:none;padding:0;display:flex;gap:.5rem;flex-wrap:wrap}
ul.tags li{background:#eef;border-radius:1rem;padding:0 .6rem;font-size:.85rem}a{color:#0645ad}`;

/** The item page's policy: nothing but its own inline style (by hash); links are plain navigation. */
export const ITEM_PAGE_CSP = inlineStyleCsp(STYLE);

/**
 * The permalink as a page for people: title, credits, issue, the text, and
 * the way to the original on ebpf.io. Every piece of archive text is escaped;
 * links are only ever http(s).
 */
export function itemPage(item: ItemBody): string {
  const e = escapeHtml;
  const original = webUrl(item.url);
  const credits = item.authors.length > 0 ? `<p class="credits">From ${e(item.authors.join(', '))}</p>` : '';
  const meta = [
    item.date ? `<time datetime="${e(item.date)}">${e(item.date)}</time>` : '',
    `<a href="${e(item.sectionUrl)}">${e(item.sectionPath.join(' › '))}</a>`,
    `<a href="${e(item.issue.url)}">${e(item.issue.title)}</a>`,
  ]
    .filter(Boolean)
    .join(' · ');
  const tags = [...item.projects, ...item.kernelVersions.map((v) => `Linux ${v}`)].map((t) => `<li>${e(t)}</li>`).join('');
  const paragraphs = item.text
    .split(/\n{2,}/)
    .map((p) => `<p>${e(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const links = item.links
    .filter((l) => webUrl(l.url))
    .map((l) => `<li><a href="${e(l.url)}" rel="noopener nofollow">${e(l.text || l.url)}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(item.title)} — eBPF Updates archive</title>
<link rel="canonical" href="${e(item.permalink)}">
<meta name="description" content="${e(item.text.slice(0, 200))}">
<style>${STYLE}</style>
</head>
<body>
<article>
<h1>${original ? `<a href="${e(original)}" rel="noopener">${e(item.title)}</a>` : e(item.title)}</h1>
${credits}
<p class="meta">${meta}</p>
${tags ? `<ul class="tags">${tags}</ul>` : ''}
${paragraphs}
${links ? `<h2>Links</h2><ul>${links}</ul>` : ''}
<p><a href="${e(item.sectionUrl)}">Read it in the newsletter on ebpf.io</a> · <a href="${e(item.permalink)}">Permalink</a></p>
</article>
</body>
</html>
`;
}
