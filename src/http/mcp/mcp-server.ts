import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import { FACET_NAMES, type SearchIndex } from '../../search/index.js';
import { PACKAGE_INFO } from '../package-info.js';
import { listResources, readResource, TEMPLATES } from './resources.js';
import { TOOLS, type RestCall } from './tools.js';

const PACKAGE = { name: PACKAGE_INFO.name, title: 'eBPF Updates archive', version: PACKAGE_INFO.version };

const INSTRUCTIONS =
  'The archive of the eBPF Updates newsletter (ebpf.io): articles, talks, kernel patches and releases it featured. Start with search_archive; ' +
  'get_item and get_issue give whole texts; lookup_link says where the archive featured a link or a kernel mail (Message-ID); ' +
  `list_facet_values gives the exact ${FACET_NAMES.join(', ')} values the filters take. Resources: ebpf-updates://issues/{number} and ebpf-updates://items/{id}.`;

export interface McpOptions {
  /** The REST API, called in-process: tools are its routes. */
  call: RestCall;
  /** The index being served (throws while the first is built), for resources. */
  index: () => SearchIndex;
  /** The absolute base of permalinks in resources. */
  base: string;
  /**
   * The SDK's JSON Schema validator, shared by every server of one app: each
   * Server otherwise makes its own Ajv, which was half the cost of a stateless request.
   */
  validator?: jsonSchemaValidator;
}

const failure = (text: string): CallToolResult => ({ isError: true, content: [{ type: 'text', text }] });

/**
 * An MCP server over this archive (the SDK's low-level Server: tool schemas
 * come from the REST routes' TypeBox declarations, which McpServer's zod
 * schemas would have to repeat). One per HTTP request in stateless mode, one
 * per process over stdio. A bad argument is a tool error (`isError`) with the
 * REST 400's message, never a protocol error or a crash.
 */
export function createMcpServer(options: McpOptions): Server {
  const server = new Server(PACKAGE, { capabilities: { tools: {}, resources: {} }, instructions: INSTRUCTIONS, ...(options.validator ? { jsonSchemaValidator: options.validator } : {}) });
  const byName = new Map(TOOLS.map((tool) => [tool.name, tool]));

  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: TOOLS.map(({ name, title, description, inputSchema, outputSchema }) => ({
      name,
      title,
      description,
      inputSchema: inputSchema as { type: 'object' },
      outputSchema: outputSchema as { type: 'object' },
      annotations: { readOnlyHint: true, openWorldHint: false, idempotentHint: true },
    })),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const tool = byName.get(request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `unknown tool "${request.params.name}"; tools/list names them: ${TOOLS.map((t) => t.name).join(', ')}`);
    const args = request.params.arguments ?? {};
    const url = tool.url(args);
    if (typeof url !== 'string') return failure(url.invalid);
    const answer = await options.call(url);
    const body = (answer.body ?? {}) as Record<string, unknown>;
    if (answer.status !== 200) return failure(typeof body['message'] === 'string' ? body['message'] : `the archive answered ${answer.status}`);
    try {
      const structured = tool.structured(body);
      return { structuredContent: structured, content: [{ type: 'text', text: tool.text(structured) }] };
    } catch {
      // A route answered 200 with something else than its schema says: a defect here, said plainly rather than as a stack's last line.
      return failure(`${tool.name}: the archive's answer to ${url.split('?')[0]} was not the one this tool reads`);
    }
  });

  server.setRequestHandler(ListResourcesRequestSchema, (request) => {
    try {
      return listResources(options.index(), request.params?.cursor);
    } catch (error) {
      throw new McpError(ErrorCode.InvalidParams, (error as Error).message);
    }
  });
  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({ resourceTemplates: TEMPLATES }));
  server.setRequestHandler(ReadResourceRequestSchema, (request) => {
    const found = readResource(options.index(), request.params.uri, options.base);
    // -32002 is what the MCP specification names for a resource that is not there.
    if (!found) throw new McpError(-32002, `no resource ${request.params.uri}; resources/list and resources/templates/list say what there is`);
    return { contents: [found] };
  });
  return server;
}
