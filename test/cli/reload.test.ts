import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { SMALL_ARCHIVE, copySmallArchive } from '../archive-copy.js';
import { FIXTURES } from '../helpers.js';
import { git, makeUpstreamRepo } from './git-fixture.js';
import { json, serving, type Server } from './process.js';

/**
 * The archive kept current by the real process: files dropped in, broken and
 * removed while it serves; SIGHUP; the admin API; a scheduled sync from a
 * local git repository (starting from a snapshot: serve-snapshot.test.ts, a
 * file of its own so each has tap's timeout to itself). The archive edited is
 * a copy of our small one (test/fixtures/small-archive, issues #1 to #3): a
 * start parses it in a moment.
 */
const NEW_ISSUE = `${FIXTURES}new-issue/index.md`;
const BROKEN_EDIT = `${FIXTURES}new-issue/broken-edit.txt`;
const ISSUE_FILE = '2021-06-30-ebpf-updates/index.md';
const TOKEN = 'reload-test-token-0123456789';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const quokkas = async (server: Server) => (await json(server, '/search?q=zanzibarquokka')).total as number;

/** Polls until `check` holds or `ms` pass; returns how long it took, or null. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number | null> {
  const started = performance.now();
  do {
    if (await check()) return performance.now() - started;
    await sleep(25);
  } while (performance.now() - started < ms);
  return (await check()) ? performance.now() - started : null;
}

t.test('watched: a new issue is searchable within two seconds, a broken edit keeps the old content, a removal removes it', async (t) => {
  const dir = copySmallArchive(t.testdir());
  const server = await serving(t, { ARCHIVE_DIR: dir });
  t.equal(await quokkas(server), 0);
  mkdirSync(join(dir, '2021-06-30-ebpf-updates'));
  copyFileSync(NEW_ISSUE, join(dir, ISSUE_FILE));
  const took = await within(2000, async () => (await quokkas(server)) === 1);
  t.ok(took !== null, `searchable ${took === null ? 'not within 2 s' : `${Math.round(took)} ms after the file was written`}, no restart`);
  t.match(await json(server, '/issues'), { total: 4, issues: [{ number: 6 }] });

  copyFileSync(BROKEN_EDIT, join(dir, ISSUE_FILE));
  t.ok((await within(5000, async () => (await json(server, '/readyz'))['problemCount'] > 0)) !== null, 'the broken edit was read');
  t.equal(await quokkas(server), 1, 'the last good version still answers');
  const readyz = await json(server, '/readyz');
  t.equal(readyz['status'], 'ready');
  t.match(readyz['problems'], [{ file: ISSUE_FILE, message: /broken front matter/ }, { file: ISSUE_FILE, message: /no longer parses: still serving its last good version/ }]);
  // Log lines are buffered for up to LOG_FLUSH_MS (service/logger.ts): wait for it rather than read the buffer's past.
  t.ok(await server.waitFor((l) => l['level'] === 40 && l['file'] === ISSUE_FILE, 3000).then(() => true, () => false), 'the problem is logged with its path');

  rmSync(join(dir, '2021-06-30-ebpf-updates'), { recursive: true });
  t.ok((await within(5000, async () => (await quokkas(server)) === 0)) !== null, 'a removed file removes its issue');
  t.equal((await json(server, '/issues'))['total'], 3);
  t.equal((await json(server, '/readyz'))['problemCount'], 0);
});

t.test('SIGHUP and POST /admin/reload reload an archive that is not watched', async (t) => {
  const dir = copySmallArchive(t.testdir());
  const server = await serving(t, { ARCHIVE_DIR: dir, WATCH: 'false', ADMIN_TOKEN: TOKEN });
  mkdirSync(join(dir, '2021-06-30-ebpf-updates'));
  copyFileSync(NEW_ISSUE, join(dir, ISSUE_FILE));
  await sleep(600);
  t.equal(await quokkas(server), 0, 'not watched: nothing happens by itself');
  server.proc.kill('SIGHUP');
  t.ok((await within(5000, async () => (await quokkas(server)) === 1)) !== null, 'SIGHUP reloaded');
  t.equal(server.proc.exitCode, null, 'and the process lives on');

  rmSync(join(dir, '2021-06-30-ebpf-updates'), { recursive: true });
  const denied = await fetch(`${server.url}/admin/reload`, { method: 'POST', headers: { authorization: 'Bearer not-the-token-at-all' } });
  t.equal(denied.status, 403);
  t.equal(await quokkas(server), 1);
  const res = await fetch(`${server.url}/admin/reload`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
  t.equal(res.status, 200);
  t.match(await res.json(), { status: 'reloaded', reason: 'admin', issues: 3, changed: [ISSUE_FILE] });
  t.equal(await quokkas(server), 0, 'answered once the new index serves');
});

t.test('SYNC_INTERVAL: fetch and fast-forward from upstream, then reload; failures are retried, never fatal', async (t) => {
  const root = t.testdir();
  const upstream = makeUpstreamRepo(root, { from: SMALL_ARCHIVE });
  const posts = join(upstream.dir, 'content', 'blog-posts');
  const server = await serving(t, { ARCHIVE_REPO: upstream.url, ARCHIVE_CACHE_DIR: join(root, 'cache'), SYNC_ON_START: 'true', SYNC_INTERVAL: '1s', WATCH: 'false' });
  const first = git(upstream.dir, 'rev-parse', 'HEAD');
  t.match(await json(server, '/healthz'), { ready: true, revision: first });

  mkdirSync(join(posts, '2021-06-30-ebpf-updates'));
  copyFileSync(NEW_ISSUE, join(posts, ISSUE_FILE));
  git(upstream.dir, 'add', '.');
  git(upstream.dir, 'commit', '--quiet', '-m', 'issue 6');
  const second = git(upstream.dir, 'rev-parse', 'HEAD');
  t.ok((await within(10_000, async () => (await json(server, '/healthz'))['revision'] === second)) !== null, 'synced to the new commit');
  t.equal(await quokkas(server), 1, 'and the new issue is searchable');
  t.match(await json(server, '/issues'), { revision: second, issues: [{ number: 6 }] });

  copyFileSync(BROKEN_EDIT, join(posts, ISSUE_FILE));
  git(upstream.dir, 'commit', '--quiet', '-am', 'a broken edit');
  const third = git(upstream.dir, 'rev-parse', 'HEAD');
  t.ok((await within(10_000, async () => (await json(server, '/healthz'))['revision'] === third)) !== null, 'synced to the broken commit');
  t.equal(await quokkas(server), 1, 'the broken edit keeps the old content searchable');
  t.match((await json(server, '/readyz'))['problems'], [{ file: ISSUE_FILE }, { file: ISSUE_FILE, message: /no longer parses/ }]);

  renameSync(upstream.dir, `${upstream.dir}-away`);
  await server.waitFor((l) => String(l['msg']).startsWith('scheduled sync failed') && l['failures'] === 2, 15_000);
  t.equal(server.proc.exitCode, null, 'an unreachable upstream is not fatal');
  t.equal(await quokkas(server), 1, 'and the service keeps serving');
  const retries = server.lines.filter((l) => String(l['msg']).startsWith('scheduled sync failed')).map((l) => l['retryMs']);
  t.same(retries.slice(0, 2), [1000, 1000], 'retries back off up to the interval (1 s here)');
  renameSync(`${upstream.dir}-away`, upstream.dir);
});
