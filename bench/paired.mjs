// Paired first runs, another build against this one: node --expose-gc bench/paired.mjs --base CHECKOUT ARCHIVE_DIR [--rounds N]
//
// CHECKOUT is another built checkout of this repository (say `git worktree add
// /tmp/base REV`, then `npm ci && npm run build` there, or a symlink to this
// node_modules). Both builds index the very same items in one process (parsed
// once by this build, cached as JSON in the OS temp folder, keyed on the
// archive path) and answer the same stream of first runs (bench/queries.mjs,
// then N rounds of new two-word typo pairs), alternating which goes first, so
// the machine's drift falls on both alike. A whole-process timer (farm-bench)
// cannot see this: at 1,000 issues the build is minutes, the queries seconds.
// Prints the ratio of the sums, the median of per-query ratios (the sturdier
// figure: one garbage collection lands on one side), p50/p99, the slowest.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { percentile, QUERIES, typoPairs } from './queries.mjs';

const { values, positionals } = parseArgs({ options: { base: { type: 'string' }, rounds: { type: 'string', default: '3' } }, allowPositionals: true });
const dir = positionals[0];
if (!values.base || !dir) throw new Error('usage: paired.mjs --base CHECKOUT ARCHIVE_DIR [--rounds N]');
const ours = await import('../dist/search/index.js');
const theirs = await import(pathToFileURL(join(resolve(values.base), 'dist/search/index.js')).href);
const { loadArchive, loadVocabulary } = await import('../dist/ingest/index.js');

const vocabulary = loadVocabulary();
const cached = join(tmpdir(), `ebpf-paired-${resolve(dir).replaceAll('/', '_')}.json`);
const archive = existsSync(cached) ? JSON.parse(readFileSync(cached, 'utf8')) : await loadArchive(dir, { vocabulary, parse: 'workers' });
if (!existsSync(cached)) writeFileSync(cached, JSON.stringify(archive));

const build = (m, name) => {
  const started = performance.now();
  const index = m.buildSearchIndex(archive, { vocabulary, synonyms: m.loadSynonyms() });
  console.log(`${name}: index built in ${Math.round(performance.now() - started)} ms`);
  return index;
};
const sides = [
  { name: 'base', m: theirs, index: build(theirs, 'base'), times: [] },
  { name: 'this', m: ours, index: build(ours, 'this'), times: [] },
];
const once = ({ m, index }, q) => {
  const started = process.hrtime.bigint();
  m.search(index, { q, limit: 10, facets: ours.FACET_NAMES, budgetMs: Infinity });
  return Number(process.hrtime.bigint() - started) / 1e6;
};
// JIT warm-up on queries of its own, so the stream starts with the same empty caches on both sides.
for (const q of typoPairs(archive.items, 60, 999)) for (const side of sides) once(side, q);

const stream = [...Object.values(QUERIES).flat()];
for (let r = 0; r < Number(values.rounds); r++) stream.push(...typoPairs(archive.items, 40, 7 + r));
stream.forEach((q, i) => {
  for (const side of i % 2 ? [...sides].reverse() : sides) side.times[i] = once(side, q);
});

const [base, mine] = sides;
const sum = (list) => list.reduce((a, b) => a + b, 0);
const at = (list, p) => percentile([...list].sort((a, b) => a - b), p);
const ratios = base.times.map((t, i) => mine.times[i] / t).sort((a, b) => a - b);
console.log(`${stream.length} first runs: base ${sum(base.times).toFixed(0)} ms, this ${sum(mine.times).toFixed(0)} ms, x${(sum(mine.times) / sum(base.times)).toFixed(3)}; median ratio ${ratios[ratios.length >> 1].toFixed(3)}`);
console.log(`p50 ${at(base.times, 50).toFixed(2)} -> ${at(mine.times, 50).toFixed(2)} ms; p99 ${at(base.times, 99).toFixed(1)} -> ${at(mine.times, 99).toFixed(1)} ms`);
console.log('slowest here (base, this, query):');
for (const i of stream.map((_, i) => i).sort((a, b) => mine.times[b] - mine.times[a]).slice(0, 8)) {
  console.log(`  ${base.times[i].toFixed(1).padStart(7)} ${mine.times[i].toFixed(1).padStart(7)}  ${stream[i]}`);
}
