/** The Fastify application: the public face of src/http. */
export { buildApp, type AppOptions } from './app.js';
export { DEFAULT_ANSWER_CACHE_BYTES } from './answers.js';
export { DEFAULT_CACHE_MAX_AGE } from './plugins/caching.js';
export { DEFAULT_RATE_LIMIT, type RateLimitOptions } from './plugins/protection.js';
export { DEFAULT_MAX_CONNECTIONS, DEFAULT_REQUEST_TIMEOUT_MS, type NetworkOptions } from './server-options.js';
export { openapiDocument, formatOpenapi } from './openapi-document.js';
export { hitBody } from './present.js';
export type { McpOptions } from './mcp/mcp-server.js';
/** The MCP server's factory, loaded on first use: the SDK costs ~200 ms of start-up that only MCP needs. */
export const loadMcpServer = async () => (await import('./mcp/mcp-server.js')).createMcpServer;
export { restOver } from './mcp/in-process.js';
export { TOOLS, type RestCall } from './mcp/tools.js';
export type { ErrorBody, FacetsBody, HitBody, ItemBody, ReloadOutcomeBody } from './schemas/index.js';
