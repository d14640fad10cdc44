import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { restOver } from '../mcp/in-process.js';
import type { RestCall } from '../mcp/tools.js';
import { publicBase } from '../public-base.js';
import type { RouteOptions } from '../route-options.js';
import { ErrorSchema, JsonRpcErrorSchema, JsonRpcMessageSchema } from '../schemas/index.js';

/** Loopback pages (the MCP Inspector's, a local tool's): never a rebinding attack, which can only bring a foreign Origin. */
const LOOPBACK = /^https?:\/\/(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(?::\d{1,5})?$/i;

/**
 * Whether a browser on `origin` may drive /mcp (the MCP specification's
 * defence against DNS rebinding): no Origin (not a browser), a loopback page,
 * PUBLIC_URL's own origin, or one CORS_ORIGINS lists. `*` opens the read-only
 * REST API to every site, not the tool endpoint: list the origins to open it.
 */
export function mcpOriginAllowed(origin: string | undefined, corsOrigins: '*' | string[], publicUrl: string | undefined): boolean {
  if (origin === undefined) return true;
  if (LOOPBACK.test(origin)) return true;
  if (publicUrl !== undefined && new URL(publicUrl).origin === origin) return true;
  return corsOrigins !== '*' && corsOrigins.includes(origin);
}

/** Deeper JSON than any MCP message needs; deeper input would only exhaust the stack of a parser downstream. */
export const MAX_MESSAGE_DEPTH = 32;

/** How deeply `value` nests (arrays and objects), stopping once past `limit`. */
function depthOf(value: unknown, limit: number, depth = 0): number {
  if (depth > limit || value === null || typeof value !== 'object') return depth;
  let deepest = depth + 1;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, limit, depth + 1));
    if (deepest > limit) break;
  }
  return deepest;
}

/**
 * The body read once: what the transport must not see (a JSON-RPC batch, which
 * MCP 2025-06-18 removed, each call in it a request the rate limit never
 * counts, a hundred searches for the price of one; or JSON nested past
 * MAX_MESSAGE_DEPTH), else the parsed message, handed on so it is not parsed
 * twice. Malformed JSON is neither: the transport reads it and answers with its parse error.
 */
function readMessage(body: string): { refused: string } | { parsed: unknown } | null {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    return null;
  }
  if (Array.isArray(message)) return { refused: 'JSON-RPC batches are not accepted (MCP 2025-06-18 removed them): send one message per POST' };
  if (depthOf(message, MAX_MESSAGE_DEPTH) > MAX_MESSAGE_DEPTH) return { refused: `the message nests deeper than ${MAX_MESSAGE_DEPTH} levels` };
  return { parsed: message };
}

const rpcError = (reply: FastifyReply, status: number, code: number, message: string) =>
  reply.code(status).header('cache-control', 'no-store').type('application/json; charset=utf-8').send({ jsonrpc: '2.0', error: { code, message }, id: null });

