import { join } from 'node:path';
import t, { type Test } from 'tap';
import { SMALL_ARCHIVE } from '../archive-copy.js';
import { BLOG_POSTS } from '../helpers.js';
import { makeUpstreamRepo } from './git-fixture.js';
import { startServe } from './process.js';

/**
 * Each test runs the real built CLI as a process on a free port (the starts
 * it refuses are serve-refusals.test.ts: a file each, so each has tap's
 * timeout to itself and the two can run side by side). The first
 * serves the real archive; where what is served is not the point (where it
 * comes from, ports, signals, warnings) it is our small archive
 * (test/fixtures/small-archive: 3 issues, 11 items), which a start parses in
 * a moment.
 */

async function stop(t: Test, server: Awaited<ReturnType<typeof startServe>>) {
  server.proc.kill('SIGTERM');
  const { code } = await server.exit;
  t.equal(code, 0, 'SIGTERM exits 0');
}

t.test('ARCHIVE_DIR is served first; one start line says what was indexed and how long it took', async (t) => {
  const server = await startServe({ ARCHIVE_DIR: BLOG_POSTS });
  t.teardown(() => server.proc.kill('SIGKILL'));
  t.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/, 'listens on 127.0.0.1 by default');
  t.match(server.ready, { level: 30, source: { kind: 'configured', dir: BLOG_POSTS }, issues: 5, items: 203, problems: 0 });
  t.type(server.ready['startupMs'], 'number');
  const ready = await fetch(`${server.url}/readyz`);
  t.equal(ready.status, 200);
  t.match(await ready.json(), { status: 'ready', issues: 5, items: 203, source: { kind: 'configured' } });
  const search = await fetch(`${server.url}/search?q=tail+calls&limit=1`);
  t.equal(((await search.json()) as { hits: { id: string }[] }).hits[0]?.id, '5-the-cost-of-bpf-tail-calls');
  t.ok(
    server.lines.every((l) => typeof l['level'] === 'number'),
    'logs are pino JSON lines when not on a terminal',
  );
  await stop(t, server);
});

t.test('without ARCHIVE_DIR: the local checkout when present', async (t) => {
  const root = t.testdir({});
  const upstream = makeUpstreamRepo(root, { from: SMALL_ARCHIVE });
  const server = await startServe({ ARCHIVE_CACHE_DIR: upstream.dir });
  t.teardown(() => server.proc.kill('SIGKILL'));
  t.match(server.ready, { source: { kind: 'cache', dir: join(upstream.dir, 'content', 'blog-posts') }, issues: 3, items: 11 });
  await stop(t, server);
});

t.test('without ARCHIVE_DIR or checkout: a sync from ARCHIVE_REPO', async (t) => {
  const root = t.testdir({});
  const upstream = makeUpstreamRepo(root, { from: SMALL_ARCHIVE });
  const cache = join(root, 'cache');
  const server = await startServe({ ARCHIVE_CACHE_DIR: cache, ARCHIVE_REPO: upstream.url, SYNC_ON_START: 'true' });
  t.teardown(() => server.proc.kill('SIGKILL'));
  t.match(server.ready, { source: { kind: 'synced', dir: join(cache, 'content', 'blog-posts') }, issues: 3, items: 11 });
  t.ok(server.lines.some((l) => /^fetched the archive from \S+ at [0-9a-f]{12}$/.test(String(l['msg']))));
  await stop(t, server);
});

t.test('when the sync fails: the sample, with a warning saying how to get the real archive', async (t) => {
  const root = t.testdir({});
  const started = Date.now();
  const server = await startServe({ ARCHIVE_CACHE_DIR: join(root, 'cache'), ARCHIVE_REPO: `file://${root}/unreachable`, SYNC_ON_START: 'true', SYNC_TIMEOUT: '5' });
  t.teardown(() => server.proc.kill('SIGKILL'));
  t.ok(Date.now() - started < 15_000, 'falls through in seconds');
  t.match(server.ready, { source: { kind: 'sample' }, issues: 3 });
  const warnings = server.lines.filter((l) => l['level'] === 40).map((l) => String(l['msg']));
  t.match(warnings, ['could not fetch the archive', /SAMPLE archive.*set ARCHIVE_DIR.*npx ebpf-archive sync/]);
  t.match(await (await fetch(`${server.url}/readyz`)).json(), { status: 'ready', source: { kind: 'sample' } });
  await stop(t, server);
});

t.test('SIGTERM and SIGINT stop accepting, let in-flight requests finish, and exit 0', async (t) => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    // One signal traced (process.ts): both take the one path of closeOnSignals.
    const server = await startServe({ ARCHIVE_DIR: SMALL_ARCHIVE }, [], { traced: signal === 'SIGTERM' });
    t.teardown(() => server.proc.kill('SIGKILL'));
    // Keep requests in flight while the signal arrives: every answer must be whole.
    const outcomes: string[] = [];
    const load = Array.from({ length: 8 }, async () => {
      for (let i = 0; i < 40; i++) {
        let res: Response;
        try {
          res = await fetch(`${server.url}/search?q=xdp+${i}&limit=20`);
        } catch (error) {
          // No answer began: the connection was refused or closed while idle.
          outcomes.push(`refused ${(error as { cause?: { code?: string } }).cause?.code ?? 'unknown'}`);
          return;
        }
        try {
          const body = await res.text();
          outcomes.push(res.status === 200 && body.endsWith('}') ? 'ok' : `status ${res.status}`);
        } catch {
          outcomes.push('truncated');
        }
      }
    });
    setTimeout(() => server.proc.kill(signal), 150);
    await Promise.all(load);
    const { code } = await server.exit;
    t.equal(code, 0, `${signal}: exit 0`);
    t.ok(outcomes.includes('ok'), `${signal}: requests were served`);
    t.comment(`${signal}: ${JSON.stringify(Object.fromEntries([...new Set(outcomes)].map((o) => [o, outcomes.filter((x) => x === o).length])))}`);
    t.same(
      outcomes.filter((o) => o !== 'ok' && !/^refused (ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET|UND_ERR_CLOSED)$/.test(o) && o !== 'status 503'),
      [],
      `${signal}: no truncated or failed answer, only refusals once closed`,
    );
    t.ok(server.lines.some((l) => l['msg'] === 'shutting down: finishing in-flight requests' && l['signal'] === signal));
  }
});

t.test('TRUST_PROXY=true is warned about at start: it believes any client that reaches the port', async (t) => {
  const server = await startServe({ ARCHIVE_DIR: SMALL_ARCHIVE, TRUST_PROXY: 'true' });
  t.teardown(() => server.proc.kill('SIGKILL'));
  const warning = server.lines.find((l) => l['level'] === 40 && l['trustProxy'] === true);
  t.match(warning, { msg: /TRUST_PROXY=true believes every X-Forwarded-For .*prefer the proxy's addresses/ });
  await stop(t, server);
});
