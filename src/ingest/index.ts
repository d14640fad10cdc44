/** Files to items: the public face of src/ingest. */
export { loadArchive, ArchiveReader, ArchiveError, type LoadOptions, type FileRecord, type ReaderState, type ReadResult } from './archive-reader.js';
// The parser itself is not here: loading it costs a third of a second, which a process parsing in workers
// (the service) never needs on its main thread. ArchiveReader loads it where it parses; tests import parse-issue.ts.
export type { ParseOptions, ParsedIssue } from './parse-issue.js';
export { ParsePool } from './parse-pool.js';
export { loadVocabulary, compileVocabulary, matchProjects, type Vocabulary, type ProjectEntry } from './vocabulary.js';
export { compareVersions } from './kernel-versions.js';
export { isCalendarDate } from './calendar.js';
export { canonicalUrl } from './canonical-url.js';
export { bareMessageId, isMessageId, messageIdsOf, threadOf, type Thread } from './kernel-threads.js';
export type { Archive, Issue, IssueRef, Item, ItemKind, Link, Problem } from './types.js';
