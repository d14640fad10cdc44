// The whole harness: npm run bench [-- --sizes 100,1000 --rounds 3 --duration 5] or npm run bench -- --smoke
//
// 1. synthetic archives (bench/synth.mjs) of the given sizes, outside the repo;
// 2. in-process: parse, build, memory, latency per query class, one process per archive;
// 3. the alternatives (lunr, FlexSearch, Orama, plain MiniSearch) on the same items and queries;
// 4. start-up to the first successful /search;
// 5. HTTP load against the Fastify ceiling (bench/http.mjs).
// Results go to bench/results/ (JSON, and scale.svg); BENCHMARKS.md discusses them.
// --smoke: the real archive only, one short pass of each step, to check the harness works.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { scaleChart } from './chart.mjs';
import { startupMs } from './startup.mjs';
import { REAL_ARCHIVE, synthesize } from './synth.mjs';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,1000' },
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '5' },
    smoke: { type: 'boolean', default: false },
    out: { type: 'string', default: fileURLToPath(new URL('./results/', import.meta.url)) },
  },
});
const smoke = values.smoke;
const sizes = smoke ? [] : values.sizes.split(',').filter(Boolean).map(Number);
const out = smoke ? fileURLToPath(new URL('../.tap/bench-smoke/', import.meta.url)) : values.out;
mkdirSync(out, { recursive: true });
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const node = (args, options = {}) => execFileSync(process.execPath, args, { maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'], ...options }).toString();
const step = (label) => console.log(`\n== ${label}`);

const archives = [{ name: 'real', dir: REAL_ARCHIVE }];
for (const size of sizes) {
  const dir = `/tmp/ebpf-synth-${size}`;
  step(`synthetic archive of ${size} issues`);
  if (!existsSync(dir)) console.log(`${await synthesize(size, dir)} entries written to ${dir}`);
  else console.log(`reusing ${dir}`);
  archives.push({ name: `synthetic ${size}`, dir });
}

step('in process');
const inProcess = archives.map(({ name, dir }) => ({ name, ...JSON.parse(node(['--expose-gc', '--max-old-space-size=16000', here('./in-process.mjs'), dir, '--json', '--rounds', smoke ? '1' : values.rounds])) }));
console.table(
  inProcess.map((r) => ({
    archive: r.name,
    items: r.items,
    'parse ms': r.parseMs,
    'build ms': r.buildMs,
    'heap MB': r.memoryMb.heapUsed,
    'RSS MB': r.memoryMb.rss,
    'first p50': r.latencyMs.all.first.p50,
    'first p99': r.latencyMs.all.first.p99,
    'again p50': r.latencyMs.all.again?.p50,
    'again p99': r.latencyMs.all.again?.p99,
  })),
);
writeFileSync(`${out}in-process.json`, `${JSON.stringify(inProcess, null, 2)}\n`);
if (inProcess.length > 1) writeFileSync(`${out}scale.svg`, scaleChart(inProcess));

if (!smoke) {
  step('the alternatives');
  const alternatives = archives.slice(0, 2).map(({ name, dir }) => ({ name, rows: JSON.parse(node([here('./alternatives.mjs'), dir, '--json'])) }));
  for (const { name, rows } of alternatives) {
    console.log(name);
    console.table(rows);
  }
  writeFileSync(`${out}alternatives.json`, `${JSON.stringify(alternatives, null, 2)}\n`);
}

step('start-up to the first successful /search');
const startup = [];
for (const { name, dir } of archives.filter((a) => a.name === 'real' || a.name === 'synthetic 1000')) {
  // Both ways: parsing the markdown, and from a snapshot made beforehand (ebpf-archive index --out).
  const snapshot = join(tmpdir(), `ebpf-bench-${name.replace(/\W+/g, '-')}.snapshot`);
  node([here('../dist/cli/main.js'), 'index', '--archive', dir, '--out', snapshot]);
  for (const from of ['parse', 'snapshot']) {
    const runs = [];
    for (let i = 0; i < (smoke ? 1 : 5); i++) runs.push(Math.round(await startupMs(dir, from === 'snapshot' ? snapshot : undefined)));
    runs.sort((a, b) => a - b);
    startup.push({ archive: name, from, runs, medianMs: runs[Math.floor(runs.length / 2)] });
  }
  rmSync(snapshot, { force: true });
}
console.table(startup);
writeFileSync(`${out}startup.json`, `${JSON.stringify(startup, null, 2)}\n`);

step('HTTP against the ceiling');
const http = smoke ? ['--smoke'] : ['--duration', values.duration, '--rounds', values.rounds];
console.log(node([here('./http.mjs'), ...http, '--out', `${out}http.json`]));
console.log(smoke ? 'bench smoke: every step ran' : `results in ${out}`);
