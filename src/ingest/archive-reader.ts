import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { findMarkdownFiles } from './find-markdown.js';
import { mayBeIssue } from './issue-sniff.js';
import type { ParsedIssue } from './parse-issue.js';
import { ParsePool } from './parse-pool.js';
import type { Archive, Issue, Item, Problem } from './types.js';
import { loadVocabulary, type Vocabulary } from './vocabulary.js';

export interface LoadOptions {
  /** Compiled vocabulary; the repo's `data/` files by default. */
  vocabulary?: Vocabulary;
  siteUrl?: string;
  /** Files larger than this are reported and skipped (default 5 MiB): no newsletter issue is that big. */
  maxFileBytes?: number;
  /**
   * Where issues are parsed: `inline` (the default) on the caller's thread,
   * the fastest for a one-off command; `workers` in worker threads, so that
   * parsing never holds up a service's event loop (what `serve` uses).
   */
  parse?: 'workers' | 'inline';
  /** Parse in this pool (one the caller started early: ParsePool.warm); implies `workers`. */
  pool?: ParsePool;
  /** Longest one file-system call may take (READ_TIMEOUT_MS). */
  readTimeoutMs?: number;
  /** How files are opened: node's own `open`, but for tests standing in a hung mount. */
  openFile?: typeof open;
}

/** Raised when the archive folder itself is unusable: the caller cannot serve anything. */
export class ArchiveError extends Error {
  override name = 'ArchiveError';
}

/** What was read from one file, and when: enough to skip it next time if it has not changed. */
export interface FileRecord {
  file: string;
  mtimeMs: number;
  size: number;
  /** SHA-1 of the bytes: a touched but unchanged file is not parsed again. */
  hash: string;
  parsed: ParsedIssue;
}

/** The reader's memory, as a snapshot stores it. */
export interface ReaderState {
  files: FileRecord[];
  /** Last good versions of files that no longer parse. */
  lastGood: { file: string; parsed: ParsedIssue }[];
}

export interface ReadResult {
  archive: Archive;
  /** Files added, changed or removed since the previous read (every file on the first). */
  changed: string[];
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const READ_CONCURRENCY = 16;
const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Longest a file's read may take (a hung network mount): past it the file is reported and the read goes on without it. */
export const READ_TIMEOUT_MS = 5000;
/**
 * Opened without following a final link, and without blocking: a FIFO put in
 * a file's place opens at once (and is then refused as not a regular file)
 * instead of holding a thread until a writer comes, which would wedge every
 * later reload and the process's exit.
 */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

const failed = (file: string, message: string): ParsedIssue => ({ issue: null, items: [], problems: [{ file, message }] });

/** Current layout before legacy, then the shorter path: the copy we keep when two files claim one issue. */
function preferred(a: Issue, b: Issue): Issue {
  if (a.layout !== b.layout) return a.layout === 'current' ? a : b;
  return a.file.length <= b.file.length ? a : b;
}

/**
 * Reads an archive folder again and again, parsing only the files that
 * changed, and never losing a good issue to a bad edit: when a file that
 * parsed into an issue stops parsing (broken front matter, bad bytes, a
 * parser failure), its last good version keeps serving and the failure is
 * reported as a problem. A removed file removes its issue.
 */
export class ArchiveReader {
  private readonly records = new Map<string, FileRecord>();
  /** The last version of each file that parsed into an issue. */
  private readonly good = new Map<string, ParsedIssue>();
  /** Folders of the last read that could not be listed. */
  private folderProblems: Problem[] = [];
  private readonly vocabulary: Vocabulary;
  private readonly pool: ParsePool | null;
  private inFlight = 0;
  private closed = false;

  constructor(
    readonly root: string,
    private readonly options: LoadOptions = {},
  ) {
    this.vocabulary = options.vocabulary ?? loadVocabulary();
    this.pool = options.pool ?? (options.parse !== 'workers' ? null : new ParsePool(this.vocabulary, options.siteUrl ? { siteUrl: options.siteUrl } : {}));
  }

  /**
   * File-system calls of this reader not yet returned, given up on or not. One
   * stuck on a hung mount holds a thread that even process.exit waits for, so
   * the service's shutdown asks (closeOnSignals).
   */
  get pendingFileOps(): number {
    return this.inFlight;
  }

