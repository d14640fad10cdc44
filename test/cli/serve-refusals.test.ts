import t from 'tap';
import { SMALL_ARCHIVE } from '../archive-copy.js';
import { spawnCli } from './process.js';

/**
 * The starts serve refuses, as the real built CLI: a port in use, a HOST that
 * is not this machine's, a setting out of bounds, an archive without an
 * issue; each one clear line and its exit code, never a stack. (The starts
 * that serve are serve.test.ts.)
 */

t.test('a port in use is one line and exit 1; a HOST that is not this machine\'s is invalid configuration, exit 2; no stack either way', async (t) => {
  const { createServer } = await import('node:net');
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  t.teardown(() => busy.close());
  const port = String((busy.address() as { port: number }).port);
  const cases: [Record<string, string>, number, RegExp][] = [
    [{ PORT: port, HOST: '127.0.0.1' }, 1, new RegExp(`^ebpf-archive serve: port ${port} on 127\\.0\\.0\\.1 is already in use \\(another ebpf-archive serve\\?\\): stop it, or choose another PORT\n$`)],
    [{ PORT: '0', HOST: 'no-such-host.invalid' }, 2, /^ebpf-archive serve: invalid configuration: HOST no-such-host\.invalid does not resolve to an address: .*\n$/],
    [{ PORT: '0', HOST: '192.0.2.1' }, 2, /^ebpf-archive serve: invalid configuration: HOST 192\.0\.2\.1 is not an address of this machine: .*\n$/],
  ];
  const runs = cases.map(([env]) => spawnCli(['serve'], { ARCHIVE_DIR: SMALL_ARCHIVE, ...env }));
  const exits = await Promise.all(runs.map((run) => run.exit));
  for (const [i, [env, code, message]] of cases.entries()) {
    const run = runs[i]!;
    t.equal(exits[i]!.code, code, JSON.stringify(env));
    t.match(run.stderr(), message);
    t.notMatch(run.stderr(), /\n\s+at |Node\.js v/, 'no stack trace');
  }
});

t.test('invalid configuration stops the start with one clear line, before listening', async (t) => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: 'banana' }, /^ebpf-archive serve: invalid configuration: PORT must be a whole number, got "banana"\n$/],
    [{ PORT: '70000' }, /PORT must be between 0 and 65535, got 70000/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
    [{ ARCHIVE_DIR: '/no/such/archive' }, /^ebpf-archive serve: invalid configuration: ARCHIVE_DIR \/no\/such\/archive does not exist\n$/],
    [{ PUBLIC_URL: 'archive.example' }, /PUBLIC_URL must be an absolute http\(s\) URL/],
    [{ CORS_ORIGINS: 'not an origin' }, /CORS_ORIGINS must be \*/],
    [{ CACHE_MAX_AGE: '-5' }, /CACHE_MAX_AGE must be a whole number/],
    [{ SYNC_ON_START: 'maybe' }, /SYNC_ON_START must be true or false/],
    [{ SYNC_INTERVAL: 'soon' }, /SYNC_INTERVAL must be a duration like 90s, 15m or 1h \(or off\), got "soon"/],
    [{ ADMIN_TOKEN: 'short' }, /ADMIN_TOKEN must be at least 16 characters/],
    [{ WATCH: 'sometimes' }, /WATCH must be true or false/],
  ];
  // All at once: each is a process that loads and exits, most of its time spent starting Node. Untraced (process.ts):
  // they all take the one path of a refused setting, which the traced start with a bad flag below covers.
  const runs = cases.map(([env]) => spawnCli(['serve'], env, { traced: false }));
  const exits = await Promise.all(runs.map((run) => run.exit));
  for (const [i, [env, message]] of cases.entries()) {
    const run = runs[i]!;
    const { code } = exits[i]!;
    t.equal(code, 2, JSON.stringify(env));
    t.match(run.stderr(), message, JSON.stringify(env));
    t.equal(run.stderr().trim().split('\n').length, 1, 'one line');
    t.notOk(run.lines.some((l) => /listening/i.test(String(l['msg']))), 'never listened');
  }
  const flag = spawnCli(['serve', '--port', 'x'], {});
  t.equal((await flag.exit).code, 2, 'flags are validated the same way');
});

t.test('an archive folder with no issue fails after listening, with a clear fatal line and exit 1', async (t) => {
  const dir = t.testdir({ 'article': { 'index.md': '---\ntitle: Not news\n---\n\ntext\n' } });
  const run = spawnCli(['serve'], { ARCHIVE_DIR: dir, PORT: '0' });
  const { code } = await run.exit;
  t.equal(code, 1);
  t.match(run.lines.find((l) => l['level'] === 60), { msg: /^cannot serve: no eBPF Updates issue found in / });
});
