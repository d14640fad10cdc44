import { DEFAULT_ANSWER_CACHE_BYTES, DEFAULT_CACHE_MAX_AGE, DEFAULT_RATE_LIMIT, DEFAULT_MAX_CONNECTIONS, DEFAULT_REQUEST_TIMEOUT_MS } from '../http/index.js';
import { DEFAULT_MATCH_CACHE_BYTES } from '../search/index.js';
import { DEFAULT_REPO, DEFAULT_REPO_PATH, DEFAULT_SYNC_TIMEOUT_MS } from './git-sync.js';

/** A setting's value is wrong: the start stops with this one line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_WATCH_DEBOUNCE_MS = 250;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// Parsers: each reads one raw value (from a flag or the environment) or throws a ConfigError naming the setting.

function boolean(name: string, raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(raw)}`);
}

const integer = (min: number, max: number) => (name: string, raw: string): number => {
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number, got ${JSON.stringify(raw)}`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
};

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `1500ms`, `2h` or `7 days`: the largest unit that says it whole. */
const spoken = (ms: number) => {
  if (ms === 0) return '0';
  const [unit, size] = Object.entries(UNITS).sort((a, b) => b[1] - a[1]).find(([, size]) => ms % size === 0) ?? ['ms', 1];
  return unit === 'd' ? `${ms / size} days` : `${ms / size}${unit}`;
};

/**
 * `90`, `90s`, `15m`, `1h`, `500ms`, in ms; `off` or `0` is 0 where `off` is
 * allowed. Every duration setting takes units; a bare number is `bare`:
 * seconds, but milliseconds where the setting always took them.
 */
const duration = (minMs: number, maxMs: number, off: boolean, bare: 'ms' | 's' = 's') => (name: string, raw: string): number => {
  const text = raw.trim().toLowerCase();
  if (off && (text === 'off' || text === '0')) return 0;
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(text);
  if (!match) throw new ConfigError(`${name} must be a duration like 90s, 15m or 1h${off ? ' (or off)' : ''}, got ${JSON.stringify(raw)}`);
  const ms = Number(match[1]) * UNITS[match[2] ?? bare]!;
  if (ms < minMs || ms > maxMs) throw new ConfigError(`${name} must be between ${spoken(minMs)} and ${spoken(maxMs)}${off ? ' (or off)' : ''}, got ${JSON.stringify(raw)}`);
  return ms;
};

const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** `268435456`, `256MB`, `256m`, `1GiB` (binary units); 0 turns caching off. */
const bytes = (max: number) => (name: string, raw: string): number => {
  const match = /^(\d+)\s*([a-z]*)$/.exec(raw.trim().toLowerCase());
  const unit = match ? BYTE_UNITS[match[2]!] : undefined;
  if (!match || unit === undefined) throw new ConfigError(`${name} must be a size like 256MB, 1GB or a number of bytes, got ${JSON.stringify(raw)}`);
  const value = Number(match[1]) * unit;
  if (value > max) throw new ConfigError(`${name} must be at most ${max / 1024 ** 3} GB, got ${JSON.stringify(raw)}`);
  return value;
};

const text = (name: string, raw: string): string => raw;

function host(name: string, raw: string): string {
  if (/\s/.test(raw) || raw === '') throw new ConfigError(`${name} must be an address or host name, got ${JSON.stringify(raw)}`);
  return raw;
}

function logLevel(name: string, raw: string): string {
  const level = raw.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new ConfigError(`${name} must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(level)}`);
  return level;
}

function publicUrl(name: string, raw: string): string {
  if (!/^https?:\/\/[^\s/]+(?:\/[^\s]*)?$/.test(raw)) throw new ConfigError(`${name} must be an absolute http(s) URL, got ${JSON.stringify(raw)}`);
  return raw.replace(/\/+$/, '');
}

function origins(name: string, raw: string): '*' | string[] {
  if (raw.trim() === '*') return '*';
  const list = raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of list) if (!/^https?:\/\/[^\s/]+$/.test(origin)) throw new ConfigError(`${name} must be * or comma-separated origins like https://example.org, got ${JSON.stringify(origin)}`);
  return list;
}

function repo(name: string, raw: string): string {
  if (!/^(?:https?|file|ssh|git):\/\/\S+$|^[\w.-]+@[\w.-]+:\S+$/.test(raw)) throw new ConfigError(`${name} must be a git URL (https://, file://, ssh://), got ${JSON.stringify(raw)}`);
  return raw;
}

