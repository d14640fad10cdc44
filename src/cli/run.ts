import { ConfigError, StartError, SyncError } from '../service/index.js';
import { ArchiveError } from '../ingest/index.js';
import { QueryError } from '../search/index.js';
import { INDEX_HELP, indexCommand } from './index-command.js';
import { MCP_HELP, mcpCommand } from './mcp-command.js';
import { UsageError, type CommandIO } from './io.js';
import { OPENAPI_HELP, openapiCommand } from './openapi-command.js';
import { SEARCH_HELP, searchCommand } from './search-command.js';
import { SERVE_HELP, serveCommand } from './serve-command.js';
import { SYNC_HELP, syncCommand } from './sync-command.js';

export const MAIN_HELP = `Usage: ebpf-archive <command> [options]

Commands:
  serve    serve the search API (the archive: --archive, else data/archive, else sync, else the sample)
  search   search the archive from the terminal ("tail calls", --json for scripts)
  sync     fetch or update the upstream archive into data/archive (git)
  index    parse an archive folder and print a summary (or --json)
  mcp      serve the archive to an agent over MCP on stdin/stdout (tools and resources)
  openapi  print (or --out FILE) the OpenAPI document

Run "ebpf-archive <command> --help" for a command's options.
`;

const COMMANDS: Record<string, { run: (args: string[], io: CommandIO) => Promise<number>; help: string }> = {
  index: { run: indexCommand, help: INDEX_HELP },
  serve: { run: serveCommand, help: SERVE_HELP },
  mcp: { run: mcpCommand, help: MCP_HELP },
  openapi: { run: openapiCommand, help: OPENAPI_HELP },
  search: { run: searchCommand, help: SEARCH_HELP },
  sync: { run: syncCommand, help: SYNC_HELP },
};

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(MAIN_HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`ebpf-archive: unknown command "${name}"\n\n${MAIN_HELP}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof QueryError) {
      io.stderr(`ebpf-archive ${name}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`ebpf-archive ${name}: ${(error as Error).message}\n\n${command.help}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr(`ebpf-archive ${name}: invalid configuration: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ArchiveError || error instanceof SyncError || error instanceof StartError) {
      io.stderr(`ebpf-archive ${name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
