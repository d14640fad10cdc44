// In-process benchmark of one archive: node --expose-gc bench/in-process.mjs ARCHIVE_DIR [--rounds N] [--json]
//
// Parse time (markdown to items), index build time, heap and RSS once built,
// and query latency p50/p99 per query class. Run one archive per process so
// memory figures are not mixed (bench/run.mjs does that).
import { parseArgs } from 'node:util';
import { loadArchive, loadVocabulary } from '../dist/ingest/index.js';
import { buildSearchIndex, FACET_NAMES, loadSynonyms, search, SEARCH_BUDGET_MS } from '../dist/search/index.js';
import { percentile, QUERIES, typoPairs } from './queries.mjs';

const { values, positionals } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, json: { type: 'boolean', default: false } }, allowPositionals: true });
const dir = positionals[0];
if (!dir) throw new Error('usage: in-process.mjs ARCHIVE_DIR');
const rounds = Number(values.rounds);
const mb = (bytes) => Math.round(bytes / 1048576);
const settle = () => {
  globalThis.gc?.();
  globalThis.gc?.();
};

const vocabulary = loadVocabulary();
settle();
const before = process.memoryUsage();
let t0 = performance.now();
const archive = await loadArchive(dir, { vocabulary, parse: 'workers' });
const parseMs = performance.now() - t0;
settle();
const afterParse = process.memoryUsage();
t0 = performance.now();
const index = buildSearchIndex(archive, { vocabulary, synonyms: loadSynonyms() });
const buildMs = performance.now() - t0;
settle();
const built = process.memoryUsage();

// JIT warm-up on queries of its own, so what follows starts with empty caches.
for (const q of typoPairs(index.items, 100, 999)) search(index, { q, facets: FACET_NAMES, budgetMs: Infinity });
// Its garbage collected now: a major collection it left pending otherwise lands on whichever class runs first.
settle();

/**
 * Per class: `first` is each query's first run (nothing cached for it), `again`
 * its later runs (its words' matches cached, as popular words are in
 * production). "two words, typos" draws new queries every round: always first runs.
 */
const classes = { ...QUERIES };
// Unbounded here, so the figures say how long a query takes; the service would
// refuse those over SEARCH_BUDGET_MS with a 400, counted as overBudget.
let overBudget = 0;
const time = (q) => {
  const start = process.hrtime.bigint();
  search(index, { q, limit: 10, facets: FACET_NAMES, budgetMs: Infinity });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (ms > SEARCH_BUDGET_MS) overBudget++;
  return ms;
};
const stats = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted.length === 0 ? null : { n: sorted.length, p50: +percentile(sorted, 50).toFixed(3), p99: +percentile(sorted, 99).toFixed(3) };
};
const latency = {};
const allFirst = [];
const allAgain = [];
for (const [name, queries] of Object.entries(classes)) {
  const first = queries.map(time);
  const again = [];
  for (let r = 1; r < rounds; r++) for (const q of queries) again.push(time(q));
  allFirst.push(...first);
  allAgain.push(...again);
  latency[name] = { first: stats(first), again: stats(again) };
}
const fresh = [];
for (let r = 0; r < rounds; r++) for (const q of typoPairs(index.items, 40, 7 + r)) fresh.push(time(q));
allFirst.push(...fresh);
latency['two words, typos'] = { first: stats(fresh), again: null };
latency.all = { first: stats(allFirst), again: stats(allAgain) };

const result = {
  archive: dir,
  issues: archive.issues.length,
  items: archive.items.length,
  parseMs: Math.round(parseMs),
  buildMs: Math.round(buildMs),
  memoryMb: {
    itemsHeap: mb(afterParse.heapUsed - before.heapUsed),
    indexHeap: mb(built.heapUsed - afterParse.heapUsed),
    heapUsed: mb(built.heapUsed),
    rss: mb(built.rss),
  },
  latencyMs: latency,
  overBudget: { queries: overBudget, of: allFirst.length + allAgain.length, budgetMs: SEARCH_BUDGET_MS },
};
if (values.json) console.log(JSON.stringify(result));
else {
  console.log(`${result.issues} issues, ${result.items} items: parse ${result.parseMs} ms, index build ${result.buildMs} ms, heap ${result.memoryMb.heapUsed} MB, RSS ${result.memoryMb.rss} MB; ${overBudget} of ${result.overBudget.of} queries over the ${SEARCH_BUDGET_MS} ms budget`);
  console.table(Object.fromEntries(Object.entries(latency).map(([k, v]) => [k, { 'first p50': v.first?.p50, 'first p99': v.first?.p99, 'again p50': v.again?.p50, 'again p99': v.again?.p99 }])));
}
