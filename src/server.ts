import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import { buildApp } from './http/app.js';
import { loadArchive, loadVocabulary } from './ingest/index.js';
import { buildSearchIndex, loadSynonyms } from './search/index.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** Bounded wait for in-flight requests on shutdown. */
export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * config -> archive -> index -> app -> listen. Problems in the archive are
 * logged with their path and the rest is served.
 */
export async function startServer(config: Config & { archive: string }, logger: Logger = pino({ level: config.logLevel })): Promise<RunningServer> {
  const started = performance.now();
  const vocabulary = loadVocabulary();
  const archive = await loadArchive(config.archive, { vocabulary });
  for (const problem of archive.problems) logger.warn({ file: problem.file, line: problem.line }, `archive problem: ${problem.message}`);
  const index = buildSearchIndex(archive, { vocabulary, synonyms: loadSynonyms() });
  const app = await buildApp({
    index,
    logger,
    corsOrigins: config.corsOrigins,
    cacheMaxAge: config.cacheMaxAge,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
  });
  const url = await app.listen({ host: config.host, port: config.port });
  logger.info(
    { url, archive: config.archive, issues: archive.issues.length, items: archive.items.length, problems: archive.problems.length, indexMs: Math.round(performance.now() - started) },
    `serving ${archive.issues.length} issues (${archive.items.length} items) on ${url}`,
  );
  return { app, url, close: () => app.close() };
}

/** Stops accepting on SIGTERM/SIGINT, lets in-flight requests finish (bounded), exits 0. */
export function closeOnSignals(server: RunningServer, logger: Logger): void {
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('in-flight requests did not finish in time; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while closing');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
