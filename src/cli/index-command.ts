import { parseArgs } from 'node:util';
import { stat } from 'node:fs/promises';
import { ArchiveReader, loadVocabulary } from '../ingest/index.js';
import { SETTINGS, checkArchiveDir, gitRevision, writeSnapshot } from '../service/index.js';
import { buildSearchIndex, loadSynonyms } from '../search/index.js';
import { formatSummary } from './summary.js';
import { HELP_OPTION } from './config-options.js';
import { UsageError, type CommandIO } from './io.js';

export const INDEX_HELP = `Usage: ebpf-archive index --archive DIR [--json] [--out FILE]

Parses every eBPF Updates issue found below DIR and prints a summary:
issues, items per issue and per top-level section, and problems.

Options:
  --archive DIR   the archive folder (default: $ARCHIVE_DIR)
  --json          print { issues, items, problems } as JSON on stdout, nothing else
  --out FILE      also build the search index and write it to FILE: a snapshot
                  that "ebpf-archive serve --snapshot FILE" starts from without parsing
  -h, --help      show this help
`;

export async function indexCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      archive: { type: 'string' },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      ...HELP_OPTION,
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(INDEX_HELP);
    return 0;
  }
  const { env, flag } = SETTINGS.archive;
  const root = values.archive ?? io.env[env];
  if (!root) throw new UsageError(`index needs --${flag} DIR (or ${env})`);
  // The same check, message and exit code (2) as serve and search give for the same mistake.
  checkArchiveDir({ archive: root });
  const vocabulary = loadVocabulary();
  const reader = new ArchiveReader(root, { vocabulary });
  const { archive } = await reader.read();
  io.stdout(values.json ? `${JSON.stringify(archive)}\n` : formatSummary(archive, root));
  if (values.out) {
    const index = buildSearchIndex(archive, { vocabulary, synonyms: loadSynonyms() });
    const header = await writeSnapshot(values.out, reader, index, await gitRevision(root));
    const { size } = await stat(values.out);
    // On stderr with --json, so stdout stays one JSON document.
    (values.json ? io.stderr : io.stdout)(`snapshot of ${header.issues} issues (${header.items} items) written to ${values.out} (${size} bytes)\n`);
  }
  return 0;
}
