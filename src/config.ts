import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_CONNECTIONS } from './http/server-options.js';
import { DEFAULT_REPO, DEFAULT_REPO_PATH } from './ingest/sync-archive.js';

/** The package's own data folder: vocabularies, the sample archive, the default archive checkout. */
export const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

/**
 * Service configuration from flags and the environment, validated before
 * anything starts: a wrong value stops the start with one clear line.
 */
export interface Config {
  /** ARCHIVE_DIR: an archive folder to serve as it is. */
  archive: string | undefined;
  /** Where `sync` keeps its checkout of the upstream repository. */
  cacheDir: string;
  repo: string;
  repoPath: string;
  /** Seconds a sync may take before it gives up. */
  syncTimeout: number;
  /** Whether a start with no archive tries to fetch the upstream one. */
  syncOnStart: boolean;
  host: string;
  port: number;
  logLevel: string;
  publicUrl: string | undefined;
  corsOrigins: '*' | string[];
  cacheMaxAge: number;
  /** Bytes every cache together may hold (CACHE_MAX_BYTES): half for serialized answers, half for the search layer's matches. */
  cacheMaxBytes: number;
  /** Connections held open at once; more are refused until some close. */
  maxConnections: number;
  /** Whether the archive folder is watched and changes reloaded. */
  watch: boolean;
  /** Quiet time after a change before reloading, in ms. */
  watchDebounceMs: number;
  /** Milliseconds between scheduled syncs of the upstream checkout; 0: never. */
  syncIntervalMs: number;
  /** ADMIN_TOKEN: the bearer token of POST /admin/reload; unset: the admin API is off. */
  adminToken: string | undefined;
  /** A snapshot (`ebpf-archive index --out`) to start from instead of parsing. */
  snapshot: string | undefined;
  /** Requests per client address and window (0: no limit), the window, and addresses never limited. */
  rateLimit: { max: number; windowMs: number; allowList: string[] };
  /** Whom to believe about the client's address: false, true, or proxy addresses. */
  trustProxy: boolean | string;
  /** Longest time to receive a whole request; slower clients get a 408 and are disconnected. */
  requestTimeoutMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export type ConfigFlag =
  | 'archive'
  | 'host'
  | 'port'
  | 'log-level'
  | 'public-url'
  | 'cors-origins'
  | 'cache-max-age'
  | 'cache-dir'
  | 'repo'
  | 'repo-path'
  | 'sync-timeout'
  | 'sync-on-start'
  | 'cache-max-bytes'
  | 'max-connections'
  | 'watch'
  | 'watch-debounce'
  | 'sync-interval'
  | 'snapshot'
  | 'rate-limit'
  | 'rate-limit-window'
  | 'rate-limit-allow'
  | 'trust-proxy'
  | 'request-timeout';

export interface ConfigSources {
  flags: Partial<Record<ConfigFlag, string>>;
  env: Record<string, string | undefined>;
}

function boolean(name: string, raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(raw)}`);
}

function integer(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number, got ${JSON.stringify(raw)}`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** `268435456`, `256MB`, `256m`, `1GiB` (binary units); 0 turns caching off. */
function bytes(name: string, raw: string, max: number): number {
  const match = /^(\d+)\s*([a-z]*)$/.exec(raw.trim().toLowerCase());
  const unit = match ? BYTE_UNITS[match[2]!] : undefined;
  if (!match || unit === undefined) throw new ConfigError(`${name} must be a size like 256MB, 1GB or a number of bytes, got ${JSON.stringify(raw)}`);
  const value = Number(match[1]) * unit;
  if (value > max) throw new ConfigError(`${name} must be at most ${max / 1024 ** 3} GB, got ${JSON.stringify(raw)}`);
  return value;
}

/** `90`, `90s`, `15m`, `1h`, `500ms` (a bare number is seconds); `0` or `off` is 0. */
function duration(name: string, raw: string): number {
  const text = raw.trim().toLowerCase();
  if (text === 'off' || text === '0') return 0;
  const match = /^(\d+)(ms|s|m|h)?$/.exec(text);
  if (!match) throw new ConfigError(`${name} must be a duration like 90s, 15m or 1h (or off), got ${JSON.stringify(raw)}`);
  const ms = Number(match[1]) * UNITS[match[2] ?? 's']!;
  if (ms < 1000 || ms > 7 * 86_400_000) throw new ConfigError(`${name} must be between 1s and 7 days (or off), got ${JSON.stringify(raw)}`);
  return ms;
}

/**
 * TRUST_PROXY: false, true, or comma-separated proxy addresses, CIDRs or
 * proxy-addr's names (loopback, linklocal, uniquelocal). A hop count is
 * refused: it cannot tell a proxy from a client that writes enough
 * X-Forwarded-For entries itself, and Fastify treats it as trusting nobody.
 */
function trustProxy(raw: string): boolean | string {
  const text = raw.trim();
  if (/^\d+$/.test(text) && !/^[01]$/.test(text)) {
    throw new ConfigError(`TRUST_PROXY must be the proxy's addresses (e.g. 10.0.0.0/8 or loopback), not a hop count (${text}): a hop count cannot tell a proxy from a client`);
  }
  if (/^(true|false|yes|no|on|off|1|0)$/i.test(text)) return boolean('TRUST_PROXY', text);
  if (!/^(?:[0-9a-f.:/]+|loopback|linklocal|uniquelocal)(?:\s*,\s*(?:[0-9a-f.:/]+|loopback|linklocal|uniquelocal))*$/i.test(text)) {
    throw new ConfigError(`TRUST_PROXY must be true, false or comma-separated proxy addresses (10.0.0.0/8, loopback), got ${JSON.stringify(raw)}`);
  }
  return text;
}

/** Flags win over the environment, which wins over defaults. */
export function loadConfig({ flags, env }: ConfigSources): Config {
  const pick = (flag: keyof ConfigSources['flags'], variable: string): string | undefined => flags[flag] ?? (env[variable] === '' ? undefined : env[variable]);
  const port = integer('PORT', pick('port', 'PORT') ?? '3000', 0, 65535);
  const host = pick('host', 'HOST') ?? '127.0.0.1';
  if (/\s/.test(host) || host === '') throw new ConfigError(`HOST must be an address or host name, got ${JSON.stringify(host)}`);
  const logLevel = (pick('log-level', 'LOG_LEVEL') ?? 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`);
  const publicUrl = pick('public-url', 'PUBLIC_URL');
  if (publicUrl !== undefined && !/^https?:\/\/[^\s/]+(?:\/[^\s]*)?$/.test(publicUrl)) {
    throw new ConfigError(`PUBLIC_URL must be an absolute http(s) URL, got ${JSON.stringify(publicUrl)}`);
  }
  const origins = pick('cors-origins', 'CORS_ORIGINS') ?? '*';
  const corsOrigins =
    origins.trim() === '*'
      ? '*'
      : origins
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean);
  if (corsOrigins !== '*') {
    for (const origin of corsOrigins) if (!/^https?:\/\/[^\s/]+$/.test(origin)) throw new ConfigError(`CORS_ORIGINS must be * or comma-separated origins like https://example.org, got ${JSON.stringify(origin)}`);
  }
  const cacheMaxAge = integer('CACHE_MAX_AGE', pick('cache-max-age', 'CACHE_MAX_AGE') ?? '300', 0, 31536000);
  const repo = pick('repo', 'ARCHIVE_REPO') ?? DEFAULT_REPO;
  if (!/^(?:https?|file|ssh|git):\/\/\S+$|^[\w.-]+@[\w.-]+:\S+$/.test(repo)) throw new ConfigError(`ARCHIVE_REPO must be a git URL (https://, file://, ssh://), got ${JSON.stringify(repo)}`);
  const repoPath = pick('repo-path', 'ARCHIVE_REPO_PATH') ?? DEFAULT_REPO_PATH;
  if (repoPath.startsWith('/') || repoPath.startsWith('-') || repoPath.split('/').includes('..')) throw new ConfigError(`ARCHIVE_REPO_PATH must be a relative path inside the repository, got ${JSON.stringify(repoPath)}`);
  // Never a flag: command lines are visible to every user of the machine.
  const adminToken = env['ADMIN_TOKEN'] === '' ? undefined : env['ADMIN_TOKEN'];
  if (adminToken !== undefined && (adminToken.length < 16 || /\s/.test(adminToken))) {
    throw new ConfigError('ADMIN_TOKEN must be at least 16 characters without spaces (e.g. `openssl rand -hex 32`)');
  }
  return {
    archive: pick('archive', 'ARCHIVE_DIR'),
    cacheDir: pick('cache-dir', 'ARCHIVE_CACHE_DIR') ?? `${DATA_DIR}archive`,
    repo,
    repoPath,
    syncTimeout: integer('SYNC_TIMEOUT', pick('sync-timeout', 'SYNC_TIMEOUT') ?? '20', 1, 3600),
    syncOnStart: boolean('SYNC_ON_START', pick('sync-on-start', 'SYNC_ON_START') ?? 'true'),
    host,
    port,
    logLevel,
    publicUrl: publicUrl?.replace(/\/+$/, ''),
    corsOrigins,
    cacheMaxAge,
    cacheMaxBytes: bytes('CACHE_MAX_BYTES', pick('cache-max-bytes', 'CACHE_MAX_BYTES') ?? '256MB', 64 * 1024 ** 3),
    maxConnections: integer('MAX_CONNECTIONS', pick('max-connections', 'MAX_CONNECTIONS') ?? String(DEFAULT_MAX_CONNECTIONS), 1, 1_000_000),
    watch: boolean('WATCH', pick('watch', 'WATCH') ?? 'true'),
    watchDebounceMs: integer('WATCH_DEBOUNCE', pick('watch-debounce', 'WATCH_DEBOUNCE') ?? '250', 0, 60_000),
    syncIntervalMs: duration('SYNC_INTERVAL', pick('sync-interval', 'SYNC_INTERVAL') ?? 'off'),
    adminToken,
    snapshot: pick('snapshot', 'SNAPSHOT'),
    rateLimit: {
      max: integer('RATE_LIMIT', pick('rate-limit', 'RATE_LIMIT') ?? '1200', 0, 10_000_000),
      windowMs: duration('RATE_LIMIT_WINDOW', pick('rate-limit-window', 'RATE_LIMIT_WINDOW') ?? '1m') || 60_000,
      allowList: (pick('rate-limit-allow', 'RATE_LIMIT_ALLOW') ?? '127.0.0.1,::1,::ffff:127.0.0.1')
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    },
    trustProxy: trustProxy(pick('trust-proxy', 'TRUST_PROXY') ?? 'false'),
    requestTimeoutMs: duration('REQUEST_TIMEOUT', pick('request-timeout', 'REQUEST_TIMEOUT') ?? '10s') || 10_000,
  };
}
