// Start-up: time from process start to the first successful /search.
// node bench/startup.mjs ARCHIVE_DIR [--runs N] [--snapshot FILE] [--json]
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** A port nobody listens on, for a process we start. */
export const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Milliseconds from spawn to a 200 from /search, polling every 5 ms; from a snapshot when one is given. */
export async function startupMs(archive, snapshot) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [fileURLToPath(new URL('../dist/cli/main.js', import.meta.url)), 'serve'], {
    env: { ...process.env, ARCHIVE_DIR: archive, PORT: String(port), LOG_LEVEL: 'warn', SYNC_ON_START: 'false', ...(snapshot ? { SNAPSHOT: snapshot } : {}) },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/search?q=xdp&limit=1`);
        if (res.status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 600_000) throw new Error('no answer in 10 minutes');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGKILL');
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ options: { runs: { type: 'string', default: '3' }, snapshot: { type: 'string' }, json: { type: 'boolean', default: false } }, allowPositionals: true });
  const times = [];
  for (let i = 0; i < Number(values.runs); i++) times.push(Math.round(await startupMs(positionals[0], values.snapshot)));
  times.sort((a, b) => a - b);
  const result = { archive: positionals[0], runs: times, medianMs: times[Math.floor(times.length / 2)] };
  console.log(values.json ? JSON.stringify(result) : result);
}
