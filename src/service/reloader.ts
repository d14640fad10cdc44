import type { Logger } from 'pino';

import type { ArchiveReader, Item, Vocabulary } from '../ingest/index.js';
import { gitRevision } from './git-sync.js';
import { buildSearchIndex, type ArchiveSource, type IndexHolder, type Synonyms } from '../search/index.js';
import type { ReloadOutcomeBody } from '../http/index.js';

/** What a reload did; its shape is the admin API's answer (one schema for both). */
export type ReloadOutcome = ReloadOutcomeBody;

export interface ReloaderOptions {
  reader: ArchiveReader;
  holder: IndexHolder;
  source: ArchiveSource;
  logger: Logger;
  vocabulary: Vocabulary;
  synonyms: Synonyms;
  /** The search layer's share of CACHE_MAX_BYTES, for each index built. */
  matchCacheBytes?: number;
  /** When each item was first indexed (FirstSeen.stamp). */
  firstSeen?: (item: Item) => string;
  /** The archive's source revision (its git commit); `gitRevision` by default. */
  revisionOf?: (dir: string) => Promise<string | null>;
}

/**
 * Rebuilds the index from the archive as it is now and swaps it in whole.
 * The new index is built beside the one serving; a request holds whichever
 * it started with. Reloads never overlap: asked while one runs, the next runs
 * right after it (once, for every caller that asked meanwhile), so no change
 * is missed. A reload that fails leaves the serving index alone.
 */
export class Reloader {
  private running: Promise<ReloadOutcome> | null = null;
  private queued: Promise<ReloadOutcome> | null = null;

  constructor(private readonly options: ReloaderOptions) {}

  reload(reason: string): Promise<ReloadOutcome> {
    if (!this.running) return this.start(reason);
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.start(reason);
      });
    return this.queued;
  }

  private start(reason: string): Promise<ReloadOutcome> {
    const run = this.run(reason).finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async run(reason: string): Promise<ReloadOutcome> {
    const { reader, holder, source, logger, vocabulary, synonyms, matchCacheBytes, firstSeen } = this.options;
    const started = performance.now();
    try {
      const { archive, changed } = await reader.read();
      const revision = await (this.options.revisionOf ?? gitRevision)(source.dir);
      const unchanged = changed.length === 0 && holder.current !== null && revision === holder.revision;
      if (!unchanged) {
        for (const problem of archive.problems.filter((p) => changed.includes(p.file))) {
          logger.warn({ file: problem.file, line: problem.line }, `archive problem: ${problem.message}`);
        }
        holder.set(buildSearchIndex(archive, { vocabulary, synonyms, ...(matchCacheBytes !== undefined ? { matchCacheBytes } : {}), ...(firstSeen ? { firstSeen } : {}) }), source, revision);
      } else {
        holder.recovered();
      }
      const outcome: ReloadOutcome = {
        status: unchanged ? 'unchanged' : 'reloaded',
        reason,
        issues: archive.issues.length,
        items: archive.items.length,
        problems: archive.problems.length,
        changed: changed.slice(0, 100),
        revision,
        loadedAt: holder.loadedAt!.toISOString(),
        tookMs: Math.round(performance.now() - started),
      };
      const line = unchanged ? `reload (${reason}): nothing changed` : `reloaded (${reason}): ${outcome.issues} issues (${outcome.items} items), ${changed.length} changed files`;
      logger[unchanged ? 'debug' : 'info']({ ...outcome, changed: changed.slice(0, 10) }, line);
      return outcome;
    } catch (error) {
      const message = (error as Error).message;
      holder.failed(message);
      logger.error({ err: error, reason, dir: source.dir }, `reload (${reason}) failed: ${message}; still serving the previous index`);
      throw error;
    }
  }
}
