import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from 'pino';

export interface Watching {
  close(): void;
}

/** How often the archive is checked when the platform cannot watch it. */
export const POLL_FALLBACK_MS = 2000;

/**
 * Calls `onChange` once things settle after changes below `dir` (markdown
 * files added, edited, removed; hidden paths such as `.git` ignored). Falls
 * back to checking every POLL_FALLBACK_MS when watching fails: the reader only
 * re-parses what changed, so a check of an unchanged archive costs a walk and a stat per file.
 */
export function watchArchive(dir: string, onChange: () => void, options: { debounceMs: number; logger: Logger }): Watching {
  let timer: NodeJS.Timeout | undefined;
  let poll: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const settle = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, options.debounceMs);
  };
  const fallBack = (error: unknown) => {
    watcher?.close();
    options.logger.warn({ err: error, dir }, `cannot watch the archive (${(error as Error).message}): checking it every ${POLL_FALLBACK_MS} ms instead`);
    poll ??= setInterval(onChange, POLL_FALLBACK_MS);
  };
  try {
    watcher = watch(dir, { recursive: true, persistent: false }, (_event, file) => {
      if (file && file.split(/[\\/]/).some((part) => part.startsWith('.'))) return;
      settle();
    });
    watcher.on('error', fallBack);
  } catch (error) {
    fallBack(error);
  }
  return {
    close() {
      clearTimeout(timer);
      clearInterval(poll);
      watcher?.close();
    },
  };
}
