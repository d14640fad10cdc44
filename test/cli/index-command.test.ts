import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import { run } from './run-cli.js';
import { BLOG_POSTS } from '../helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = `${ROOT}data/sample`;


t.test('index prints a summary: issues, items per issue and per section, problems', async (t) => {
  const { code, stdout, stderr } = await run(['index', '--archive', BLOG_POSTS]);
  t.equal(code, 0);
  t.equal(stderr, '');
  t.match(stdout, /^Indexed 5 issues, 203 items from /);
  t.match(stdout, /#5 +2021-05-04 +63 items +2021-05-04-ebpf-updates\/index\.md/);
  t.match(stdout, /#1 +2020-11-20 +37 items/);
  t.match(stdout, /Items per top-level section:\n +117 +New Resources\n +59 +The Kernel Side/);
  t.match(stdout, /Problems: none/);
});

t.test('index --json prints the archive as JSON and nothing else', async (t) => {
  const { code, stdout } = await run(['index', '--json'], { ARCHIVE_DIR: SAMPLE });
  t.equal(code, 0);
  const parsed = JSON.parse(stdout) as { issues: unknown[]; items: { id: string }[]; problems: unknown[] };
  t.equal(parsed.issues.length, 3);
  t.equal(parsed.items.length, 19);
  t.same(parsed.problems, []);
});

t.test('index lists problems with their path and line', async (t) => {
  const dir = t.testdir({
    good: { 'index.md': '---\ntitle: "eBPF Updates #1: Ok"\ndate: 2031-01-01\npath: /blog/ok\n---\n\n## Foreword\n\nHi.\n' },
    bad: { 'index.md': '---\ntitle: "eBPF Updates #2: [broken\n---\n\nbody\n' },
  });
  const { code, stdout } = await run(['index', '--archive', dir]);
  t.equal(code, 0, 'problems do not fail the run: the rest is indexed');
  t.match(stdout, /Problems \(1\):\n {2}bad\/index\.md:\d+: broken front matter/);
});

t.test('a missing archive folder is exit 2 with one clear line, as in search and serve; an archive without issues is exit 1', async (t) => {
  const missing = await run(['index', '--archive', '/no/such/dir']);
  t.same([missing.code, missing.stdout], [2, '']);
  t.equal(missing.stderr, 'ebpf-archive index: invalid configuration: ARCHIVE_DIR /no/such/dir does not exist\n');
  const search = await run(['search', 'x', '--archive', '/no/such/dir']);
  t.same([search.code, search.stderr], [2, 'ebpf-archive search: invalid configuration: ARCHIVE_DIR /no/such/dir does not exist\n'], 'the same mistake, the same answer');
  const dir = t.testdir({ 'notes.md': '# not an issue\n' });
  const empty = await run(['index', '--archive', dir]);
  t.equal(empty.code, 1, 'a folder with no issue: the work failed');
  t.equal(empty.stderr, `ebpf-archive index: no eBPF Updates issue found in ${dir} (1 markdown files read)\n`);
  const noArchive = await run(['index']);
  t.equal(noArchive.code, 2);
  t.match(noArchive.stderr, /index needs --archive DIR/);
  const badFlag = await run(['index', '--archive', SAMPLE, '--bogus']);
  t.equal(badFlag.code, 2);
  t.match(badFlag.stderr, /Unknown option '--bogus'/);
  const unknown = await run(['frobnicate']);
  t.equal(unknown.code, 2);
  t.match(unknown.stderr, /unknown command "frobnicate"/);
});

t.test('--help for the program and for index', async (t) => {
  t.match((await run(['--help'])).stdout, /Usage: ebpf-archive <command>/);
  t.match((await run(['index', '--help'])).stdout, /Usage: ebpf-archive index --archive DIR \[--json\]/);
});

t.test('the built bin runs as `ebpf-archive index --json`', async (t) => {
  const { stdout } = await promisify(execFile)(process.execPath, [`${ROOT}dist/cli/main.js`, 'index', '--archive', SAMPLE, '--json'], { cwd: t.testdir({}) });
  t.equal((JSON.parse(stdout) as { issues: unknown[] }).issues.length, 3, 'data/ is found relative to the package, not the working directory');
});
