// Load and soak: node bench/soak.mjs [--duration S] [--connections N] [--archive DIR] [--smoke] [--out FILE]
//
// Holds a mixed load on the service (searches with filters, hot and cold,
// items, related items, facets, the three feeds, suggest, 304 revalidations,
// and a known share of deliberately bad requests) on 127.0.0.1, bounded in
// time. First a short probe at full speed; the soak then runs at full speed
// when its p99 is under 50 ms, else at 80 % of the probe's rate. Checks: no
// connection error or timeout, no status but 2xx and 304 except the 400s of
// the bad requests, the process still alive, and resident memory after the
// soak within 10 % of before (after a warm-up of the same load), plus what the
// caches, bounded in bytes, still had room to hold.
// Then a hostile phase: a new 500-letter word per search, a new (valid, long)
// Host per request, malformed Hosts and infinite numbers; it checks no 5xx and
// that resident memory grows by less than the cache budget (CACHE_MAX_BYTES).
// --smoke: 10 s (and 5 s hostile), for CI: the checks but memory, not a speed.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadArchive, loadVocabulary } from '../dist/ingest/index.js';
import { ALL_QUERIES, prng, titleWords, typo } from './queries.mjs';
import { rssMb, startProcess } from './processes.mjs';
import { freePort } from './startup.mjs';
import { REAL_ARCHIVE } from './synth.mjs';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '10' },
    archive: { type: 'string', default: REAL_ARCHIVE },
    smoke: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const duration = values.smoke ? 10 : Number(values.duration);
const connections = Number(values.connections);
const P99_BUDGET_MS = 50;

const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const service = await startProcess(
  [new URL('../dist/cli/main.js', import.meta.url).pathname, 'serve'],
  { ARCHIVE_DIR: values.archive, PORT: String(port), LOG_LEVEL: 'warn', SYNC_ON_START: 'false', NODE_ENV: 'production' },
  `${url}/readyz`,
);
process.on('exit', () => service.kill('SIGKILL'));

const archive = await loadArchive(values.archive, { vocabulary: loadVocabulary() });
const ids = archive.items.map((i) => i.id);
const words = titleWords(archive.items);
const random = prng(42);
const pick = (list) => list[Math.floor(random() * list.length)];
const etagged = await Promise.all(['/search?q=xdp', '/search?q=tail+calls', '/feed.atom?kernel=5.13', `/items/${ids[0]}`].map(async (path) => [path, (await fetch(url + path)).headers.get('etag')]));
const FILTERS = ['kernel=5.13', 'kernel=%3E%3D5.12', 'author=Andrii+Nakryiko', 'project=cilium', 'section=xdp', 'issue=2..4', 'from=2021-01'];

/** The mix, by weight: what the next request is. Bad requests are counted, to tell them from failures. */
let badSent = 0;
const MIX = [
  [30, () => `/search?q=${encodeURIComponent(pick(ALL_QUERIES))}`],
  [15, () => `/search?q=${encodeURIComponent(`${typo(pick(words), random)} ${typo(pick(words), random)}`)}&${pick(FILTERS)}`],
  [8, () => `/search?${pick(FILTERS)}&facets=author,project,kernel`],
  [12, () => `/items/${pick(ids)}`],
  [5, () => `/items/${pick(ids)}/related?limit=5`],
  [4, () => '/facets'],
  [6, () => `/${pick(['feed.atom', 'feed.rss', 'feed.json'])}?${pick(FILTERS)}`],
  [8, () => `/suggest?q=${encodeURIComponent(pick(words).slice(0, 4))}`],
  [10, () => pick(etagged)],
  [2, () => (badSent++, pick(['/search?kernel=banana', '/search?q=%22unbalanced', '/search?limit=5000', '/facets/colour']))],
];
const total = MIX.reduce((sum, [w]) => sum + w, 0);
const next = () => {
  let r = random() * total;
  for (const [weight, make] of MIX) if ((r -= weight) < 0) return make();
  return MIX[0][1]();
};

const letters = (n) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');
/** The hostile mix: each request new, so no cache ever answers it twice. */
const HOSTILE = [
  [4, () => [`/search?q=${letters(500)}`]],
  [3, () => ['/search?limit=100&facets=author,project,kernel,section,issue,year&facetLimit=200', { host: `${letters(60)}.${letters(60)}.${letters(60)}.example:8080` }]],
  [1, () => ['/feed.atom?limit=50', { host: `${letters(63)}.${letters(63)}.${letters(63)}.example` }]],
  [1, () => (badSent++, [pick(['/issues?limit=Infinity', '/search?q=xdp&offset=-Infinity', '/facets/author?limit=1e400', '/search?from=2021-02-31'])])],
  [1, () => (badSent++, ['/search?q=xdp', { host: pick(['a:b:c', '[::1', 'a:99999', `${'x'.repeat(15_000)}`, '%']) }])],
];

function pickFrom(mix) {
  const sum = mix.reduce((s, [w]) => s + w, 0);
  let r = random() * sum;
  for (const [weight, make] of mix) if ((r -= weight) < 0) return make();
  return mix[0][1]();
}

