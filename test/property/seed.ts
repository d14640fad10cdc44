import type { Parameters } from 'fast-check';

/**
 * One fixed seed, so CI runs the same cases every time; FC_SEED replays or
 * explores another. fast-check names the seed and the shrunk counterexample
 * in its failure message, which tap prints.
 */
export const SEED = Number(process.env['FC_SEED'] ?? 20261126);

export function runs<T>(numRuns: number): Parameters<T> {
  return { seed: SEED, numRuns, verbose: 1 };
}
