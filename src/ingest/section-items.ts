import type { List, ListItem, Nodes, RootContent } from 'mdast';
import { creditAfterLink, trailingCredit } from './credits.js';
import { dateFromComments, type ItemDate } from './date-comments.js';
import { htmlToText, isIncidentalLink } from './html-text.js';
import { cycleStatement, sortVersions, versionsInText } from './kernel-versions.js';
import { dedentedSourceOf, firstParagraph, lineOf, linksOf, openingLink, plainText, sourceOf, squash } from './markdown.js';
import type { Section } from './sections.js';
import { firstSentence } from './titles.js';
import type { Item, Link, Problem } from './types.js';
import { matchProjects, type Vocabulary } from './vocabulary.js';

/**
 * An item before ids are given: `parent` points into the same draft list; the
 * issue fills in the rest (the thread it names too, once its links are resolved).
 */
export type ItemDraft = Omit<Item, 'id' | 'parent' | 'issue' | 'sectionUrl' | 'order' | 'messageId' | 'loreUrl'> & {
  parent: ItemDraft | null;
  /** The deepest heading's anchor, for `sectionUrl`. */
  anchor: string;
};

export interface SectionContext {
  source: string;
  file: string;
  vocabulary: Vocabulary;
  problems: Problem[];
  /** The kernel cycle announced so far in the current top-level section; carried into subsections. */
  cycle: string | null;
}

const KERNEL_SECTION = /kernel side/i;

/**
 * What a block is as a comment: a date, a comment without one (null), or not
 * a comment (undefined). A comment written as a date that names no real day
 * is reported with its line and carries no date.
 */
function commentOf(ctx: SectionContext, node: RootContent): ItemDate | null | undefined {
  if (node.type !== 'html' && node.type !== 'paragraph') return undefined;
  const impossible = (text: string) => ctx.problems.push({ file: ctx.file, line: lineOf(node), message: `date comment ${JSON.stringify(text)} names no real day: the date is dropped` });
  return dateFromCommentsOrMarker(sourceOf(ctx.source, node), impossible);
}

/** `{{preview}}` markers and comments carry no text; a date comment carries its date. */
function dateFromCommentsOrMarker(text: string, onImpossible: (text: string) => void): ItemDate | null | undefined {
  if (/^\s*\{\{\/?preview\}\}\s*$/.test(text)) return null;
  const date = dateFromComments(text, onImpossible);
  if (date) return date;
  return /^(?:\s*(?:\{\/\*[\s\S]*?\*\/\}|<!--[\s\S]*?-->)\s*)+$/.test(text) ? null : undefined;
}

function blockText(node: RootContent): { text: string; links: Link[] } {
  if (node.type === 'html') return htmlToText(node.value);
  if (node.type === 'code') return { text: node.value, links: [] };
  if (node.type === 'list') {
    const lines = node.children.map((entry) => squash(plainText(entry)));
    return { text: lines.filter(Boolean).join('\n'), links: linksOf(node) };
  }
  if (node.type === 'thematicBreak') return { text: '', links: [] };
  return { text: squash(plainText(node as Nodes)), links: linksOf(node as Nodes) };
}

/** Text, links and markdown of blocks; `reads` when the blocks were already read (HTML is parsed once). */
function readBlocks(source: string, blocks: RootContent[], reads = blocks.map(blockText)): { text: string; links: Link[]; markdown: string } {
  const texts: string[] = [];
  const links: Link[] = [];
  const markdown: string[] = [];
  for (const [i, node] of blocks.entries()) {
    const read = reads[i]!;
    if (read.text) texts.push(read.text);
    links.push(...read.links);
    markdown.push(dedentedSourceOf(source, node));
  }
  return { text: texts.join('\n\n'), links, markdown: markdown.join('\n\n') };
}

function entryOpensWithLink(entry: ListItem): boolean {
  const first = firstParagraph(entry.children);
  return first !== null && openingLink(first.children) !== null;
}

/** A nested list whose entries open with links (talks of a conference) holds child items. */
function isChildList(node: RootContent): node is List {
  return node.type === 'list' && node.children.length > 0 && node.children.every(entryOpensWithLink);
}