async function load(seconds, overallRate, mix = null) {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    ...(overallRate ? { overallRate } : {}),
    requests: [
      {
        setupRequest(request) {
          if (mix) {
            const [path, headers = {}] = pickFrom(mix);
            return { ...request, path, headers: { ...request.headers, ...headers } };
          }
          const made = next();
          if (Array.isArray(made)) return { ...request, path: made[0], headers: { ...request.headers, 'if-none-match': made[1] } };
          return { ...request, path: made };
        },
      },
    ],
  });
  const byStatus = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]));
  return { requestsPerSecond: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total, errors: result.errors, timeouts: result.timeouts, byStatus };
}

// Warm-up: JIT, caches, heap growth; memory is measured from here.
await load(values.smoke ? 2 : 10);
const probe = await load(values.smoke ? 2 : 5);
const rate = probe.p99 < P99_BUDGET_MS ? undefined : Math.round(probe.requestsPerSecond * 0.8);
const before = rssMb(service.pid);
// Memory may grow only as far as the caches have room left to fill (each is bounded in bytes).
const cachesBefore = (await (await fetch(`${url}/readyz`)).json()).caches;
const roomMb = Math.round((cachesBefore.answers.maxBytes - cachesBefore.answers.bytes + cachesBefore.matches.maxBytes - cachesBefore.matches.bytes) / 1048576);
badSent = 0;
const soak = await load(duration, rate);
await new Promise((r) => setTimeout(r, 1000));
const after = rssMb(service.pid);
const soakBad = badSent;

// The hostile phase, on the same process: what an attacker sends to exhaust memory.
badSent = 0;
const hostileSeconds = values.smoke ? 5 : 20;
const hostile = await load(hostileSeconds, undefined, HOSTILE);
await new Promise((r) => setTimeout(r, 1000));
const afterHostile = rssMb(service.pid);
const alive = service.exitCode === null && (await fetch(`${url}/healthz`)).ok;
const readiness = await (await fetch(`${url}/readyz`)).json();

const CACHE_BUDGET_MB = 256;
const unexpected = Object.entries(soak.byStatus).filter(([code]) => !/^2\d\d$/.test(code) && code !== '304' && code !== '400');
const hostileUnexpected = Object.entries(hostile.byStatus).filter(([code]) => code !== '200' && code !== '400');
const checks = {
  'no connection errors or timeouts': soak.errors === 0 && soak.timeouts === 0,
  'only 2xx and 304, and 400 for the deliberate bad requests': unexpected.length === 0 && (soak.byStatus['400'] ?? 0) <= soakBad,
  'hostile phase: only 200 and 400, 400 only for the malformed requests': hostileUnexpected.length === 0 && (hostile.byStatus['400'] ?? 0) <= badSent && hostile.errors === 0,
  [`hostile phase: RSS grew by less than the cache budget (${CACHE_BUDGET_MB} MB)`]: afterHostile - after < CACHE_BUDGET_MB,
  'hostile phase: the caches within their bounds': readiness.caches.answers.bytes <= readiness.caches.answers.maxBytes && readiness.caches.matches.bytes <= readiness.caches.matches.maxBytes,
  'the process is alive': alive,
  ...(values.smoke ? {} : { [`p99 under ${P99_BUDGET_MS} ms`]: soak.p99 < P99_BUDGET_MS, [`RSS after within 10 % of before, plus the ${roomMb} MB the caches had left to fill`]: after <= before * 1.1 + roomMb }),
};
const report = {
  when: new Date().toISOString(),
  duration,
  connections,
  items: archive.items.length,
  rate: rate ?? 'unbounded',
  probe,
  soak,
  badSent: soakBad,
  rssMb: { before, after, growth: +((after - before) / before).toFixed(3), cacheRoomBefore: roomMb },
  hostile: { seconds: hostileSeconds, ...hostile, badSent, rssMb: { before: after, after: afterHostile }, caches: readiness.caches },
  checks,
};
console.table({ probe: { 'req/s': probe.requestsPerSecond, 'p50 ms': probe.p50, 'p99 ms': probe.p99 }, soak: { 'req/s': soak.requestsPerSecond, 'p50 ms': soak.p50, 'p99 ms': soak.p99 } });
console.log(`${soak.total} requests; statuses ${JSON.stringify(soak.byStatus)}; ${soakBad} deliberate bad requests; RSS ${before} MB -> ${after} MB`);
console.log(`hostile: ${hostile.total} requests at ${hostile.requestsPerSecond} req/s; statuses ${JSON.stringify(hostile.byStatus)}; RSS ${after} MB -> ${afterHostile} MB; caches ${JSON.stringify(readiness.caches)}`);
for (const [check, ok] of Object.entries(checks)) console.log(`${ok ? 'ok' : 'FAILED'}: ${check}`);
if (values.out) writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
service.kill('SIGTERM');
process.exit(Object.values(checks).every(Boolean) ? 0 : 1);
