// In-process search latency on the real archive: node bench/search-latency.mjs [archive] [rounds]
import { loadArchive, loadVocabulary } from '../dist/ingest/index.js';
import { buildSearchIndex, loadSynonyms, search } from '../dist/search/index.js';
import { QUERIES } from './queries.mjs';

const archiveDir = process.argv[2] ?? new URL('../../shared/archive/blog-posts', import.meta.url).pathname;
const rounds = Number(process.argv[3] ?? 10);
const vocabulary = loadVocabulary();
const archive = await loadArchive(archiveDir, { vocabulary });
const index = buildSearchIndex(archive, { vocabulary, synonyms: loadSynonyms() });

const FACETS = ['author', 'project', 'kernel', 'section', 'issue', 'year'];
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
// Warm-up: JIT and caches, not measured.
for (const q of Object.values(QUERIES).flat()) search(index, { q, facets: FACETS });

const rows = [];
const all = [];
for (const [kind, queries] of Object.entries(QUERIES)) {
  const times = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t0 = process.hrtime.bigint();
      search(index, { q, limit: 10, facets: FACETS });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  all.push(...times);
  rows.push({ class: kind, queries: times.length, p50: percentile(times, 50).toFixed(3), p99: percentile(times, 99).toFixed(3), max: times[times.length - 1].toFixed(3) });
}
all.sort((a, b) => a - b);
rows.push({ class: 'ALL', queries: all.length, p50: percentile(all, 50).toFixed(3), p99: percentile(all, 99).toFixed(3), max: all[all.length - 1].toFixed(3) });
console.log(`${archive.issues.length} issues, ${archive.items.length} items, index built in ${index.buildMs.toFixed(0)} ms; latency in ms (limit 10, all facets)`);
console.table(rows);
