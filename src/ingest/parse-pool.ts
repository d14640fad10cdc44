import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ParsedIssue } from './parse-issue.js';
import type { ParseRequest, WorkerSetup } from './parse-worker.js';
import type { Vocabulary } from './vocabulary.js';

/** Longest one file may take to parse; past it the worker is stopped and the file reported. */
export const PARSE_TIMEOUT_MS = 20_000;
/** Heap one parse worker may use: a pathological file fails alone, never the service. */
export const PARSE_WORKER_HEAP_MB = 1024;
/**
 * Characters of source waiting per running worker before another is started:
 * about a second of parsing on one warm core. A new worker costs a third of a
 * second of CPU to load the parser and parses its first files cold, two to
 * four times slower; counted in files, a few short articles that pass the
 * sniff started one for the real archive (five issues, 150 kB), and it was slower than one.
 */
export const BACKLOG_CHARS_PER_WORKER = 512 * 1024;
/**
 * A worker on one file this long no longer counts against the backlog, so a
 * slow file holds up no other. Well above a real issue's parse, cold and on a
 * slow machine (0.1 to 0.7 s, the worker's start included): a short one would
 * start the second worker the backlog rule spares a small archive.
 */
export const SLOW_PARSE_MS = 5000;
/** Idle workers stop after this; a reload later starts them again (about 0.1 s). */
const IDLE_MS = 5000;

// The worker runs compiled: beside this file once built; from dist/ when this file runs as TypeScript under
// the test runner (npm test builds first), since a worker under a TypeScript loader compiles everything again.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? '../../dist/ingest/parse-worker.js' : './parse-worker.js', import.meta.url);

interface Job {
  request: ParseRequest;
  resolve(parsed: ParsedIssue): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** Set once its job has taken SLOW_PARSE_MS. */
  slow: boolean;
  slowTimer: NodeJS.Timeout | null;
}

const failure = (file: string, message: string): ParsedIssue => ({ issue: null, items: [], problems: [{ file, message }] });

/**
 * Parses issue files in worker threads, so a big or pathological file never
 * holds up the service's event loop (health checks answer while it parses),
 * and several files parse at once on as many cores. A file that takes longer
 * than PARSE_TIMEOUT_MS or more than PARSE_WORKER_HEAP_MB is reported as a
 * problem and its worker replaced; the rest of the archive parses on.
 */
