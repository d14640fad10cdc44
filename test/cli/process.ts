import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = `${ROOT}dist/cli/main.js`;

export interface Spawned {
  proc: ChildProcess;
  /** Log lines (JSON parsed when they are JSON) from stdout, as they arrive. */
  lines: Record<string, unknown>[];
  stderr: () => string;
  /** Resolves with the first log line matching, rejects after `ms`. */
  waitFor(match: (line: Record<string, unknown>) => boolean, ms?: number): Promise<Record<string, unknown>>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the built CLI as a real process, the way an operator would. */
export function spawnCli(args: string[], env: Record<string, string>, user?: { uid: number; gid: number }): Spawned {
  const proc = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    ...(user ?? {}),
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', SYNC_ON_START: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters: { match: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] = [];
  let buffer = '';
  let stderr = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const raw = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        line = { text: raw };
      }
      lines.push(line);
      for (const w of [...waiters]) if (w.match(line)) w.resolve(line);
    }
  });
  proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    proc,
    lines,
    stderr: () => stderr,
    exit,
    waitFor(match, ms = 20_000) {
      const seen = lines.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching log line in ${ms} ms; got:\n${lines.map((l) => JSON.stringify(l)).join('\n')}\n${stderr}`)), ms);
        waiters.push({
          match,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
      });
    },
  };
}

/** Serves with PORT=0 and resolves once the index is served, with the URL it listens on. */
export async function startServe(env: Record<string, string>, args: string[] = [], user?: { uid: number; gid: number }): Promise<Spawned & { url: string; ready: Record<string, unknown> }> {
  const spawned = spawnCli(['serve', ...args], { PORT: '0', ...env }, user);
  const ready = await spawned.waitFor((l) => typeof l['msg'] === 'string' && (l['msg'] as string).startsWith('ready: '));
  return { ...spawned, url: String(ready['url']), ready };
}
