import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { run } from './run-cli.js';
import { syncArchive } from '../../src/service/git-sync.js';
import { git, makeUpstreamRepo } from './git-fixture.js';


t.test('sync clones shallow and sparse, then fast-forwards', async (t) => {
  const root = t.testdir({});
  const upstream = makeUpstreamRepo(root);
  const dest = join(root, 'archive');

  const first = await run(['sync', '--repo', upstream.url, '--cache-dir', dest]);
  t.equal(first.code, 0, first.stderr);
  t.match(first.stdout, new RegExp(`^cloned ${upstream.url} at [0-9a-f]{40}: the archive is ${dest}/content/blog-posts\\n$`));
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
  t.match(second.stdout, /^updated /);
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
