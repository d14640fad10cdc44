import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

/**
 * The house as the README draws it: layers ingest -> search -> http ->
 * service -> cli (the widget beside, types only), each folder reached only
 * through its index.ts, and each index.ts's surface pinned here.
 */
const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const LAYERS = ['ingest', 'search', 'http', 'service', 'cli'] as const;
const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : name.endsWith('.ts') ? [join(dir, name)] : []));
// Static imports and re-exports (`export ... from`), and dynamic `import('./x.js')`: every way one file reaches another.
const imports = (file: string) => {
  const source = readFileSync(file, 'utf8');
  const fixed = [...source.matchAll(/^(?:import|export) (type )?[^;]*? from '(\.[^']+)';$/gms)].map((m) => ({ typeOnly: m[1] !== undefined, target: join(file, '..', m[2]!) }));
  const dynamic = [...source.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g)].map((m) => ({ typeOnly: false, target: join(file, '..', m[1]!) }));
  return [...fixed, ...dynamic];
};
const folderOf = (path: string) => relative(SRC, path).split('/')[0]!;

t.test('data flows one way, and each folder is reached only through its index.ts', async (t) => {
  const wrong: string[] = [];
  for (const file of files(SRC)) {
    const from = folderOf(file);
    for (const { typeOnly, target } of imports(file)) {
      const to = folderOf(target);
      if (to === from) continue;
      const rel = relative(SRC, file);
      if (!relative(SRC, target).endsWith('/index.js')) wrong.push(`${rel} imports ${relative(SRC, target)}, not ${to}/index.js`);
      if (from === 'widget') {
        if (!typeOnly) wrong.push(`${rel}: the widget takes types from ${to}, never its code`);
        continue;
      }
      const [a, b] = [LAYERS.indexOf(from as (typeof LAYERS)[number]), LAYERS.indexOf(to as (typeof LAYERS)[number])];
      if (b > a || a < 0 || b < 0) wrong.push(`${rel} (${from}) imports ${to}: upward`);
    }
  }
  t.same(wrong, []);
  t.same(readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isFile()), [], 'no file loose at the top of src/');
});

t.test('each folder\'s public surface, pinned', async (t) => {
  const surface = async (folder: string) => Object.keys(await import(`../src/${folder}/index.js`)).sort();
  t.same(await surface('ingest'), ['ArchiveError', 'ArchiveReader', 'ParsePool', 'bareMessageId', 'canonicalUrl', 'compareVersions', 'compileVocabulary', 'isCalendarDate', 'isMessageId', 'loadArchive', 'loadVocabulary', 'matchProjects', 'messageIdsOf', 'threadOf']);
  t.same(await surface('search'), [
    'BOUNDS', 'BOUND_PARAMETERS', 'DEFAULT_MATCH_CACHE_BYTES', 'FACET_NAMES', 'FIELDS', 'FILTER_FIELDS', 'FILTER_PARAMETERS', 'IndexHolder', 'LIST_FIELDS', 'LruCache', 'MAX_CLAUSES', 'MAX_QUERY_LENGTH', 'MAX_QUERY_WORDS', 'MAX_SUGGESTIONS', 'MAX_TYPO_WORD_LENGTH', 'PAGE_LIMITS', 'QUERY_FILTER_EXAMPLES', 'QueryError', 'RELAX_BELOW', 'SEARCH_BUDGET_MS', 'SORT_ORDERS', 'SearchIndex', 'allFacetValues', 'buildSearchIndex', 'compileSynonyms', 'docsMatching', 'escapeHtml', 'fieldSpec', 'filtersFromParams', 'hashKey', 'issueMidnight', 'loadSynonyms', 'parseFilterValue', 'parseQuery', 'parseSince', 'printQuery', 'relatedItems', 'salientTerms', 'search', 'searchCacheBytes', 'stringBytes', 'suggest', 'unmarked',
  ]);
  t.same(await surface('http'), ['DEFAULT_ANSWER_CACHE_BYTES', 'DEFAULT_CACHE_MAX_AGE', 'DEFAULT_MAX_CONNECTIONS', 'DEFAULT_RATE_LIMIT', 'DEFAULT_REQUEST_TIMEOUT_MS', 'hitBody', 'loadApp', 'loadMcpServer', 'loadOpenapi', 'restOver']);
  t.same(await surface('service'), [
    'ConfigError', 'DATA_DIR', 'DEFAULT_REPO', 'DEFAULT_REPO_PATH', 'FirstSeen', 'POLL_FALLBACK_MS', 'Reloader', 'SAMPLE_DIR', 'SETTINGS', 'SHUTDOWN_GRACE_MS', 'SNAPSHOT_FORMAT', 'SNAPSHOT_VERSION', 'SnapshotError', 'StartError', 'SyncError', 'checkArchiveDir', 'closeOnSignals', 'createLogger', 'flagsOf', 'gitRevision', 'helpOf', 'loadConfig', 'loadSnapshot', 'resolveArchive', 'scheduleSync', 'serveMcpStdio', 'settingsTable', 'startServer', 'syncArchive', 'syncOptions', 'watchArchive', 'withSnapshotArchive', 'writeSnapshot',
  ]);
});
