import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { resolveArchive } from './archive-source.js';
import { firstSeenFile, syncOptions, type Config } from './config.js';
import { loadApp, type AppOptions } from '../http/index.js';
import { ArchiveReader, loadVocabulary, type ParsePool } from '../ingest/index.js';
import { gitRevision, syncArchive } from './git-sync.js';
import { Reloader, type ReloadOutcome } from './reloader.js';
import { IndexHolder, buildSearchIndex, loadSynonyms, type ArchiveSource, type SearchIndex, type SearchIndexOptions } from '../search/index.js';
import { FirstSeen } from './first-seen.js';
import { listenError } from './listen-error.js';
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
  /** Archive file-system calls still pending (ArchiveReader.pendingFileOps): one stuck on a hung mount would hold process.exit. */
  pendingFileOps(): number;
}

/** Bounded wait for in-flight requests on shutdown. */
export const SHUTDOWN_GRACE_MS = 10_000;
/** How long shutdown waits for archive reads in flight to end before taking them for a hung mount. */
export const READS_SETTLE_MS = 500;

/** Reloads started by the service itself report their failures in the log; nothing else waits for them. */
const quietly = (reload: Promise<unknown>) => void reload.catch(() => undefined);

/** What indexing the archive at start gives: where it came from, its reader (for reloads), the index, and whether a snapshot made it. */
interface Indexed {
  source: ArchiveSource;
  reader: ArchiveReader;
  index: SearchIndex;
  fromSnapshot: boolean;
}

/** The archive (the configured one, the checkout, a fresh sync, else the sample) read into an index: from the snapshot when it holds, else parsed. */
async function indexArchive(config: Config, logger: Logger, options: Omit<SearchIndexOptions, 'minisearch'>, keep: (reader: ArchiveReader) => void, pool?: ParsePool): Promise<Indexed> {
  const source = await resolveArchive(config, logger);
  const reader = new ArchiveReader(source.dir, { vocabulary: options.vocabulary, parse: 'workers', ...(pool ? { pool } : {}) });
  keep(reader);
  if (config.snapshot) {
    try {
      const { header, index } = await loadSnapshot(config.snapshot, reader, options);
      logger.info({ snapshot: config.snapshot, createdAt: header.createdAt, items: header.items }, `started from snapshot ${config.snapshot} (made ${header.createdAt}): no markdown parsed`);
      return { source, reader, index, fromSnapshot: true };
    } catch (error) {
      logger.warn({ snapshot: config.snapshot }, `snapshot refused: ${(error as Error).message}; parsing the archive instead`);
    }
  }
  const reading = performance.now();
  const { archive } = await reader.read();
  const building = performance.now();
  const index = buildSearchIndex(archive, options);
  logger.debug({ readMs: Math.round(building - reading), buildMs: Math.round(performance.now() - building) }, 'archive read and indexed');
  return { source, reader, index, fromSnapshot: false };
}

/** The app's options from the configuration: one budget split between answers and matches, the network's limits. */
function appOptions(config: Config, matchCacheBytes: number): AppOptions {
  return {
    corsOrigins: config.corsOrigins,
    cacheMaxAge: config.cacheMaxAge,
    answerCacheBytes: config.cacheMaxBytes - matchCacheBytes,
    rateLimit: { max: config.rateLimit, windowMs: config.rateLimitWindowMs, allowList: config.rateLimitAllow },
    network: { trustProxy: config.trustProxy, requestTimeoutMs: config.requestTimeoutMs, maxConnections: config.maxConnections },
    adminToken: config.adminToken,
    publicUrl: config.publicUrl,
  };
}

/** Keeps the served archive current: watching its folder, and syncing the checkout on a schedule when it is the checkout. */
function keepCurrent(config: Config, source: ArchiveSource, reload: (reason: string) => Promise<unknown>, logger: Logger): { watching: Watching | null; syncing: Scheduled | null } {
  const watching = config.watch ? watchArchive(source.dir, () => quietly(reload('watch')), { debounceMs: config.watchDebounceMs, logger }) : null;
  if (config.syncIntervalMs === 0) return { watching, syncing: null };
  if (source.kind !== 'cache' && source.kind !== 'synced') {
    logger.warn({ source }, `SYNC_INTERVAL has no effect: the archive served is ${source.dir} (${source.kind}), not the checkout sync updates (${config.cacheDir})`);
    return { watching, syncing: null };
  }
  const syncing = scheduleSync({ everyMs: config.syncIntervalMs, sync: () => syncArchive(syncOptions(config)), onSynced: () => reload('sync'), logger });
  return { watching, syncing };
}

/**
 * config -> (archive -> index) while (app -> listen) -> ready -> keep current.
 * The service listens as soon as it can, so liveness answers at once and
 * readiness (/readyz) turns 200 when the index is built; until then other
 * routes answer 503. Once ready, the archive is watched, reloaded on SIGHUP
 * and on POST /admin/reload, and synced on a schedule when asked.
 *
 * @param options.pool parse workers started early (ParsePool.warm), so the parser loads while the server's
 * modules do, and the vocabulary they were given; by default the reader starts its own.
 */
