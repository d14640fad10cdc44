import { Writable } from 'node:stream';
import t from 'tap';
import { createLogger } from '../../src/service/logger.js';

function sink(isTTY: boolean) {
  let out = '';
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        out += chunk.toString();
        callback();
      },
    }),
    { isTTY },
  );
  return { stream, out: () => out };
}

t.test('JSON lines when the output is not a terminal', async (t) => {
  const { stream, out } = sink(false);
  createLogger('info', stream, {}).info({ issues: 5 }, 'ready');
  t.match(JSON.parse(out()), { level: 30, issues: 5, msg: 'ready' });
});

t.test('pretty, colored lines on a terminal in development', async (t) => {
  const { stream, out } = sink(true);
  createLogger('info', stream, {}).info({ issues: 5 }, 'ready');
  t.throws(() => JSON.parse(out()));
  t.match(out(), /\u001b\[32mINFO\u001b\[39m: .*ready/, 'colored level and message');
  t.match(out().replace(/\u001b\[\d+m/g, ''), /issues: 5/);
});

t.test('JSON on a terminal in production', async (t) => {
  const { stream, out } = sink(true);
  createLogger('info', stream, { NODE_ENV: 'production' }).info('ready');
  t.match(JSON.parse(out()), { msg: 'ready' });
});
