import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import t from 'tap';
import { ArchiveReader, loadVocabulary } from '../../src/ingest/index.js';
import { parseIssue } from '../../src/ingest/parse-issue.js';
import { MAX_ENTRIES_PER_FILE } from '../../src/ingest/parse-issue.js';
import { ParsePool } from '../../src/ingest/parse-pool.js';
import { copySmallArchive } from '../archive-copy.js';
import { BLOG_POSTS } from '../helpers.js';
import { CLI } from '../cli/process.js';

/**
 * Archive files as an attacker inside the folder leaves them: impossible dates, links, FIFOs, huge lists, locked folders.
 * The archives attacked are copies of our small one (test/fixtures/small-archive, issues #1 to #3), read in a moment;
 * a real issue (#5) is what the parse pool parses.
 */
const vocabulary = loadVocabulary();
const ISSUE_5 = '2021-05-04-ebpf-updates/index.md';
const ISSUE_3 = '2021-03-15-ebpf-updates/index.md';
const NOBODY = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : null;

const issue = (body: string, date = '2031-05-01') => `---
path: "/blog/ebpf-updates-fixture"
date: "${date}"
title: "eBPF Updates #7: Fixture Issue"
categories:
  - Update
---

${body}`;

t.test('a date comment naming no real day is reported with its line and dropped, never served as another day', async (t) => {
  const parsed = parseIssue(
    issue(`## New Resources

{/*2021-02-31*/}
- [_Impossible day_](https://example.org/a), from Fixture Author.

<!--2021-02-28-->
- [_Real day_](https://example.org/b), from Fixture Author.
`),
    { file: 'fixture/index.md', vocabulary },
  );
  const [impossible, real] = parsed.items;
  t.equal(impossible!.date, null);
  t.equal(real!.date, '2021-02-28');
  t.match(parsed.problems, [{ file: 'fixture/index.md', line: 11, message: /date comment "2021-02-31" names no real day/ }]);
});

t.test('an impossible front-matter date falls back to the folder name, saying so', async (t) => {
  const parsed = parseIssue(issue('## News\n\n- [_A_](https://example.org/a)\n', '2031-02-30'), { file: '2031-03-01-ebpf-updates/index.md', vocabulary });
  t.equal(parsed.issue?.date, '2031-03-01');
  t.match(parsed.problems, [{ line: 1, message: /no valid date in front matter/ }]);
});

t.test(`a file of ${MAX_ENTRIES_PER_FILE * 100} entries is cut at ${MAX_ENTRIES_PER_FILE}, reported, and parses off the event loop`, async (t) => {
  const root = copySmallArchive(t.testdir());
  const huge = join(root, '2031-01-01-ebpf-updates');
  mkdirSync(huge);
  const lines = Array.from({ length: MAX_ENTRIES_PER_FILE * 100 }, (_, i) => `- [xdp ${i}](https://e.co/${i}), from Pat Ex.`);
  writeFileSync(join(huge, 'index.md'), issue(`## Extra\n\n${lines.join('\n')}\n`, '2031-01-01').replace('#7', '#31'));
  const reader = new ArchiveReader(root, { vocabulary, parse: 'workers' });
  t.teardown(() => reader.close());
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const { archive } = await reader.read();
  delay.disable();
  const items = archive.items.filter((i) => i.issue.number === 31);
  t.equal(items.length, MAX_ENTRIES_PER_FILE, 'the first entries are kept');
  t.equal(archive.issues.length, 4, 'and every other issue');
  t.match(archive.problems, [{ file: '2031-01-01-ebpf-updates/index.md', line: MAX_ENTRIES_PER_FILE + 11, message: /more than 1000 list entries/ }]);
  // What health checks need: the event loop answers within 100 ms however long a file parses.
  t.ok(delay.max / 1e6 < 100, `the event loop was held at most ${Math.round(delay.max / 1e6)} ms`);
});

