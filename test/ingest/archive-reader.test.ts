import { copyFileSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { ArchiveError, ArchiveReader, loadVocabulary } from '../../src/ingest/index.js';
import { copySmallArchive } from '../archive-copy.js';
import { FIXTURES } from '../helpers.js';

const vocabulary = loadVocabulary();
const NEW_ISSUE = `${FIXTURES}new-issue/index.md`;
const BROKEN_EDIT = `${FIXTURES}new-issue/broken-edit.txt`;

/** A reader over a copy of our small archive (issues #1 to #3 and an ordinary post), which each test may change. */
function setUp(t: Test) {
  const root = copySmallArchive(t.testdir());
  return { root, reader: new ArchiveReader(root, { vocabulary }), issueFile: join(root, '2021-06-30-ebpf-updates', 'index.md') };
}

t.test('a second read parses nothing: unchanged and touched-but-equal files are reused', async (t) => {
  const { root, reader } = setUp(t);
  const first = await reader.read();
  t.equal(first.archive.issues.length, 3);
  t.ok(first.changed.length >= 4, 'every file is new on the first read');
  const again = await reader.read();
  t.same(again.changed, []);
  t.equal(again.archive.items[0], first.archive.items[0], 'the very same item objects: nothing re-parsed');
  const file = join(root, '2021-03-15-ebpf-updates', 'index.md');
  const later = new Date(Date.now() + 5000);
  utimesSync(file, later, later);
  const touched = await reader.read();
  t.same(touched.changed, [], 'a new mtime with the same bytes is no change');
  t.equal(touched.archive.items[0], first.archive.items[0]);
});

t.test('a new issue appears, an edit is read, a removed file removes its issue', async (t) => {
  const { reader, issueFile } = setUp(t);
  await reader.read();
  mkdirSync(join(issueFile, '..'));
  copyFileSync(NEW_ISSUE, issueFile);
  const added = await reader.read();
  t.same(added.changed, ['2021-06-30-ebpf-updates/index.md']);
  t.same(
    added.archive.issues.map((i) => i.number),
    [6, 3, 2, 1],
  );
  writeFileSync(issueFile, readFileSync(NEW_ISSUE, 'utf8').replace('Maps of Zanzibar', 'Charts of Zanzibar'));
  const edited = await reader.read();
  t.ok(edited.archive.items.some((i) => i.title === 'Charts of Zanzibar'));
  t.notOk(edited.archive.items.some((i) => i.title === 'Maps of Zanzibar'));
  rmSync(join(issueFile, '..'), { recursive: true });
  const removed = await reader.read();
  t.same(removed.changed, ['2021-06-30-ebpf-updates/index.md']);
  t.notOk(removed.archive.issues.some((i) => i.number === 6));
});

t.test('a broken edit keeps the last good version serving, reported with its path, until it is fixed', async (t) => {
  const { reader, issueFile } = setUp(t);
  mkdirSync(join(issueFile, '..'));
  copyFileSync(NEW_ISSUE, issueFile);
  const good = await reader.read();
  const goodItems = good.archive.items.filter((i) => i.issue.number === 6);
  copyFileSync(BROKEN_EDIT, issueFile);
  const broken = await reader.read();
  t.same(
    broken.archive.items.filter((i) => i.issue.number === 6),
    goodItems,
    'issue #6 as it was',
  );
  const problems = broken.archive.problems.filter((p) => p.file === '2021-06-30-ebpf-updates/index.md');
  t.match(problems, [{ message: /broken front matter/ }, { message: /no longer parses: still serving its last good version \(issue #6\)/ }]);
  t.same(reader.state().lastGood.map((g) => g.file), ['2021-06-30-ebpf-updates/index.md'], 'a snapshot keeps the last good version too');
  copyFileSync(NEW_ISSUE, issueFile);
  const fixed = await reader.read();
  t.same(fixed.archive.problems, []);
  t.equal(fixed.archive.items.filter((i) => i.issue.number === 6).length, 2);
});

t.test('a folder that is gone or holds no issue is an ArchiveError, so the caller keeps what it serves', async (t) => {
  const { root, reader } = setUp(t);
  await reader.read();
  rmSync(root, { recursive: true });
  await t.rejects(reader.read(), ArchiveError);
  mkdirSync(root);
  await t.rejects(reader.read(), { name: 'ArchiveError', message: /no eBPF Updates issue found/ });
});

t.test('state and restore: the same archive without reading a file, and the next read parses nothing', async (t) => {
  const { root, reader } = setUp(t);
  const first = await reader.read();
  const state = JSON.parse(JSON.stringify(reader.state()));
  const other = new ArchiveReader(root, { vocabulary });
  t.same(other.restore(state), first.archive);
  t.same((await other.read()).changed, []);
});
