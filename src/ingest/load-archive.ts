import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { findMarkdownFiles } from './find-markdown.js';
import { parseIssue, type ParsedIssue } from './parse-issue.js';
import type { Archive, Issue, Item, Problem } from './types.js';
import { loadVocabulary, type Vocabulary } from './vocabulary.js';

export interface LoadOptions {
  /** Compiled vocabulary; the repo's `data/` files by default. */
  vocabulary?: Vocabulary;
  siteUrl?: string;
  /** Files larger than this are reported and skipped (default 5 MiB): no newsletter issue is that big. */
  maxFileBytes?: number;
}

/** Raised when the archive folder itself is unusable: the caller cannot serve anything. */
export class ArchiveError extends Error {
  override name = 'ArchiveError';
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

async function readIssueFile(root: string, file: string, options: LoadOptions & { vocabulary: Vocabulary }): Promise<ParsedIssue> {
  const full = join(root, file);
  try {
    const info = await stat(full);
    const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (info.size > max) return { issue: null, items: [], problems: [{ file, message: `file is ${info.size} bytes, over the ${max}-byte limit: skipped` }] };
    const bytes = await readFile(full);
    let source: string;
    try {
      source = STRICT_UTF8.decode(bytes);
    } catch {
      return { issue: null, items: [], problems: [{ file, message: 'not valid UTF-8 text (binary content?): skipped' }] };
    }
    return parseIssue(source, { file, vocabulary: options.vocabulary, ...(options.siteUrl ? { siteUrl: options.siteUrl } : {}) });
  } catch (error) {
    // A parser bug on one file must not cost the rest of the archive.
    return { issue: null, items: [], problems: [{ file, message: `could not be indexed: ${(error as Error).message}` }] };
  }
}

/** Current layout before legacy, then the shorter path: the copy we keep when two files claim one issue. */
function preferred(a: Issue, b: Issue): Issue {
  if (a.layout !== b.layout) return a.layout === 'current' ? a : b;
  return a.file.length <= b.file.length ? a : b;
}

/**
 * Reads every newsletter issue below `root` into `{ issues, items, problems }`:
 * issues newest first, items in issue order then reading order. A broken file
 * is a problem, never an exception; an archive folder that is missing or holds
 * no issue is an ArchiveError.
 */
export async function loadArchive(root: string, options: LoadOptions = {}): Promise<Archive> {
  let info;
  try {
    info = await stat(root);
  } catch {
    throw new ArchiveError(`archive folder not found: ${root}`);
  }
  if (!info.isDirectory()) throw new ArchiveError(`archive path is not a folder: ${root}`);
  const vocabulary = options.vocabulary ?? loadVocabulary();
  const files = await findMarkdownFiles(root);
  const problems: Problem[] = [];
  const byNumber = new Map<number, { issue: Issue; items: Item[] }>();
  for (const file of files) {
    const parsed = await readIssueFile(root, file, { ...options, vocabulary });
    problems.push(...parsed.problems);
    if (!parsed.issue) continue;
    const seen = byNumber.get(parsed.issue.number);
    if (seen) {
      const keep = preferred(seen.issue, parsed.issue);
      const drop = keep === seen.issue ? parsed.issue : seen.issue;
      problems.push({ file: drop.file, message: `issue #${drop.number} is also in ${keep.file}: kept that copy, skipped this one` });
      if (keep === seen.issue) continue;
    }
    byNumber.set(parsed.issue.number, { issue: parsed.issue, items: parsed.items });
  }
  if (byNumber.size === 0) {
    throw new ArchiveError(`no eBPF Updates issue found in ${root} (${files.length} markdown files read)`);
  }
  const ordered = [...byNumber.values()].sort((a, b) => b.issue.number - a.issue.number);
  return {
    issues: ordered.map((o) => o.issue),
    items: ordered.flatMap((o) => o.items),
    problems,
  };
}
