import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { resolveArchive } from './archive-source.js';
import type { Config } from './config.js';
import { buildApp } from './http/app.js';
import { ArchiveReader, loadVocabulary } from './ingest/index.js';
import { gitRevision, syncArchive } from './ingest/sync-archive.js';
import { Reloader, type ReloadOutcome } from './reloader.js';
import { IndexHolder, buildSearchIndex, loadSynonyms } from './search/index.js';
import { loadSnapshot } from './snapshot.js';
import { scheduleSync, type Scheduled } from './sync-schedule.js';
import { watchArchive, type Watching } from './watch-archive.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** Settles when the first index is being served (rejects when the archive cannot be read). */
  ready: Promise<void>;
  /** Rebuilds the index from the archive as it is now (what SIGHUP, the watcher and /admin/reload do). */
  reload(reason: string): Promise<ReloadOutcome>;
  close(): Promise<void>;
}

/** Bounded wait for in-flight requests on shutdown. */
export const SHUTDOWN_GRACE_MS = 10_000;

/** Reloads started by the service itself report their failures in the log; nothing else waits for them. */
const quietly = (reload: Promise<unknown>) => void reload.catch(() => undefined);

/**
 * config -> (archive -> index) while (app -> listen) -> ready -> keep current.
 * The service listens as soon as it can, so liveness answers at once and
 * readiness (/readyz) turns 200 when the index is built; until then other
 * routes answer 503. Once ready, the archive is watched, reloaded on SIGHUP
 * and on POST /admin/reload, and synced on a schedule when asked.
 */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const started = performance.now();
  const holder = new IndexHolder();
  const vocabulary = loadVocabulary();
  const synonyms = loadSynonyms();
  // One memory budget: half for serialized answers (http), half for the documents queries match (search).
  const matchCacheBytes = Math.floor(config.cacheMaxBytes / 2);
  let reloader: Reloader | null = null;
  let openReader: ArchiveReader | null = null;
  const reload = (reason: string): Promise<ReloadOutcome> => (reloader ? reloader.reload(reason) : Promise.reject(new Error('the archive is still being loaded')));

  // Reading the archive starts at once and overlaps building the app; the index is
  // only handed to the app (and readiness reported) once the app listens.
  const indexing = (async () => {
    const source = await resolveArchive(config, logger);
    const reader = new ArchiveReader(source.dir, { vocabulary, parse: 'workers' });
    openReader = reader;
    if (config.snapshot) {
      try {
        const { header, index } = await loadSnapshot(config.snapshot, reader, { vocabulary, synonyms, matchCacheBytes });
        logger.info({ snapshot: config.snapshot, createdAt: header.createdAt, items: header.items }, `started from snapshot ${config.snapshot} (made ${header.createdAt}): no markdown parsed`);
        return { source, reader, index, fromSnapshot: true };
      } catch (error) {
        logger.warn({ snapshot: config.snapshot }, `snapshot refused: ${(error as Error).message}; parsing the archive instead`);
      }
    }
    const { archive } = await reader.read();
    return { source, reader, index: buildSearchIndex(archive, { vocabulary, synonyms, matchCacheBytes }), fromSnapshot: false };
  })();
  indexing.catch(() => undefined); // reported through `ready`
  const app = await buildApp({
    holder,
    logger,
    corsOrigins: config.corsOrigins,
    cacheMaxAge: config.cacheMaxAge,
    answerCacheBytes: config.cacheMaxBytes - matchCacheBytes,
    reload,
    rateLimit: config.rateLimit,
    network: { trustProxy: config.trustProxy, requestTimeoutMs: config.requestTimeoutMs, maxConnections: config.maxConnections },
    ...(config.adminToken ? { adminToken: config.adminToken } : {}),
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
  });
  const url = await app.listen({ host: config.host, port: config.port });
  logger.info({ url }, `listening on ${url}; indexing the archive`);
  if (config.trustProxy === true) {
    logger.warn(
      { trustProxy: true },
      'TRUST_PROXY=true believes every X-Forwarded-For and X-Forwarded-Host: safe only when nothing but your proxy reaches this port; prefer the hop count (TRUST_PROXY=1) or the proxy addresses',
    );
  }

  let watching: Watching | null = null;
  let syncing: Scheduled | null = null;
  // Without a listener SIGHUP would end the process; with one it reloads, as daemons do.
  const onHangup = () => {
    logger.info('SIGHUP: reloading the archive');
    quietly(reload('SIGHUP'));
  };
  process.on('SIGHUP', onHangup);

  const ready = indexing.then(async ({ source, reader, index, fromSnapshot }) => {
    for (const problem of index.problems) logger.warn({ file: problem.file, line: problem.line }, `archive problem: ${problem.message}`);
    holder.set(index, source, await gitRevision(source.dir));
    reloader = new Reloader({ reader, holder, source, logger, vocabulary, synonyms, matchCacheBytes });
    logger.info(
      { url, source, revision: holder.revision, issues: index.issues.length, items: index.size, problems: index.problems.length, startupMs: Math.round(performance.now() - started) },
      `ready: serving ${index.issues.length} issues (${index.size} items) from ${source.dir} on ${url}`,
    );
    if (config.watch) watching = watchArchive(source.dir, () => quietly(reload('watch')), { debounceMs: config.watchDebounceMs, logger });
    if (config.syncIntervalMs > 0) {
      if (source.kind === 'cache' || source.kind === 'synced') {
        syncing = scheduleSync({
          everyMs: config.syncIntervalMs,
          sync: () => syncArchive({ repo: config.repo, path: config.repoPath, dest: config.cacheDir, timeoutMs: config.syncTimeout * 1000 }),
          onSynced: () => reload('sync'),
          logger,
        });
      } else {
        logger.warn({ source }, `SYNC_INTERVAL has no effect: the archive served is ${source.dir} (${source.kind}), not the checkout sync updates (${config.cacheDir})`);
      }
    }
    // The archive may have moved on since the snapshot was made: only changed files are parsed.
    if (fromSnapshot) quietly(reload('snapshot check'));
  });
  return {
    app,
    url,
    ready,
    reload,
    close: async () => {
      await watching?.close();
      syncing?.stop();
      process.off('SIGHUP', onHangup);
      await app.close();
      await openReader?.close();
    },
  };
}

/** Stops accepting on SIGTERM/SIGINT, lets in-flight requests finish (bounded), exits 0. */
export function closeOnSignals(server: RunningServer, logger: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      logger.error({ graceMs: SHUTDOWN_GRACE_MS }, 'in-flight requests did not finish in time');
      exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    server.close().then(
      () => {
        logger.info('closed');
        exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while closing');
        exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
