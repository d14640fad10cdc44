import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, DATA_DIR, syncOptions, type Config } from './config.js';
import { syncArchive } from './git-sync.js';
import { readSnapshotHeader } from './snapshot.js';
import type { ArchiveSource } from '../search/index.js';

/** The two levels resolving an archive speaks at; pino loggers fit, and so does a CLI's stderr. */
export interface SourceLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** The invented sample we write ourselves: what is served when nothing else can be. */
export const SAMPLE_DIR = join(DATA_DIR, 'sample');

/** An explicit ARCHIVE_DIR must exist: checked before listening, like any configuration. */
export function checkArchiveDir(config: Pick<Config, 'archive'>): void {
  if (config.archive === undefined) return;
  let isDir = false;
  try {
    isDir = statSync(config.archive).isDirectory();
  } catch {
    throw new ConfigError(`ARCHIVE_DIR ${config.archive} does not exist`);
  }
  if (!isDir) throw new ConfigError(`ARCHIVE_DIR ${config.archive} is not a folder`);
}

/**
 * `serve --snapshot FILE` without an archive: the archive is the folder the
 * snapshot was made from (its header says which), so its files are what the
 * snapshot check compares. Never the sample: if that folder is gone, or FILE
 * is no snapshot, the start is refused with one line (a ConfigError).
 */
export function withSnapshotArchive(config: Config): Config {
  if (config.snapshot === undefined || config.archive !== undefined) return config;
  let archiveDir: string;
  try {
    archiveDir = readSnapshotHeader(config.snapshot).archiveDir;
  } catch (error) {
    throw new ConfigError(`SNAPSHOT: ${(error as Error).message}`);
  }
  try {
    checkArchiveDir({ archive: archiveDir });
  } catch {
    throw new ConfigError(`SNAPSHOT ${config.snapshot} was made from ${archiveDir}, which is not a folder here: give the archive with --archive DIR (ARCHIVE_DIR)`);
  }
  return { ...config, archive: archiveDir };
}

/**
 * Which archive to serve, in this order: ARCHIVE_DIR when given; else the
 * local checkout (ARCHIVE_CACHE_DIR) when present; else a fresh sync of the
 * upstream repository into it (bounded by SYNC_TIMEOUT, and only when
 * SYNC_ON_START); else the sample, with a warning saying how to get the real one.
 */
export async function resolveArchive(config: Config, logger: SourceLog, options: { sync?: boolean } = {}): Promise<ArchiveSource> {
  if (config.archive !== undefined) return { kind: 'configured', dir: config.archive };
  const cached = join(config.cacheDir, config.repoPath);
  if (existsSync(cached)) return { kind: 'cache', dir: cached };
  if (options.sync ?? config.syncOnStart) {
    logger.info({ repo: config.repo, dest: config.cacheDir, timeoutMs: config.syncTimeoutMs }, 'no archive yet: fetching the upstream one');
    try {
      const result = await syncArchive(syncOptions(config));
      logger.info({ repo: result.repo, revision: result.revision, dir: result.dir }, `fetched the archive from ${result.repo} at ${result.revision.slice(0, 12)}`);
      return { kind: 'synced', dir: result.dir };
    } catch (error) {
      logger.warn({ repo: config.repo, reason: (error as Error).message }, 'could not fetch the archive');
    }
  }
  logger.warn(
    { dir: SAMPLE_DIR },
    'serving the small invented SAMPLE archive, not the newsletter: set ARCHIVE_DIR to a content/blog-posts folder, or run `npx ebpf-archive sync` where git and the network are available',
  );
  return { kind: 'sample', dir: SAMPLE_DIR };
}
