import { createConfig, lintFromString } from '@redocly/openapi-core';
import t from 'tap';
import { openapiDocument } from '../../src/http/openapi-document.js';
import { appFor, realIndex } from '../http/helpers.js';

/** The document as Swagger UI, redocly and client generators read it. */
type Parameter = { name: string; in: string; required?: boolean; example?: unknown; examples?: unknown; schema: { default?: unknown; example?: unknown; examples?: unknown } };
type Operation = { operationId?: string; tags?: string[]; parameters?: Parameter[]; responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, unknown> }> };
const document = (await openapiDocument()) as { paths: Record<string, Record<string, Operation>>; servers: { url: string }[]; info: { license?: { name: string } }; tags: { name: string; description?: string }[] };
const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ where: `${method.toUpperCase()} ${path}`, operation })));

t.test('redocly lint (recommended rules) finds nothing', async (t) => {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: '/openapi.json', config });
  t.same(
    problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`),
    [],
  );
});

t.test('only what has no default and must be given is required', async (t) => {
  const required = operations.flatMap(({ where, operation }) => (operation.parameters ?? []).filter((p) => p.required).map((p) => `${where} ${p.in} ${p.name}`));
  t.same(required.filter((r) => / query /.test(r)), ['GET /suggest query q'], 'the one required query parameter');
  for (const { where, operation } of operations) {
    for (const p of operation.parameters ?? []) if (p.schema.default !== undefined) t.notOk(p.required, `${where} ${p.name} has a default, so it is optional`);
  }
});

t.test('no parameter example fills Swagger UI\'s form: "Try it out" starts from an empty search', async (t) => {
  for (const { where, operation } of operations) {
    for (const p of operation.parameters ?? []) {
      const filled = [p.example, p.examples, p.schema.example, p.schema.examples].some((value) => value !== undefined);
      t.notOk(filled, `${where} ${p.name}`);
    }
  }
});

t.test('each operation has a unique operationId, tags that are described, and states its security', async (t) => {
  const ids = operations.map(({ operation }) => operation.operationId);
  t.notOk(ids.includes(undefined), 'every operation has an operationId');
  t.equal(new Set(ids).size, ids.length, 'unique');
  const described = new Set(document.tags.filter((tag) => tag.description).map((tag) => tag.name));
  for (const { where, operation } of operations) for (const tag of operation.tags ?? []) t.ok(described.has(tag), `${where}: tag ${tag} is described`);
  t.equal(document.info.license?.name, 'MIT');
});

t.test('the answers every route can give are declared: 304, 400, 408, 414, 429 and 503 with Retry-After', async (t) => {
  const search = document.paths['/search']!['get']!;
  for (const status of ['200', '304', '400', '408', '414', '429', '503']) t.ok(search.responses[status], `/search declares ${status}`);
  t.ok(search.responses['503']!.headers?.['retry-after'], '503 says when to retry');
  t.ok(search.responses['429']!.headers?.['retry-after']);
  t.same(Object.keys(document.paths['/items/{id}']!['get']!.responses['200']!.content ?? {}), ['application/json'], 'the permalink is JSON for a client that asks for JSON');
  t.same(Object.keys(document.paths['/widget.js']!['get']!.responses['200']!.content ?? {}), ['text/javascript']);
});

t.test('servers is PUBLIC_URL when set, else the serving origin', async (t) => {
  t.same(document.servers, [{ url: '/' }]);
  const app = await appFor(t, await realIndex(), { publicUrl: 'https://archive.example' });
  t.same((await app.inject({ url: '/openapi.json' })).json().servers, [{ url: 'https://archive.example' }]);
  const widget = await app.inject({ url: '/widget.js' });
  t.equal(widget.headers['content-type'], 'text/javascript; charset=utf-8', 'sent as declared');
});
