import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Where the upstream archive lives; both are settings (ARCHIVE_REPO, ARCHIVE_REPO_PATH). */
export const DEFAULT_REPO = 'https://github.com/ebpf-io/ebpf.io-website';
export const DEFAULT_REPO_PATH = 'content/blog-posts';
/** How long a sync may take (SYNC_TIMEOUT): an offline machine gives up in seconds and serves what it has. */
export const DEFAULT_SYNC_TIMEOUT_MS = 20_000;

export interface SyncOptions {
  repo: string;
  /** Folder of the repository holding the posts. */
  path: string;
  /** The local checkout (a git work tree); the archive is `dest/path`. */
  dest: string;
  /** Budget for the whole operation, so an offline machine gives up in seconds. */
  timeoutMs: number;
}

export interface SyncResult {
  action: 'cloned' | 'updated';
  /** The repository fetched: always the configured one. */
  repo: string;
  /** The checkout's former `origin`, when it was another repository and has been switched to `repo`. */
  switchedFrom: string | null;
  /** The archive folder to index: `dest/path`. */
  dir: string;
  revision: string;
}

export class SyncError extends Error {
  override name = 'SyncError';
}

function git(args: string[], cwd: string | undefined, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd,
        signal,
        maxBuffer: 16 * 1024 * 1024,
        // Never wait for a password prompt; speak English so errors are readable in logs.
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'true', LC_ALL: 'C' },
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout.trim());
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return reject(new SyncError('git is not installed'));
        if (signal.aborted) return reject(new SyncError(`git ${args[0]} timed out`));
        reject(new SyncError(`git ${args[0]} failed: ${gitMessage(stderr) || error.message}${hint(stderr)}`));
      },
    );
  });
}

/** All of git's message on one line: the reason is often not its last line ("does not appear to be a git repository"). */
function gitMessage(stderr: string): string {
  return stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
}

/** The fix for a failure people hit and git explains poorly. */
function hint(stderr: string): string {
  if (/dubious ownership/.test(stderr)) {
    return ' (the checkout belongs to another user, as a bind-mounted folder often does: run the service as its owner, chown it to the service\'s user, or trust it with the safe.directory command above)';
  }
  return '';
}

/**
 * Brings the upstream archive to `dest`: a shallow, sparse clone keeping only
 * `path` the first time (made in a side folder and renamed, so a failed clone
 * leaves nothing half-written), a fetch and fast-forward after that. When
 * the checkout's `origin` is another repository than the configured one, the
 * configured one is fetched, the checkout moved to it and `origin` switched,
 * only once that fetch worked (a wrong ARCHIVE_REPO changes nothing).
 */
export async function syncArchive(options: SyncOptions): Promise<SyncResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  timer.unref();
  const { signal } = controller;
  try {
    let action: SyncResult['action'];
    let switchedFrom: string | null = null;
    if (existsSync(join(options.dest, '.git'))) {
      const origin = await git(['remote', 'get-url', 'origin'], options.dest, signal).catch(() => null);
      if (origin === options.repo) {
        await git(['fetch', '--quiet', 'origin', 'HEAD'], options.dest, signal);
        await git(['merge', '--quiet', '--ff-only', 'FETCH_HEAD'], options.dest, signal);
      } else {
        // Another repository's history need not continue this one's: take its tip as it is.
        await git(['fetch', '--quiet', '--depth', '1', '--no-tags', '--', options.repo, 'HEAD'], options.dest, signal);
        await git(['reset', '--quiet', '--hard', 'FETCH_HEAD'], options.dest, signal);
        await git(origin === null ? ['remote', 'add', 'origin', options.repo] : ['remote', 'set-url', 'origin', options.repo], options.dest, signal);
        switchedFrom = origin ?? '(none)';
      }
      action = 'updated';
    } else {
      const partial = `${options.dest}.partial-${process.pid}`;
      await rm(partial, { recursive: true, force: true });
      await mkdir(dirname(options.dest), { recursive: true });
      try {
        // `--` so that nothing from the settings is ever read as an option.
        await git(['clone', '--quiet', '--depth', '1', '--filter=blob:none', '--sparse', '--no-tags', '--', options.repo, partial], undefined, signal);
        await git(['sparse-checkout', 'set', options.path], partial, signal);
        await rename(partial, options.dest);
      } catch (error) {
        await rm(partial, { recursive: true, force: true });
        throw error;
      }
      action = 'cloned';
    }
    const dir = join(options.dest, options.path);
    const info = await stat(dir).catch(() => null);
    if (!info?.isDirectory()) throw new SyncError(`${options.path} is not a folder of ${options.repo}`);
    return { action, repo: options.repo, switchedFrom, dir, revision: await git(['rev-parse', 'HEAD'], options.dest, signal) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The last commit that touched the archive folder `dir`: what its content is
 * the state of. Null when the folder is not in a git work tree, not tracked
 * there, or git is missing. (HEAD would name the enclosing repository's latest
 * commit, about anything.)
 */
export async function gitRevision(dir: string, timeoutMs = 5000): Promise<string | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  timer.unref();
  try {
    return (await git(['log', '-1', '--format=%H', '--', '.'], dir, controller.signal)) || null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
