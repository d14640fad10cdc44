import type { RootContent } from 'mdast';
import { readFrontMatter } from './front-matter.js';
import { mayBeIssue } from './issue-sniff.js';
import { assignIds } from './ids.js';
import { threadOfItem } from './kernel-threads.js';
import { parseMarkdown, plainText, sourceOf, squash } from './markdown.js';
import { repairMojibake } from './mojibake.js';
import { readSection, type ItemDraft, type SectionContext } from './section-items.js';
import { outline, type Section } from './sections.js';
import type { Issue, IssueRef, Item, Problem } from './types.js';
import type { Vocabulary } from './vocabulary.js';

export interface ParseOptions {
  /** The file's path relative to the archive folder, used in problems and `Issue.file`. */
  file: string;
  vocabulary: Vocabulary;
  /** Where issue pages live; `https://ebpf.io` by default. */
  siteUrl?: string;
}

export interface ParsedIssue {
  /** Null when the file is not a newsletter issue, or is too broken to index. */
  issue: Issue | null;
  items: Item[];
  problems: Problem[];
}

export const DEFAULT_SITE_URL = 'https://ebpf.io';

/**
 * List entries one file may hold. A real issue has at most 63 items; parsing
 * costs about 0.3 ms an entry, so a legal-sized file of a hundred thousand
 * one-line entries would parse for half a minute. Entries past the cap are
 * cut before parsing, and the file reported.
 */
export const MAX_ENTRIES_PER_FILE = 1000;
const ENTRY_LINE = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]/gm;

/** `body` cut before its entry number MAX_ENTRIES_PER_FILE + 1, or as it is. */
function capEntries(body: string): { body: string; cutAtLine: number | null } {
  ENTRY_LINE.lastIndex = 0;
  let count = 0;
  for (let m = ENTRY_LINE.exec(body); m; m = ENTRY_LINE.exec(body)) {
    if (++count > MAX_ENTRIES_PER_FILE) return { body: body.slice(0, m.index), cutAtLine: body.slice(0, m.index).split('\n').length };
  }
  return { body, cutAtLine: null };
}

/**
 * Links resolved against the issue page; only http(s) and mailto survive, so
 * a `javascript:` link in a hostile file never reaches a client as a url.
 */
function safeUrl(raw: string, base: string): string | null {
  try {
    const url = new URL(raw, base);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function folderOf(file: string): string {
  const parts = file.split(/[\\/]/);
  const name = parts[parts.length - 1] ?? '';
  return /^index\.mdx?$/i.test(name) ? (parts[parts.length - 2] ?? name) : name.replace(/\.mdx?$/i, '');
}

/** The issue's sections as item drafts, in reading order; a kernel cycle announced in one top-level section holds until the next. */
function draftsOf(ctx: SectionContext, sections: readonly Section[]): ItemDraft[] {
  const drafts: ItemDraft[] = [];
  let topLevel = '';
  for (const section of sections) {
    if (section.path[0] !== topLevel) {
      topLevel = section.path[0] ?? '';
      ctx.cycle = null;
    }
    drafts.push(...readSection(ctx, section));
  }
  return drafts;
}

/** The lede: the front matter's description, else the legacy `{{preview}}` text, else the paragraphs before the first heading. */
function ledeOf(body: string, lede: readonly RootContent[], description: string): { text: string; legacyPreview: boolean } {
  const ledeSource = lede.map((node) => sourceOf(body, node)).join('\n\n');
  const preview = /\{\{preview\}\}([\s\S]*?)\{\{\/preview\}\}/.exec(ledeSource);
  const text =
    description ||
    (preview?.[1] ? squash(plainText(parseMarkdown(preview[1]))) : '') ||
    squash(
      lede
        .filter((n) => n.type === 'paragraph')
        .map((n) => plainText(n))
        .join(' '),
    );
  return { text, legacyPreview: preview !== null };
}

/** Drafts made items: ids given, parents resolved to ids, links resolved against the issue page (only web and mail links survive). */
function itemsOf(drafts: ItemDraft[], ref: IssueRef, number: number): Item[] {
  const ids = assignIds(number, drafts);
  const idOf = new Map(drafts.map((d, i) => [d, ids[i] ?? '']));
  return drafts.map((d, order) => {
    const sectionUrl = `${ref.url}#${d.anchor}`;
    const url = d.kind === 'prose' ? sectionUrl : d.url && safeUrl(d.url, ref.url);
    const links = d.links.flatMap((link) => {
      const safe = safeUrl(link.url, ref.url);
      return safe ? [{ text: link.text, url: safe }] : [];
    });
    const thread = threadOfItem(d.kind === 'prose' ? null : url, links);
    return {
      id: idOf.get(d) ?? '',
      kind: d.kind,
      parent: d.parent ? (idOf.get(d.parent) ?? null) : null,
      issue: ref,
      sectionPath: d.sectionPath,
      sectionUrl,
      title: d.title,
      url,
      links,
      messageId: thread?.messageId ?? null,
      loreUrl: thread?.loreUrl ?? null,
      authors: d.authors,
      date: d.date,
      dateText: d.dateText,
      kernelVersions: d.kernelVersions,
      projects: d.projects,
      text: d.text,
      intro: d.intro,
      markdown: d.markdown,
      order,
      line: d.line,
    };
  });
}

/**
 * Parses one markdown file into a newsletter issue and its items. Pure: no
 * I/O, no logging; everything that went wrong is in `problems`. Files that are
 * not newsletter issues come back with `issue: null` and no problems.
 */
export function parseIssue(rawSource: string, options: ParseOptions): ParsedIssue {
  const { file, vocabulary } = options;
  const siteUrl = (options.siteUrl ?? DEFAULT_SITE_URL).replace(/\/+$/, '');
  if (!mayBeIssue(rawSource)) return { issue: null, items: [], problems: [] };
  if (rawSource.includes('\u0000')) {
    return { issue: null, items: [], problems: [{ file, message: 'binary content (NUL bytes): skipped' }] };
  }
  const source = repairMojibake(rawSource.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  const front = readFrontMatter(source, file, folderOf(file));
  if (front.kind === 'not-an-issue') return { issue: null, items: [], problems: [] };
  if (front.kind === 'broken') return { issue: null, items: [], problems: front.problems };
  const { meta, body } = front;
  const problems = [...front.problems];
  if (body.trim() === '') {
    problems.push({ file, message: `issue #${meta.number} has an empty body: skipped` });
    return { issue: null, items: [], problems };
  }

  const capped = capEntries(body);
  if (capped.cutAtLine !== null) {
    problems.push({ file, line: capped.cutAtLine, message: `more than ${MAX_ENTRIES_PER_FILE} list entries: the rest of the file, from this line, is not indexed` });
  }
  const { lede, sections } = outline(parseMarkdown(capped.body));
  const ref: IssueRef = { number: meta.number, title: meta.title, date: meta.date, url: `${siteUrl}${meta.path}` };
  const drafts = draftsOf({ source: body, file, vocabulary, problems, cycle: null }, sections);
  if (drafts.length === 0) problems.push({ file, message: `issue #${meta.number} has no items under its headings` });
  const items = itemsOf(drafts, ref, meta.number);
  const { text, legacyPreview } = ledeOf(body, lede, meta.description);
  const issue: Issue = {
    ...ref,
    path: meta.path,
    lede: text,
    layout: legacyPreview || (meta.legacyTags && !meta.description) ? 'legacy' : 'current',
    file,
    itemCount: items.length,
  };
  return { issue, items, problems };
}
