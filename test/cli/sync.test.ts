import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { run } from './run-cli.js';
import { gitRevision, syncArchive } from '../../src/service/git-sync.js';
import { git, makeUpstreamRepo } from './git-fixture.js';


t.test('sync clones shallow and sparse, then fast-forwards', async (t) => {
  const root = t.testdir({});
  const upstream = makeUpstreamRepo(root);
  const dest = join(root, 'archive');

  const first = await run(['sync', '--repo', upstream.url, '--cache-dir', dest]);
  t.equal(first.code, 0, first.stderr);
  t.match(first.stdout, new RegExp(`^cloned from ${upstream.url} at [0-9a-f]{40}: the archive is ${dest}/content/blog-posts\\n$`));
  const posts = readdirSync(join(dest, 'content', 'blog-posts'));
  t.equal(posts.filter((p) => p.endsWith('-ebpf-updates')).length, 5);
  t.notOk(existsSync(join(dest, 'src')), 'sparse: only the posts folder is checked out');
  t.equal(git(dest, 'rev-parse', '--is-shallow-repository'), 'true', 'shallow');
  t.notOk(readdirSync(root).some((f) => f.includes('.partial-')), 'no partial clone left behind');

  mkdirSync(join(upstream.dir, 'content', 'blog-posts', '2031-01-01-ebpf-updates'));
  writeFileSync(
    join(upstream.dir, 'content', 'blog-posts', '2031-01-01-ebpf-updates', 'index.md'),
    '---\ntitle: "eBPF Updates #6: Written By The Test"\ndate: "2031-01-01"\npath: /blog/six\ncategories: [Update]\n---\n\n## Foreword\n\nA new issue.\n',
  );
  git(upstream.dir, 'add', '.');
  git(upstream.dir, 'commit', '--quiet', '-m', 'issue 6');
  const second = await run(['sync', '--repo', upstream.url, '--cache-dir', dest]);
  t.equal(second.code, 0, second.stderr);
  t.match(second.stdout, new RegExp(`^updated from ${upstream.url} at `));
  t.ok(existsSync(join(dest, 'content', 'blog-posts', '2031-01-01-ebpf-updates', 'index.md')), 'the new issue arrived');
  t.equal(git(dest, 'rev-parse', 'HEAD'), git(upstream.dir, 'rev-parse', 'HEAD'));

  const index = await run(['index', '--archive', join(dest, 'content', 'blog-posts')]);
  t.match(index.stdout, /^Indexed 6 issues/);
});

t.test('settings come from the environment too', async (t) => {
  const root = t.testdir({});
  const upstream = makeUpstreamRepo(root);
  const dest = join(root, 'from-env');
  const result = await run(['sync'], { ARCHIVE_REPO: upstream.url, ARCHIVE_CACHE_DIR: dest, ARCHIVE_REPO_PATH: 'content/blog-posts' });
  t.equal(result.code, 0, result.stderr);
  t.ok(existsSync(join(dest, 'content', 'blog-posts')));
});

