import type { Element, Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { remark } from 'remark';
import remarkRehype from 'remark-rehype';
import { visit } from 'unist-util-visit';

const ID_PREFIX = 'user-content-';

/**
 * Links and images as an item page can show them: relative links resolved
 * against the issue on ebpf.io, in-page links (`<a href="#1">` footnote
 * markers) pointed at the prefixed ids rehype-sanitize gives their targets,
 * and images, which the page's CSP would block, turned into links to them.
 */
function pageLinks() {
  return (tree: Root, file: { data: Record<string, unknown> }) => {
    const base = String(file.data['base']);
    visit(tree, 'element', (node: Element, index, parent) => {
      const href = node.properties['href'];
      if (node.tagName === 'a' && typeof href === 'string') {
        node.properties['href'] = href.startsWith('#') ? `#${ID_PREFIX}${href.slice(1)}` : absolute(href, base);
        node.properties['rel'] = ['noopener', 'nofollow'];
      }
      if (node.tagName === 'img' && parent && index !== undefined) {
        const src = typeof node.properties['src'] === 'string' ? absolute(node.properties['src'], base) : undefined;
        const alt = typeof node.properties['alt'] === 'string' && node.properties['alt'] !== '' ? node.properties['alt'] : 'image';
        parent.children.splice(index, 1, src ? { type: 'element', tagName: 'a', properties: { href: src, rel: ['noopener', 'nofollow'] }, children: [{ type: 'text', value: `[${alt}]` }] } : { type: 'text', value: alt });
      }
    });
  };
}

function absolute(url: string, base: string): string | undefined {
  try {
    const resolved = new URL(url, base);
    return resolved.protocol === 'https:' || resolved.protocol === 'http:' ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An item's markdown as safe HTML: embedded HTML parsed (rehype-raw) and then
 * cut to GitHub's allow-list (rehype-sanitize), so archive text can never
 * bring a script, a style or a `javascript:` link. The page that holds it
 * runs no script either (ITEM_PAGE_CSP).
 */
export function markdownToHtml(markdown: string, base: string): string {
  return String(processor.processSync({ value: markdown, data: { base } }));
}

// GitHub's allow-list without form controls (task-list checkboxes mean nothing
// here); a style element goes with its text, as a script does.
const SCHEMA = {
  ...defaultSchema,
  clobberPrefix: ID_PREFIX,
  tagNames: (defaultSchema.tagNames ?? []).filter((name) => name !== 'input'),
  strip: [...(defaultSchema.strip ?? []), 'style'],
};

// The one module-level value the house style allows: a frozen, stateless processor.
const processor = remark()
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(rehypeSanitize, SCHEMA)
  .use(pageLinks)
  .use(rehypeStringify)
  .freeze();
