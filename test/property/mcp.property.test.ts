import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import t from 'tap';
import { TOOLS } from '../../src/http/mcp/tools.js';
import { appFor, realIndex } from '../http/helpers.js';
import { runs, SEED } from './seed.js';

/**
 * POST /mcp fed arbitrary tool calls and resource reads: every answer is
 * HTTP 200 with one JSON-RPC response; a tool answers either a result its
 * output schema allows, with a text rendering, or a tool error with a
 * message; nothing else (no 5xx, no protocol error for bad arguments).
 */
t.comment(`fast-check seed ${SEED} (FC_SEED to change)`);
const index = await realIndex();
const ajv = new Ajv2020.default({ strict: false, allErrors: false });
addFormats.default(ajv);
const outputs = new Map(TOOLS.map((tool) => [tool.name, ajv.compile(tool.outputSchema)]));

const scalar = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.constantFrom('', 'xdp', 'tail calls', '"tail', 'kernel:>=5.12', 'author:"Paul Chaignon"', 'mid:<a@b>', '5-the-cost-of-bpf-tail-calls', '../../etc/passwd', '%2e%2e', 'author', 'kernel', 'colour', '5.13', '2021-03', '2026-12-01T00:00:00Z', 'https://youtu.be/80OYrzS1dCA', '<20210423181348.1801389-1-andrii@kernel.org>', 'Infinity', '__proto__'),
  fc.integer({ min: -3, max: 20000 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const argument = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), scalar, { maxKeys: 2 }) });
const toolCall = fc.constantFrom(...TOOLS).chain((tool) => {
  const names = Object.keys((tool.inputSchema['properties'] ?? {}) as object);
  return fc.record({
    name: fc.oneof({ weight: 9, arbitrary: fc.constant(tool.name) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }),
    arguments: fc.dictionary(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.constantFrom('colour', '__proto__', 'constructor', '') }), argument, { maxKeys: 4 }),
  });
});
const resourceUri = fc.oneof(
  fc.constantFrom('ebpf-updates://issues/5', 'ebpf-updates://issues/0', 'ebpf-updates://items/5-the-cost-of-bpf-tail-calls', 'ebpf-updates://items/%E0%A4%A', 'ebpf-updates://items/..%2F..', 'file:///etc/passwd', ''),
  fc.string({ maxLength: 40 }).map((s) => `ebpf-updates://${s}`),
);
const message = fc.oneof(
  { weight: 6, arbitrary: toolCall.map((params) => ({ method: 'tools/call', params })) },
  { weight: 2, arbitrary: resourceUri.map((uri) => ({ method: 'resources/read', params: { uri } })) },
  { weight: 1, arbitrary: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 6 }), fc.integer({ min: -1, max: 1000 }).map(String)).map((cursor) => ({ method: 'resources/list', params: cursor === undefined ? {} : { cursor } })) },
  { weight: 1, arbitrary: fc.constantFrom('tools/list', 'resources/templates/list', 'ping', 'prompts/list', 'no/such/method').map((method) => ({ method, params: {} })) },
);

t.test('any tool call, resource read or listing: one JSON-RPC answer; results as their schemas say, bad arguments as tool errors', async (t) => {
  const app = await appFor(t, index);
  const kinds = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(message, fc.integer({ min: 1, max: 1e6 }), async (sent, id) => {
      const res = await app.inject({
        method: 'POST',
        url: '/mcp',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        payload: JSON.stringify({ jsonrpc: '2.0', id, ...sent }),
      });
      if (res.statusCode !== 200) throw new Error(`${JSON.stringify(sent)} answered HTTP ${res.statusCode}: ${res.body.slice(0, 300)}`);
      const answer = res.json() as { jsonrpc: string; id: number; result?: Record<string, unknown>; error?: { code: number; message: string } };
      if (answer.jsonrpc !== '2.0' || answer.id !== id || (answer.result === undefined) === (answer.error === undefined)) throw new Error(`not one JSON-RPC response: ${res.body.slice(0, 300)}`);
      if (answer.error) {
        if (typeof answer.error.message !== 'string' || !Number.isInteger(answer.error.code)) throw new Error(`a malformed error: ${res.body}`);
        // Protocol errors are for what is not a tool call at all; a known tool's bad arguments are tool errors.
        const known = sent.method === 'tools/call' && TOOLS.some((tool) => tool.name === (sent.params as { name: string }).name);
        if (known) throw new Error(`a protocol error for a call of a known tool: ${JSON.stringify(sent)} -> ${res.body.slice(0, 300)}`);
        kinds.set('protocol error', (kinds.get('protocol error') ?? 0) + 1);
        return;
      }
      if (sent.method !== 'tools/call') return void kinds.set(sent.method, (kinds.get(sent.method) ?? 0) + 1);
      const result = answer.result!;
      const text = (result['content'] as { type: string; text: string }[] | undefined)?.[0]?.text;
      if (typeof text !== 'string' || text === '') throw new Error(`a tool answer without text: ${res.body.slice(0, 300)}`);
      if (result['isError'] === true) return void kinds.set('tool error', (kinds.get('tool error') ?? 0) + 1);
      const validate = outputs.get((sent.params as { name: string }).name)!;
      if (!validate(result['structuredContent'])) throw new Error(`${JSON.stringify(sent)}: structured content outside its schema: ${ajv.errorsText(validate.errors)}`);
      kinds.set('tool result', (kinds.get('tool result') ?? 0) + 1);
    }),
    runs(600),
  );
  t.ok((kinds.get('tool result') ?? 0) > 10 && (kinds.get('tool error') ?? 0) > 100, `answers by kind: ${JSON.stringify(Object.fromEntries(kinds))}`);
});
