import { parseArgs } from 'node:util';
import { loadConfig, syncOptions, syncArchive } from '../service/index.js';
import { HELP_OPTION, SYNC_OPTIONS, SYNC_OPTIONS_HELP } from './config-options.js';
import type { CommandIO } from './io.js';

export const SYNC_HELP = `Usage: ebpf-archive sync [--repo URL] [--repo-path PATH] [--cache-dir DIR] [--sync-timeout D]

Fetches the upstream archive: a shallow, sparse git clone keeping only the
posts folder the first time, a fetch and fast-forward after that. "serve"
then finds it without any setting. Needs git and network access to the
repository (a file:// URL works offline).

Options (each also read from the environment variable in brackets):
${SYNC_OPTIONS_HELP}
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
  const result = await syncArchive(syncOptions(config));
  if (result.switchedFrom) io.stdout(`the checkout's origin was ${result.switchedFrom}; it now follows ${result.repo}\n`);
  io.stdout(`${result.action} from ${result.repo} at ${result.revision}: the archive is ${result.dir}\n`);
  return 0;
}