function repoPath(name: string, raw: string): string {
  if (raw.startsWith('/') || raw.startsWith('-') || raw.split('/').includes('..')) throw new ConfigError(`${name} must be a relative path inside the repository, got ${JSON.stringify(raw)}`);
  return raw;
}

const list = (_name: string, raw: string): string[] =>
  raw
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);

/**
 * TRUST_PROXY: false, true, or comma-separated proxy addresses, CIDRs or
 * proxy-addr's names (loopback, linklocal, uniquelocal). A hop count is
 * refused: it cannot tell a proxy from a client that writes enough
 * X-Forwarded-For entries itself, and Fastify treats it as trusting nobody.
 */
function trustProxy(name: string, raw: string): boolean | string {
  const value = raw.trim();
  if (/^\d+$/.test(value) && !/^[01]$/.test(value)) {
    throw new ConfigError(`${name} must be the proxy's addresses (e.g. 10.0.0.0/8 or loopback), not a hop count (${value}): a hop count cannot tell a proxy from a client`);
  }
  if (/^(true|false|yes|no|on|off|1|0)$/i.test(value)) return boolean(name, value);
  if (!/^(?:[0-9a-f.:/]+|loopback|linklocal|uniquelocal)(?:\s*,\s*(?:[0-9a-f.:/]+|loopback|linklocal|uniquelocal))*$/i.test(value)) {
    throw new ConfigError(`${name} must be true, false or comma-separated proxy addresses (10.0.0.0/8, loopback), got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** Never a flag (command lines are visible to every user of the machine); 16 characters or more. */
function adminToken(name: string, raw: string): string {
  if (raw.length < 16 || /\s/.test(raw)) throw new ConfigError(`${name} must be at least 16 characters without spaces (e.g. \`openssl rand -hex 32\`)`);
  return raw;
}

/**
 * One setting: its environment variable, its flag (null: environment only),
 * the placeholder of its value in help, its default as written (taken from
 * the module that owns it; undefined: unset), how the default is shown when
 * that differs, its parser (with its bounds), a help line and the README's
 * words for it.
 */
export interface Setting<T> {
  env: string;
  flag: string | null;
  placeholder: string;
  default: string | undefined;
  shown?: string;
  parse(name: string, raw: string): T;
  help: string;
  doc: string;
}

const setting = <T>(s: Setting<T>): Setting<T> => s;
const seconds = (ms: number) => `${ms / 1000}s`;

/**
 * Every setting of the service, once: `Config`, the flags of every command,
 * the help texts and README's configuration table (checked by a test) all
 * come from this table, in its order.
 */
export const SETTINGS = {
  port: setting({ env: 'PORT', flag: 'port', placeholder: 'N', default: String(DEFAULT_PORT), parse: integer(0, 65535), help: 'port, 0 for any free one', doc: 'port (0: any free one)' }),
  host: setting({ env: 'HOST', flag: 'host', placeholder: 'H', default: DEFAULT_HOST, shown: '`127.0.0.1` (`0.0.0.0` in the container)', parse: host, help: 'address to listen on', doc: 'address to listen on' }),
  archive: setting<string | undefined>({ env: 'ARCHIVE_DIR', flag: 'archive', placeholder: 'DIR', default: undefined, parse: text, help: 'archive folder to serve as it is', doc: 'an archive folder to serve as it is; must exist' }),
  cacheDir: setting<string | undefined>({ env: 'ARCHIVE_CACHE_DIR', flag: 'cache-dir', placeholder: 'DIR', default: undefined, shown: '`data/archive`', parse: text, help: 'local checkout of the upstream archive', doc: 'the local checkout made by `sync`' }),
  repo: setting({ env: 'ARCHIVE_REPO', flag: 'repo', placeholder: 'URL', default: DEFAULT_REPO, parse: repo, help: 'upstream repository', doc: 'upstream repository (any git URL, `file://` too)' }),
  repoPath: setting({ env: 'ARCHIVE_REPO_PATH', flag: 'repo-path', placeholder: 'PATH', default: DEFAULT_REPO_PATH, parse: repoPath, help: 'folder of the posts in it', doc: 'folder of the posts in it' }),
  syncTimeoutMs: setting({ env: 'SYNC_TIMEOUT', flag: 'sync-timeout', placeholder: 'D', default: seconds(DEFAULT_SYNC_TIMEOUT_MS), parse: duration(1000, 3_600_000, false), help: 'give up fetching after D (20s, 2m; a bare number is seconds)', doc: 'how long a sync may take (`20s`, `2m`; a bare number is seconds)' }),
  syncOnStart: setting({ env: 'SYNC_ON_START', flag: 'sync-on-start', placeholder: 'BOOL', default: 'true', parse: boolean, help: 'fetch the archive when there is none', doc: 'fetch the archive at start when there is none' }),
  logLevel: setting({ env: 'LOG_LEVEL', flag: 'log-level', placeholder: 'L', default: 'info', parse: logLevel, help: LOG_LEVELS.join('|'), doc: LOG_LEVELS.join(', ') }),
  publicUrl: setting<string | undefined>({ env: 'PUBLIC_URL', flag: 'public-url', placeholder: 'URL', default: undefined, shown: "each request's origin", parse: publicUrl, help: "absolute base for permalinks (default: each request's origin; set it in production)", doc: "absolute base of permalinks, feeds' and `Link` headers' URLs, e.g. `https://archive.example`; **set it in production** (see below)" }),
  corsOrigins: setting({ env: 'CORS_ORIGINS', flag: 'cors-origins', placeholder: 'LIST', default: '*', parse: origins, help: '* or comma-separated origins', doc: '`*` or comma-separated origins allowed to call from a browser' }),
  cacheMaxAge: setting({ env: 'CACHE_MAX_AGE', flag: 'cache-max-age', placeholder: 'S', default: String(DEFAULT_CACHE_MAX_AGE), parse: integer(0, 31_536_000), help: 'seconds responses may be reused', doc: 'seconds in `Cache-Control: public, max-age`' }),
  cacheMaxBytes: setting({ env: 'CACHE_MAX_BYTES', flag: 'cache-max-bytes', placeholder: 'B', default: `${(DEFAULT_ANSWER_CACHE_BYTES + DEFAULT_MATCH_CACHE_BYTES) / 1024 ** 2}MB`, parse: bytes(64 * 1024 ** 3), help: 'memory all caches may hold (256MB, 1GB), 0 for none', doc: 'memory every cache together may hold (`64MB`, `1GB`, or bytes): half for serialized answers of every route, half for the documents recent queries matched; `0` caches nothing' }),
  maxConnections: setting({ env: 'MAX_CONNECTIONS', flag: 'max-connections', placeholder: 'N', default: String(DEFAULT_MAX_CONNECTIONS), parse: integer(1, 1_000_000), help: 'connections held at once; more are refused', doc: 'connections held open at once (idle kept-alive ones count); further ones are closed unanswered' }),
  watch: setting({ env: 'WATCH', flag: 'watch', placeholder: 'BOOL', default: 'true', parse: boolean, help: 'reload when archive files change', doc: 'watch the archive folder and reload on changes' }),
  watchDebounceMs: setting({ env: 'WATCH_DEBOUNCE', flag: 'watch-debounce', placeholder: 'D', default: `${DEFAULT_WATCH_DEBOUNCE_MS}ms`, parse: duration(0, 60_000, false, 'ms'), help: 'quiet time after a change before reloading (250ms, 1s; a bare number is milliseconds)', doc: 'quiet time after a change before reloading (`250ms`, `1s`; a bare number is milliseconds)' }),
  syncIntervalMs: setting({ env: 'SYNC_INTERVAL', flag: 'sync-interval', placeholder: 'D', default: 'off', parse: duration(1000, 7 * 86_400_000, true), help: 'sync the upstream checkout every D (90s, 15m, 1h), then reload', doc: 'sync the upstream checkout this often (`90s`, `15m`, `1h`; a bare number is seconds), then reload' }),
  snapshot: setting<string | undefined>({ env: 'SNAPSHOT', flag: 'snapshot', placeholder: 'FILE', default: undefined, parse: text, help: 'start from a snapshot ("ebpf-archive index --out FILE"), not by parsing', doc: 'start from a snapshot made by `ebpf-archive index --out FILE` instead of parsing' }),
  rateLimit: setting({ env: 'RATE_LIMIT', flag: 'rate-limit', placeholder: 'N', default: String(DEFAULT_RATE_LIMIT.max), parse: integer(0, 10_000_000), help: 'requests per client and window, 0 for no limit', doc: 'requests per client address and window; `0` turns limiting off' }),
  rateLimitWindowMs: setting({ env: 'RATE_LIMIT_WINDOW', flag: 'rate-limit-window', placeholder: 'D', default: `${DEFAULT_RATE_LIMIT.windowMs / 60_000}m`, parse: duration(1000, 7 * 86_400_000, false), help: 'the window (30s, 1m, 1h)', doc: 'the window' }),
  rateLimitAllow: setting({ env: 'RATE_LIMIT_ALLOW', flag: 'rate-limit-allow', placeholder: 'L', default: DEFAULT_RATE_LIMIT.allowList.join(','), parse: list, help: 'addresses never limited', doc: 'addresses never limited (loopback: local benchmarks and probes)' }),
  trustProxy: setting({ env: 'TRUST_PROXY', flag: 'trust-proxy', placeholder: 'V', default: 'false', parse: trustProxy, help: "the proxy's addresses (10.0.0.0/8, loopback) whose X-Forwarded-* to believe, or true", doc: "the reverse proxy's addresses (`10.0.0.0/8`, `192.168.1.2`, `loopback`): only from them are `X-Forwarded-For`, `-Host` and `-Proto` believed; `true` believes anyone (a warning at start); a hop count is refused" }),
  requestTimeoutMs: setting({ env: 'REQUEST_TIMEOUT', flag: 'request-timeout', placeholder: 'D', default: seconds(DEFAULT_REQUEST_TIMEOUT_MS), parse: duration(1000, 7 * 86_400_000, false), help: 'longest time to receive a request; slower clients get 408', doc: 'longest time to receive a whole request; slower clients get 408 and are disconnected' }),
  adminToken: setting<string | undefined>({ env: 'ADMIN_TOKEN', flag: null, placeholder: 'TOKEN', default: undefined, parse: adminToken, help: '', doc: 'bearer token of `POST /admin/reload` (16+ characters, e.g. `openssl rand -hex 32`); unset: the admin API is off' }),
} as const;

export type SettingName = keyof typeof SETTINGS;
/** Every setting's value, as its parser makes it (settings without a default may be undefined). */
export type Settings = { [K in SettingName]: ReturnType<(typeof SETTINGS)[K]['parse']> };

/** The flags of `names`, for node:util parseArgs (every value a string, parsed by the setting). */
export function flagsOf(names: readonly SettingName[]): Record<string, { type: 'string' }> {
  return Object.fromEntries(names.flatMap((n) => (SETTINGS[n].flag ? [[SETTINGS[n].flag!, { type: 'string' as const }]] : [])));
}

/** Help lines of `names`, then `extra` rows: `  --port N   port, 0 for any free one [PORT] (default 3000)`. */
export function helpOf(names: readonly SettingName[], extra: readonly (readonly [string, string])[] = []): string {
  const rows = names.flatMap((n) => {
    const s: Setting<unknown> = SETTINGS[n];
    if (!s.flag) return [];
    const value = s.default ?? (s.shown && !s.shown.includes(' ') ? s.shown.replace(/`/g, '') : undefined);
    return [[`--${s.flag} ${s.placeholder}`, `${s.help} [${s.env}]${value === undefined ? '' : ` (default ${value})`}`]];
  });
  rows.push(...extra.map(([left, right]) => [left, right]));
  const width = Math.max(...rows.map(([left]) => left!.length)) + 2;
  return rows.map(([left, right]) => `  ${left!.padEnd(width)}${right}`).join('\n');
}

/** README's configuration table, as it must read. */
export function settingsTable(): string {
  const rows = (Object.keys(SETTINGS) as SettingName[]).map((n) => {
    const s: Setting<unknown> = SETTINGS[n];
    const shown = s.shown ?? (s.default === undefined ? 'unset' : `\`${s.default}\``);
    return `| \`${s.env}\` | ${s.flag ? `\`--${s.flag}\`` : '(environment only)'} | ${shown} | ${s.doc} |`;
  });
  return ['| environment | flag | default | meaning |', '| --- | --- | --- | --- |', ...rows, "| `NODE_ENV` | | | `production` keeps JSON logs even on a terminal |"].join('\n');
}
