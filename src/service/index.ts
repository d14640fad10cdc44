/** The running service: the public face of src/service (configuration, start-up, reloads, watching, sync, snapshots). */
export { startServer, closeOnSignals, SHUTDOWN_GRACE_MS, type RunningServer } from './server.js';
export { StartError } from './listen-error.js';
export { loadConfig, syncOptions, DATA_DIR, ConfigError, type Config, type ConfigSources } from './config.js';
export { SETTINGS, flagsOf, helpOf, settingsTable, type Setting, type SettingName } from './settings.js';
export { checkArchiveDir, resolveArchive, withSnapshotArchive, SAMPLE_DIR, type SourceLog } from './archive-source.js';
export { createLogger } from './logger.js';
export { serveMcpStdio, type McpSession } from './mcp-stdio.js';
export { FirstSeen } from './first-seen.js';
export { syncArchive, gitRevision, SyncError, DEFAULT_REPO, DEFAULT_REPO_PATH, type SyncOptions, type SyncResult } from './git-sync.js';
export { Reloader, type ReloadOutcome, type ReloaderOptions } from './reloader.js';
export { writeSnapshot, loadSnapshot, SnapshotError, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SnapshotHeader } from './snapshot.js';
export { scheduleSync, type Scheduled } from './sync-schedule.js';
export { watchArchive, POLL_FALLBACK_MS, type Watching } from './watch-archive.js';
