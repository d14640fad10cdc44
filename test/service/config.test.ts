import t from 'tap';
import { readFileSync } from 'node:fs';
import { CONFIG_OPTIONS } from '../../src/cli/config-options.js';
import { SERVE_HELP } from '../../src/cli/serve-command.js';
import { ConfigError, loadConfig, syncOptions } from '../../src/service/config.js';
import { SETTINGS, settingsTable } from '../../src/service/settings.js';

const config = (env: Record<string, string>, flags = {}) => loadConfig({ flags, env });

t.test('freshness settings: watching on by default, sync off, durations with units, admin token from the environment only', async (t) => {
  t.match(config({}), { watch: true, watchDebounceMs: 250, syncIntervalMs: 0, adminToken: undefined, snapshot: undefined });
  t.equal(config({ SYNC_INTERVAL: '15m' }).syncIntervalMs, 900_000);
  t.equal(config({ SYNC_INTERVAL: '90' }).syncIntervalMs, 90_000, 'a bare number is seconds');
  t.equal(config({ SYNC_INTERVAL: '1h' }).syncIntervalMs, 3_600_000);
  t.equal(config({ SYNC_INTERVAL: '1500ms' }).syncIntervalMs, 1500);
  t.equal(config({ SYNC_INTERVAL: 'off' }).syncIntervalMs, 0);
  t.equal(config({}, { 'sync-interval': '2m' }).syncIntervalMs, 120_000, 'flags too');
  t.throws(() => config({ SYNC_INTERVAL: '500ms' }), { name: 'ConfigError', message: /between 1s and 7 days/ });
  t.throws(() => config({ SYNC_INTERVAL: '-5m' }), ConfigError);
  t.equal(config({ WATCH: 'false' }).watch, false);
  t.throws(() => config({ WATCH: 'sometimes' }), { name: 'ConfigError', message: 'WATCH must be true or false, got "sometimes"' }, 'a yes-or-no setting takes yes or no');
  t.equal(config({ WATCH_DEBOUNCE: '1000' }).watchDebounceMs, 1000, 'a bare number is milliseconds, as it always was');
  t.equal(config({ WATCH_DEBOUNCE: '1s' }).watchDebounceMs, 1000, 'units, as every duration setting takes them');
  t.equal(config({ WATCH_DEBOUNCE: '250ms' }).watchDebounceMs, 250);
  t.throws(() => config({ WATCH_DEBOUNCE: '2m' }), /WATCH_DEBOUNCE must be between 0 and 1m/);
  t.equal(config({ ADMIN_TOKEN: 'a'.repeat(32) }).adminToken, 'a'.repeat(32));
  t.equal(config({ ADMIN_TOKEN: '' }).adminToken, undefined, 'empty is unset');
  t.throws(() => config({ ADMIN_TOKEN: 'has spaces in it, long enough' }), /ADMIN_TOKEN must be at least 16 characters without spaces/);
  t.equal(config({ SNAPSHOT: '/srv/archive.snapshot' }).snapshot, '/srv/archive.snapshot');
});

t.test('memory, connections and proxies: one byte budget with units, a connection cap, proxies by address only', async (t) => {
  t.equal(config({}).cacheMaxBytes, 256 * 1024 * 1024, 'CACHE_MAX_BYTES defaults to 256 MB');
  t.equal(config({ CACHE_MAX_BYTES: '1GB' }).cacheMaxBytes, 1024 ** 3);
  t.equal(config({ CACHE_MAX_BYTES: '64m' }).cacheMaxBytes, 64 * 1024 ** 2);
  t.equal(config({ CACHE_MAX_BYTES: '1000000' }).cacheMaxBytes, 1_000_000, 'a bare number is bytes');
  t.equal(config({ CACHE_MAX_BYTES: '0' }).cacheMaxBytes, 0, '0 keeps nothing');
  t.equal(config({}, { 'cache-max-bytes': '2MiB' }).cacheMaxBytes, 2 * 1024 ** 2, 'flags too');
  t.throws(() => config({ CACHE_MAX_BYTES: 'lots' }), { name: 'ConfigError', message: /CACHE_MAX_BYTES must be a size like 256MB/ });
  t.throws(() => config({ CACHE_MAX_BYTES: '100GB' }), /at most 64 GB/);
  t.equal(config({}).maxConnections, 2048);
  t.equal(config({ MAX_CONNECTIONS: '100' }).maxConnections, 100);
  t.throws(() => config({ MAX_CONNECTIONS: '0' }), /MAX_CONNECTIONS must be between 1/);
  t.equal(config({}).trustProxy, false);
  t.equal(config({ TRUST_PROXY: 'true' }).trustProxy, true);
  t.equal(config({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.2' }).trustProxy, '10.0.0.0/8, 192.168.1.2');
  t.equal(config({ TRUST_PROXY: 'loopback' }).trustProxy, 'loopback');
  t.throws(() => config({ TRUST_PROXY: '2' }), { name: 'ConfigError', message: /not a hop count/ });
  t.throws(() => config({ TRUST_PROXY: 'my proxy' }), ConfigError);
  t.same(config({ CORS_ORIGINS: 'https://a.example, https://b.example' }).corsOrigins, ['https://a.example', 'https://b.example']);
  t.throws(() => config({ CORS_ORIGINS: 'https://a.example, not an origin' }), { name: 'ConfigError', message: /CORS_ORIGINS must be \* or comma-separated origins like https:\/\/example\.org, got "not an origin"/ });
});

t.test("README's configuration table is the settings table (src/service/settings.ts), row for row", async (t) => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('| environment | flag | default | meaning |');
  t.ok(start > 0, 'README has the table');
  t.equal(readme.slice(start, readme.indexOf('\n\n', start)), settingsTable(), "README's table differs: paste settingsTable()'s output over it");
});

t.test('every setting is one entry: a flag of serve, a line of its help, a field of Config', async (t) => {
  const config = loadConfig({ flags: {}, env: {} });
  for (const [name, setting] of Object.entries(SETTINGS)) {
    t.ok(name in config, `${name} is in Config`);
    if (setting.flag) {
      t.ok(setting.flag in CONFIG_OPTIONS, `--${setting.flag} is a flag`);
      t.match(SERVE_HELP, `--${setting.flag} ${setting.placeholder}`, `--${setting.flag} is in serve --help`);
      t.match(SERVE_HELP, `[${setting.env}]`);
    }
  }
  t.equal(config.syncTimeoutMs, 20_000, 'durations are milliseconds everywhere');
  t.equal(loadConfig({ flags: {}, env: { SYNC_TIMEOUT: '90' } }).syncTimeoutMs, 90_000, 'a bare number is seconds');
  t.same(syncOptions(config), { repo: config.repo, path: config.repoPath, dest: config.cacheDir, timeoutMs: 20_000 });
});
