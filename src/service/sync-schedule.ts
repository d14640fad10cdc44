import type { Logger } from 'pino';
import type { SyncResult } from './git-sync.js';

export interface Scheduled {
  stop(): void;
}

/** The first retry after a failed sync; each further one waits twice as long, up to the interval. */
export const FIRST_RETRY_MS = 1000;

/**
 * Syncs every `everyMs` and hands each result to `onSynced` (a reload). A
 * failure is logged and retried sooner, with exponential backoff, and never
 * stops the schedule nor the service.
 */
export function scheduleSync(options: { everyMs: number; sync: () => Promise<SyncResult>; onSynced: (result: SyncResult) => Promise<unknown>; logger: Logger }): Scheduled {
  const { everyMs, logger } = options;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const next = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(run, ms);
    timer.unref();
  };
  const run = async () => {
    try {
      const result = await options.sync();
      failures = 0;
      if (result.switchedFrom) logger.warn({ repo: result.repo, was: result.switchedFrom }, `sync: the checkout's origin was ${result.switchedFrom}; it now follows ${result.repo}`);
      logger.debug({ repo: result.repo, revision: result.revision }, `sync: ${result.action} from ${result.repo} to ${result.revision}`);
      await options.onSynced(result);
      next(everyMs);
    } catch (error) {
      failures++;
      const retryMs = Math.min(everyMs, FIRST_RETRY_MS * 2 ** (failures - 1));
      logger.warn({ err: error, failures, retryMs }, `scheduled sync failed (${(error as Error).message}); retrying in ${retryMs} ms`);
      next(retryMs);
    }
  };
  next(everyMs);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
