import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BLOG_POSTS, FIXTURES } from './helpers.js';

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

/**
 * Our own small archive (test/fixtures/small-archive): three short issues
 * (#1 to #3, 11 items) and an ordinary post. For the tests that start the
 * real process where what is served is not the point (reloads, faults,
 * signals, logs): a start parses it in a moment, where the real archive
 * costs seconds of every start.
 */
export const SMALL_ARCHIVE = `${FIXTURES}small-archive`;

/** A writable copy of SMALL_ARCHIVE in a test's own folder, for tests that edit it while it is served. */
export function copySmallArchive(dest: string): string {
  mkdirSync(dest, { recursive: true });
  cpSync(SMALL_ARCHIVE, dest, { recursive: true });
  return dest;
}
