import { readFileSync } from 'node:fs';
import t from 'tap';
import { openapiDocument } from '../../src/http/openapi-document.js';
import { appFor, realIndex } from '../http/helpers.js';
import { OpenapiCheck } from './openapi-check.js';

/**
 * Every `curl` line of the README, replayed against the real archive as a
 * newcomer would paste it: each answers 2xx with something in it (no empty
 * list where the example promises results), and request and answer both
 * hold to the OpenAPI document.
 */
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const TOKEN = 'readme-example-token-0123456789abcdef';

interface Example {
  line: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  /** What `-d` sends. */
  body?: string;
}

function examples(): Example[] {
  const found: Example[] = [];
  for (const line of README.split('\n')) {
    const curl = /^curl (.*?)'http:\/\/127\.0\.0\.1:3000([^']*)'/.exec(line);
    if (!curl) continue;
    const options = curl[1]!;
    const headers: Record<string, string> = {};
    for (const [, header] of options.matchAll(/-H ['"]([^'"]+)['"]/g)) {
      const [name, ...value] = header!.split(':');
      headers[name!.trim().toLowerCase()] = value.join(':').trim().replace('$ADMIN_TOKEN', TOKEN);
    }
    const body = /\s-d '([^']*)'/.exec(line)?.[1];
    found.push({ line, method: /-X (\w+)/.exec(options)?.[1] ?? 'GET', url: curl[2]!, headers, ...(body !== undefined ? { body } : {}) });
  }
  return found;
}

/** The lists of results an answer holds (hits, feed items, issues, suggestions, facet values) that came back empty. */
function emptyResults(body: Record<string, unknown>): string[] {
  return ['hits', 'items', 'issues', 'suggestions', 'values'].filter((key) => Array.isArray(body[key]) && (body[key] as unknown[]).length === 0);
}

const index = await realIndex();
const check = new OpenapiCheck(await openapiDocument());

t.test('the README has curl examples for every public operation', async (t) => {
  const reached = new Set(examples().map((e) => check.operation(e.method, e.url.split('?')[0]!)?.template));
  for (const template of ['/search', '/items/{id}', '/items/{id}/page', '/items/{id}/related', '/issues', '/issues/{number}', '/feed.atom', '/feed.rss', '/feed.json', '/facets', '/facets/{name}', '/suggest', '/healthz', '/readyz', '/items', '/mcp', '/opensearch.xml']) {
    t.ok(reached.has(template), `${template} has an example`);
  }
});

t.test('every README curl example answers something meaningful, within the document', async (t) => {
  // The reload itself is the service's (tested there); here its answer's shape is the point.
  const reload = async (reason: string) => ({ status: 'unchanged' as const, reason, issues: 5, items: index.items.length, problems: 0, changed: [], revision: null, loadedAt: new Date().toISOString(), tookMs: 1 });
  const app = await appFor(t, index, { adminToken: TOKEN, reload });
  const all = examples();
  t.ok(all.length >= 20, `${all.length} examples`);
  for (const example of all) {
    const res = await app.inject({ method: example.method as 'GET', url: example.url, headers: example.headers, ...(example.body !== undefined ? { payload: example.body } : {}) });
    const where = example.line;
    t.same(check.requestViolations(example.method, example.url), [], `${where}: the request is one the document allows`);
    t.same(check.responseViolations({ method: example.method, url: example.url, status: res.statusCode, contentType: res.headers['content-type'], body: res.body }), [], `${where}: the answer is the one the document declares`);
    t.ok(res.statusCode >= 200 && res.statusCode < 300, `${where}: ${res.statusCode}`);
    const type = String(res.headers['content-type']);
    if (type.includes('json')) {
      const parsed = res.json() as Record<string, unknown>;
      // An MCP answer is JSON-RPC: its results are in the tool's structured content.
      const body = ((parsed['result'] as Record<string, unknown> | undefined)?.['structuredContent'] ?? parsed) as Record<string, unknown>;
      t.notOk(parsed['error'] ?? (parsed['result'] as Record<string, unknown> | undefined)?.['isError'], `${where}: no error`);
      t.same(emptyResults(body), [], `${where}: results`);
      if (typeof body['total'] === 'number') t.ok(body['total'] > 0, `${where}: total ${body['total']}`);
    } else if (type.includes('xml')) {
      t.match(res.body, /<entry>|<item>|<OpenSearchDescription /, `${where}: entries`);
    } else {
      t.ok(res.body.length > 200, `${where}: a page`);
    }
  }
});
