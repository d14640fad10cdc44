import { parseArgs } from 'node:util';
import pino from 'pino';
import { ConfigError, loadConfig } from '../config.js';
import { closeOnSignals, startServer } from '../server.js';
import { UsageError, type CommandIO } from './io.js';

export const SERVE_HELP = `Usage: ebpf-archive serve --archive DIR [--port N] [--host H]

Indexes the archive once and serves the search API.

Options (each also read from the environment variable in brackets):
  --archive DIR         archive folder [ARCHIVE_DIR]
  --port N              port, 0 for any free one [PORT] (default 3000)
  --host H              address to listen on [HOST] (default 127.0.0.1)
  --log-level L         fatal|error|warn|info|debug|trace|silent [LOG_LEVEL] (default info)
  --public-url URL      absolute base for permalinks [PUBLIC_URL] (default: each request's origin)
  --cors-origins LIST   * or comma-separated origins [CORS_ORIGINS] (default *)
  --cache-max-age S     seconds responses may be reused [CACHE_MAX_AGE] (default 300)
  -h, --help            show this help
`;

export async function serveCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      archive: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'log-level': { type: 'string' },
      'public-url': { type: 'string' },
      'cors-origins': { type: 'string' },
      'cache-max-age': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(SERVE_HELP);
    return 0;
  }
  const { help: _help, ...flags } = values;
  let config;
  try {
    config = loadConfig({ flags, env: io.env });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  if (!config.archive) throw new UsageError('serve needs --archive DIR (or ARCHIVE_DIR)');
  const logger = pino({ level: config.logLevel });
  const server = await startServer({ ...config, archive: config.archive }, logger);
  closeOnSignals(server, logger);
  // Keep running: the process ends on a signal.
  return new Promise<number>(() => undefined);
}