  /**
   * `operation`, or an error once READ_TIMEOUT_MS has passed: a hung mount
   * costs one file, never the reload. The call itself cannot be cancelled;
   * `late` disposes of what it gives if it ever returns.
   */
  private bounded<T>(operation: Promise<T>, what: string, late?: (value: T) => void): Promise<T> {
    this.inFlight++;
    let gaveUp = false;
    let timer: NodeJS.Timeout | undefined;
    const settled = operation.finally(() => {
      this.inFlight--;
      clearTimeout(timer);
    });
    settled.then((value) => gaveUp && late?.(value), () => undefined);
    const ms = this.options.readTimeoutMs ?? READ_TIMEOUT_MS;
    const timeout = new Promise<never>((_, reject) => {
      // Timers run before I/O callbacks: after an event-loop stall (a long parse) a call done in time
      // would lose the race. One turn later its answer has been delivered, and wins if it came.
      timer = setTimeout(
        () =>
          setImmediate(() => {
            gaveUp = true;
            reject(new Error(`${what} took longer than ${ms / 1000} s`));
          }),
        ms,
      );
    });
    return Promise.race([settled, timeout]);
  }

  /**
   * Stops the parse workers (idle ones never keep a process alive; this is for
   * tidy shutdowns), and a read under way from opening more files, so that
   * its file-system calls end within milliseconds (shutdown waits for them).
   * What that read returns is partial: only a shutdown closes a reader.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool?.close();
  }

  state(): ReaderState {
    const lastGood = [...this.good].filter(([file, parsed]) => this.records.get(file)?.parsed !== parsed).map(([file, parsed]) => ({ file, parsed }));
    return { files: [...this.records.values()], lastGood };
  }

  /**
   * Takes up what a snapshot remembered and returns that archive without
   * reading any file; the next read parses only files that differ from it.
   */
  restore(state: ReaderState): Archive {
    this.records.clear();
    this.good.clear();
    for (const record of state.files) {
      this.records.set(record.file, record);
      if (record.parsed.issue) this.good.set(record.file, record.parsed);
    }
    for (const { file, parsed } of state.lastGood) this.good.set(file, parsed);
    return this.assemble([...this.records.keys()].sort());
  }

  /** Forgets everything: the next read parses every file. */
  reset(): void {
    this.records.clear();
    this.good.clear();
  }

  /** The archive as it stands on disk now. */
  async read(): Promise<ReadResult> {
    const info = await stat(this.root).catch(() => null);
    if (!info) throw new ArchiveError(`archive folder not found: ${this.root}`);
    if (!info.isDirectory()) throw new ArchiveError(`archive path is not a folder: ${this.root}`);
    const listing = await this.bounded(findMarkdownFiles(this.root), 'listing the folder').catch((error: NodeJS.ErrnoException) => {
      throw new ArchiveError(`archive folder cannot be read: ${this.root} (${error.code ?? error.message})`);
    });
    // Files below a folder that cannot be listed now are not gone: they keep what they last gave.
    const hidden = (file: string) => listing.unreadable.some(({ dir }) => file.startsWith(`${dir}/`));
    const files = [...new Set([...listing.files, ...[...this.records.keys()].filter(hidden)])].sort();
    this.folderProblems = listing.unreadable.map(({ dir, message }) => ({ file: `${dir}/`, message: `folder cannot be read (${message}): skipped; files it held keep their last version` }));
    const changed: string[] = [];
    const present = new Set(files);
    for (const file of [...this.records.keys()]) {
      if (present.has(file)) continue;
      this.records.delete(file);
      this.good.delete(file);
      changed.push(file);
    }
    // A few files in flight at once: reading one overlaps parsing another.
    const fresh = new Set<string>();
    let next = 0;
    const worker = async () => {
      while (next < files.length && !this.closed) {
        const file = files[next++]!;
        if (!hidden(file) && (await this.refresh(file))) fresh.add(file);
      }
    };
    await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
    changed.push(...files.filter((f) => fresh.has(f)));
    // Closed part way (a shutdown): the files it came to.
    return { archive: this.assemble(this.closed ? files.filter((f) => this.records.has(f)) : files), changed };
  }

  /** The archive the remembered files make, one copy per issue number. */
  private assemble(files: readonly string[]): Archive {
    const problems: Problem[] = [...this.folderProblems];
    const byNumber = new Map<number, { issue: Issue; items: Item[] }>();
    for (const file of files) {
      const served = this.yieldOf(file, this.records.get(file)!.parsed, problems);
      if (!served.issue) continue;
      const seen = byNumber.get(served.issue.number);
      if (seen) {
        const keep = preferred(seen.issue, served.issue);
        const drop = keep === seen.issue ? served.issue : seen.issue;
        problems.push({ file: drop.file, message: `issue #${drop.number} is also in ${keep.file}: kept that copy, skipped this one` });
        if (keep === seen.issue) continue;
      }
      byNumber.set(served.issue.number, { issue: served.issue, items: served.items });
    }
    if (byNumber.size === 0) throw new ArchiveError(`no eBPF Updates issue found in ${this.root} (${files.length} markdown files read)`);
    const ordered = [...byNumber.values()].sort((a, b) => b.issue.number - a.issue.number);
    return { issues: ordered.map((o) => o.issue), items: ordered.flatMap((o) => o.items), problems };
  }