t.test('a failed sync is one clear line, exit 1, and leaves nothing behind', async (t) => {
  const root = t.testdir({});
  const dest = join(root, 'archive');
  const missing = await run(['sync', '--repo', `file://${root}/no-such-repo`, '--cache-dir', dest]);
  t.equal(missing.code, 1);
  t.match(missing.stderr, /^ebpf-archive sync: git clone failed: .+\n$/);
  t.match(missing.stderr, /does not appear to be a git repository .*Could not read from remote repository/, 'git\'s whole message, not its last line');
  t.notOk(existsSync(dest));
  t.same(readdirSync(root), []);

  const upstream = makeUpstreamRepo(root);
  const wrongPath = await run(['sync', '--repo', upstream.url, '--repo-path', 'content/no-such-folder', '--cache-dir', join(root, 'wrong')]);
  t.equal(wrongPath.code, 1);
  t.match(wrongPath.stderr, /content\/no-such-folder is not a folder of file:\/\//);

  const badUrl = await run(['sync', '--repo', 'not a url']);
  t.equal(badUrl.code, 2);
  t.match(badUrl.stderr, /^ebpf-archive sync: invalid configuration: ARCHIVE_REPO must be a git URL/);
});

t.test('a sync that takes too long gives up within its budget', async (t) => {
  const root = t.testdir({});
  const upstream = makeUpstreamRepo(root);
  const started = Date.now();
  await t.rejects(syncArchive({ repo: upstream.url, path: 'content/blog-posts', dest: join(root, 'slow'), timeoutMs: 1 }), { name: 'SyncError', message: /timed out/ });
  t.ok(Date.now() - started < 5000, 'it stopped at once');
  t.notOk(existsSync(join(root, 'slow')));
});

t.test('settings are never read as git options', async (t) => {
  t.match(await run(['sync', '--repo=--upload-pack=touch /tmp/x']), { code: 2, stderr: /ARCHIVE_REPO must be a git URL/ });
  t.match(await run(['sync', '--repo-path=-x', '--repo', 'file:///nowhere']), { code: 2, stderr: /ARCHIVE_REPO_PATH must be a relative path/ });
  t.match(await run(['sync'], { ARCHIVE_REPO: '--upload-pack=touch /tmp/x' }), { code: 2, stderr: /ARCHIVE_REPO must be a git URL/ }, 'from the environment too');
});

t.test('a checkout following another repository: the configured one is fetched, named, and becomes origin; a wrong one changes nothing', async (t) => {
  const root = t.testdir({});
  const first = makeUpstreamRepo(join(root, 'a'));
  const dest = join(root, 'archive');
  t.equal((await run(['sync', '--repo', first.url, '--cache-dir', dest])).code, 0);

  const other = makeUpstreamRepo(join(root, 'b'));
  writeFileSync(join(other.dir, 'content', 'blog-posts', 'only-in-b.md'), 'b\n');
  git(other.dir, 'add', '.');
  git(other.dir, 'commit', '--quiet', '-m', 'only in b');
  const switched = await run(['sync', '--repo', other.url, '--cache-dir', dest]);
  t.equal(switched.code, 0, switched.stderr);
  t.equal(switched.stdout.split('\n')[0], `the checkout's origin was ${first.url}; it now follows ${other.url}`);
  t.match(switched.stdout, new RegExp(`updated from ${other.url} at ${git(other.dir, 'rev-parse', 'HEAD')}`));
  t.equal(git(dest, 'remote', 'get-url', 'origin'), other.url);
  t.ok(existsSync(join(dest, 'content', 'blog-posts', 'only-in-b.md')), 'its content arrived');
  t.notOk(existsSync(join(dest, 'src')), 'still sparse');

  const wrong = await run(['sync', '--repo', `file://${root}/no-such-repo`, '--cache-dir', dest]);
  t.equal(wrong.code, 1, 'a repository that does not exist is a failure, not "updated"');
  t.match(wrong.stderr, /^ebpf-archive sync: git fetch failed: fatal: .*does not appear to be a git repository.*\n$/);
  t.equal(git(dest, 'remote', 'get-url', 'origin'), other.url, 'origin untouched');
  const again = await run(['sync', '--repo', other.url, '--cache-dir', dest]);
  t.match(again.stdout, new RegExp(`^updated from ${other.url} at `), 'the same origin: a plain update');
});

t.test('a checkout owned by another user: git\'s refusal in full, with the fix', async (t) => {
  const root = t.testdir({});
  const upstream = makeUpstreamRepo(root);
  const dest = join(root, 'archive');
  t.equal((await run(['sync', '--repo', upstream.url, '--cache-dir', dest])).code, 0);
  // git's own switch for "this repository is owned by someone else", as a bind mount from the host is.
  process.env['GIT_TEST_ASSUME_DIFFERENT_OWNER'] = '1';
  t.teardown(() => delete process.env['GIT_TEST_ASSUME_DIFFERENT_OWNER']);
  const refused = await run(['sync', '--repo', upstream.url, '--cache-dir', dest]);
  t.equal(refused.code, 1);
  t.match(refused.stderr, /git .* failed: fatal: detected dubious ownership in repository at '[^']+' .*git config --global --add safe\.directory /);
  t.match(refused.stderr, /belongs to another user.*chown/);
  t.equal(refused.stderr.split('\n').length, 2, 'one line');
});

t.test('revision is the last commit that touched the archive folder; null outside git', async (t) => {
  const root = t.testdir({});
  const upstream = makeUpstreamRepo(root);
  const posts = join(upstream.dir, 'content', 'blog-posts');
  const touching = git(upstream.dir, 'rev-parse', 'HEAD');
  writeFileSync(join(upstream.dir, 'src', 'elsewhere.md'), 'x\n');
  git(upstream.dir, 'add', '.');
  git(upstream.dir, 'commit', '--quiet', '-m', 'not about the posts');
  t.not(git(upstream.dir, 'rev-parse', 'HEAD'), touching);
  t.equal(await gitRevision(posts), touching, 'not HEAD: the commit the folder is the state of');
  const untracked = join(upstream.dir, 'untracked');
  mkdirSync(untracked);
  t.equal(await gitRevision(untracked), null, 'a folder git does not track');
  t.equal(await gitRevision(t.testdir({})), null, 'outside any repository');
});
