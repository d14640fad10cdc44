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
        const detail = stderr.trim().split('\n').filter(Boolean).pop() ?? error.message;
        reject(new SyncError(`git ${args[0]} failed: ${detail}`));
      },
    );
  });
}

/**
 * Brings the upstream archive to `dest`: a shallow, sparse clone keeping only
 * `path` the first time (made in a side folder and renamed, so a failed clone
 * leaves nothing half-written), a fetch and fast-forward after that.
 */
export async function syncArchive(options: SyncOptions): Promise<SyncResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  timer.unref();
  const { signal } = controller;
  try {
    let action: SyncResult['action'];
    if (existsSync(join(options.dest, '.git'))) {
      await git(['fetch', '--quiet', 'origin', 'HEAD'], options.dest, signal);
      await git(['merge', '--quiet', '--ff-only', 'FETCH_HEAD'], options.dest, signal);
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
    return { action, dir, revision: await git(['rev-parse', 'HEAD'], options.dest, signal) };
  } finally {
    clearTimeout(timer);
  }
}

/** The commit checked out where `dir` lies, or null when it is not in a git work tree (or git is missing). */
export async function gitRevision(dir: string, timeoutMs = 5000): Promise<string | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  timer.unref();
  try {
    return await git(['rev-parse', 'HEAD'], dir, controller.signal);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
