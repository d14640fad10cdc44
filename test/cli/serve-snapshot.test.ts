import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { SMALL_ARCHIVE, copySmallArchive } from '../archive-copy.js';
import { BLOG_POSTS } from '../helpers.js';
import { json, serving } from './process.js';
import { run } from './run-cli.js';

/**
 * Starting the real process from a snapshot (index --out, serve --snapshot):
 * without parsing, falling back to parsing when the snapshot is bad, serving
 * the archive it was made from. The snapshot served is the real archive's;
 * the fallback and the archive that moves away are our small one
 * (test/fixtures/small-archive), parsed in a moment.
 */

t.test('snapshot: index --out writes one, serve --snapshot starts from it without parsing; a bad one falls back to parsing', async (t) => {
  const dir = t.testdir();
  const snapshot = join(dir, 'archive.snapshot');
  const made = await run(['index', '--archive', BLOG_POSTS, '--out', snapshot]);
  t.equal(made.code, 0);
  t.match(made.stdout, /snapshot of 5 issues \(203 items\) written to .*archive\.snapshot \(\d+ bytes\)/);
  const fast = await serving(t, { ARCHIVE_DIR: BLOG_POSTS }, ['--snapshot', snapshot]);
  t.ok(fast.lines.some((l) => String(l['msg']).startsWith(`started from snapshot ${snapshot}`)));
  t.match(fast.ready, { issues: 5, items: 203 });
  t.equal((await json(fast, '/search?q=tail+calls&limit=1'))['hits'][0].id, '5-the-cost-of-bpf-tail-calls');

  const bad = join(dir, 'bad.snapshot');
  writeFileSync(bad, 'not a snapshot\n');
  // Any archive shows the fallback: the small one, which parses in a moment.
  const slow = await serving(t, { ARCHIVE_DIR: SMALL_ARCHIVE }, ['--snapshot', bad]);
  t.match(
    slow.lines.find((l) => l['level'] === 40 && String(l['msg']).startsWith('snapshot refused')),
    { msg: /is not a snapshot .*; parsing the archive instead/ },
  );
  t.match(slow.ready, { issues: 3, items: 11 }, 'served all the same, parsed');
});

t.test('serve --snapshot FILE alone serves the archive the snapshot was made from, or refuses in one line; never the sample', async (t) => {
  const dir = t.testdir();
  const archive = copySmallArchive(join(dir, 'copy'));
  const snapshot = join(dir, 'archive.snapshot');
  t.equal((await run(['index', '--archive', archive, '--out', snapshot])).code, 0);
  // At debug level the snapshot check says when it is done, even when nothing changed.
  const server = await serving(t, { LOG_LEVEL: 'debug' }, ['--snapshot', snapshot]);
  t.match(server.ready, { issues: 3, items: 11, source: { kind: 'configured', dir: archive } });
  await server.waitFor((l) => /^reload(ed)? \(snapshot check\)/.test(String(l['msg'])));
  const readiness = await json(server, '/readyz');
  t.match(readiness, { status: 'ready', source: { dir: archive } }, 'still the snapshot\'s archive after the snapshot check');
  t.notOk(server.lines.some((l) => (l['source'] as { kind?: string } | undefined)?.kind === 'sample' || /SAMPLE archive|data\/sample/.test(String(l['msg']))), 'no word of the sample');
  t.equal((await json(server, '/issues'))['total'], 3);

  rmSync(archive, { recursive: true });
  const gone = await run(['serve', '--snapshot', snapshot]);
  t.equal(gone.code, 2);
  t.equal(gone.stderr, `ebpf-archive serve: invalid configuration: SNAPSHOT ${snapshot} was made from ${archive}, which is not a folder here: give the archive with --archive DIR (ARCHIVE_DIR)\n`);
  const bad = join(dir, 'bad.snapshot');
  writeFileSync(bad, 'not a snapshot\n');
  const refused = await run(['serve', '--snapshot', bad]);
  t.same([refused.code, refused.stderr], [2, `ebpf-archive serve: invalid configuration: SNAPSHOT: ${bad} is not a snapshot (its first line is not a snapshot header)\n`]);
});