  /**
   * What a file contributes: its parse, or its last good version when a file
   * that held an issue no longer yields one (it fails to parse, or was cut
   * short and no longer reads as an issue). Only removing the file drops it.
   */
  private yieldOf(file: string, parsed: ParsedIssue, problems: Problem[]): ParsedIssue {
    problems.push(...parsed.problems);
    if (parsed.issue) {
      this.good.set(file, parsed);
      return parsed;
    }
    const last = this.good.get(file);
    if (!last) return parsed;
    const why = parsed.problems.length > 0 ? 'no longer parses' : 'no longer reads as a newsletter issue';
    problems.push({ file, message: `${why}: still serving its last good version (issue #${last.issue!.number}) until it is fixed or removed` });
    return last;
  }

  /** Brings the record of `file` up to date; true when what it yields changed. */
  private async refresh(file: string): Promise<boolean> {
    const full = join(this.root, file);
    const known = this.records.get(file);
    // Remembered without a time, so the next read tries again.
    const unreadable = (message: string) => this.remember(file, { mtimeMs: -1, size: -1 }, '', failed(file, message));
    let handle: FileHandle;
    try {
      handle = await this.bounded((this.options.openFile ?? open)(full, OPEN_FLAGS), 'opening', (late) => void late.close().catch(() => undefined));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') return unreadable('is a symbolic link: links are not followed, so it is not indexed');
      return unreadable(`could not be read: ${(error as Error).message}`);
    }
    let bytes: Buffer;
    let info;
    try {
      info = await this.bounded(handle.stat(), 'reading its size');
      if (!info.isFile()) return unreadable('is not a regular file (a FIFO, socket or device): not read');
      if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) return false;
      const max = this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
      if (info.size > max) return this.remember(file, info, '', failed(file, `file is ${info.size} bytes, over the ${max}-byte limit: skipped`));
      bytes = await this.bounded(handle.readFile(), 'reading');
    } catch (error) {
      return unreadable(`could not be read: ${(error as Error).message}`);
    } finally {
      void handle.close().catch(() => undefined);
    }
    const hash = createHash('sha1').update(bytes).digest('hex');
    if (known && known.hash === hash) {
      this.records.set(file, { ...known, mtimeMs: info.mtimeMs, size: info.size });
      return false;
    }
    return this.remember(file, info, hash, await this.parse(file, bytes));
  }

  private remember(file: string, info: { mtimeMs: number; size: number }, hash: string, parsed: ParsedIssue): boolean {
    const known = this.records.get(file);
    this.records.set(file, { file, mtimeMs: info.mtimeMs, size: info.size, hash, parsed });
    // A file failing the same way again (still unreadable) is no change: nothing to rebuild.
    const again = known !== undefined && !known.parsed.issue && !parsed.issue && JSON.stringify(known.parsed.problems) === JSON.stringify(parsed.problems);
    return !again;
  }

  private async parse(file: string, bytes: Buffer): Promise<ParsedIssue> {
    let source: string;
    try {
      source = STRICT_UTF8.decode(bytes);
    } catch {
      return failed(file, 'not valid UTF-8 text (binary content?): skipped');
    }
    // Most of the blog is articles: told apart here, they never cost a trip to a worker.
    if (!mayBeIssue(source)) return { issue: null, items: [], problems: [] };
    if (this.pool) return this.pool.parse(file, source);
    try {
      // The parser (remark, micromark, parse5: a third of a second to load) only where files are parsed.
      const { parseIssue } = await import('./parse-issue.js');
      return parseIssue(source, { file, vocabulary: this.vocabulary, ...(this.options.siteUrl ? { siteUrl: this.options.siteUrl } : {}) });
    } catch (error) {
      // A parser bug on one file must not cost the rest of the archive.
      return failed(file, `could not be indexed: ${(error as Error).message}`);
    }
  }
}

/**
 * Reads every newsletter issue below `root` once into `{ issues, items,
 * problems }`: issues newest first, items in issue order then reading order.
 * A broken file is a problem, never an exception; an archive folder that is
 * missing or holds no issue is an ArchiveError.
 */
export async function loadArchive(root: string, options: LoadOptions = {}): Promise<Archive> {
  const reader = new ArchiveReader(root, options);
  try {
    return (await reader.read()).archive;
  } finally {
    await reader.close();
  }
}
