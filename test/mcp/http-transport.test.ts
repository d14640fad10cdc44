import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import t, { type Test } from 'tap';
import { RESOURCES_PER_PAGE } from '../../src/http/mcp/resources.js';
import { appFor, realIndex } from '../http/helpers.js';

/**
 * The MCP endpoint as an agent's client reaches it: the official SDK's
 * Client over Streamable HTTP against the app listening on the real archive.
 * The client checks every structured result against the tool's declared
 * output schema itself, so a call that succeeds here is a result that schema allows.
 */
const index = await realIndex();

async function connected(t: Test, options: Parameters<typeof appFor>[2] = {}) {
  const app = await appFor(t, index, options);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const client = new Client({ name: 'archive-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
  t.teardown(() => client.close());
  return { app, url, client };
}

const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST' as const,
  url: '/mcp',
  headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
  payload: typeof body === 'string' ? body : JSON.stringify(body),
});

t.test('tools/list names every tool with a JSON Schema for its arguments and its result', async (t) => {
  const { client } = await connected(t);
  const { tools } = await client.listTools();
  t.same(tools.map((tool) => tool.name), ['search_archive', 'get_item', 'related_items', 'list_issues', 'get_issue', 'list_facet_values', 'lookup_link']);
  for (const tool of tools) {
    t.equal(tool.inputSchema.type, 'object', `${tool.name} takes an object`);
    t.equal(tool.outputSchema?.type, 'object', `${tool.name} declares its structured result`);
    t.notMatch(JSON.stringify(tool.outputSchema), /"\$ref"/, `${tool.name}'s output schema stands alone`);
  }
  const search = tools.find((tool) => tool.name === 'search_archive')!;
  // The arguments are the REST route's: the same filters, the same bounds, defaults not required.
  t.match(search.inputSchema.properties, { q: { type: 'string' }, author: { type: 'array' }, kernel: { type: 'array' }, mid: { type: 'array' }, since: { type: 'string' }, limit: { maximum: 100, default: 10 } });
  t.same(search.inputSchema.required ?? [], []);
  t.same(tools.find((tool) => tool.name === 'get_item')!.inputSchema.required, ['id']);
});

