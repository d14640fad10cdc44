import type { Answers } from './answers.js';
import type { ReloadOutcomeBody } from './schemas/index.js';

/** What every route plugin is registered with: one object, each route reading what it needs. */
export interface RouteOptions {
  /** The serialized answers every route keeps (bounded in bytes). */
  answers: Answers;
  /** Absolute base for permalinks (`https://archive.example`); default: the origin of each request. */
  publicUrl?: string;
  /** Longest a search may run before it is abandoned with a 400 (ms). */
  budgetMs?: number;
  /** Bearer token of POST /admin/reload; without it the admin API answers 404. */
  adminToken?: string;
  /** Rebuilds the index (the service's reloader); what POST /admin/reload calls. */
  reload?: (reason: string) => Promise<ReloadOutcomeBody>;
  /** Where the built widget (widget.js) is; default dist/widget of this checkout. */
  widgetDir?: string;
  /** Origins allowed to call from a browser (CORS_ORIGINS); /mcp checks Origin against them. */
  corsOrigins: '*' | string[];
  /** Marks the app's own in-process requests (MCP tools calling REST routes): never rate-limited twice, never logged twice. */
  internal: InternalCalls;
}

/** The header and the per-app secret that mark an in-process request; the secret never leaves the process. */
export interface InternalCalls {
  header: string;
  key: string;
}
