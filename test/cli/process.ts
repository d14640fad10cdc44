import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';

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

export interface SpawnOptions {
  /** Runs the CLI as this user. */
  user?: { uid: number; gid: number };
  /** Under tap's process-info loader, for coverage (the default; see `untraced`). */
  traced?: boolean;
}

/**
 * tap starts every child process with its process-info loader
 * (NODE_OPTIONS=--import=@tapjs/processinfo/...) to record its coverage, and
 * that costs each start of the CLI about 2.5 s of CPU: 4 s instead of 1.4 s
 * for a start that stops at its configuration, more than parsing the real
 * archive. Starts whose coverage nobody gets go without it: those as another
 * user (who cannot write tap's coverage files in .tap/), and those a test
 * marks `traced: false` because they only repeat what a traced start covers.
 * Nothing else about the process changes: `env -u` clears the variable and
 * execs node, so the pid, signals and exit are node's own.
 */
function untraced(options: SpawnOptions): boolean {
  return options.traced === false || (options.user !== undefined && options.user.uid !== process.getuid?.());
}

/** The command and arguments that run `file` with `args` untraced (see `untraced`), for execFile or spawn. */
export function untracedCommand(file: string, args: string[]): [string, string[]] {
  return ['env', ['-u', 'NODE_OPTIONS', file, ...args]];
}

/** Runs the built CLI as a real process, the way an operator would. */
export function spawnCli(args: string[], env: Record<string, string>, options: SpawnOptions = {}): Spawned {
  const [command, commandArgs] = untraced(options) ? untracedCommand(process.execPath, [CLI, ...args]) : [process.execPath, [CLI, ...args]];
  const proc = spawn(command, commandArgs, {
    cwd: ROOT,
    ...(options.user ?? {}),
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

/** A start that took longer failed; on a loaded machine one can take 20 s (the default wait) and still be sound. */
const READY_MS = 60_000;

/** Serves with PORT=0 and resolves once the index is served, with the URL it listens on. */
export async function startServe(env: Record<string, string>, args: string[] = [], options: SpawnOptions = {}): Promise<Spawned & { url: string; ready: Record<string, unknown> }> {
  const spawned = spawnCli(['serve', ...args], { PORT: '0', ...env }, options);
  const ready = await spawned.waitFor((l) => typeof l['msg'] === 'string' && (l['msg'] as string).startsWith('ready: '), READY_MS);
  return { ...spawned, url: String(ready['url']), ready };
}

export type Server = Awaited<ReturnType<typeof startServe>>;

/** `startServe`, stopped with SIGTERM (and waited for) when the test ends. */
export async function serving(t: Test, env: Record<string, string>, args: string[] = [], options: SpawnOptions = {}): Promise<Server> {
  const server = await startServe(env, args, options);
  t.teardown(async () => {
    server.proc.kill('SIGTERM');
    await server.exit;
  });
  return server;
}

/** The JSON body of GET `path` on a served process. */
export const json = async (server: Server, path: string) => (await fetch(server.url + path)).json() as Promise<Record<string, any>>;
