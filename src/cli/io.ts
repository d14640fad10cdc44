import type { ParsePool } from '../ingest/index.js';

/** What a command may touch, so tests can run commands in-process and read their output. */
export interface CommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** Whether stdout is a terminal that takes ANSI colors. */
  color?: boolean;
  /** Parse workers main.ts started early for `serve` (ParsePool.warm). */
  parsePool?: ParsePool;
}

/** Wrong words on the command line: reported with the help hint, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
