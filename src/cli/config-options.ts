import { SETTINGS, flagsOf, helpOf, type SettingName } from '../service/index.js';

/** Flags shared by the commands, for node:util parseArgs: every one a setting of service/settings.ts. */

/** Every command answers --help and -h. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h', default: false } } as const;

/** The settings `serve` takes as flags: every one with a flag. */
export const SERVE_SETTINGS = (Object.keys(SETTINGS) as SettingName[]).filter((name) => SETTINGS[name].flag !== null);
/** The settings of `sync`: a subset of the service's. */
export const SYNC_SETTINGS: readonly SettingName[] = ['repo', 'repoPath', 'cacheDir', 'syncTimeoutMs'];

export const CONFIG_OPTIONS = flagsOf(SERVE_SETTINGS);
export const SYNC_OPTIONS = flagsOf(SYNC_SETTINGS);
const HELP_ROW = ['-h, --help', 'show this help'] as const;
export const SERVE_OPTIONS_HELP = helpOf(SERVE_SETTINGS, [HELP_ROW]);
export const SYNC_OPTIONS_HELP = helpOf(SYNC_SETTINGS, [HELP_ROW]);
