import { parseArgs } from 'node:util';
import { checkArchiveDir, loadConfig, createLogger, closeOnSignals, startServer, withSnapshotArchive } from '../service/index.js';
import { CONFIG_OPTIONS, HELP_OPTION, SERVE_OPTIONS_HELP } from './config-options.js';
import type { CommandIO } from './io.js';

export const SERVE_HELP = `Usage: ebpf-archive serve [--archive DIR] [--port N] [--host H] [options]

Serves the search API. The archive is, in this order: --archive/ARCHIVE_DIR;
else the local checkout of the upstream repository (ARCHIVE_CACHE_DIR, made by
"ebpf-archive sync"); else a fresh sync into it; else the invented sample in
data/sample, with a warning.

Options (each also read from the environment variable in brackets):
${SERVE_OPTIONS_HELP}

Environment only: ADMIN_TOKEN (16+ characters) turns on POST /admin/reload
with "Authorization: Bearer <ADMIN_TOKEN>". SIGHUP reloads the archive; SIGTERM
and SIGINT stop after in-flight requests.
`;


export async function serveCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({ args, options: { ...CONFIG_OPTIONS, ...HELP_OPTION }, strict: true, allowPositionals: false });
  if (values.help) {
    io.stdout(SERVE_HELP);
    return 0;
  }
  const { help: _help, ...flags } = values;
  const config = withSnapshotArchive(loadConfig({ flags, env: io.env }));
  checkArchiveDir(config);
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger, io.parsePool ? { pool: io.parsePool } : {});
  closeOnSignals(server, logger);
  try {
    await server.ready;
  } catch (error) {
    logger.fatal({ err: error }, `cannot serve: ${(error as Error).message}`);
    await server.close();
    return 1;
  }
  // Serve until a signal ends the process.
  return new Promise<number>(() => undefined);
}
