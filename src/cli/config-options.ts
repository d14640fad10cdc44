/** Flags shared by the commands, for node:util parseArgs. */

/** Every command answers --help and -h. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h', default: false } } as const;

/** The service's settings as flags; each is also read from its environment variable (src/config.ts). */
export const CONFIG_OPTIONS = {
  archive: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'log-level': { type: 'string' },
  'public-url': { type: 'string' },
  'cors-origins': { type: 'string' },
  'cache-max-age': { type: 'string' },
  'cache-dir': { type: 'string' },
  repo: { type: 'string' },
  'repo-path': { type: 'string' },
  'sync-timeout': { type: 'string' },
  'sync-on-start': { type: 'string' },
  'cache-max-bytes': { type: 'string' },
  'max-connections': { type: 'string' },
  watch: { type: 'string' },
  'watch-debounce': { type: 'string' },
  'sync-interval': { type: 'string' },
  snapshot: { type: 'string' },
  'rate-limit': { type: 'string' },
  'rate-limit-window': { type: 'string' },
  'rate-limit-allow': { type: 'string' },
  'trust-proxy': { type: 'string' },
  'request-timeout': { type: 'string' },
} as const;

const { repo, 'repo-path': repoPath, 'cache-dir': cacheDir, 'sync-timeout': syncTimeout } = CONFIG_OPTIONS;

/** The settings of `sync`: a subset of the service's. */
export const SYNC_OPTIONS = { repo, 'repo-path': repoPath, 'cache-dir': cacheDir, 'sync-timeout': syncTimeout } as const;
