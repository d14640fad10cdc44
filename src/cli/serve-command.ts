import { parseArgs } from 'node:util';
import { checkArchiveDir } from '../archive-source.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { closeOnSignals, startServer } from '../server.js';
import { CONFIG_OPTIONS, HELP_OPTION } from './config-options.js';
import type { CommandIO } from './io.js';

export const SERVE_HELP = `Usage: ebpf-archive serve [--archive DIR] [--port N] [--host H] [options]

Serves the search API. The archive is, in this order: --archive/ARCHIVE_DIR;
else the local checkout of the upstream repository (ARCHIVE_CACHE_DIR, made by
"ebpf-archive sync"); else a fresh sync into it; else the invented sample in
data/sample, with a warning.

Options (each also read from the environment variable in brackets):
  --archive DIR          archive folder to serve as it is [ARCHIVE_DIR]
  --port N               port, 0 for any free one [PORT] (default 3000)
  --host H               address to listen on [HOST] (default 127.0.0.1)
  --log-level L          fatal|error|warn|info|debug|trace|silent [LOG_LEVEL] (default info)
  --public-url URL       absolute base for permalinks [PUBLIC_URL] (default: each request's origin)
  --cors-origins LIST    * or comma-separated origins [CORS_ORIGINS] (default *)
  --cache-max-age S      seconds responses may be reused [CACHE_MAX_AGE] (default 300)
  --cache-dir DIR        local checkout of the upstream archive [ARCHIVE_CACHE_DIR] (default data/archive)
  --repo URL             upstream repository [ARCHIVE_REPO] (default https://github.com/ebpf-io/ebpf.io-website)
  --repo-path PATH       folder of the posts in it [ARCHIVE_REPO_PATH] (default content/blog-posts)
  --sync-timeout S       give up fetching after S seconds [SYNC_TIMEOUT] (default 20)
  --sync-on-start BOOL   fetch the archive when there is none [SYNC_ON_START] (default true)
  --cache-max-bytes B    memory all caches may hold (256MB, 1GB), 0 for none [CACHE_MAX_BYTES] (default 256MB)
  --max-connections N    connections held at once; more are refused [MAX_CONNECTIONS] (default 2048)
  --watch BOOL           reload when archive files change [WATCH] (default true)
  --watch-debounce MS    quiet time after a change before reloading [WATCH_DEBOUNCE] (default 250)
  --sync-interval D      sync the upstream checkout every D (90s, 15m, 1h), then reload [SYNC_INTERVAL] (default off)
  --snapshot FILE        start from a snapshot ("ebpf-archive index --out FILE"), not by parsing [SNAPSHOT]
  --rate-limit N         requests per client and window, 0 for no limit [RATE_LIMIT] (default 1200)
  --rate-limit-window D  the window (30s, 1m, 1h) [RATE_LIMIT_WINDOW] (default 1m)
  --rate-limit-allow L   addresses never limited [RATE_LIMIT_ALLOW] (default loopback)
  --trust-proxy V        the proxy's addresses (10.0.0.0/8, loopback) whose X-Forwarded-* to believe, or true [TRUST_PROXY] (default false)
  --request-timeout D    longest time to receive a request; slower clients get 408 [REQUEST_TIMEOUT] (default 10s)
  -h, --help             show this help

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
  const config = loadConfig({ flags, env: io.env });
  checkArchiveDir(config);
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger);
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
