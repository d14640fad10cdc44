import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import type { Test } from 'tap';
import { buildApp, type AppOptions } from '../../src/http/app.js';
import { findMarkdownFiles } from '../../src/ingest/find-markdown.js';
import { loadArchive, loadVocabulary, type Archive } from '../../src/ingest/index.js';
import { buildSearchIndex, loadSynonyms, type SearchIndex } from '../../src/search/index.js';
import { BLOG_POSTS } from '../helpers.js';

const vocabulary = loadVocabulary();
const synonyms = loadSynonyms();
const INGEST_SOURCES = fileURLToPath(new URL('../../src/ingest/', import.meta.url));
const DATA = fileURLToPath(new URL('../../data/', import.meta.url));

/**
 * The real archive as the parser reads it, parsed once for the whole run:
 * two dozen test files search it, and each parsing it anew was 1.4 s of a
 * test process. Kept in the OS temp folder under a hash of everything the
 * parse reads (the ingest sources, the curated data, and the path, size and
 * time of each markdown file `findMarkdownFiles` lists for the parser), so a
 * change to any of them parses again; the parser's own tests (test/ingest)
 * always parse.
 */
async function realArchive(): Promise<Archive> {
  const hash = createHash('sha256');
  for (const dir of [INGEST_SOURCES, DATA]) for (const file of readdirSync(dir).sort()) if (statSync(join(dir, file)).isFile()) hash.update(readFileSync(join(dir, file)));
  for (const file of (await findMarkdownFiles(BLOG_POSTS)).files) {
    const { size, mtimeMs } = statSync(join(BLOG_POSTS, file));
    hash.update(`${file}\0${size}\0${mtimeMs}\0`);
  }
  const kept = join(tmpdir(), `ebpf-archive-tests-${hash.digest('hex').slice(0, 16)}.json`);
  if (existsSync(kept)) return JSON.parse(readFileSync(kept, 'utf8')) as Archive;
  const archive = await loadArchive(BLOG_POSTS, { vocabulary });
  // Written whole under another name, then renamed: a test process starting meanwhile never reads half a file.
  const partial = `${kept}.${process.pid}`;
  writeFileSync(partial, JSON.stringify(archive));
  renameSync(partial, kept);
  return archive;
}

/** The real archive's index, built once per test file. */
export async function realIndex(): Promise<SearchIndex> {
  return buildSearchIndex(await realArchive(), { vocabulary, synonyms });
}

export async function indexOf(dir: string): Promise<SearchIndex> {
  return buildSearchIndex(await loadArchive(dir, { vocabulary }), { vocabulary, synonyms });
}

/** An app over `index`, closed when the test ends. */
export async function appFor(t: Test, index: SearchIndex, options: Omit<AppOptions, 'index'> = {}) {
  const app = await buildApp({ index, ...options });
  t.teardown(() => app.close());
  return app;
}

/** A pino logger whose lines the test reads back as objects. */
export function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}
