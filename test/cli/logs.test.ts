import t from 'tap';
import { SMALL_ARCHIVE } from '../archive-copy.js';
import { spawnCli, startServe } from './process.js';

/**
 * Log lines are written asynchronously, gathered in a buffer (service/logger.ts):
 * none may be lost when the process stops, whether by signal or by a fatal error.
 * What is served does not matter here: our small archive, which nothing edits.
 * The served starts are untraced (process.ts): serve.test.ts's traced ones
 * take these paths. The fatal start stays traced: a file run alone then has
 * coverage to report (tap fails a run with none).
 */
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  t.test(`${signal}: every request's line and the last words reach the log`, async (t) => {
    const server = await startServe({ ARCHIVE_DIR: SMALL_ARCHIVE, LOG_LEVEL: 'info', NODE_ENV: 'production' }, [], { traced: false });
    for (let i = 0; i < 25; i++) await (await fetch(`${server.url}/search?q=xdp&limit=${i + 1}`)).arrayBuffer();
    server.proc.kill(signal);
    const exit = await server.exit;
    t.equal(exit.code, 0);
    const completed = server.lines.filter((l) => l['msg'] === 'request completed' && String((l['req'] as { url?: string })?.url).startsWith('/search'));
    t.equal(completed.length, 25, 'one line per request, none lost');
    t.ok(completed.every((l) => typeof l['reqId'] === 'string' && (l['req'] as { remoteAddress?: string }).remoteAddress), 'each with its request id and client address');
    t.equal(server.lines.at(-1)?.['msg'], 'closed', 'the last line is the last thing said');
  });
}

t.test('a fatal error at start: its last words reach the log before the process exits', async (t) => {
  const empty = t.testdir({ 'not-an-issue': { 'index.md': '---\ntitle: "Just a post"\n---\n\nHello.\n' } });
  const run = spawnCli(['serve'], { ARCHIVE_DIR: empty, PORT: '0', NODE_ENV: 'production' });
  const exit = await run.exit;
  t.equal(exit.code, 1);
  t.match(run.lines.at(-1), { level: 60, msg: /^cannot serve: no eBPF Updates issue found/ });
});
