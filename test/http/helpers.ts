import { Writable } from 'node:stream';
import pino from 'pino';
import type { Test } from 'tap';
import { buildApp, type AppOptions } from '../../src/http/app.js';
import { loadArchive, loadVocabulary } from '../../src/ingest/index.js';
import { buildSearchIndex, loadSynonyms, type SearchIndex } from '../../src/search/index.js';
import { BLOG_POSTS } from '../helpers.js';

const vocabulary = loadVocabulary();
const synonyms = loadSynonyms();

/** The real archive's index, built once per test file. */
export async function realIndex(): Promise<SearchIndex> {
  return buildSearchIndex(await loadArchive(BLOG_POSTS, { vocabulary }), { vocabulary, synonyms });
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
