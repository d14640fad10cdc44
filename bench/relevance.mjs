// Relevance on judged queries: npm run bench:relevance [-- --judgments FILE] [--out FILE] [--verbose]
//
// Each query of bench/relevance/judgments.json (written by reading the archive
// only, before tuning; never edited to fit results) is searched as /search
// would (first page of 10, relaxed when too few match every word) over the
// real archive. Prints MRR (the reciprocal rank of the first relevant hit)
// and nDCG@10 (gains 2^grade - 1, against the ideal order of the judgments)
// per kind and overall; --verbose lists each query whose first relevant hit
// is not first; --out writes the figures as JSON.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadArchive, loadVocabulary } from '../dist/ingest/index.js';
import { buildSearchIndex, loadSynonyms, search } from '../dist/search/index.js';
import { REAL_ARCHIVE } from './synth.mjs';

const { values } = parseArgs({
  options: {
    judgments: { type: 'string', default: new URL('./relevance/judgments.json', import.meta.url).pathname },
    out: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    archive: { type: 'string', default: REAL_ARCHIVE },
  },
});
const { queries } = JSON.parse(readFileSync(values.judgments, 'utf8'));
const vocabulary = loadVocabulary();
const index = buildSearchIndex(await loadArchive(values.archive, { vocabulary }), { vocabulary, synonyms: loadSynonyms() });
const known = new Set(index.items.map((i) => i.id));

const dcg = (gains) => gains.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
/** Hits folded into another's `seenIn` count as found where that hit is. */
const idsOf = (hit) => [hit.item.id, ...(hit.seenIn ?? []).map((s) => s.id)];

const perQuery = [];
for (const query of queries) {
  for (const id of Object.keys(query.relevant)) if (!known.has(id)) throw new Error(`${query.id}: no item ${id}`);
  let hits = [];
  let error = null;
  let total = 0;
  let relaxed = false;
  try {
    ({ hits, total, relaxed } = search(index, { q: query.q, limit: 10 }));
  } catch (e) {
    error = e.message;
  }
  const gains = hits.map((hit) => Math.max(0, ...idsOf(hit).map((id) => query.relevant[id] ?? 0)));
  const first = gains.findIndex((g) => g > 0);
  const ideal = dcg(Object.values(query.relevant).sort((a, b) => b - a).slice(0, 10));
  perQuery.push({ ...query, rr: first < 0 ? 0 : 1 / (first + 1), ndcg: ideal > 0 ? dcg(gains) / ideal : 0, rank: first < 0 ? null : first + 1, total, relaxed, top: hits.slice(0, 3).map((h) => h.item.id), error });
}

const median = (values) => (values.length === 0 ? 0 : [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]);
/** `hits`: the median number of items a query of the kind returns (a flood shows there); `relaxed`: how many relaxed. */
const summarize = (list) => ({
  queries: list.length,
  mrr: +(list.reduce((s, q) => s + q.rr, 0) / list.length).toFixed(3),
  ndcg10: +(list.reduce((s, q) => s + q.ndcg, 0) / list.length).toFixed(3),
  hits: median(list.map((q) => q.total)),
  relaxed: list.filter((q) => q.relaxed).length,
});
const kinds = [...new Set(perQuery.map((q) => q.kind))];
const table = Object.fromEntries([...kinds.map((kind) => [kind, summarize(perQuery.filter((q) => q.kind === kind))]), ['overall', summarize(perQuery)]]);
console.table(table);
if (values.verbose) {
  for (const q of perQuery.filter((q) => q.rank !== 1)) console.log(`${q.id} [${q.kind}] ${JSON.stringify(q.q)}: first relevant at ${q.rank ?? 'none'}${q.error ? ` (${q.error})` : ''}; top ${q.top.join(', ')}`);
}
if (values.out) writeFileSync(values.out, `${JSON.stringify({ when: new Date().toISOString(), judgments: queries.length, table }, null, 2)}\n`);
