/**
 * The public face of src/http. What loads Fastify, TypeBox and the plugins
 * (half a second) is loaded on first use: a service reads its archive while
 * they load, and a command that serves nothing never loads them.
 */
export type { AppOptions } from './app.js';
/** `buildApp`, the Fastify application. */
export const loadApp = async () => (await import('./app.js')).buildApp;
export { DEFAULT_ANSWER_CACHE_BYTES, DEFAULT_CACHE_MAX_AGE, DEFAULT_RATE_LIMIT, DEFAULT_MAX_CONNECTIONS, DEFAULT_REQUEST_TIMEOUT_MS, type RateLimitOptions } from './defaults.js';
export type { NetworkOptions } from './server-options.js';
/** `openapiDocument` (the app's, built to read it) and `formatOpenapi`. */
export const loadOpenapi = async () => import('./openapi-document.js');
export { hitBody } from './present.js';
export type { McpOptions } from './mcp/mcp-server.js';
/** The MCP server's factory: the SDK costs ~200 ms of start-up that only MCP needs. */
export const loadMcpServer = async () => (await import('./mcp/mcp-server.js')).createMcpServer;
export { restOver } from './mcp/in-process.js';
export type { RestCall } from './mcp/tools.js';
export type { ErrorBody, FacetsBody, HitBody, ItemBody, ReloadOutcomeBody } from './schemas/index.js';
