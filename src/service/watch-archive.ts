import { watch as chokidar, type FSWatcher } from 'chokidar';
import type { Logger } from 'pino';

export interface Watching {
  close(): Promise<void>;
}

/** How often the archive is checked when the platform cannot watch it. */
export const POLL_FALLBACK_MS = 2000;

const HIDDEN = /(?:^|[\\/])\.[^\\/]/;

/**
 * Calls `onChange` once things settle after changes below `dir` (markdown
 * files added, edited, removed, replaced by a rename or a symbolic link;
 * hidden paths such as `.git` ignored). chokidar watches each folder, so a
 * file replaced by a rename (what `sed -i`, editors' atomic saves, `git
 * checkout` and `rsync` do) stays watched, where Node's recursive watcher on
 * Linux follows the old file and goes blind. Links are not followed, so a
 * symbolic-link loop is a file like any other. Falls back to checking every
 * POLL_FALLBACK_MS when watching fails (no inotify watches left): the reader
 * only re-parses what changed, so a check of an unchanged archive costs a
 * walk and a stat per file.
 */
export function watchArchive(dir: string, onChange: () => void, options: { debounceMs: number; logger: Logger }): Watching {
  let timer: NodeJS.Timeout | undefined;
  let poll: NodeJS.Timeout | undefined;
  const settle = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, options.debounceMs);
    timer.unref();
  };
  const watcher: FSWatcher = chokidar(dir, {
    ignoreInitial: true,
    followSymlinks: false,
    // Not persistent, chokidar falls back to a watcher that misses a file swapped back after a link; close() ends it.
    persistent: true,
    ignored: (path: string) => path !== dir && HIDDEN.test(path.slice(dir.length)),
  });
  watcher.on('all', settle);
  watcher.on('error', (error: unknown) => {
    if (poll) return;
    options.logger.warn({ err: error, dir }, `cannot watch the archive (${(error as Error).message}): checking it every ${POLL_FALLBACK_MS} ms instead`);
    poll = setInterval(onChange, POLL_FALLBACK_MS);
    poll.unref();
    void watcher.close();
  });
  return {
    async close() {
      clearTimeout(timer);
      clearInterval(poll);
      await watcher.close();
    },
  };
}
