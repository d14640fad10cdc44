import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { resolveArchive } from './archive-source.js';
import type { Config } from './config.js';
import { buildApp } from './http/app.js';
import { loadArchive, loadVocabulary } from './ingest/index.js';
import { IndexHolder, buildSearchIndex, loadSynonyms } from './search/index.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** Settles when the first index is being served (rejects when the archive cannot be read). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Bounded wait for in-flight requests on shutdown. */
export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * config -> (archive -> index) while (app -> listen) -> ready. The service
 * listens as soon as it can, so liveness answers at once and readiness
 * (/readyz) turns 200 when the index is built; until then other routes answer 503.
 */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const started = performance.now();
  const holder = new IndexHolder();
  // Reading the archive starts at once and overlaps building the app; the index is
  // only handed to the app (and readiness reported) once the app listens.
  const indexing = (async () => {
    const source = await resolveArchive(config, logger);
    const vocabulary = loadVocabulary();
    const archive = await loadArchive(source.dir, { vocabulary });
    return { source, archive, index: buildSearchIndex(archive, { vocabulary, synonyms: loadSynonyms() }) };
  })();
  indexing.catch(() => undefined); // reported through `ready`
  const app = await buildApp({
    holder,
    logger,
    corsOrigins: config.corsOrigins,
    cacheMaxAge: config.cacheMaxAge,
    searchCacheSize: config.searchCacheSize,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
  });
  const url = await app.listen({ host: config.host, port: config.port });
  logger.info({ url }, `listening on ${url}; indexing the archive`);

  const ready = indexing.then(({ source, archive, index }) => {
    for (const problem of archive.problems) logger.warn({ file: problem.file, line: problem.line }, `archive problem: ${problem.message}`);
    holder.set(index, source);
    logger.info(
      { url, source, issues: archive.issues.length, items: archive.items.length, problems: archive.problems.length, startupMs: Math.round(performance.now() - started) },
      `ready: serving ${archive.issues.length} issues (${archive.items.length} items) from ${source.dir} on ${url}`,
    );
  });
  return { app, url, ready, close: () => app.close() };
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
