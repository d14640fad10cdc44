import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BLOG_POSTS } from './helpers.js';

/**
 * A writable copy of part of the real archive (the five issues and a few
 * ordinary posts) in a test's own folder, for tests that edit an archive
 * while it is served. Made at run time, never committed.
 */
export function copyArchive(dest: string): string {
  mkdirSync(dest, { recursive: true });
  for (const folder of readdirSync(BLOG_POSTS).filter((f) => f.endsWith('-ebpf-updates') || f.startsWith('2018-'))) {
    cpSync(join(BLOG_POSTS, folder), join(dest, folder), { recursive: true });
  }
  return dest;
}
