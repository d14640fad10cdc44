import t from 'tap';
import { run } from './run-cli.js';
import { SMALL_ARCHIVE } from '../archive-copy.js';
import { BLOG_POSTS } from '../helpers.js';


t.test('search prints title, issue, date and url for a terminal user', async (t) => {
  const { code, stdout, stderr } = await run(['search', 'tail calls', '--archive', BLOG_POSTS]);
  t.equal(code, 0);
  t.equal(stderr, '');
  t.match(stdout, /^2 results\n\n {2}1\. The Cost of BPF Tail Calls\n {5}#5 · 2021-03-22 · New Resources › Deep Dives · Paul Chaignon\n {5}https:\/\/pchaigno\.github\.io\/ebpf\/2021\/03\/22\/cost-bpf-tail-calls\.html\n/);
  t.notMatch(stdout, /\u001b\[/, 'no colors when not on a terminal');
});

t.test('search takes the query language and filter flags', async (t) => {
  const { stdout } = await run(['search', 'btf', '--author', 'Andrii Nakryiko', '--limit', '2', '--archive', BLOG_POSTS]);
  t.match(stdout, /^\d+ results?\n/);
  t.equal(stdout.match(/^ +\d+\. /gm)?.length, 2);
  t.match((await run(['search', 'who acquired Kinvolk', '--archive', BLOG_POSTS])).stdout, /\(matching most words\)/);
});

t.test('search --json prints the hits as the API does', async (t) => {
  const { code, stdout } = await run(['search', 'xdp', '--json', '--limit', '3', '--archive', BLOG_POSTS], { PUBLIC_URL: 'https://archive.example' });
  t.equal(code, 0);
  const body = JSON.parse(stdout) as { total: number; hits: { permalink: string; snippet: string }[] };
  t.equal(body.hits.length, 3);
  t.ok(body.total >= 3);
  t.match(body.hits[0], { permalink: /^https:\/\/archive\.example\/items\//, snippet: /<mark>/ });
});

t.test('search without an archive uses the sample, and says so on stderr', async (t) => {
  const { code, stdout, stderr } = await run(['search', 'tail'], { ARCHIVE_CACHE_DIR: t.testdir({}) });
  t.equal(code, 0);
  t.match(stderr, /^warning: serving the small invented SAMPLE archive/);
  t.match(stdout, /Measuring tail calls on tiny machines/);
});

t.test('search mistakes are usage errors', async (t) => {
  t.match(await run(['search', 'x', '--limit', '0', '--archive', BLOG_POSTS]), { code: 2, stderr: /--limit must be a whole number from 1 to 100/ });
  // The query is read once the archive is: the small one, which any archive stands for here.
  t.match(await run(['search', 'kernel:banana', '--archive', SMALL_ARCHIVE]), { code: 2, stderr: /invalid kernel "banana"/ });
  t.match(await run(['search', 'x', '--archive', '/no/such/dir']), { code: 2, stderr: /ARCHIVE_DIR \/no\/such\/dir does not exist/ });
  t.match(await run(['search', '--help']), { code: 0, stdout: /^Usage: ebpf-archive search "QUERY"/ });
  for (const command of ['serve', 'sync', 'index', 'openapi']) {
    t.match(await run([command, '--help']), { code: 0, stdout: new RegExp(`^Usage: ebpf-archive ${command}`) }, `${command} --help`);
  }
});
