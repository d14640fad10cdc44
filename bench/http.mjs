// HTTP load against the ceiling: node bench/http.mjs [--duration S] [--rounds N] [--archive DIR] [--smoke] [--out FILE]
//
// Starts a Fastify hello-world (the ceiling), the search service with its
// default settings (LOG_LEVEL=info: one log line per request, as a user runs
// it) and the "same bytes" ceiling (bench/same-bytes.mjs: Fastify sending the
// very bytes of each hot answer, with the same logging) as separate processes
// on 127.0.0.1, warms them up, then alternates runs (ceiling, same bytes,
// then each scenario; N rounds) with autocannon at 10 connections, bounded in
// time. Reports requests/s, p50/p99 latency, the ratio to the ceiling of the
// same round, and hot search's ratio to the same-bytes run of the same
// round. --smoke: one short round that checks every scenario answered as
// expected, not a speed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadArchive, loadVocabulary } from '../dist/ingest/index.js';
import { ALL_QUERIES, prng, titleWords, typo } from './queries.mjs';
import { cpuMicros, startProcess } from './processes.mjs';
import { freePort } from './startup.mjs';
import { REAL_ARCHIVE } from './synth.mjs';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    archive: { type: 'string', default: REAL_ARCHIVE },
    'log-level': { type: 'string', default: 'info' },
    smoke: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const duration = values.smoke ? 0.5 : Number(values.duration);
const rounds = values.smoke ? 1 : Number(values.rounds);
const connections = Number(values.connections);

const ceilingPort = await freePort();
const servicePort = await freePort();
const ceilingUrl = `http://127.0.0.1:${ceilingPort}`;
const serviceUrl = `http://127.0.0.1:${servicePort}`;
const ceiling = await startProcess([new URL('./ceiling.mjs', import.meta.url).pathname, String(ceilingPort)], {}, ceilingUrl);
const service = await startProcess(
  [new URL('../dist/cli/main.js', import.meta.url).pathname, 'serve'],
  { ARCHIVE_DIR: values.archive, PORT: String(servicePort), LOG_LEVEL: values['log-level'], SYNC_ON_START: 'false', NODE_ENV: 'production' },
  `${serviceUrl}/readyz`,
);
let sameBytes = null;
const stopAll = () => {
  ceiling.kill('SIGTERM');
  service.kill('SIGTERM');
  sameBytes?.kill('SIGTERM');
  for (const peer of peers) peer.process.kill('SIGTERM');
};
process.on('exit', stopAll);

const archive = await loadArchive(values.archive, { vocabulary: loadVocabulary() });
const ids = archive.items.map((i) => i.id);
const words = titleWords(archive.items);
const random = prng(7);
const rotate = (list) => {
  let i = 0;
  return () => list[i++ % list.length];
};
const hotPaths = ALL_QUERIES.map((q) => `/search?q=${encodeURIComponent(q)}`);
const etags = await Promise.all(hotPaths.map(async (path) => [path, (await fetch(serviceUrl + path)).headers.get('etag')]));

// The very bytes of each hot answer, for the same-bytes ceiling (with the Host autocannon sends, so permalinks match).
const captured = {};
for (const path of hotPaths) {
  const response = await fetch(serviceUrl + path);
  captured[path] = { type: response.headers.get('content-type'), body: Buffer.from(await response.arrayBuffer()).toString('base64') };
}
const PEERS = ['plain MiniSearch', 'Orama', 'lunr', 'FlexSearch'];
const peers = [];
for (const engine of PEERS) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  peers.push({ engine, url, process: await startProcess([new URL('./peer-server.mjs', import.meta.url).pathname, engine, String(port), values.archive], {}, `${url}/search?q=xdp`) });
}
const answersFile = join(mkdtempSync(join(tmpdir(), 'same-bytes-')), 'answers.json');
writeFileSync(answersFile, JSON.stringify(captured));
const sameBytesPort = await freePort();
const sameBytesUrl = `http://127.0.0.1:${sameBytesPort}`;
sameBytes = await startProcess([new URL('./same-bytes.mjs', import.meta.url).pathname, String(sameBytesPort), answersFile], {}, `${sameBytesUrl}${hotPaths[0]}`);