export class ParsePool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private readonly setup: WorkerSetup;
  private next = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly backlogChars: number;
  private readonly slowMs: number;
  /** Characters of source in `queue`. */
  private queuedChars = 0;

  /**
   * @param options.size workers at most (default: one a core, up to 4)
   * @param options.timeoutMs longest one file may take (PARSE_TIMEOUT_MS)
   * @param options.backlogChars source waiting per worker before another starts (BACKLOG_CHARS_PER_WORKER)
   * @param options.slowMs a job's time after which its worker no longer counts (SLOW_PARSE_MS)
   * @param vocabulary also the service's own (startServer takes it from a pool handed in, instead of compiling it again)
   */
  constructor(
    readonly vocabulary: Vocabulary,
    options: { siteUrl?: string; size?: number; timeoutMs?: number; backlogChars?: number; slowMs?: number } = {},
  ) {
    this.size = options.size ?? Math.max(1, Math.min(4, availableParallelism()));
    this.timeoutMs = options.timeoutMs ?? PARSE_TIMEOUT_MS;
    this.backlogChars = options.backlogChars ?? BACKLOG_CHARS_PER_WORKER;
    this.slowMs = options.slowMs ?? SLOW_PARSE_MS;
    this.setup = { vocabulary: { projects: vocabulary.projects, organisations: [...vocabulary.organisations] }, ...(options.siteUrl ? { siteUrl: options.siteUrl } : {}) };
  }

  /** The file parsed; never rejects: whatever goes wrong is a problem of the file. */
  parse(file: string, source: string): Promise<ParsedIssue> {
    return new Promise((resolve) => {
      this.queue.push({ request: { id: this.next++, file, source }, resolve });
      this.queuedChars += source.length;
      this.dispatch();
    });
  }

  /**
   * Starts a worker now, with nothing to parse yet: it loads the parser (a
   * third of a second) while the caller loads the rest of itself. An unused
   * warm worker stops after the usual idle time.
   */
  warm(): this {
    if (this.slots.size === 0) {
      this.spawn();
      this.idleTimer = setTimeout(() => void this.close(), IDLE_MS);
      this.idleTimer.unref();
    }
    return this;
  }

  /** Workers running now, busy or idle. */
  get workers(): number {
    return this.slots.size;
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await Promise.all([...this.slots].map((slot) => this.stop(slot)));
  }

  private dispatch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    while (this.queue.length > 0) {
      let slot = [...this.slots].find((s) => s.job === null);
      if (!slot) {
        // Another worker only for a real backlog: on a small archive its start costs more than the parsing it would share.
        const able = [...this.slots].filter((s) => !s.slow).length;
        if (this.slots.size >= this.size || (able > 0 && this.queuedChars < this.backlogChars * able)) return;
        slot = this.spawn();
      }
      const job = this.queue.shift()!;
      this.queuedChars -= job.request.source.length;
      this.run(slot, job);
    }
    if ([...this.slots].every((s) => s.job === null) && this.slots.size > 0) {
      this.idleTimer = setTimeout(() => void this.close(), IDLE_MS);
      this.idleTimer.unref();
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL, { workerData: this.setup, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: PARSE_WORKER_HEAP_MB } });
    const slot: Slot = { worker, job: null, timer: null, slow: false, slowTimer: null };
    worker.on('message', (message: { id: number; parsed?: ParsedIssue; error?: string }) => {
      const job = slot.job;
      if (!job || job.request.id !== message.id) return;
      this.finish(slot, message.parsed ?? failure(job.request.file, `could not be indexed: ${message.error ?? 'the parser failed'}`));
    });
    // A crash (out of memory, a bug in a dependency) costs the file at hand, never the service.
    worker.on('error', (error) => this.fail(slot, `could not be indexed: ${error.message}`));
    worker.on('exit', () => this.fail(slot, 'could not be indexed: its parser stopped'));
    worker.unref();
    this.slots.add(slot);
    return slot;
  }

  private run(slot: Slot, job: Job): void {
    slot.job = job;
    // A busy worker keeps the process alive (a CLI awaiting its parse); an idle one never does.
    slot.worker.ref();
    slot.timer = setTimeout(() => this.fail(slot, `took longer than ${this.timeoutMs / 1000} s to parse: skipped`), this.timeoutMs);
    slot.timer.unref();
    slot.slowTimer = setTimeout(() => {
      slot.slow = true;
      this.dispatch();
    }, this.slowMs);
    slot.slowTimer.unref();
    slot.worker.postMessage(job.request);
  }

  private stopTimers(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.slowTimer) clearTimeout(slot.slowTimer);
    slot.timer = null;
    slot.slowTimer = null;
    slot.slow = false;
  }

  private finish(slot: Slot, parsed: ParsedIssue): void {
    this.stopTimers(slot);
    const job = slot.job;
    slot.job = null;
    slot.worker.unref();
    job?.resolve(parsed);
    this.dispatch();
  }

  /** The job at hand fails with `message`; the worker is let go, and another takes the queue. */
  private fail(slot: Slot, message: string): void {
    if (!this.slots.has(slot)) return;
    this.slots.delete(slot);
    this.stopTimers(slot);
    const job = slot.job;
    slot.job = null;
    void slot.worker.terminate();
    if (job) job.resolve(failure(job.request.file, message));
    this.dispatch();
  }

  private async stop(slot: Slot): Promise<void> {
    this.slots.delete(slot);
    this.stopTimers(slot);
    slot.job?.resolve(failure(slot.job.request.file, 'could not be indexed: the reader was closed'));
    slot.job = null;
    await slot.worker.terminate();
  }
}