t.test('search_archive: hits with their places and credits, snippets as plain text', async (t) => {
  const { client } = await connected(t);
  const result = await client.callTool({ name: 'search_archive', arguments: { q: 'tail calls', limit: 3 } });
  t.notOk(result.isError);
  const structured = result.structuredContent as { total: number; hits: { id: string; title: string; permalink: string; issue: { number: number }; sectionPath: string[]; authors: string[]; snippet: string }[] };
  t.equal(structured.hits[0]?.title, 'The Cost of BPF Tail Calls');
  t.same(structured.hits[0]?.authors, ['Paul Chaignon']);
  t.match(structured.hits[0]?.permalink, /^http:\/\/127\.0\.0\.1:\d+\/items\/5-the-cost-of-bpf-tail-calls$/);
  for (const hit of structured.hits) t.notMatch(hit.snippet, /<mark>|&amp;|&lt;|&#39;/, 'no HTML in snippets');
  const text = (result.content as { type: string; text: string }[])[0]!.text;
  t.match(text, /^\d+ items? for "tail calls"\n1\. The Cost of BPF Tail Calls \(#5, New Resources › Deep Dives, 2021-03-22\) — Paul Chaignon/);

  // The filter arguments are the REST parameters: repeated values OR, fields AND.
  const filtered = await client.callTool({ name: 'search_archive', arguments: { author: ['Lorenzo Bianconi'], section: ['xdp'], limit: 50 } });
  const items = (filtered.structuredContent as { hits: { authors: string[]; sectionPath: string[] }[] }).hits;
  t.ok(items.length > 0);
  t.ok(items.every((hit) => hit.authors.includes('Lorenzo Bianconi') && hit.sectionPath.includes('XDP')));
});

t.test('every other tool answers what its REST route answers', async (t) => {
  const { app, client } = await connected(t);
  const id = '5-the-cost-of-bpf-tail-calls';
  const calls: [string, Record<string, unknown>, string][] = [
    ['get_item', { id }, `/items/${id}`],
    ['related_items', { id, limit: 3 }, `/items/${id}/related?limit=3`],
    ['list_issues', {}, '/issues'],
    ['get_issue', { number: 5 }, '/issues/5'],
    ['list_facet_values', { name: 'kernel', limit: 5 }, '/facets/kernel?limit=5'],
    ['lookup_link', { url: 'https://pchaigno.github.io/ebpf/2021/03/22/cost-bpf-tail-calls.html?utm_source=agent' }, '/items?url=https%3A%2F%2Fpchaigno.github.io%2Febpf%2F2021%2F03%2F22%2Fcost-bpf-tail-calls.html'],
  ];
  for (const [name, args, rest] of calls) {
    const result = await client.callTool({ name, arguments: args });
    t.notOk(result.isError, `${name} succeeds`);
    const answer = await app.inject({ url: rest, headers: { host: new URL(app.listeningOrigin).host } });
    const expected = answer.json() as Record<string, unknown>;
    // The REST lookup echoes the link as matched; the tool's arguments carried a tracking parameter that does not count.
    t.same(result.structuredContent, expected, `${name} is ${rest}`);
    t.ok(((result.content as { text: string }[])[0]?.text ?? '').length > 0, `${name} has a text rendering`);
  }
  const issue = (await client.callTool({ name: 'get_issue', arguments: { number: 5 } })).structuredContent as { items: unknown[] };
  t.equal(issue.items.length, 63, 'get_issue carries the issue\'s items');
  const newest = (await client.callTool({ name: 'list_issues', arguments: {} })).structuredContent as { newest: { number: number } };
  t.equal(newest.newest.number, 5);
});

t.test('a bad argument is a tool error with the REST 400\'s message; the session goes on', async (t) => {
  const { app, client } = await connected(t);
  const cases: [string, Record<string, unknown>, string][] = [
    ['search_archive', { q: '"tail calls' }, '/search?q=%22tail+calls'],
    ['search_archive', { q: 'xdp', colour: 'red' }, '/search?q=xdp&colour=red'],
    ['search_archive', { q: 'xdp', limit: 0 }, '/search?q=xdp&limit=0'],
    ['search_archive', { kernel: ['banana'] }, '/search?kernel=banana'],
    ['search_archive', { since: 'yesterday' }, '/search?since=yesterday'],
    ['lookup_link', { url: 'not a link' }, '/items?url=not+a+link'],
    ['lookup_link', {}, '/items'],
    ['list_facet_values', { name: 'colour' }, '/facets/colour'],
    ['get_item', { id: 'no-such-item' }, '/items/no-such-item'],
  ];
  for (const [name, args, rest] of cases) {
    const result = await client.callTool({ name, arguments: args });
    const expected = (await app.inject({ url: rest })).json() as { message: string; statusCode: number };
    t.ok(expected.statusCode >= 400 && expected.statusCode < 500, `${rest} is a ${expected.statusCode}`);
    t.same(result, { isError: true, content: [{ type: 'text', text: expected.message }] }, `${name} ${JSON.stringify(args)}: ${expected.message}`);
  }
  // Dot segments are ids like any other: the item ".." does not exist; they never reach another route.
  for (const [name, args] of [['get_item', { id: '..' }], ['get_item', { id: '.' }], ['related_items', { id: '.' }], ['get_issue', { number: '..' }], ['list_facet_values', { name: '.' }]] as const) {
    const result = await client.callTool({ name, arguments: args });
    t.equal(result.isError, true, `${name} ${JSON.stringify(args)}: a tool error`);
    t.notMatch((result.content as { text: string }[])[0]?.text, /Cannot read|undefined|exactly one of|no route/, `${name} ${JSON.stringify(args)}: said as the route says it`);
  }
  await t.rejects(client.listResources({ cursor: '1e3' }), /invalid cursor/);
  await t.rejects(client.readResource({ uri: 'ebpf-updates://issues/05' }), /no resource/);
  const missing = await client.callTool({ name: 'get_issue', arguments: {} });
  t.same(missing, { isError: true, content: [{ type: 'text', text: 'missing argument "number"' }] });
  await t.rejects(client.callTool({ name: 'no_such_tool', arguments: {} }), /unknown tool "no_such_tool"/, 'an unknown tool is a protocol error naming the tools');
  t.equal((await client.callTool({ name: 'search_archive', arguments: { q: 'xdp', limit: 1 } })).isError, undefined, 'and the next call works');
});

t.test('resources: issues and items, listed in pages and read as markdown with their links', async (t) => {
  const { client } = await connected(t);
  const { resourceTemplates } = await client.listResourceTemplates();
  t.same(resourceTemplates.map((r) => r.uriTemplate), ['ebpf-updates://issues/{number}', 'ebpf-updates://items/{id}']);
  const listed: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listResources(cursor === undefined ? {} : { cursor });
    t.ok(page.resources.length <= RESOURCES_PER_PAGE);
    listed.push(...page.resources.map((r) => r.uri));
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  t.equal(listed.length, index.issues.length + index.size, 'every issue and every item, once');
  t.equal(new Set(listed).size, listed.length);
  t.equal(listed[0], 'ebpf-updates://issues/5', 'newest issue first');

  const issue = await client.readResource({ uri: 'ebpf-updates://issues/5' });
  const text = (issue.contents[0] as { text: string }).text;
  t.match(text, /^# eBPF Updates #5: /);
  t.match(text, /\n## New Resources › Deep Dives\n/);
  t.match(text, /\[\*The Cost of BPF Tail Calls\*\]\(https:\/\/pchaigno\.github\.io\/ebpf\/2021\/03\/22\/cost-bpf-tail-calls\.html\)/);
  t.match(text, /Permalink: http:\/\/127\.0\.0\.1:\d+\/items\/5-the-cost-of-bpf-tail-calls/);
  const item = await client.readResource({ uri: 'ebpf-updates://items/5-update-libbpf-to-support-static-linking-of-multiple-elf' });
  t.match((item.contents[0] as { text: string }).text, /Kernel thread: https:\/\/lore\.kernel\.org\/bpf\/20210318194036\.3521577-1-andrii@kernel\.org\/ \(Message-ID <20210318194036\.3521577-1-andrii@kernel\.org>\)/);
  await t.rejects(client.readResource({ uri: 'ebpf-updates://issues/99' }), /no resource ebpf-updates:\/\/issues\/99/);
  await t.rejects(client.listResources({ cursor: 'banana' }), /invalid cursor/);
});

t.test('Origin is checked (DNS rebinding): loopback pages, PUBLIC_URL and listed origins only', async (t) => {
  const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } };
  const open = await appFor(t, index);
  const refused = await open.inject(post(initialize, { origin: 'http://evil.example' }));
  t.equal(refused.statusCode, 403, 'CORS_ORIGINS=* opens the REST API, not the tools');
  t.match(refused.json(), { jsonrpc: '2.0', error: { code: -32000, message: /Origin http:\/\/evil\.example may not use \/mcp/ }, id: null });
  t.equal((await open.inject(post(initialize, { origin: 'http://localhost:6274' }))).statusCode, 200, 'a loopback page (the Inspector\'s)');
  t.equal((await open.inject(post(initialize))).statusCode, 200, 'no Origin: not a browser');

  const listed = await appFor(t, index, { corsOrigins: ['https://docs.example'], publicUrl: 'https://archive.example' });
  t.equal((await listed.inject(post(initialize, { origin: 'https://docs.example' }))).statusCode, 200, 'a listed origin');
  t.equal((await listed.inject(post(initialize, { origin: 'https://archive.example' }))).statusCode, 200, 'PUBLIC_URL itself');
  t.equal((await listed.inject(post(initialize, { origin: 'https://other.example' }))).statusCode, 403);
  const preflight = await listed.inject({ method: 'OPTIONS', url: '/mcp', headers: { origin: 'https://docs.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, mcp-protocol-version' } });
  t.equal(preflight.statusCode, 204);
  t.match(preflight.headers['access-control-allow-methods'], /POST/);
});

t.test('malformed messages get JSON-RPC errors; limits apply as on every route', async (t) => {
  const app = await appFor(t, index, { rateLimit: { max: 7, allowList: [] } });
  const parse = await app.inject(post('{"jsonrpc": "2.0", "id": 1, "method": '));
  t.equal(parse.statusCode, 400);
  t.match(parse.json(), { jsonrpc: '2.0', error: { code: -32700 } });
  const invalid = await app.inject(post({ hello: 'world' }));
  t.equal(invalid.statusCode, 400);
  t.match(invalid.json(), { jsonrpc: '2.0', error: { code: -32700 } });
  const accept = await app.inject(post({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, { accept: 'text/html' }));
  t.equal(accept.statusCode, 406);
  t.match(accept.json(), { jsonrpc: '2.0', error: { message: /application\/json and text\/event-stream/ } });
  const batch = await app.inject(post(Array.from({ length: 3 }, (_, id) => ({ jsonrpc: '2.0', id, method: 'tools/list' }))));
  t.equal(batch.statusCode, 400, 'a batch: each call in it would escape the rate limit');
  t.match(batch.json(), { jsonrpc: '2.0', error: { code: -32600, message: /batches are not accepted/ } });
  let deep: unknown = 'x';
  for (let i = 0; i < 40; i++) deep = [deep];
  const nested = await app.inject(post({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'search_archive', arguments: { q: deep } } }));
  t.equal(nested.statusCode, 400);
  t.match(nested.json(), { error: { code: -32600, message: /nests deeper than 32 levels/ } });
  const put = await app.inject({ method: 'PUT', url: '/mcp' });
  t.equal(put.statusCode, 405);
  const get = await app.inject({ url: '/mcp' });
  t.equal(get.statusCode, 405);
  t.equal(get.headers['allow'], 'POST');
  t.match(get.json(), { jsonrpc: '2.0', error: { message: /stateless/ } });
  const limited = await app.inject(post({ jsonrpc: '2.0', id: 2, method: 'tools/list' }));
  t.equal(limited.statusCode, 429, 'the eighth request of this client in the window');
});

t.test('a body over the limit is refused before it is read; a tool call is one request against the rate limit', async (t) => {
  const app = await appFor(t, index, { rateLimit: { max: 2, allowList: [] } });
  const huge = await app.inject(post({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'search_archive', arguments: { q: 'x'.repeat(64 * 1024) } } }));
  t.equal(huge.statusCode, 413);
  const call = await app.inject(post({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'search_archive', arguments: { q: 'xdp' } } }));
  t.equal(call.statusCode, 200, 'its REST call is not counted again');
  t.match(call.json(), { result: { structuredContent: { total: Number } } });
});