t.test('a file that parses too long is reported, and the next file parses on', async (t) => {
  const pool = new ParsePool(vocabulary, { size: 1, timeoutMs: 1 });
  t.teardown(() => pool.close());
  const source = readFileSync(join(BLOG_POSTS, ISSUE_5), 'utf8');
  const slow = await pool.parse('slow.md', source);
  t.match(slow, { issue: null, problems: [{ file: 'slow.md', message: /took longer than 0.001 s to parse/ }] });
  const patient = new ParsePool(vocabulary, { size: 1 });
  t.teardown(() => patient.close());
  const parsed = await patient.parse(ISSUE_5, source);
  t.same(parsed, parseIssue(source, { file: ISSUE_5, vocabulary }), 'a worker parses as the caller would');
});

t.test('a symbolic link in an issue file\'s place is reported, and the last good version serves', async (t) => {
  const root = copySmallArchive(t.testdir());
  const reader = new ArchiveReader(root, { vocabulary });
  const before = await reader.read();
  const file = join(root, ISSUE_3);
  writeFileSync(join(root, 'elsewhere.md'), readFileSync(file));
  rmSync(file);
  symlinkSync(join(root, 'elsewhere.md'), file);
  const after = await reader.read();
  t.equal(after.archive.issues.length, 3, 'issue #3 still serves');
  t.same(
    after.archive.items.filter((i) => i.issue.number === 3).map((i) => i.id),
    before.archive.items.filter((i) => i.issue.number === 3).map((i) => i.id),
  );
  t.match(after.archive.problems, [{ file: ISSUE_3, message: /is a symbolic link: links are not followed/ }, { file: ISSUE_3, message: /still serving its last good version \(issue #3\)/ }]);
});

t.test('a FIFO in a file\'s place, or linked to, never blocks a read', async (t) => {
  const root = copySmallArchive(t.testdir());
  const reader = new ArchiveReader(root, { vocabulary });
  await reader.read();
  const file = join(root, ISSUE_3);
  rmSync(file);
  execFileSync('mkfifo', [file]);
  const fifo = await reader.read();
  t.match(fifo.archive.problems, [{ file: ISSUE_3, message: /is not a regular file \(a FIFO, socket or device\)/ }]);
  t.equal(fifo.archive.issues.length, 3, 'the last good version serves');
  rmSync(file);
  execFileSync('mkfifo', [join(root, 'pipe')]);
  symlinkSync(join(root, 'pipe'), file);
  const linked = await reader.read();
  t.match(linked.archive.problems, [{ file: ISSUE_3, message: /symbolic link/ }]);
});

t.test('closed during a read (a shutdown), the reader opens no more files, and its calls in flight end at once', async (t) => {
  const { open } = await import('node:fs/promises');
  let opened = 0;
  let closing: Promise<void> | undefined;
  const reader: ArchiveReader = new ArchiveReader(BLOG_POSTS, {
    vocabulary,
    openFile: (path, ...rest) => {
      if (++opened === 50) closing = reader.close();
      return open(path, ...rest);
    },
  });
  const { archive } = await reader.read();
  await closing;
  t.ok(opened <= 50 + 16, `at most the 16 files in flight opened after close (${opened} in all)`);
  t.equal(reader.pendingFileOps, 0, 'nothing left pending for shutdown to take for a hung mount');
  t.equal(archive.issues.length, 5, 'what it returns is what it read (the five issues sort early)');
});

t.test('a file whose open never returns (a hung mount) costs that file, not the reload; the reader counts the call as pending', async (t) => {
  const root = copySmallArchive(t.testdir());
  const { open } = await import('node:fs/promises');
  let hang = false;
  let release: () => void = () => undefined;
  const openFile: typeof open = (path, ...rest) => {
    if (hang && String(path).endsWith(ISSUE_3)) return new Promise((resolve) => (release = () => resolve(open(path, ...rest))));
    return open(path, ...rest);
  };
  const reader = new ArchiveReader(root, { vocabulary, openFile, readTimeoutMs: 1000 });
  await reader.read();
  hang = true;
  writeFileSync(join(root, ISSUE_3), readFileSync(join(root, ISSUE_3), 'utf8').replace('eBPF Updates #3', 'eBPF Updates #3 (edited)'));
  const started = Date.now();
  const stuck = await reader.read();
  t.ok(Date.now() - started < 5000, 'the read finished without the stuck file');
  t.match(stuck.archive.problems, [{ file: ISSUE_3, message: /opening took longer than 1 s/ }, { file: ISSUE_3, message: /still serving its last good version/ }]);
  t.equal(stuck.archive.issues.length, 3);
  t.equal(reader.pendingFileOps, 1, 'the stuck call is still pending: shutdown knows a thread is held');
  release();
  await new Promise((r) => setTimeout(r, 50));
  t.equal(reader.pendingFileOps, 0, 'returned late, and its handle closed');
  hang = false;
  const healed = await reader.read();
  t.notOk(healed.archive.problems.some((p) => p.file === ISSUE_3), 'the next read takes the file again');
});

t.test('an unreadable sub-folder is reported and skipped, the rest indexed, its files kept', async (t) => {
  const root = copySmallArchive(t.testdir());
  if (NOBODY) {
    // As root every folder is readable: the reader then runs as nobody, for whom mode 000 means what it says.
    execFileSync('chown', ['-R', `${NOBODY.uid}:${NOBODY.gid}`, root]);
    chownSync(root, NOBODY.uid, NOBODY.gid);
    chmodSync(root, 0o755);
  }
  const user = NOBODY ?? {};
  // Read, lock a folder, read again; then the CLI on the locked archive.
  const script = `
    import { chmodSync } from 'node:fs';
    import { ArchiveReader } from ${JSON.stringify(new URL('../../dist/ingest/index.js', import.meta.url).href)};
    const reader = new ArchiveReader(${JSON.stringify(root)});
    const first = await reader.read();
    chmodSync(${JSON.stringify(join(root, '2021-03-15-ebpf-updates'))}, 0o000);
    const second = await reader.read();
    console.log(JSON.stringify({ first: first.archive.issues.length, second: second.archive.issues.length, problems: second.archive.problems }));`;
  // Through env -u: the test runner's process tracking (NODE_OPTIONS) cannot write its records as another user.
  const asUser = (args: string[]) => spawnSync('env', ['-u', 'NODE_OPTIONS', process.execPath, ...args], { ...user, encoding: 'utf8' });
  const run = asUser(['--input-type=module', '-e', script]);
  t.equal(run.stderr, '');
  const seen = JSON.parse(run.stdout) as { first: number; second: number; problems: { file: string; message: string }[] };
  t.equal(seen.second, seen.first, 'the locked folder\'s issue keeps serving');
  t.match(seen.problems, [{ file: '2021-03-15-ebpf-updates/', message: /folder cannot be read \(EACCES\)/ }]);
  const cli = asUser([CLI, 'index', '--archive', root, '--json']);
  t.equal(cli.status, 0, 'a fresh start indexes the rest');
  const body = JSON.parse(cli.stdout) as { issues: unknown[]; problems: { file: string }[] };
  t.equal(body.issues.length, 2);
  t.ok(body.problems.some((p) => p.file === '2021-03-15-ebpf-updates/'));
  chmodSync(join(root, '2021-03-15-ebpf-updates'), 0o755);
});

t.test('a pool warmed before any file (what serve does at start) parses as the reader would, and serves the reader it is handed to', async (t) => {
  const pool = new ParsePool(vocabulary).warm();
  t.teardown(() => pool.close());
  const source = readFileSync(join(BLOG_POSTS, ISSUE_5), 'utf8');
  const warm = await pool.parse(ISSUE_5, source);
  t.same(warm.items.map((i) => i.id), parseIssue(source, { file: ISSUE_5, vocabulary }).items.map((i) => i.id));
  const reader = new ArchiveReader(BLOG_POSTS, { vocabulary, pool });
  const { archive } = await reader.read();
  t.equal(archive.issues.length, 5);
  t.equal(archive.items.length, 203);
});