/** Request headers as the transport reads them (Accept, Content-Type, MCP-Protocol-Version). */
function webHeaders(request: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/** The MCP SDK and the server on it: loaded once the service listens, so start-up (and every other command) never waits for them. */
const loadModules = async () => {
  const [server, transport, { AjvJsonSchemaValidator }] = await Promise.all([
    import('../mcp/mcp-server.js'),
    import('@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'),
    import('@modelcontextprotocol/sdk/validation/ajv'),
  ]);
  return { createMcpServer: server.createMcpServer, Transport: transport.WebStandardStreamableHTTPServerTransport, validator: new AjvJsonSchemaValidator() };
};

const routes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { publicUrl, corsOrigins, internal }) => {
  let modules: ReturnType<typeof loadModules> | undefined;
  const mcp = () => (modules ??= loadModules());
  app.addHook('onListen', (done) => {
    void mcp();
    done();
  });

  // The body reaches the transport as sent, so a malformed one is its JSON-RPC parse error (-32700), and a
  // wrong media type its 415, rather than the REST error shape. Only this plugin's routes parse this way.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  /** The REST routes, called in-process as this client would (its Host, proxy headers and address: the same permalinks). */
  const restFor = (request: FastifyRequest): RestCall => {
    const forwarded = Object.fromEntries(['host', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto'].flatMap((name) => (request.headers[name] === undefined ? [] : [[name, request.headers[name]!]])));
    return restOver(app, { ...forwarded, [internal.header]: internal.key }, request.socket.remoteAddress);
  };

  app.post(
    '/mcp',
    {
      // The transport answers every malformed message with a JSON-RPC error; the body schema is for the document only.
      attachValidation: true,
      config: { cache: false },
      schema: {
        tags: ['agents'],
        operationId: 'mcp',
        summary: 'Model Context Protocol (Streamable HTTP, stateless): the archive as tools and resources for agents',
        description:
          'JSON-RPC 2.0 messages of MCP (initialize, tools/list, tools/call, resources/list, resources/read, ...), one POST each, answered as `application/json`; no session, no server-sent stream. Send `Accept: application/json, text/event-stream`. Tools: search_archive, get_item, related_items, list_issues, get_issue, list_facet_values, lookup_link (see the README). A browser `Origin` must be a loopback page, PUBLIC_URL or one of CORS_ORIGINS.',
        body: Type.Ref(JsonRpcMessageSchema),
        response: {
          200: { description: 'The JSON-RPC response (a result, or an error for a malformed message).', content: { 'application/json': { schema: Type.Ref(JsonRpcMessageSchema) } } },
          202: { type: 'null', description: 'Accepted: the message was a notification or a response; nothing to answer.' },
          400: { description: 'Not a JSON-RPC message (-32700 parse error, -32600 invalid request), a batch (one message per POST), or nested deeper than 32 levels.', content: { 'application/json': { schema: Type.Ref(JsonRpcErrorSchema) } } },
          403: { description: 'A browser Origin that may not use this endpoint (DNS rebinding defence).', content: { 'application/json': { schema: Type.Ref(JsonRpcErrorSchema) } } },
          406: { description: 'Accept does not include application/json and text/event-stream.', content: { 'application/json': { schema: Type.Ref(JsonRpcErrorSchema) } } },
          413: { ...Type.Ref(ErrorSchema), description: 'A body over 16 kB, refused before it is read.' },
          415: { description: 'Content-Type is not application/json.', content: { 'application/json': { schema: Type.Ref(JsonRpcErrorSchema) } } },
        },
      },
    },
    async (request, reply) => {
      if (!mcpOriginAllowed(request.headers.origin, corsOrigins, publicUrl)) {
        return rpcError(reply, 403, -32000, `Origin ${request.headers.origin} may not use /mcp: it is not a loopback page, PUBLIC_URL or one of CORS_ORIGINS`);
      }
      const body = typeof request.body === 'string' ? request.body : '';
      const message = readMessage(body);
      if (message && 'refused' in message) return rpcError(reply, 400, -32600, message.refused);
      const { createMcpServer, Transport, validator } = await mcp();
      const server = createMcpServer({ call: restFor(request), index: () => app.searchIndex, base: publicBase(request, publicUrl), validator });
      const transport = new Transport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      try {
        await server.connect(transport);
        const response = await transport.handleRequest(new Request(`http://localhost${request.url}`, { method: 'POST', headers: webHeaders(request), body }), message ? { parsedBody: message.parsed } : undefined);
        (reply as FastifyReply).code(response.status).header('cache-control', 'no-store');
        response.headers.forEach((value, name) => void reply.header(name, value));
        const text = await response.text();
        return reply.send(text === '' ? undefined : text);
      } finally {
        await transport.close();
        await server.close();
      }
    },
  );

  // Stateless: no stream to open with GET, no session to end with DELETE (what the specification allows a server to say with 405).
  for (const method of ['GET', 'DELETE', 'PUT', 'PATCH'] as const) {
    app.route({
      method,
      url: '/mcp',
      config: { cache: false },
      schema: { hide: true },
      handler: async (_request, reply) => rpcError(reply.header('allow', 'POST'), 405, -32000, `${method} /mcp: this server is stateless; send each JSON-RPC message as a POST`),
    });
  }
};

export default routes;
