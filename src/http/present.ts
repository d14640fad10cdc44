import type { Issue, Item } from '../ingest/index.js';
import type { Hit, IndexedItem } from '../search/index.js';
import type { HitBody, IssueSummaryBody, ItemBody, ItemSummaryBody } from './schemas/index.js';

/** Only web links become hrefs in what we render (pages, feeds): a `mailto:` or anything else stays text. The widget has its own copy (src/widget/marked-text.ts): it imports types only. */
export function webUrl(url: string | null): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

/** Shapes items for the wire; `base` is the absolute origin permalinks are built on. */
export function permalink(base: string, id: string): string {
  return `${base}/items/${encodeURIComponent(id)}`;
}

function core(item: IndexedItem, base: string) {
  return {
    id: item.id,
    kind: item.kind,
    title: item.title,
    url: item.url,
    permalink: permalink(base, item.id),
    issue: item.issue,
    sectionPath: item.sectionPath,
    sectionUrl: item.sectionUrl,
    authors: item.authors,
    projects: item.projects,
    kernelVersions: item.kernelVersions,
    date: item.date,
    messageId: item.messageId,
    loreUrl: item.loreUrl,
    firstSeen: item.firstSeen,
  };
}

export function itemBody(item: IndexedItem, children: readonly string[], base: string): ItemBody {
  return {
    ...core(item, base),
    dateText: item.dateText,
    parent: item.parent,
    children: [...children],
    text: item.text,
    intro: item.intro,
    markdown: item.markdown,
    links: item.links,
    order: item.order,
  };
}

export function itemSummary(item: IndexedItem, base: string): ItemSummaryBody {
  return { ...core(item, base), parent: item.parent };
}

export function hitBody(hit: Hit, base: string): HitBody {
  const seenIn = hit.seenIn?.map((item) => ({ id: item.id, issue: item.issue, sectionPath: item.sectionPath, sectionUrl: item.sectionUrl, permalink: permalink(base, item.id) }));
  return { ...core(hit.item, base), ...(seenIn ? { seenIn } : {}), snippet: hit.snippet, highlight: hit.highlight, score: hit.score };
}

export function issueSummary(issue: Issue): IssueSummaryBody {
  return {
    number: issue.number,
    title: issue.title,
    date: issue.date,
    url: issue.url,
    lede: issue.lede,
    itemCount: issue.itemCount,
    layout: issue.layout,
  };
}
