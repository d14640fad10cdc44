import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { syncArchive } from '../ingest/sync-archive.js';
import { HELP_OPTION, SYNC_OPTIONS } from './config-options.js';
import type { CommandIO } from './io.js';

export const SYNC_HELP = `Usage: ebpf-archive sync [--repo URL] [--repo-path PATH] [--cache-dir DIR] [--sync-timeout S]

Fetches the upstream archive: a shallow, sparse git clone keeping only the
posts folder the first time, a fetch and fast-forward after that. "serve"
then finds it without any setting. Needs git and network access to the
repository (a file:// URL works offline).

Options (each also read from the environment variable in brackets):
  --repo URL           repository [ARCHIVE_REPO] (default https://github.com/ebpf-io/ebpf.io-website)
  --repo-path PATH     folder of the posts [ARCHIVE_REPO_PATH] (default content/blog-posts)
  --cache-dir DIR      local checkout [ARCHIVE_CACHE_DIR] (default data/archive)
  --sync-timeout S     give up after S seconds [SYNC_TIMEOUT] (default 20)
  -h, --help           show this help
`;

export async function syncCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...SYNC_OPTIONS, ...HELP_OPTION },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(SYNC_HELP);
    return 0;
  }
  const { help: _help, ...flags } = values;
  const config = loadConfig({ flags, env: io.env });
  const result = await syncArchive({ repo: config.repo, path: config.repoPath, dest: config.cacheDir, timeoutMs: config.syncTimeout * 1000 });
  io.stdout(`${result.action} ${config.repo} at ${result.revision}: the archive is ${result.dir}\n`);
  return 0;
}
