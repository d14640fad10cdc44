import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const MARKDOWN = /\.(?:md|mdx)$/i;
const SKIPPED_DIRS = new Set(['node_modules']);

/**
 * Every markdown file below `root` (`index.md`, `*.md`, `*.mdx`), as paths
 * relative to `root` with `/` separators, sorted so runs are reproducible.
 * Hidden folders and node_modules are not visited; links are not followed.
 */
export async function findMarkdownFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) await walk(full);
      else if (entry.isFile() && MARKDOWN.test(entry.name)) found.push(relative(root, full).split(sep).join('/'));
    }
  };
  await walk(root);
  return found.sort();
}
