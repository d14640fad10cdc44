import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, SETTINGS, type SettingName, type Settings } from './settings.js';
import type { SyncOptions } from './git-sync.js';

export { ConfigError };

/** The package's own data folder: vocabularies, the sample archive, the default archive checkout. */
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

/**
 * Service configuration: every setting of SETTINGS (settings.ts) with its
 * value, validated before anything starts; a wrong value stops the start with
 * one clear line. `cacheDir` falls back to the package's `data/archive`.
 */
export type Config = Omit<Settings, 'cacheDir'> & { cacheDir: string };

export interface ConfigSources {
  /** Flags by name (`port`, `log-level`), as parseArgs gives them. */
  flags: Partial<Record<string, string>>;
  env: Record<string, string | undefined>;
}

/** Flags win over the environment, which wins over the defaults (an empty variable is unset). */
export function loadConfig({ flags, env }: ConfigSources): Config {
  const values = Object.fromEntries(
    (Object.keys(SETTINGS) as SettingName[]).map((name) => {
      const setting = SETTINGS[name];
      const fromEnv = env[setting.env] === '' ? undefined : env[setting.env];
      const raw = (setting.flag ? flags[setting.flag] : undefined) ?? fromEnv ?? setting.default;
      return [name, raw === undefined ? undefined : setting.parse(setting.env, raw)];
    }),
  ) as Settings;
  return { ...values, cacheDir: values.cacheDir ?? `${DATA_DIR}archive` };
}

/** What a sync needs of the configuration: one place, for `serve`, its schedule and `sync`. */
export function syncOptions(config: Config): SyncOptions {
  return { repo: config.repo, path: config.repoPath, dest: config.cacheDir, timeoutMs: config.syncTimeoutMs };
}

/** Where the service keeps when it first indexed each item: beside the checkout (`data/first-seen.json`, `/data/first-seen.json` in the container). */
export function firstSeenFile(config: Config): string {
  return join(dirname(config.cacheDir), 'first-seen.json');
}
