import type { Logger } from 'pino';
import { loadApp, loadMcpServer, restOver } from '../http/index.js';
import { loadArchive, loadVocabulary } from '../ingest/index.js';
import { buildSearchIndex, loadSynonyms } from '../search/index.js';
import { resolveArchive } from './archive-source.js';
import { firstSeenFile, type Config } from './config.js';
import { FirstSeen } from './first-seen.js';

export interface McpSession {
  /** Settles when the client closes standard input (or the transport fails). */
  closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * The MCP server over stdio, for agents that start it as a subprocess: the
 * archive resolved as `serve` resolves it (ARCHIVE_DIR, the checkout, a
 * sync, the sample), indexed once, the app built but never listening (tools
 * call its routes in-process). Standard output carries protocol messages
 * only: every log line goes to `logger` (standard error).
 */
export async function serveMcpStdio(config: Config, logger: Logger, streams: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream } = { stdin: process.stdin, stdout: process.stdout }): Promise<McpSession> {
  // The app's modules load while the archive is read.
  const app$ = loadApp();
  app$.catch(() => undefined);
  const source = await resolveArchive(config, logger);
  const vocabulary = loadVocabulary();
  const firstSeen = FirstSeen.open(firstSeenFile(config), logger);
  const archive = await loadArchive(source.dir, { vocabulary });
  for (const problem of archive.problems) logger.warn({ file: problem.file, line: problem.line }, `archive problem: ${problem.message}`);
  const index = buildSearchIndex(archive, { vocabulary, synonyms: loadSynonyms(), firstSeen: firstSeen.stamp });
  firstSeen.settle();
  // The process's one client is the agent that started it: no rate limit, and permalinks on PUBLIC_URL when there is a service.
  const buildApp = await app$;
  const app = await buildApp({ index, logger: false, rateLimit: { max: 0 }, publicUrl: config.publicUrl });
  await app.ready();
  const base = config.publicUrl?.replace(/\/+$/, '') ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  const [createMcpServer, { StdioServerTransport }] = await Promise.all([loadMcpServer(), import('@modelcontextprotocol/sdk/server/stdio.js')]);
  const server = createMcpServer({ call: restOver(app, { host: new URL(base).host }), index: () => index, base });
  const transport = new StdioServerTransport(streams.stdin as never, streams.stdout as never);
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    streams.stdin.once('end', () => resolve());
  });
  await server.connect(transport);
  logger.info({ source, issues: index.issues.length, items: index.size }, `MCP over stdio: ${index.issues.length} issues (${index.size} items) from ${source.dir}`);
  const close = async () => {
    await server.close();
    await app.close();
  };
  void closed.then(close);
  return { closed, close };
}
