import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';

/**
 * What a validating proxy (Prism) checks of one exchange, done with ajv
 * against the OpenAPI document: the request's path and query parameters
 * against the operation's, and the answer's status, media type and body
 * against what the operation declares for that status. Prism itself needs
 * Node 24; this is its equivalent on Node 20.
 */

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema: { type?: string; items?: { type?: string } };
}
interface Operation {
  parameters?: Parameter[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
type Document = { paths: Record<string, Record<string, Operation>> };

export interface Exchange {
  method: string;
  url: string;
  status: number;
  contentType: unknown;
  body: string;
}

const ID = 'https://archive.example/openapi.json';
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export class OpenapiCheck {
  readonly #document: Document;
  readonly #ajv = new Ajv2020({ strict: false, allErrors: true });
  readonly #validators = new Map<string, ValidateFunction>();
  readonly #templates: { template: string; pattern: RegExp; names: string[] }[];

  constructor(document: Record<string, unknown>) {
    this.#document = document as unknown as Document;
    (formats as unknown as { default: (a: Ajv2020) => Ajv2020 }).default(this.#ajv);
    this.#ajv.addSchema({ ...document, $id: ID });
    // Literal paths before templated ones, so /items/{id}/page never reads as an id.
    this.#templates = Object.keys(this.#document.paths)
      .map((template) => ({
        template,
        names: [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '([^/]+)')}$`),
      }))
      .sort((a, b) => a.names.length - b.names.length);
  }

  /** The operation a request reaches, with its path parameters; undefined when the document has none. */
  operation(method: string, path: string): { template: string; operation: Operation; pathParams: Record<string, string> } | undefined {
    for (const { template, pattern, names } of this.#templates) {
      const match = pattern.exec(path);
      const operation = this.#document.paths[template]?.[method.toLowerCase()];
      if (match && operation) return { template, operation, pathParams: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)])) };
    }
    return undefined;
  }

  #validator(key: string, ...parts: string[]): ValidateFunction {
    let validate = this.#validators.get(key);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: `${ID}#/${pointer(...parts)}` });
      this.#validators.set(key, validate);
    }
    return validate;
  }

  /** What is wrong with the request by the document; empty when the document allows it. */
  requestViolations(method: string, url: string): string[] {
    const { path, query } = split(url);
    const found = this.operation(method, path);
    if (!found) return [`${method} ${path}: no such operation`];
    const problems: string[] = [];
    for (const [i, parameter] of (found.operation.parameters ?? []).entries()) {
      if (parameter.in !== 'query' && parameter.in !== 'path') continue;
      const raw = parameter.in === 'path' ? (found.pathParams[parameter.name] === undefined ? [] : [found.pathParams[parameter.name]!]) : query.getAll(parameter.name);
      if (raw.length === 0) {
        if (parameter.required) problems.push(`${parameter.name}: required`);
        continue;
      }
      // Form style, exploded: an array is the repeated parameter; anything else is its one value.
      const value = parameter.schema.type === 'array' ? raw.map((v) => coerce(v, parameter.schema.items?.type)) : coerce(raw[raw.length - 1]!, parameter.schema.type);
      const validate = this.#validator(`${found.template} ${method} ${i}`, 'paths', found.template, method.toLowerCase(), 'parameters', String(i), 'schema');
      if (!validate(value)) problems.push(`${parameter.name}=${JSON.stringify(value)}: ${this.#ajv.errorsText(validate.errors)}`);
    }
    return problems;
  }

  /** What is wrong with the answer by the document: an undeclared status or media type, or a body off its schema. */
  responseViolations(exchange: Exchange): string[] {
    const { path } = split(exchange.url);
    const found = this.operation(exchange.method, path);
    // A path the document does not have: a 404 is the only right answer (Prism's too).
    if (!found) return exchange.status === 404 ? [] : [`${exchange.method} ${path}: no such operation, answered ${exchange.status}`];
    const where = `${exchange.method} ${exchange.url} ${exchange.status}`;
    const status = String(exchange.status);
    const declared = found.operation.responses[status] ?? found.operation.responses[`${status[0]}XX`] ?? found.operation.responses['default'];
    if (!declared) return [`${where}: status not declared (declared: ${Object.keys(found.operation.responses).join(', ')})`];
    if (!declared.content) return exchange.body === '' || exchange.status === 304 ? [] : [`${where}: a body where the document declares none`];
    const type = String(exchange.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    const media = declared.content[type];
    if (!media) return [`${where}: media type "${type}" not declared (declared: ${Object.keys(declared.content).join(', ')})`];
    let body: unknown = exchange.body;
    if (/json/.test(type)) {
      try {
        body = JSON.parse(exchange.body);
      } catch {
        return [`${where}: not JSON`];
      }
    }
    const responseKey = found.operation.responses[status] ? status : found.operation.responses[`${status[0]}XX`] ? `${status[0]}XX` : 'default';
    const validate = this.#validator(`${found.template} ${exchange.method} ${responseKey} ${type}`, 'paths', found.template, exchange.method.toLowerCase(), 'responses', responseKey, 'content', type, 'schema');
    return validate(body) ? [] : [`${where}: ${this.#ajv.errorsText(validate.errors)}`];
  }
}

/** Path and query as the server sees them: no dot-segment normalising, which would change the path. */
function split(url: string): { path: string; query: URLSearchParams } {
  const at = url.indexOf('?');
  return at < 0 ? { path: url, query: new URLSearchParams() } : { path: url.slice(0, at), query: new URLSearchParams(url.slice(at + 1)) };
}

/** A query value as a server reading the document would take it: numbers and booleans from their text. */
function coerce(value: string, type: string | undefined): unknown {
  if ((type === 'integer' || type === 'number') && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}
