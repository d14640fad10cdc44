import { parseArgs } from 'node:util';
import { checkArchiveDir, resolveArchive } from '../archive-source.js';
import { loadConfig } from '../config.js';
import { hitBody } from '../http/present.js';
import { loadArchive, loadVocabulary } from '../ingest/index.js';
import { buildSearchIndex, filtersFromParams, loadSynonyms, printQuery, search, type SortOrder } from '../search/index.js';
import { HELP_OPTION } from './config-options.js';
import { UsageError, type CommandIO } from './io.js';

export const SEARCH_HELP = `Usage: ebpf-archive search "QUERY" [--archive DIR] [--limit N] [--json] [filters]

Searches the archive from the terminal, with the same query language as
GET /search: words, "phrases", -exclusions, author:, project:, kernel:,
section:, issue:, date:. Prints title, issue, date and url of each hit, or
with --json the hits as the API returns them.

Archive: --archive/ARCHIVE_DIR, else the local checkout (ARCHIVE_CACHE_DIR),
else the invented sample (never fetched from here; see "ebpf-archive sync").

Options:
  --archive DIR      archive folder [ARCHIVE_DIR]
  --limit N          hits to show, 1..100 (default 10)
  --offset N         skip N hits (default 0)
  --sort S           relevance, date or -date
  --author NAME      filter; repeat to OR (also --project, --kernel, --section, --issue)
  --from DATE, --to DATE
  --json             print JSON for scripts
  -h, --help         show this help
`;

const dim = (text: string, color: boolean) => (color ? `\u001b[2m${text}\u001b[22m` : text);
const bold = (text: string, color: boolean) => (color ? `\u001b[1m${text}\u001b[22m` : text);

export async function searchCommand(args: string[], io: CommandIO & { color?: boolean }): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      archive: { type: 'string' },
      limit: { type: 'string', default: '10' },
      offset: { type: 'string', default: '0' },
      sort: { type: 'string' },
      author: { type: 'string', multiple: true },
      project: { type: 'string', multiple: true },
      kernel: { type: 'string', multiple: true },
      section: { type: 'string', multiple: true },
      issue: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
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
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError('--limit must be a whole number from 1 to 100');
  if (!Number.isInteger(offset) || offset < 0 || offset > 10000) throw new UsageError('--offset must be a whole number from 0 to 10000');
  if (values.sort !== undefined && !['relevance', 'date', '-date'].includes(values.sort)) throw new UsageError('--sort must be relevance, date or -date');

  const config = loadConfig({ flags: values.archive ? { archive: values.archive } : {}, env: io.env });
  checkArchiveDir(config);
  const source = await resolveArchive(config, { info: () => undefined, warn: (_details, message) => io.stderr(`warning: ${message}\n`) }, { sync: false });
  const vocabulary = loadVocabulary();
  const index = buildSearchIndex(await loadArchive(source.dir, { vocabulary }), { vocabulary, synonyms: loadSynonyms() });
  const outcome = search(index, {
    q: positionals.join(' '),
    filters: filtersFromParams({
      ...(values.author ? { author: values.author } : {}),
      ...(values.project ? { project: values.project } : {}),
      ...(values.kernel ? { kernel: values.kernel } : {}),
      ...(values.section ? { section: values.section } : {}),
      ...(values.issue ? { issue: values.issue } : {}),
      ...(values.from ? { from: values.from } : {}),
      ...(values.to ? { to: values.to } : {}),
    }),
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
