import type { Root, RootContent } from 'mdast';
import { plainText, squash } from './markdown.js';
import { headingSlugger } from './titles.js';

export interface Section {
  /** Headings from `##` down, e.g. `["New Resources", "Deep Dives"]`. */
  path: string[];
  /** The deepest heading's anchor on the issue page. */
  anchor: string;
  line: number;
  blocks: RootContent[];
}

export interface Outline {
  /** What precedes the first heading: the lede and, in the legacy layout, `{{preview}}` markers. */
  lede: RootContent[];
  sections: Section[];
}

/** Headings that close an issue and credit its editors: not content. */
const CREDITS = /^(?:credits|acknowledg(?:e)?ments)$/i;

/**
 * Splits an issue into sections by heading. Every heading is slugged, in order,
 * so duplicate headings get the same `-1` suffixes the site gives them. The
 * credits section is dropped with everything under it.
 */
export function outline(tree: Root): Outline {
  const slugger = headingSlugger();
  const lede: RootContent[] = [];
  const sections: Section[] = [];
  const path: string[] = [];
  let current: Section | null = null;
  let inCredits = false;
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const text = squash(plainText(node));
      const anchor = slugger.slug(text);
      const level = Math.max(0, node.depth - 2);
      path.length = Math.min(path.length, level);
      path.push(text);
      if (level === 0) inCredits = CREDITS.test(text);
      current = inCredits ? null : { path: [...path], anchor, line: node.position?.start.line ?? 1, blocks: [] };
      if (current) sections.push(current);
      continue;
    }
    if (inCredits) continue;
    (current ? current.blocks : lede).push(node);
  }
  return { lede, sections };
}
