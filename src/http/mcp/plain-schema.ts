import { SCHEMAS } from '../schemas/index.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const byId = new Map<string, unknown>(SCHEMAS.map((schema) => [schema.$id ?? '', schema]));

/**
 * A route schema as a self-contained JSON Schema, for MCP tool declarations:
 * `$ref`s to the API's registered schemas inlined (an MCP client validates a
 * tool's output with the tool's schema alone, no registry), `$id`s and
 * TypeBox's symbol keys dropped, and, with `optionalDefaults`, a property
 * with a default no longer required (the REST route fills it in).
 */
export function plainSchema(schema: unknown, options: { optionalDefaults?: boolean } = {}): { [key: string]: Json } {
  const inline = (node: unknown, seen: readonly string[]): Json => {
    if (Array.isArray(node)) return node.map((n) => inline(n, seen));
    if (node === null || typeof node !== 'object') return node as Json;
    const record = node as Record<string, unknown>;
    const ref = record['$ref'];
    if (typeof ref === 'string') {
      const target = byId.get(ref);
      if (!target || seen.includes(ref)) throw new Error(`cannot inline $ref ${ref}`);
      const { $ref: _ref, ...rest } = record;
      return { ...(inline(target, [...seen, ref]) as Record<string, Json>), ...(inline(rest, seen) as Record<string, Json>) };
    }
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(record)) if (key !== '$id' && value !== undefined) out[key] = inline(value, seen);
    return out;
  };
  const plain = inline(schema, []) as { [key: string]: Json };
  if (options.optionalDefaults && Array.isArray(plain['required'])) {
    const properties = (plain['properties'] ?? {}) as Record<string, { default?: Json }>;
    plain['required'] = plain['required'].filter((name) => typeof name !== 'string' || properties[name]?.default === undefined);
  }
  return plain;
}
