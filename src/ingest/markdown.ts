import type { Nodes, Root, RootContent, PhrasingContent, Paragraph, Link as MdLink } from 'mdast';
import { remark } from 'remark';
import { toString } from 'mdast-util-to-string';
import { visit, SKIP } from 'unist-util-visit';

// The one module-level value the house style allows: a frozen, stateless processor.
const processor = remark().freeze();

/** Parses markdown into mdast; positions refer to `source`. */
export function parseMarkdown(source: string): Root {
  const tree = processor.runSync(processor.parse(source)) as Root;
  // mdast-util-to-string drops hard breaks; the credit line ends at one, so keep it as a newline.
  visit(tree, 'break', (_node, index, parent) => {
    if (parent && index !== undefined) parent.children.splice(index, 1, { type: 'text', value: '\n' });
    return SKIP;
  });
  bracketSuperscripts(tree);
  return tree;
}

/**
 * A footnote marker written as `<sup>1</sup>` would leave "changed1" in the
 * plain text once the tags go; as "changed[1]" the word stays a word and the
 * marker reads as one.
 */
function bracketSuperscripts(tree: Root): void {
  visit(tree, 'html', (node, index, parent) => {
    if (!parent || index === undefined || !/^<sup(\s[^>]*)?>$/i.test(node.value)) return;
    const text = parent.children[index + 1];
    const close = parent.children[index + 2];
    if (text?.type === 'text' && close?.type === 'html' && /^<\/sup\s*>$/i.test(close.value) && /^\w{1,4}$/.test(text.value)) text.value = `[${text.value}]`;
  });
}

/** Plain text of a node: markdown and inline HTML stripped, newlines kept. */
export function plainText(node: Nodes | Nodes[]): string {
  return toString(node, { includeHtml: false, includeImageAlt: false });
}

/** Collapses runs of white space, newlines included, into single spaces. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The exact source of a node (empty when the node has no position). */
export function sourceOf(source: string, node: Nodes): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? '' : source.slice(start, end);
}

/**
 * The source of a nested node with its continuation lines dedented, so an
 * item's markdown reads as if it were written at the top level.
 */
export function dedentedSourceOf(source: string, node: Nodes): string {
  const text = sourceOf(source, node);
  const indent = (node.position?.start.column ?? 1) - 1;
  if (indent === 0) return text;
  const margin = new RegExp(`^[ \\t]{0,${indent}}`);
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? line : line.replace(margin, '')))
    .join('\n');
}

export function lineOf(node: Nodes): number {
  return node.position?.start.line ?? 1;
}

/** Every link below `node`, in document order, as `{ text, url }`. */
export function linksOf(node: Nodes | Nodes[]): { text: string; url: string }[] {
  const found: { text: string; url: string }[] = [];
  for (const root of Array.isArray(node) ? node : [node]) {
    visit(root, 'link', (link: MdLink) => {
      found.push({ text: squash(plainText(link)), url: link.url });
    });
  }
  return found;
}

/**
 * The link an inline run opens with, looking through emphasis and strong
 * (`[_Title_](url)`, `**[Name](url)**`), else null.
 */
export function openingLink(children: PhrasingContent[]): MdLink | null {
  const first = children.find((child) => !(child.type === 'text' && child.value.trim() === '') && child.type !== 'html');
  if (!first) return null;
  if (first.type === 'link') return first;
  if (first.type === 'emphasis' || first.type === 'strong') return openingLink(first.children);
  return null;
}

export function firstParagraph(children: RootContent[]): Paragraph | null {
  const first = children[0];
  return first?.type === 'paragraph' ? first : null;
}
