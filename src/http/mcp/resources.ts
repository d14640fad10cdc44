import type { Issue } from '../../ingest/index.js';
import type { IndexedItem, SearchIndex } from '../../search/index.js';
import { permalink } from '../present.js';

/** The archive as MCP resources: each issue and each item, as markdown with its links. */
export const SCHEME = 'ebpf-updates';
export const TEMPLATES = [
  { uriTemplate: `${SCHEME}://issues/{number}`, name: 'issue', title: 'An issue of eBPF Updates', description: 'The issue as markdown: its lede, then its items under their sections, with their links and permalinks.', mimeType: 'text/markdown' },
  { uriTemplate: `${SCHEME}://items/{id}`, name: 'item', title: 'One item', description: 'The item as markdown as written, with where it appeared, its credits and its permalink.', mimeType: 'text/markdown' },
];

/** Resources listed per page (MCP cursors): an archive of thousands of issues lists in pages, not in one answer. */
export const RESOURCES_PER_PAGE = 500;

const issueUri = (issue: Issue) => `${SCHEME}://issues/${issue.number}`;
const itemUri = (item: IndexedItem) => `${SCHEME}://items/${encodeURIComponent(item.id)}`;

interface Listed {
  uri: string;
  name: string;
  title: string;
  mimeType: string;
}

/** One page of every resource, issues (newest first) then items (in the archive's order), from `cursor` (a position). */
export function listResources(index: SearchIndex, cursor: string | undefined): { resources: Listed[]; nextCursor?: string } {
  // Cursors are the positions this server hands out: digits only, as written by nextCursor.
  if (cursor !== undefined && !/^(?:0|[1-9]\d{0,8})$/.test(cursor)) throw new RangeError(`invalid cursor ${JSON.stringify(cursor.slice(0, 40))}: pass the nextCursor of the page before`);
  const start = cursor === undefined ? 0 : Number(cursor);
  const issues = [...index.issues].sort((a, b) => b.number - a.number);
  const total = issues.length + index.items.length;
  const resources: Listed[] = [];
  for (let at = start; at < Math.min(total, start + RESOURCES_PER_PAGE); at++) {
    if (at < issues.length) {
      const issue = issues[at]!;
      resources.push({ uri: issueUri(issue), name: `issue-${issue.number}`, title: issue.title, mimeType: 'text/markdown' });
    } else {
      const item = index.items[at - issues.length]!;
      resources.push({ uri: itemUri(item), name: item.id, title: `${item.title} (#${item.issue.number}, ${item.sectionPath.join(' › ')})`, mimeType: 'text/markdown' });
    }
  }
  const next = start + RESOURCES_PER_PAGE;
  return next < total ? { resources, nextCursor: String(next) } : { resources };
}

function itemMarkdown(item: IndexedItem, base: string): string {
  const credits = item.authors.length > 0 ? `Credited: ${item.authors.join(', ')}\n` : '';
  const thread = item.loreUrl ? `Kernel thread: ${item.loreUrl} (Message-ID <${item.messageId}>)\n` : '';
  return `${item.markdown.trim()}\n\n${credits}${thread}Permalink: ${permalink(base, item.id)}\n`;
}

function issueMarkdown(index: SearchIndex, issue: Issue, base: string): string {
  const out = [`# ${issue.title}`, '', `${issue.date} · ${issue.url}`, '', issue.lede.trim(), ''];
  let section = '';
  for (const item of index.items) {
    if (item.issue.number !== issue.number) continue;
    const heading = item.sectionPath.join(' › ');
    if (heading !== section) out.push(`## ${heading}`, '');
    section = heading;
    out.push(item.markdown.trim(), '', `Permalink: ${permalink(base, item.id)}`, '');
  }
  return out.join('\n');
}

/** The resource at `uri` as markdown, or null when there is none. */
export function readResource(index: SearchIndex, uri: string, base: string): { uri: string; mimeType: string; text: string } | null {
  const issue = new RegExp(`^${SCHEME}://issues/([1-9]\\d{0,6})$`).exec(uri);
  if (issue) {
    const found = index.issues.find((i) => i.number === Number(issue[1]));
    return found ? { uri, mimeType: 'text/markdown', text: issueMarkdown(index, found, base) } : null;
  }
  const item = new RegExp(`^${SCHEME}://items/([^/?#]+)$`).exec(uri);
  if (item) {
    let id: string;
    try {
      id = decodeURIComponent(item[1]!);
    } catch {
      return null;
    }
    const found = index.item(id);
    return found ? { uri, mimeType: 'text/markdown', text: itemMarkdown(found, base) } : null;
  }
  return null;
}
