import { parentPort, workerData } from 'node:worker_threads';
import { parseIssue } from './parse-issue.js';
import { compileVocabulary, type VocabularyFiles } from './vocabulary.js';

/** What a parse worker is started with: the vocabulary as files (compiled here once) and the site's address. */
export interface WorkerSetup {
  vocabulary: VocabularyFiles;
  siteUrl?: string;
}

export interface ParseRequest {
  id: number;
  file: string;
  source: string;
}

/** Runs parseIssue for the pool (parse-pool.ts), one file at a time, off the service's event loop. */
const setup = workerData as WorkerSetup;
const vocabulary = compileVocabulary(setup.vocabulary);
parentPort!.on('message', ({ id, file, source }: ParseRequest) => {
  try {
    parentPort!.postMessage({ id, parsed: parseIssue(source, { file, vocabulary, ...(setup.siteUrl ? { siteUrl: setup.siteUrl } : {}) }) });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
});
