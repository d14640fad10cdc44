import type { SearchIndex } from './search-index.js';

/** Where the served archive came from, for /readyz and the logs. */
export interface ArchiveSource {
  kind: 'configured' | 'cache' | 'synced' | 'sample' | 'given';
  dir: string;
}

/**
 * The index being served. Empty until the first index is built (the service
 * listens before that, so liveness and readiness can differ); later indexes
 * replace it in one assignment, so a request sees one whole index or the other.
 */
export class IndexHolder {
  private index: SearchIndex | null = null;
  private where: ArchiveSource | null = null;
  private when: Date | null = null;

  constructor(index?: SearchIndex, source?: ArchiveSource) {
    if (index) this.set(index, source ?? { kind: 'given', dir: '' });
  }

  set(index: SearchIndex, source: ArchiveSource): void {
    this.index = index;
    this.where = source;
    this.when = new Date();
  }

  get current(): SearchIndex | null {
    return this.index;
  }

  get source(): ArchiveSource | null {
    return this.where;
  }

  get loadedAt(): Date | null {
    return this.when;
  }
}
