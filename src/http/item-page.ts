import { escapeHtml } from '../search/index.js';
import { inlineStyleCsp } from './page-csp.js';
import type { markdownToHtml } from './markdown-html.js';
import { webUrl } from './present.js';
import type { ItemBody, ItemSummaryBody } from './schemas/index.js';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem;line-height:1.25}.meta,.credits{color:#555}ul.tags{list-style:none;padding:0;display:flex;gap:.5rem;flex-wrap:wrap}
ul.tags li{background:#eef;border-radius:1rem;padding:0 .6rem;font-size:.85rem}a{color:#0645ad}
pre{overflow:auto;background:#f6f8fa;padding:.5rem}code{font-size:.9em}sup a{text-decoration:none}`;

/** The item page's policy: nothing but its own inline style (by hash); links are plain navigation. */
export const ITEM_PAGE_CSP = inlineStyleCsp(STYLE);

/** Where an item's page is: the permalink answers JSON and sends browsers here. */
export function pageUrl(permalink: string): string {
  return `${permalink}/page`;
}

/**
 * The permalink as a page for people: title, credits, issue, the text as
 * written (links, code, footnotes), the nested entries, and the way to the
 * original on ebpf.io. Archive text is escaped or sanitized; links are only
 * ever http(s) or within the page. `toHtml` is markdown-html.ts's, handed in
 * by the route that loads it on first use (remark and rehype are a tenth of a
 * second of every start-up otherwise).
 */
export function itemPage(item: ItemBody, children: readonly ItemSummaryBody[], toHtml: typeof markdownToHtml): string {
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
  // The issue is a folder on ebpf.io: relative links and images in it resolve below it.
  const body = toHtml(item.markdown, item.issue.url.replace(/\/?$/, '/'));
  const entries = children
    .map((child) => {
      const from = child.authors.length > 0 ? ` <span class="credits">from ${e(child.authors.join(', '))}</span>` : '';
      const original = webUrl(child.url);
      return `<li><a href="${e(pageUrl(child.permalink))}">${e(child.title)}</a>${from}${original ? ` · <a href="${e(original)}" rel="noopener nofollow">original</a>` : ''}</li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(item.title)} — eBPF Updates archive</title>
<link rel="canonical" href="${e(pageUrl(item.permalink))}">
<meta name="description" content="${e(item.text.slice(0, 200))}">
<style>${STYLE}</style>
</head>
<body>
<article>
<h1>${original ? `<a href="${e(original)}" rel="noopener">${e(item.title)}</a>` : e(item.title)}</h1>
${credits}
<p class="meta">${meta}</p>
${tags ? `<ul class="tags">${tags}</ul>` : ''}
<div class="text">
${body}
</div>
${entries ? `<h2>Entries</h2>\n<ul class="entries">\n${entries}\n</ul>` : ''}
<p><a href="${e(item.sectionUrl)}">Read it in the newsletter on ebpf.io</a> · <a href="${e(item.permalink)}">Permalink</a></p>
</article>
</body>
</html>
`;
}
