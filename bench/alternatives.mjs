// The same items and queries through other engines: node --expose-gc bench/alternatives.mjs ARCHIVE_DIR [ENGINE] [--json]
//
// Without ENGINE, runs every engine in a process of its own (clean memory
// figures) and prints a table; with ENGINE, measures that one. Each engine
// indexes title (boosted where it can) and text, and answers the text queries
// of bench/queries.mjs (fielded ones are ours only) with its own typo and
// prefix options, top 10.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import { Document } from 'flexsearch';
import MiniSearch from 'minisearch';
import { loadArchive, loadVocabulary } from '../dist/ingest/index.js';
import { buildSearchIndex, loadSynonyms, search } from '../dist/search/index.js';
import { percentile, QUERIES, typoPairs } from './queries.mjs';

const lunr = createRequire(import.meta.url)('lunr');
export const ENGINES = ['ours', 'ours + all facets', 'plain MiniSearch', 'lunr', 'FlexSearch', 'Orama'];

const mb = (bytes) => Math.round(bytes / 1048576);
const settle = () => {
  globalThis.gc?.();
  globalThis.gc?.();
};

/** Each engine: build(items) -> query(q) returning up to 10 ids. */
export const BUILDERS = {
  ours: async (archive) => {
    const index = buildSearchIndex(archive, { vocabulary: loadVocabulary(), synonyms: loadSynonyms() });
    return (q) => search(index, { q, limit: 10 }).hits.map((h) => h.item.id);
  },
  'ours + all facets': async (archive) => {
    const index = buildSearchIndex(archive, { vocabulary: loadVocabulary(), synonyms: loadSynonyms() });
    const facets = ['author', 'project', 'kernel', 'section', 'issue', 'year'];
    return (q) => search(index, { q, limit: 10, facets }).hits.map((h) => h.item.id);
  },
  'plain MiniSearch': async ({ items }) => {
    const ms = new MiniSearch({ fields: ['title', 'text'], idField: 'n', searchOptions: { boost: { title: 3 }, fuzzy: 0.2, prefix: true } });
    items.forEach((item, n) => ms.add({ n, title: item.title, text: item.text }));
    return (q) =>
      ms
        .search(q)
        .slice(0, 10)
        .map((r) => items[r.id].id);
  },
  lunr: async ({ items }) => {
    const idx = lunr(function () {
      this.ref('n');
      this.field('title', { boost: 3 });
      this.field('text');
      items.forEach((item, n) => this.add({ n, title: item.title, text: item.text }));
    });
    return (q) => {
      const terms = lunr.tokenizer(q).map((t) => t.toString());
      return idx
        .query((query) =>
          terms.forEach((term, i) => {
            query.term(term, { editDistance: term.length >= 5 ? 1 : 0 });
            if (i === terms.length - 1) query.term(term, { wildcard: lunr.Query.wildcard.TRAILING });
          }),
        )
        .slice(0, 10)
        .map((r) => items[Number(r.ref)].id);
    };
  },
  FlexSearch: async ({ items }) => {
    const doc = new Document({ document: { id: 'n', index: ['title', 'text'] }, tokenize: 'forward' });
    items.forEach((item, n) => doc.add({ n, title: item.title, text: item.text }));
    return (q) => {
      const seen = new Set();
      for (const field of doc.search(q, { limit: 10 })) for (const n of field.result) seen.add(n);
      return [...seen].slice(0, 10).map((n) => items[n].id);
    };
  },
  Orama: async ({ items }) => {
    const db = create({ schema: { id: 'string', title: 'string', text: 'string' } });
    await insertMultiple(
      db,
      items.map((item) => ({ id: item.id, title: item.title, text: item.text })),
      1000,
    );
    return async (q) => (await oramaSearch(db, { term: q, properties: ['title', 'text'], boost: { title: 3 }, tolerance: 1, limit: 10 })).hits.map((h) => h.id);
  },
};

async function measure(dir, engine) {
  const archive = await loadArchive(dir, { vocabulary: loadVocabulary() });
  settle();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const query = await BUILDERS[engine](archive);
  const buildMs = performance.now() - t0;
  settle();
  const heap = process.memoryUsage().heapUsed - before;
  const texts = [...Object.entries(QUERIES).filter(([k]) => k !== 'fielded' && k !== 'browse').flatMap(([, qs]) => qs), ...typoPairs(archive.items, 40, 7)];
  for (const q of texts) await query(q);
  const times = [];
  const found = [];
  for (let round = 0; round < 5; round++) {
    for (const q of texts) {
      const start = process.hrtime.bigint();
      const ids = await query(q);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (round === 0) found.push(ids);
    }
  }
  times.sort((a, b) => a - b);
  const tail = found[texts.indexOf('tail calls')] ?? [];
  return {
    engine,
    items: archive.items.length,
    buildMs: Math.round(buildMs),
    indexHeapMb: mb(heap),
    p50: +percentile(times, 50).toFixed(3),
    p99: +percentile(times, 99).toFixed(3),
    'typo query hits': found.slice(-40).filter((ids) => ids.length > 0).length,
    'tail calls first': tail[0] ?? null,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  const [dir, engine] = positionals;
  if (engine) {
    const result = await measure(dir, engine);
    console.log(values.json ? JSON.stringify(result) : result);
  } else {
    const rows = ENGINES.map((name) => JSON.parse(execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), dir, name, '--json']).toString()));
    if (values.json) console.log(JSON.stringify(rows));
    else console.table(rows);
  }
}
