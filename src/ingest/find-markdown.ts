import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const MARKDOWN = /\.(?:md|mdx)$/i;
const SKIPPED_DIRS = new Set(['node_modules']);
/** Folders listed at once. */
const LISTING_CONCURRENCY = 16;

export interface MarkdownFiles {
  /** Paths relative to the root, `/`-separated, sorted: markdown files, and anything else named like them (links, FIFOs), for the reader to refuse by name. */
  files: string[];
  /** Folders below the root that could not be listed (permissions), relative, with why. */
  unreadable: { dir: string; message: string }[];
}

/**
 * Every markdown file below `root` (`index.md`, `*.md`, `*.mdx`), sorted so
 * runs are reproducible. Hidden folders and node_modules are not visited;
 * links are listed (so a file replaced by a link is reported, not silently
 * gone) but never followed. A sub-folder that cannot be listed is reported
 * and the rest walked; only an unreadable root throws.
 */
export async function findMarkdownFiles(root: string): Promise<MarkdownFiles> {
  const files: string[] = [];
  const unreadable: MarkdownFiles['unreadable'] = [];
  // Folders are listed a few at once: one after another, each listing waits its turn on a busy event loop
  // (a service starting up loads its modules meanwhile), and the archive is a folder per post.
  let listing = 0;
  const waiting: (() => void)[] = [];
  const list = async (dir: string) => {
    while (listing >= LISTING_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
    listing++;
    try {
      return await readdir(dir, { withFileTypes: true });
    } finally {
      listing--;
      waiting.shift()?.();
    }
  };
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await list(dir);
    } catch (error) {
      if (dir === root) throw error;
      unreadable.push({ dir: relative(root, dir).split(sep).join('/'), message: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
      return;
    }
    const below: Promise<void>[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) below.push(walk(full));
      else if (!entry.isDirectory() && MARKDOWN.test(entry.name)) files.push(relative(root, full).split(sep).join('/'));
    }
    await Promise.all(below);
  };
  await walk(root);
  // Listings end in any order: sorted, the problems they give are the same from run to run.
  return { files: files.sort(), unreadable: unreadable.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0)) };
}
