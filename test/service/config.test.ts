import t from 'tap';
import { ConfigError, loadConfig } from '../../src/config.js';

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
  t.equal(config({ WATCH_DEBOUNCE: '1000' }).watchDebounceMs, 1000);
  t.equal(config({ ADMIN_TOKEN: 'a'.repeat(32) }).adminToken, 'a'.repeat(32));
  t.equal(config({ ADMIN_TOKEN: '' }).adminToken, undefined, 'empty is unset');
  t.throws(() => config({ ADMIN_TOKEN: 'has spaces in it, long enough' }), /ADMIN_TOKEN must be at least 16 characters without spaces/);
  t.equal(config({ SNAPSHOT: '/srv/archive.snapshot' }).snapshot, '/srv/archive.snapshot');
});
