import type { SearchIndex } from './search-index.js';

/** Where the served archive came from, for /readyz and the logs. */
export interface ArchiveSource {
  kind: 'configured' | 'cache' | 'synced' | 'sample' | 'given';
  dir: string;
}

/** The last reload that failed while an older index kept serving. */
export interface ReloadFailure {
  at: Date;
  message: string;
}

/** An index being served, with where it came from, when it was loaded, and the archive's git commit (null outside git). */
export interface Served {
  index: SearchIndex;
  source: ArchiveSource;
  loadedAt: Date;
  revision: string | null;
}

/**
 * The index being served. Empty until the first index is built (the service
 * listens before that, so liveness and readiness can differ); later indexes
 * replace it in one assignment, so a request sees one whole index or the other.
 */
export class IndexHolder {
  private served: Served | null = null;
  private failure: ReloadFailure | null = null;

  constructor(index?: SearchIndex, source?: ArchiveSource) {
    if (index) this.set(index, source ?? { kind: 'given', dir: '' });
  }

  /** Serves `index` from now on; `revision` is the archive's git commit, when it is a checkout. */
  set(index: SearchIndex, source: ArchiveSource, revision: string | null = null): void {
    this.served = { index, source, loadedAt: new Date(), revision };
    this.failure = null;
  }

  /** A reload succeeded without changing anything: the index serving is the archive's again. */
  recovered(): void {
    this.failure = null;
  }

  /** A reload failed: the current index keeps serving, and readiness says why it is not newer. */
  failed(message: string): void {
    this.failure = { at: new Date(), message };
  }

  get current(): SearchIndex | null {
    return this.served?.index ?? null;
  }

  get source(): ArchiveSource | null {
    return this.served?.source ?? null;
  }

  get loadedAt(): Date | null {
    return this.served?.loadedAt ?? null;
  }

  get revision(): string | null {
    return this.served?.revision ?? null;
  }

  get lastFailure(): ReloadFailure | null {
    return this.failure;
  }
}