export async function startServer(config: Config, logger: Logger, options: { pool?: ParsePool } = {}): Promise<RunningServer> {
  const started = performance.now();
  const holder = new IndexHolder();
  // One memory budget: half for serialized answers (http), half for the documents queries match (search).
  const firstSeen = FirstSeen.open(firstSeenFile(config), logger);
  const indexOptions = { vocabulary: options.pool?.vocabulary ?? loadVocabulary(), synonyms: loadSynonyms(), matchCacheBytes: Math.floor(config.cacheMaxBytes / 2), firstSeen: firstSeen.stamp };
  let reloader: Reloader | null = null;
  let openReader: ArchiveReader | null = null;
  let current: { watching: Watching | null; syncing: Scheduled | null } = { watching: null, syncing: null };
  const reload = (reason: string): Promise<ReloadOutcome> => (reloader ? reloader.reload(reason) : Promise.reject(new Error('the archive is still being loaded')));

  // Reading the archive starts at once; parsing and indexing it overlap loading the HTTP layer's modules and
  // building the app. The index is only handed to the app (and readiness reported) once the app listens.
  const indexing = indexArchive(config, logger, indexOptions, (reader) => (openReader = reader), options.pool);
  indexing.catch(() => undefined); // reported through `ready`
  const buildApp = await loadApp();
  const app = await buildApp({ holder, logger, reload, ...appOptions(config, indexOptions.matchCacheBytes) });
  let url: string;
  try {
    url = await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    throw listenError(error, config);
  }
  logger.info({ url }, `listening on ${url}; indexing the archive`);
  if (config.trustProxy === true) {
    logger.warn({ trustProxy: true }, "TRUST_PROXY=true believes every X-Forwarded-For and X-Forwarded-Host: safe only when nothing but your proxy reaches this port; prefer the proxy's addresses (TRUST_PROXY=10.0.0.0/8)");
  }
  // Without a listener SIGHUP would end the process; with one it reloads, as daemons do.
  const onHangup = () => {
    logger.info('SIGHUP: reloading the archive');
    quietly(reload('SIGHUP'));
  };
  process.on('SIGHUP', onHangup);

  const ready = indexing.then(async ({ source, reader, index, fromSnapshot }) => {
    for (const problem of index.problems) logger.warn({ file: problem.file, line: problem.line }, `archive problem: ${problem.message}`);
    holder.set(index, source, await gitRevision(source.dir));
    firstSeen.settle();
    reloader = new Reloader({ reader, holder, source, logger, ...indexOptions });
    logger.info(
      { url, source, revision: holder.revision, issues: index.issues.length, items: index.size, problems: index.problems.length, startupMs: Math.round(performance.now() - started) },
      `ready: serving ${index.issues.length} issues (${index.size} items) from ${source.dir} on ${url}`,
    );
    current = keepCurrent(config, source, reload, logger);
    // The archive may have moved on since the snapshot was made: only changed files are parsed.
    if (fromSnapshot) quietly(reload('snapshot check'));
  });
  return {
    app,
    url,
    ready,
    reload,
    close: async () => {
      await current.watching?.close();
      current.syncing?.stop();
      process.off('SIGHUP', onHangup);
      // First, so that a read under way stops opening files while requests finish.
      await openReader?.close();
      await app.close();
    },
    pendingFileOps: () => openReader?.pendingFileOps ?? 0,
  };
}

/** Stops accepting on SIGTERM/SIGINT, lets in-flight requests finish (bounded), then ends the process (`shutdown`). */
export function closeOnSignals(server: RunningServer, logger: Logger): void {
  const stop = shutdown(server, logger);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** How the process ends on a signal (closeOnSignals); `exit` and `kill` are the process's own but for tests. */
export function shutdown(
  server: Pick<RunningServer, 'close' | 'pendingFileOps'>,
  logger: Logger,
  {
    exit = (code: number) => process.exit(code),
    kill = () => process.kill(process.pid, 'SIGKILL'),
    graceMs = SHUTDOWN_GRACE_MS,
    settleMs = READS_SETTLE_MS,
  }: { exit?: (code: number) => void; kill?: () => void; graceMs?: number; settleMs?: number } = {},
): (signal: NodeJS.Signals) => void {
  let closing = false;
  let leaving = false;
  // process.exit joins libuv's threads, and one blocked in a read of a hung mount never returns: then only a kill ends the process.
  // Closing stops a read under way from opening more files (ArchiveReader.close), and the calls it has
  // in flight end within milliseconds: they are given settleMs before any still pending are judged hung.
  const leave = (code: number) => {
    if (leaving) return;
    leaving = true;
    const waitingSince = performance.now();
    const check = () => {
      if (server.pendingFileOps() === 0) return exit(code);
      if (performance.now() - waitingSince < settleMs) return void setTimeout(check, 10);
      killForHungReads();
    };
    check();
  };
  const killForHungReads = () => {
    const pending = server.pendingFileOps();
    logger.error({ pendingFileOps: pending }, `${pending} archive file read(s) still blocked (a hung mount?): exiting by SIGKILL`);
    let killed = false;
    const once = () => {
      if (killed) return;
      killed = true;
      kill();
    };
    // The log line first (the buffered destination writes asynchronously), but never waiting on it for long.
    logger.flush(once);
    setTimeout(once, 1000);
  };
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      logger.error({ graceMs }, 'in-flight requests did not finish in time');
      leave(1);
    }, graceMs);
    timer.unref();
    server.close().then(
      () => {
        logger.info('closed');
        leave(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while closing');
        leave(1);
      },
    );
  };
  return stop;
}
