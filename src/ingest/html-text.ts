import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';
import type { Element } from 'hast';
import type { Link } from './types.js';

/**
 * Embedded HTML blocks are mostly tweets (`<blockquote class="twitter-tweet">`).
 * A real HTML parser gives their words and links; scripts and styles add nothing.
 */
export function htmlToText(html: string): { text: string; links: Link[] } {
  const tree = fromHtml(html, { fragment: true });
  const links: Link[] = [];
  visit(tree, 'element', (node: Element) => {
    const href = node.properties?.['href'];
    if (node.tagName === 'a' && typeof href === 'string' && /^https?:/i.test(href)) {
      links.push({ text: toText(node).replace(/\s+/g, ' ').trim(), url: href });
    }
  });
  return { text: toText(tree).replace(/\s+/g, ' ').trim(), links };
}

/** Shortened and hashtag links say nothing about what a tweet is; its status link does. */
export function isIncidentalLink(url: string): boolean {
  return /^https?:\/\/(t\.co|bit\.ly)\//i.test(url) || /\/hashtag\//i.test(url);
}
