import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import t from 'tap';
import { CLI, ROOT, untracedCommand } from '../cli/process.js';
import { appFor, realIndex } from '../http/helpers.js';
import { BLOG_POSTS } from '../helpers.js';

/**
 * The stdio transport as agents start it (`ebpf-archive mcp` as a
 * subprocess), with the official SDK's client; and interoperability with a
 * client nobody here wrote: the MCP Inspector's CLI mode, over stdio and
 * over HTTP. Everything stays on this machine.
 */
const run = promisify(execFile);
const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', SYNC_ON_START: 'false', ARCHIVE_CACHE_DIR: join(ROOT, 'node_modules', '.cache', 'ebpf-archive-mcp', 'archive') };

t.test('ebpf-archive mcp: the SDK client lists and calls tools and reads resources over stdio; logs go to stderr', async (t) => {
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', '--archive', BLOG_POSTS], env, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'archive-test', version: '1.0.0' });
  await client.connect(transport);
  t.teardown(() => client.close());
  t.equal(client.getServerVersion()?.name, 'ebpf-updates-archive');
  t.match(client.getInstructions(), /search_archive/);
  const { tools } = await client.listTools();
  t.equal(tools.length, 7);
  const result = await client.callTool({ name: 'search_archive', arguments: { q: 'static linking', kernel: ['5.13'], limit: 3 } });
  const hits = (result.structuredContent as { hits: { title: string; kernelVersions: string[]; permalink: string }[] }).hits;
  t.ok(hits.length > 0 && hits.every((hit) => hit.kernelVersions.includes('5.13')));
  t.match(hits[0]?.permalink, /^http:\/\/127\.0\.0\.1:3000\/items\//, 'permalinks on the service the settings describe');
  const bad = await client.callTool({ name: 'search_archive', arguments: { q: 'xdp', limit: 0 } });
  t.same(bad, { isError: true, content: [{ type: 'text', text: 'invalid query parameter "limit": must be >= 1' }] });
  const id = '5-the-cost-of-bpf-tail-calls';
  for (const [name, args] of [['get_item', { id }], ['related_items', { id, limit: 2 }], ['list_issues', {}], ['get_issue', { number: 4 }], ['list_facet_values', { name: 'project', limit: 5 }], ['lookup_link', { url: 'https://youtu.be/80OYrzS1dCA' }]] as const) {
    const answer = await client.callTool({ name, arguments: args });
    t.notOk(answer.isError, `${name} over stdio`);
    t.ok(answer.structuredContent, `${name}: structured, as its output schema says (the client checks)`);
  }
  const issue = await client.readResource({ uri: 'ebpf-updates://issues/4' });
  t.match((issue.contents[0] as { text: string }).text, /^# eBPF Updates #4/);
  t.match(stderr, /MCP over stdio: 5 issues \(203 items\)/, 'the start line is on stderr (stdout would break the protocol)');
});

t.test('mcp --help names the tools and the options', async (t) => {
  const { stdout } = await run(process.execPath, [CLI, 'mcp', '--help'], { env });
  t.match(stdout, /Usage: ebpf-archive mcp/);
  t.match(stdout, /--archive DIR/);
  t.match(stdout, /lookup_link/);
});

// The Inspector's CLI reads its own package.json through a path relative to the working directory: run it from its build folder.
// Untraced (test/cli/process.ts): tap's loader would record nothing of it (node_modules) but slow its every module load,
// and the `ebpf-archive mcp` it starts over stdio repeats the traced start of the first test.
const require = createRequire(import.meta.url);
const INSPECTOR = join(dirname(require.resolve('@modelcontextprotocol/inspector-cli/package.json')), 'build');
const inspector = async (args: string[]) => {
  const { stdout } = await run(...untracedCommand(process.execPath, [join(INSPECTOR, 'cli.js'), '--cli', ...args]), { cwd: INSPECTOR, env, timeout: 60_000 });
  return JSON.parse(stdout.slice(stdout.indexOf('{'))) as Record<string, unknown>;
};

t.test('the MCP Inspector (CLI mode) lists the tools and searches, over stdio', async (t) => {
  const [listed, called] = await Promise.all([
    inspector([process.execPath, CLI, 'mcp', '--archive', BLOG_POSTS, '--method', 'tools/list']),
    inspector([process.execPath, CLI, 'mcp', '--archive', BLOG_POSTS, '--method', 'tools/call', '--tool-name', 'search_archive', '--tool-arg', 'q=tail calls', '--tool-arg', 'limit=2']),
  ]);
  t.same((listed['tools'] as { name: string }[]).map((tool) => tool.name), ['search_archive', 'get_item', 'related_items', 'list_issues', 'get_issue', 'list_facet_values', 'lookup_link']);
  t.equal((called['structuredContent'] as { hits: { title: string }[] }).hits[0]?.title, 'The Cost of BPF Tail Calls');
});

t.test('the MCP Inspector (CLI mode) lists the tools, searches and reads a resource over Streamable HTTP', async (t) => {
  const app = await appFor(t, await realIndex());
  const url = `${await app.listen({ port: 0, host: '127.0.0.1' })}/mcp`;
  const [listed, called, read] = await Promise.all([
    inspector([url, '--transport', 'http', '--method', 'tools/list']),
    inspector([url, '--transport', 'http', '--method', 'tools/call', '--tool-name', 'lookup_link', '--tool-arg', 'messageId=<20210423181348.1801389-1-andrii@kernel.org>']),
    inspector([url, '--transport', 'http', '--method', 'resources/read', '--uri', 'ebpf-updates://items/5-the-cost-of-bpf-tail-calls']),
  ]);
  t.equal((listed['tools'] as unknown[]).length, 7);
  t.match(called['structuredContent'], { total: 1, items: [{ id: '5-update-libbpf-to-support-static-linking-of-multiple-elf', messageId: '20210318194036.3521577-1-andrii@kernel.org' }] });
  t.match((read['contents'] as { text: string }[])[0]?.text, /The Cost of BPF Tail Calls/);
});
