import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import t from 'tap';
import { copySmallArchive } from '../archive-copy.js';
import { BLOG_POSTS } from '../helpers.js';
import { json, serving } from './process.js';

/**
 * The real process under faults: archive files removed, truncated or made
 * unreadable while it serves; clients that vanish mid-answer; many clients
 * that never finish their request. The archive faults are staged on a copy of
 * our small archive (a start parses it in a moment); the clients' faults on
 * the real archive, whose answers are big enough to vanish in the middle of.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// As root every file is readable: the service then runs as nobody, for whom a mode of 000 means what it says.
const NOBODY = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : null;
const AS_NOBODY = NOBODY ? { user: NOBODY } : {};

async function eventually(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await sleep(50);
  }
  return check();
}

/** Resolves with what `promise` gives, or null once `ms` pass (and leaves no timer behind). */
async function within<T>(ms: number, promise: Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

t.test('archive files truncated, made unreadable or removed while serving: it keeps serving, and says which', async (t) => {
  const dir = copySmallArchive(t.testdir());
  const wombats = join(dir, '2021-03-15-ebpf-updates', 'index.md');
  const kernel = join(dir, '2021-02-15-ebpf-updates', 'index.md');
  const server = await serving(t, { ARCHIVE_DIR: dir }, [], AS_NOBODY);
  const found = async (q: string) => (await json(server, `/search?q=${encodeURIComponent(q)}`))['total'] as number;
  t.equal(await found('"counting wombats with ring buffers"'), 1);

  const source = readFileSync(wombats);
  // Cut inside the front matter (it runs past 200 bytes on purpose).
  writeFileSync(wombats, source.subarray(0, 200));
  t.ok(await eventually(5000, async () => (await json(server, '/readyz'))['problemCount'] > 0), 'the truncated file is reported');
  t.equal(await found('"counting wombats with ring buffers"'), 1, 'its last good version still answers');

  chmodSync(kernel, 0o000);
  const later = new Date(Date.now() + 2000);
  utimesSync(kernel, later, later);
  t.ok(
    await eventually(5000, async () => ((await json(server, '/readyz'))['problems'] as { file: string; message: string }[]).some((p) => p.file === '2021-02-15-ebpf-updates/index.md' && /could not be read/.test(p.message))),
    'the unreadable file is reported',
  );
  t.equal((await json(server, '/issues'))['total'], 3, 'and its issue still serves');
  chmodSync(kernel, 0o644);

  writeFileSync(wombats, source);
  t.ok(await eventually(5000, async () => (await json(server, '/readyz'))['problems'].every((p: { file: string }) => !p.file.startsWith('2021-03-15'))), 'fixed, the problem goes');
  t.equal(server.proc.exitCode, null, 'the process lives');
});

// One server for the three faults that only talk to it, each checked on its own: the vanishing clients first (nothing
// may be logged as an error), then the slow ones (REQUEST_TIMEOUT, which the others never come near), then the oversized.
t.test('clients at fault, one real-archive server for all of them (REQUEST_TIMEOUT=1s)', async (t) => {
  const server = await serving(t, { ARCHIVE_DIR: BLOG_POSTS, REQUEST_TIMEOUT: '1s' }, [], AS_NOBODY);
  const { port } = new URL(server.url);
  const completed = (url: RegExp) => server.lines.filter((l) => l['msg'] === 'request completed' && url.test(String((l['req'] as { url?: string } | undefined)?.url)));

  t.test('clients that disconnect mid-answer do not disturb the service', async (t) => {
    // Each URL its own (offset), so no answer comes from the cache: every one is work the client walks away from.
    for (let i = 0; i < 40; i++) {
      await new Promise<void>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.write(`GET /feed.json?offset=${i} HTTP/1.1\r\nHost: x\r\n\r\n`));
        socket.once('data', () => {
          socket.destroy();
          resolve();
        });
        socket.on('error', () => resolve());
      });
    }
    for (let i = 0; i < 40; i++) {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`GET /search?q=xdp&limit=100&facets=author,project,kernel&offset=${i} HTTP/1.1\r\nHost: x\r\n\r\n`);
        socket.destroy();
      });
      socket.on('error', () => undefined);
    }
    // Every abandoned request still ends in its log line: waiting for the 40 is waiting until the service is done with them
    // (and their lines, and any error before them, are out of the log buffer).
    await server.waitFor(() => completed(/^\/search\?q=xdp&limit=100&facets=author,project,kernel&offset=\d+$/).length === 40);
    const res = await fetch(`${server.url}/search?q=tail+calls`);
    t.equal(res.status, 200);
    t.equal(server.proc.exitCode, null);
    t.notOk(server.lines.some((l) => Number(l['level']) >= 50), 'nothing logged as an error');
    t.equal(completed(/^\/feed\.json\?offset=\d+$/).filter((l) => (l['res'] as { statusCode?: number }).statusCode === 200).length, 40, 'the abandoned answers were real ones (200), not refusals');
  });

  t.test('many slow clients: answered with 408 and cut off after REQUEST_TIMEOUT, while others are served', async (t) => {
    const slow: Socket[] = [];
    const closed: Promise<string>[] = [];
    const sent: Promise<void>[] = [];
    for (let i = 0; i < 150; i++) {
      let wrote: () => void;
      sent.push(new Promise((resolve) => (wrote = resolve)));
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('GET /search?q=xdp HTTP/1.1\r\nHost: x\r\nX-Slow: ', () => wrote()));
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('error', () => wrote());
      closed.push(new Promise((resolve) => socket.on('close', () => resolve(received))));
      slow.push(socket);
    }
    // Every slow client connected and half-way through its request before the ordinary one asks.
    await Promise.all(sent);
    const started = Date.now();
    const res = await fetch(`${server.url}/search?q=tail+calls`);
    t.equal(res.status, 200, 'an ordinary client is served meanwhile');
    t.ok(Date.now() - started < 1000, 'promptly');
    const answers = await within(6000, Promise.all(closed));
    t.ok(answers, 'every slow connection was closed by the server within a few seconds');
    t.ok(answers?.every((a) => a === '' || a.startsWith('HTTP/1.1 408')), 'with a 408 when anything was said');
    for (const socket of slow) socket.destroy();
    t.equal(server.proc.exitCode, null);
  });

  t.test('oversized headers are a 431 and oversized URLs a 414, before any work', async (t) => {
    const raw = (request: string) =>
      new Promise<string>((resolve) => {
        let received = '';
        const socket = connect(Number(port), '127.0.0.1', () => socket.write(request));
        socket.on('data', (chunk) => (received += chunk.toString()));
        socket.on('close', () => resolve(received));
        socket.on('error', () => resolve(received));
        setTimeout(() => socket.destroy(), 3000).unref();
      });
    t.match(await raw(`GET /search?q=xdp HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`), /^HTTP\/1\.1 431/);
    t.match(await raw(`GET /search?q=${'a'.repeat(5000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`), /^HTTP\/1\.1 414/);
    t.equal((await fetch(`${server.url}/search?q=xdp`)).status, 200);
  });
});

