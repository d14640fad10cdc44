import { parseArgs } from 'node:util';
import { checkArchiveDir, createLogger, flagsOf, helpOf, loadConfig, serveMcpStdio, type SettingName } from '../service/index.js';
import { HELP_OPTION } from './config-options.js';
import type { CommandIO } from './io.js';

/** The settings an MCP session reads: where the archive is (as `serve` finds it), permalinks' base, logging. */
const MCP_SETTINGS: readonly SettingName[] = ['archive', 'cacheDir', 'repo', 'repoPath', 'syncTimeoutMs', 'syncOnStart', 'publicUrl', 'logLevel'];

export const MCP_HELP = `Usage: ebpf-archive mcp [--archive DIR] [options]

Serves the archive to one agent over the Model Context Protocol on standard
input and output (the stdio transport): tools search_archive, get_item,
related_items, list_issues, get_issue, list_facet_values and lookup_link, and
every issue and item as a resource. Agents start it themselves (README, "For
bots and agents"). The archive is found as "serve" finds it. Log lines go to
standard error; standard output carries protocol messages only.

Options (each also read from the environment variable in brackets):
${helpOf(MCP_SETTINGS, [['-h, --help', 'show this help']])}
`;

export async function mcpCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({ args, options: { ...flagsOf(MCP_SETTINGS), ...HELP_OPTION }, strict: true, allowPositionals: false });
  if (values.help) {
    io.stdout(MCP_HELP);
    return 0;
  }
  const { help: _help, ...flags } = values;
  const config = loadConfig({ flags, env: io.env });
  checkArchiveDir(config);
  const logger = createLogger(config.logLevel, process.stderr);
  const session = await serveMcpStdio(config, logger);
  await session.closed;
  return 0;
}