function hasLink(blocks: readonly RootContent[]): boolean {
  return blocks.some((node) => (node.type === 'html' ? htmlToText(node.value).links.length > 0 : linksOf(node as Nodes).length > 0));
}

/**
 * A list is a list of items when at least half its entries carry a link;
 * otherwise it is part of the prose (the Patchwork advantages, the program
 * size limits).
 */
function isItemList(list: List, attached: RootContent[]): boolean {
  const linked = list.children.filter((entry, i) => {
    const extra = i === list.children.length - 1 ? attached : [];
    return hasLink([...entry.children, ...extra]);
  }).length;
  return linked > 0 && linked * 2 >= list.children.length;
}

function preferredUrl(links: Link[]): string | null {
  return (links.find((l) => !isIncidentalLink(l.url)) ?? links[0])?.url ?? null;
}

interface EntryInput {
  entry: ListItem;
  /** The text of the paragraph leading into the entry's list, if any. */
  intro: string | null;
  /** HTML right after the list, quoted by its last entry (a tweet). */
  attached: RootContent[];
  section: Section;
  date: ItemDate | null;
  parent: ItemDraft | null;
}

function readEntry(ctx: SectionContext, input: EntryInput, out: ItemDraft[]): void {
  const { entry, section, parent } = input;
  let date = input.date;
  const own: RootContent[] = [];
  const childLists: List[] = [];
  for (const node of entry.children) {
    const commentDate = commentOf(ctx, node);
    if (commentDate !== undefined) {
      date = commentDate ?? date;
      continue;
    }
    if (isChildList(node)) childLists.push(node);
    else own.push(node);
  }
  own.push(...input.attached);
  const { text, links, markdown } = readBlocks(ctx.source, own);

  const first = own[0];
  const opening = first?.type === 'paragraph' ? openingLink(first.children) : null;
  let title: string;
  let url: string | null;
  let authors: string[] = [];
  if (first?.type === 'paragraph' && opening) {
    title = squash(plainText(opening));
    url = opening.url;
    const at = first.children.findIndex((child) => child === opening || (('children' in child) && linksOf(child).some((l) => l.url === opening.url)));
    authors = creditAfterLink(plainText(first.children.slice(at + 1)), ctx.vocabulary.organisations) ?? [];
  } else {
    title = firstSentence(text || squash(plainText(entry)));
    url = null;
  }
  const trailing = trailingCredit(text, ctx.vocabulary.organisations);
  if (trailing) {
    if (authors.length === 0) authors = trailing;
    url ??= links.find((l) => /^link\b/i.test(l.text))?.url ?? null;
  }
  url ??= preferredUrl(links);

  const inKernel = KERNEL_SECTION.test(section.path[0] ?? '');
  const versions = versionsInText(`${title}\n\n${text}`);
  const draft: ItemDraft = {
    kind: 'entry',
    parent,
    sectionPath: section.path,
    anchor: section.anchor,
    title: title || `Untitled entry in ${section.path.join(' > ')}`,
    url,
    links,
    authors,
    date: date?.date ?? null,
    dateText: date?.dateText ?? null,
    kernelVersions: inKernel && ctx.cycle ? sortVersions([ctx.cycle, ...versions]) : versions,
    projects: matchProjects(ctx.vocabulary, `${title}\n${text}`, links.map((l) => l.url)),
    text,
    intro: input.intro,
    markdown,
    line: lineOf(entry),
  };
  out.push(draft);
  for (const list of childLists) {
    for (const child of list.children) readEntry(ctx, { entry: child, intro: input.intro, attached: [], section, date, parent: draft }, out);
  }
}

/**
 * Which lists of a section are item lists, with the HTML right after each
 * (no blank paragraph, no comment between) that its last entry quotes, and
 * the blocks so taken (not read again).
 */
function itemLists(blocks: readonly RootContent[], comments: readonly (ItemDate | null | undefined)[]): { attachedTo: Map<RootContent, RootContent[]>; consumed: Set<RootContent> } {
  const attachedTo = new Map<RootContent, RootContent[]>();
  const consumed = new Set<RootContent>();
  blocks.forEach((node, i) => {
    if (node.type !== 'list') return;
    const attached: RootContent[] = [];
    for (let j = i + 1; j < blocks.length; j++) {
      const next = blocks[j];
      if (next?.type !== 'html' || comments[j] !== undefined) break;
      attached.push(next);
    }
    if (isItemList(node, attached)) {
      attachedTo.set(node, attached);
      for (const b of attached) consumed.add(b);
    }
  });
  return { attachedTo, consumed };
}