t.test('a FIFO swapped in for an issue file, and edits by rename: reloads go on, and SIGTERM exits promptly', async (t) => {
  const dir = copySmallArchive(t.testdir());
  if (NOBODY) execFileSync('chown', ['-R', `${NOBODY.uid}:${NOBODY.gid}`, dir]);
  const server = await serving(t, { ARCHIVE_DIR: dir, WATCH_DEBOUNCE: '50' }, [], AS_NOBODY);
  const file = join(dir, '2021-03-15-ebpf-updates', 'index.md');
  const source = readFileSync(file);
  rmSync(file);
  execFileSync('mkfifo', [file]);
  // The watcher may not report a FIFO (chokidar watches files); SIGHUP reloads as an operator would.
  server.proc.kill('SIGHUP');
  t.ok(
    await eventually(5000, async () => ((await json(server, '/readyz'))['problems'] as { message: string }[]).some((p) => /not a regular file/.test(p.message))),
    'the FIFO is reported, not read',
  );
  t.equal((await json(server, '/issues'))['total'], 3, 'its issue keeps its last good version');
  rmSync(file);
  writeFileSync(`${file}.tmp`, source);
  renameSync(`${file}.tmp`, file);
  t.ok(await eventually(2000, async () => ((await json(server, '/readyz'))['problems'] as unknown[]).length === 0), 'a file renamed into place is read within 2 s');
  writeFileSync(file, source.toString().replace('Counting Wombats With Ring Buffers', 'Weighing Wombats With Ring Buffers'));
  t.ok(await eventually(2000, async () => (await json(server, '/search?q=%22weighing+wombats+with+ring+buffers%22'))['total'] === 1), 'and a later write in place, within 2 s');
  const stopped = Date.now();
  server.proc.kill('SIGTERM');
  const exit = await server.exit;
  t.equal(exit.code, 0);
  t.ok(Date.now() - stopped < 10_000, 'within the shutdown grace');
});