/** Each scenario: how to make the next request, and what a right answer looks like. */
/** New queries: two title words, each with a typo; the same stream (one generator per target, same seed) for us and the peers. */
const coldStream = (seed) => {
  const draw = prng(seed);
  return () => `/search?q=${encodeURIComponent(`${typo(words[Math.floor(draw() * words.length)], draw)} ${typo(words[Math.floor(draw() * words.length)], draw)}`)}`;
};
let coldRound = 0;
let coldNext = coldStream(1000);
const SCENARIOS = {
  'search hot': { next: rotate(hotPaths), expect: '2xx' },
  'search cold': { next: () => coldNext(), expect: '2xx' },
  'items/:id': { next: rotate(ids.map((id) => `/items/${id}`)), expect: '2xx' },
  facets: { next: () => '/facets', expect: '2xx' },
  suggest: { next: rotate(['tai', 'kube', 'ringb', 'sleepa', 'iter', 'xd', 'ebpf ri', 'lib', 'cil', 'verif'].map((q) => `/suggest?q=${encodeURIComponent(q)}`)), expect: '2xx' },
  'revalidate 304': { next: rotate(etags), expect: '304' },
  // The hot queries as an agent sends them: one stateless MCP request each (a server, a transport and an in-process GET per call).
  'mcp search_archive (hot)': {
    next: rotate(
      ALL_QUERIES.map((q, id) => ({
        path: '/mcp',
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'search_archive', arguments: { q } } }),
      })),
    ),
    expect: '2xx',
  },
};

/** One run against `url`; with `pid`, the server's CPU per request too. */
async function load(url, next, pid) {
  const cpuBefore = pid ? cpuMicros(pid) : 0;
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        setupRequest(request) {
          const made = next();
          if (Array.isArray(made)) return { ...request, path: made[0], headers: { ...request.headers, 'if-none-match': made[1] } };
          if (typeof made === 'object') return { ...request, ...made, headers: { ...request.headers, ...made.headers } };
          return { ...request, path: made };
        },
      },
    ],
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    '2xx': result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpuPerRequestUs: pid && result.requests.total > 0 ? +((cpuMicros(pid) - cpuBefore) / result.requests.total).toFixed(1) : null,
  };
}

// Warm-up: JIT, caches, connections; not measured (and not needed to check that it works).
if (!values.smoke) {
  await load(ceilingUrl, () => '/');
  await load(sameBytesUrl, rotate(hotPaths));
  for (const scenario of Object.values(SCENARIOS)) await load(serviceUrl, scenario.next);
  for (const peer of peers) await load(peer.url, coldStream(1));
}

const runs = [];
for (let round = 1; round <= rounds; round++) {
  const base = await load(ceilingUrl, () => '/', ceiling.pid);
  runs.push({ round, scenario: 'ceiling', ...base, ratio: 1 });
  const same = await load(sameBytesUrl, rotate(hotPaths), sameBytes.pid);
  coldRound = round;
  coldNext = coldStream(1000 + coldRound);
  runs.push({ round, scenario: 'same bytes (hot answers)', ...same, ratio: +(same.requestsPerSecond / base.requestsPerSecond).toFixed(3), right: same.non2xx === 0 });
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    const r = await load(serviceUrl, scenario.next, service.pid);
    const right = scenario.expect === '2xx' ? r.non2xx === 0 && r['2xx'] === r.total : r['2xx'] === 0 && r.non2xx === r.total;
    const toSame = name === 'search hot' ? { ofSameBytes: +(r.requestsPerSecond / same.requestsPerSecond).toFixed(3) } : {};
    runs.push({ round, scenario: name, ...r, ratio: +(r.requestsPerSecond / base.requestsPerSecond).toFixed(3), ...toSame, right });
  }
  for (const peer of peers) {
    const r = await load(peer.url, coldStream(1000 + round), peer.process.pid);
    runs.push({ round, scenario: `cold, ${peer.engine} over HTTP`, ...r, ratio: +(r.requestsPerSecond / base.requestsPerSecond).toFixed(3), right: r.non2xx === 0 });
  }
}
stopAll();

const summary = {};
for (const name of ['ceiling', 'same bytes (hot answers)', ...Object.keys(SCENARIOS), ...peers.map((p) => `cold, ${p.engine} over HTTP`)]) {
  const mine = runs.filter((r) => r.scenario === name);
  const mean = (key) => mine.reduce((s, r) => s + r[key], 0) / mine.length;
  summary[name] = {
    'req/s': Math.round(mean('requestsPerSecond')),
    'p50 ms': +mean('p50').toFixed(2),
    'p99 ms': +mean('p99').toFixed(2),
    ratio: +mean('ratio').toFixed(3),
    ...(name === 'search hot' ? { 'of same bytes': +mean('ofSameBytes').toFixed(3) } : {}),
    'cpu us/req': +mean('cpuPerRequestUs').toFixed(1),
    errors: mine.reduce((s, r) => s + r.errors, 0),
  };
}
console.log(`${archive.issues.length} issues, ${archive.items.length} items; ${rounds} rounds of ${duration} s, ${connections} connections, service LOG_LEVEL=${values['log-level']}`);
console.table(summary);
const wrong = runs.filter((r) => r.right === false || r.errors > 0);
if (values.out) writeFileSync(values.out, `${JSON.stringify({ when: new Date().toISOString(), duration, rounds, connections, items: archive.items.length, summary, runs }, null, 2)}\n`);
if (wrong.length > 0) {
  console.error('unexpected answers:', JSON.stringify(wrong));
  process.exit(1);
}
if (values.smoke) console.log('smoke: every scenario answered as expected');
process.exit(0);