/** The section's running text as one item, titled by its heading; it lives on the issue page itself (parseIssue points its url at the section). */
function proseItem(ctx: SectionContext, section: Section, prose: RootContent[], reads: ReturnType<typeof blockText>[]): ItemDraft {
  const { text, links, markdown } = readBlocks(ctx.source, prose, reads);
  const title = section.path[section.path.length - 1] ?? 'Untitled section';
  return {
    kind: 'prose',
    parent: null,
    sectionPath: section.path,
    anchor: section.anchor,
    title,
    url: null,
    links,
    authors: [],
    date: null,
    dateText: null,
    kernelVersions: versionsInText(`${title}\n\n${text}`),
    projects: matchProjects(ctx.vocabulary, `${title}\n${text}`, links.map((l) => l.url)),
    text,
    intro: null,
    markdown,
    line: lineOf(prose[0]!),
  };
}

/**
 * Turns one section into items: each entry of an item list is an item, and the
 * rest of the section (its prose) is one item titled by the heading, unless
 * that prose only leads into the lists.
 */
export function readSection(ctx: SectionContext, section: Section): ItemDraft[] {
  const blocks = section.blocks;
  const items: ItemDraft[] = [];
  const prose: RootContent[] = [];
  const proseReads: ReturnType<typeof blockText>[] = [];
  let proseBeyondLeadIns = false;
  let hasItemList = false;
  let pendingDate: ItemDate | null = null;
  let groupDate: ItemDate | null = null;
  // Lead-in paragraphs make no prose item of their own; their text goes with the entries they introduce.
  let intro: string | null = null;

  // Each block read once as a comment: dates, and what to skip when looking ahead.
  const comments = blocks.map((node) => commentOf(ctx, node));
  const { attachedTo, consumed } = itemLists(blocks, comments);
  const nextContent = (i: number): RootContent | undefined => blocks.find((_, j) => j > i && comments[j] === undefined);

  blocks.forEach((node, i) => {
    if (consumed.has(node)) return;
    const commentDate = comments[i];
    if (commentDate !== undefined) {
      pendingDate = commentDate ?? pendingDate;
      return;
    }
    const attached = node.type === 'list' ? attachedTo.get(node) : undefined;
    if (node.type === 'list' && attached) {
      hasItemList = true;
      node.children.forEach((entry, k) => {
        const date = (k === 0 ? pendingDate : null) ?? groupDate;
        readEntry(ctx, { entry, intro, attached: k === node.children.length - 1 ? attached : [], section, date, parent: null }, items);
      });
      pendingDate = null;
      groupDate = null;
      intro = null;
      return;
    }
    const next = nextContent(i);
    const leadsIn = node.type === 'paragraph' && next?.type === 'list' && attachedTo.has(next);
    const read = blockText(node);
    if (leadsIn) {
      // A date before a lead-in paragraph dates the whole list it introduces (the FOSDEM talks).
      groupDate = pendingDate;
      intro = intro ? `${intro}\n\n${read.text}` : read.text;
    } else {
      proseBeyondLeadIns = true;
      if (node.type === 'list' && !hasLink([node]) && !blocks.some((b, j) => j < i && b.type === 'paragraph' && comments[j] === undefined)) {
        ctx.problems.push({ file: ctx.file, line: lineOf(node), message: `list in "${section.path.join(' > ')}" has no links: its entries are kept as the section's text` });
      }
    }
    pendingDate = null;
    const cycle = KERNEL_SECTION.test(section.path[0] ?? '') ? cycleStatement(read.text) : null;
    if (cycle) ctx.cycle = cycle;
    prose.push(node);
    proseReads.push(read);
  });

  if (proseReads.some((read) => read.text !== '') && (proseBeyondLeadIns || !hasItemList)) items.push(proseItem(ctx, section, prose, proseReads));
  return items.sort((a, b) => a.line - b.line);
}
