import { Writable } from 'node:stream';
import pino from 'pino';
import t from 'tap';
import { shutdown } from '../../src/service/server.js';

/** How the process ends on SIGTERM/SIGINT: exit 0 once closed, 1 past the grace period, and a kill when a file read holds a thread that process.exit would wait for forever. */
function harness({ closes = true, pending = 0 as number | (() => number), graceMs = 100 } = {}) {
  const lines: { msg: string }[] = [];
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _e, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
  const ended: { exit: number[]; kills: number } = { exit: [], kills: 0 };
  const stop = shutdown({ close: () => (closes ? Promise.resolve() : new Promise(() => undefined)), pendingFileOps: typeof pending === 'number' ? () => pending : pending }, logger, {
    exit: (code) => void ended.exit.push(code),
    kill: () => void ended.kills++,
    graceMs,
  });
  return { stop, ended, lines };
}
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

t.test('closed in time: exit 0, once, however many signals', async (t) => {
  const { stop, ended } = harness();
  stop('SIGTERM');
  stop('SIGINT');
  await settle(20);
  t.same(ended, { exit: [0], kills: 0 });
});

t.test('requests outliving the grace period: exit 1', async (t) => {
  const { stop, ended, lines } = harness({ closes: false });
  stop('SIGTERM');
  await settle(200);
  t.same(ended, { exit: [1], kills: 0 });
  t.ok(lines.some((l) => /did not finish in time/.test(l.msg)));
});

t.test('a file read still blocked (a hung mount): the process is killed, not left in process.exit, and says why', async (t) => {
  for (const closes of [true, false]) {
    const { stop, ended, lines } = harness({ closes, pending: 1 });
    stop('SIGTERM');
    await settle(1300);
    t.same(ended, { exit: [], kills: 1 }, closes ? 'closed, but a read pending' : 'past the grace period, a read pending');
    t.ok(lines.some((l) => /1 archive file read\(s\) still blocked .*SIGKILL/.test(l.msg)));
  }
});

t.test('a reload\'s ordinary reads still in flight when closed: they are waited for, and the process exits 0, not killed', async (t) => {
  const since = Date.now();
  const { stop, ended, lines } = harness({ pending: () => (Date.now() - since < 60 ? 2 : 0) });
  stop('SIGTERM');
  await settle(20);
  t.same(ended, { exit: [], kills: 0 }, 'not yet judged while reads are young');
  await settle(300);
  t.same(ended, { exit: [0], kills: 0 });
  t.notOk(lines.some((l) => /still blocked/.test(l.msg)), 'no hung-mount report');
});
