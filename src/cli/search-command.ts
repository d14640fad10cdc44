import { parseArgs } from 'node:util';
import { checkArchiveDir, resolveArchive, loadConfig } from '../service/index.js';
import { hitBody } from '../http/index.js';
import { loadArchive, loadVocabulary } from '../ingest/index.js';
import { BOUND_PARAMETERS, FILTER_FIELDS, LIST_FIELDS, PAGE_LIMITS, SORT_ORDERS, buildSearchIndex, filtersFromParams, loadSynonyms, printQuery, search, type FilterParams, type ListField, type SortOrder } from '../search/index.js';
import { HELP_OPTION } from './config-options.js';
import { UsageError, type CommandIO } from './io.js';

export const SEARCH_HELP = `Usage: ebpf-archive search "QUERY" [--archive DIR] [--limit N] [--json] [filters]

Searches the archive from the terminal, with the same query language as
GET /search: words, "phrases", -exclusions, ${FILTER_FIELDS.map((f) => `${f}:`).join(', ')}.
Prints title, issue, date and url of each hit, or
with --json the hits as the API returns them.

Archive: --archive/ARCHIVE_DIR, else the local checkout (ARCHIVE_CACHE_DIR),
else the invented sample (never fetched from here; see "ebpf-archive sync").

Options:
  --archive DIR      archive folder [ARCHIVE_DIR]
  --limit N          hits to show, 1..${PAGE_LIMITS.limit.max} (default ${PAGE_LIMITS.limit.default})
  --offset N         skip N hits (default 0)
  --sort S           ${SORT_ORDERS.join(', ')}
  ${LIST_FIELDS.map((f) => `--${f}`).join(', ')} VALUE
                     filters; repeat one to OR its values
  ${BOUND_PARAMETERS.map((b) => `--${b}`).join(', ')} DATE
  --json             print JSON for scripts
  -h, --help         show this help
`;

/** A flag per filter of the field table (fields.ts): repeatable per field, and the date bounds. */
const FILTER_FLAGS = Object.fromEntries([
  ...LIST_FIELDS.map((field) => [field, { type: 'string', multiple: true }] as const),
  ...BOUND_PARAMETERS.map((bound) => [bound, { type: 'string' }] as const),
]) as { [K in ListField]: { type: 'string'; multiple: true } } & { [K in (typeof BOUND_PARAMETERS)[number]]: { type: 'string' } };

const dim = (text: string, color: boolean) => (color ? `\u001b[2m${text}\u001b[22m` : text);
const bold = (text: string, color: boolean) => (color ? `\u001b[1m${text}\u001b[22m` : text);

export async function searchCommand(args: string[], io: CommandIO & { color?: boolean }): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      archive: { type: 'string' },
      limit: { type: 'string', default: String(PAGE_LIMITS.limit.default) },
      offset: { type: 'string', default: '0' },
      sort: { type: 'string' },
      ...FILTER_FLAGS,
      json: { type: 'boolean', default: false },
      ...HELP_OPTION,
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(SEARCH_HELP);
    return 0;
  }
  const limit = Number(values.limit);
  const offset = Number(values.offset);
  const { max } = PAGE_LIMITS.limit;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw new UsageError(`--limit must be a whole number from 1 to ${max}`);
  if (!Number.isInteger(offset) || offset < 0 || offset > PAGE_LIMITS.window) throw new UsageError(`--offset must be a whole number from 0 to ${PAGE_LIMITS.window}`);
  if (values.sort !== undefined && !(SORT_ORDERS as readonly string[]).includes(values.sort)) throw new UsageError(`--sort must be ${SORT_ORDERS.join(', ')}`);

  const config = loadConfig({ flags: values.archive ? { archive: values.archive } : {}, env: io.env });
  checkArchiveDir(config);
  const source = await resolveArchive(config, { info: () => undefined, warn: (_details, message) => io.stderr(`warning: ${message}\n`) }, { sync: false });
  const vocabulary = loadVocabulary();
  const index = buildSearchIndex(await loadArchive(source.dir, { vocabulary }), { vocabulary, synonyms: loadSynonyms() });
  const outcome = search(index, {
    q: positionals.join(' '),
    filters: filtersFromParams(values as FilterParams),
    ...(values.sort ? { sort: values.sort as SortOrder } : {}),
    limit,
    offset,
  });
  if (values.json) {
    const base = config.publicUrl ?? `http://${config.host}:${config.port}`;
    io.stdout(`${JSON.stringify({ query: { q: printQuery(outcome.query), sort: outcome.sort }, total: outcome.total, relaxed: outcome.relaxed, hits: outcome.hits.map((h) => hitBody(h, base)) }, null, 2)}\n`);
    return 0;
  }
  const color = io.color ?? false;
  const lines = [`${outcome.total} result${outcome.total === 1 ? '' : 's'}${outcome.relaxed ? ' (matching most words)' : ''}`];
  outcome.hits.forEach((hit, i) => {
    const item = hit.item;
    const credits = item.authors.length > 0 ? ` · ${item.authors.join(', ')}` : '';
    lines.push('');
    lines.push(`${String(offset + i + 1).padStart(3)}. ${bold(item.title, color)}`);
    lines.push(`     ${dim(`#${item.issue.number} · ${item.date ?? item.issue.date} · ${item.sectionPath.join(' › ')}${credits}`, color)}`);
    lines.push(`     ${item.url ?? item.sectionUrl}`);
  });
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
