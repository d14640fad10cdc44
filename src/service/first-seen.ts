import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import type { Item } from '../ingest/index.js';
import { issueMidnight } from '../search/index.js';

/** What the file holds: item id to the RFC 3339 time the service first indexed it. */
interface FirstSeenFile {
  version: 1;
  items: Record<string, string>;
}

const VERSION = 1;

/**
 * When this service first indexed each item, kept across restarts and
 * reloads in one small JSON file (beside the checkout: `data/first-seen.json`,
 * `/data/first-seen.json` in the container), written atomically (a temporary
 * file renamed over it). A missing or unreadable file is rebuilt: the items of
 * that first index count as seen on their issue's date, so a new deployment
 * does not announce the whole archive as new; items appearing later count
 * from the moment they are indexed. Ids of items that leave the archive are
 * kept, so a file broken for a while and then fixed brings nothing back as new.
 * Failing to write is a warning, never fatal: the times are then kept in memory.
 */
export class FirstSeen {
  private readonly times: Map<string, string>;
  /** True until the first index is stamped when the file had to be rebuilt. */
  private rebuilding: boolean;
  private pending = false;
  private warned = false;

  private constructor(
    private readonly file: string | null,
    private readonly logger: Logger,
    times: Map<string, string>,
    rebuilding: boolean,
    private readonly now: () => Date,
  ) {
    this.times = times;
    this.rebuilding = rebuilding;
  }

  /** The store kept in `file` (null: in memory only, for tools that never serve). */
  static open(file: string | null, logger: Logger, now: () => Date = () => new Date()): FirstSeen {
    if (file === null) return new FirstSeen(null, logger, new Map(), true, now);
    let raw: string;
    try {
      raw = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn({ file, err: error }, `cannot read ${file} (${(error as Error).message}): first-seen times rebuilt from the issue dates`);
      return new FirstSeen(file, logger, new Map(), true, now);
    }
    const times = parse(raw);
    if (!times) {
      logger.warn({ file }, `${file} is not a first-seen file this version writes: rebuilt from the issue dates`);
      return new FirstSeen(file, logger, new Map(), true, now);
    }
    return new FirstSeen(file, logger, times, false, now);
  }

  /** When `item` was first indexed, recording it now (or at its issue's date while rebuilding) when it is new. What SearchIndexOptions.firstSeen calls. */
  readonly stamp = (item: Item): string => {
    const known = this.times.get(item.id);
    if (known !== undefined) return known;
    const time = this.rebuilding ? issueMidnight(item) : this.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.times.set(item.id, time);
    this.schedule();
    return time;
  };

  /** Items stamped from now on are new: called once the first index is built. */
  settle(): void {
    this.rebuilding = false;
    if (this.pending) this.write();
  }

  get size(): number {
    return this.times.size;
  }

  /** One write for a whole index's new stamps: they all arrive while it is built, synchronously. */
  private schedule(): void {
    if (this.pending || this.file === null) return;
    this.pending = true;
    setImmediate(() => this.write());
  }

  private write(): void {
    if (!this.pending || this.file === null) return;
    this.pending = false;
    const body: FirstSeenFile = { version: VERSION, items: Object.fromEntries(this.times) };
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(temporary, `${JSON.stringify(body)}\n`);
      renameSync(temporary, this.file);
    } catch (error) {
      if (this.warned) return;
      this.warned = true;
      this.logger.warn({ file: this.file, err: error }, `cannot write ${this.file} (${(error as Error).message}): first-seen times are kept in memory only until this is fixed`);
    }
  }
}

function parse(raw: string): Map<string, string> | null {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  const file = data as Partial<FirstSeenFile> | null;
  if (!file || file.version !== VERSION || typeof file.items !== 'object' || file.items === null) return null;
  const times = new Map<string, string>();
  for (const [id, time] of Object.entries(file.items)) {
    if (typeof time !== 'string' || !Number.isFinite(Date.parse(time))) return null;
    times.set(id, time);
  }
  return times;
}
