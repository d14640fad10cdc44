import { parseArgs } from 'node:util';
import { loadArchive } from '../ingest/index.js';
import { formatSummary } from './summary.js';
import { HELP_OPTION } from './config-options.js';
import { UsageError, type CommandIO } from './io.js';

export const INDEX_HELP = `Usage: ebpf-archive index --archive DIR [--json]

Parses every eBPF Updates issue found below DIR and prints a summary:
issues, items per issue and per top-level section, and problems.

Options:
  --archive DIR   the archive folder (default: $ARCHIVE_DIR)
  --json          print { issues, items, problems } as JSON on stdout, nothing else
  -h, --help      show this help
`;

export async function indexCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      archive: { type: 'string' },
      json: { type: 'boolean', default: false },
      ...HELP_OPTION,
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(INDEX_HELP);
    return 0;
  }
  const root = values.archive ?? io.env['ARCHIVE_DIR'];
  if (!root) throw new UsageError('index needs --archive DIR (or ARCHIVE_DIR)');
  const archive = await loadArchive(root);
  io.stdout(values.json ? `${JSON.stringify(archive)}\n` : formatSummary(archive, root));
  return 0;
}
