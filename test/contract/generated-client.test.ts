import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import openapiTS, { astToString } from 'openapi-typescript';
import t from 'tap';
import ts from 'typescript';
import { appFor, realIndex } from '../http/helpers.js';

/**
 * A client author's path: generate TypeScript types from the document the
 * server serves (openapi-typescript), write calls with openapi-fetch using
 * only what the README uses, type-check them strictly, and run them over
 * HTTP against the app. A required-but-defaulted parameter, a JSON-or-HTML
 * union or a missing operation shows up here as a type error.
 */
const TOKEN = 'generated-client-token-0123456789abcdef';
// Inside the project, so the generated code resolves openapi-fetch from node_modules.
const WORK = new URL('../../node_modules/.cache/ebpf-archive-contract/', import.meta.url);
const CALLS = new URL('./client/calls.ts', import.meta.url);

const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  types: [],
  noEmit: true,
  skipLibCheck: true,
};

// One compiler host for both checks: the libraries (lib.dom.d.ts alone is 1.5 MB), openapi-fetch's types and api.d.ts
// are parsed once. Safe because no file is written again once checked: api.d.ts and calls.ts before the first check,
// wrong.ts before the second.
const host = ts.createCompilerHost(COMPILER_OPTIONS);
const parsed = new Map<string, ts.SourceFile | undefined>();
const parse = host.getSourceFile.bind(host);
host.getSourceFile = (fileName, ...rest) => {
  if (!parsed.has(fileName)) parsed.set(fileName, parse(fileName, ...rest));
  return parsed.get(fileName);
};

function typeErrors(files: string[]): string[] {
  const program = ts.createProgram(files, COMPILER_OPTIONS, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${d.file.fileName.split('/').pop()}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
    return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

const index = await realIndex();

t.test('a client generated from the served document type-checks and works against the server', async (t) => {
  const reload = async (reason: string) => ({ status: 'unchanged' as const, reason, issues: 5, items: index.items.length, problems: 0, changed: [], revision: null, loadedAt: new Date().toISOString(), tookMs: 1 });
  const app = await appFor(t, index, { adminToken: TOKEN, reload });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const document = await (await fetch(`${base}/openapi.json`)).json();
  mkdirSync(WORK, { recursive: true });
  writeFileSync(new URL('api.d.ts', WORK), astToString(await openapiTS(document)));
  writeFileSync(new URL('package.json', WORK), '{"type":"module"}\n');
  copyFileSync(CALLS, new URL('calls.ts', WORK));
  const calls = new URL('calls.ts', WORK).pathname;

  t.same(typeErrors([calls]), [], 'the calls type-check against the generated types');

  // Run what was checked: the same source, types stripped.
  const js = ts.transpileModule(ts.sys.readFile(calls)!, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  writeFileSync(new URL('calls.mjs', WORK), js);
  const { callEveryEndpoint } = (await import(new URL('calls.mjs', WORK).href)) as { callEveryEndpoint: (base: string, token: string) => Promise<Record<string, unknown>> };
  const got = await callEveryEndpoint(base, TOKEN);
  t.equal(got['searchTitle'], 'The Cost of BPF Tail Calls');
  t.equal(got['searchTotal'], 2, 'both items that speak of tail calls');
  t.ok((got['typoTitles'] as string[]).some((title) => /libbpf/i.test(title)), 'a typo still finds libbpf');
  t.ok((got['fieldedKernels'] as string[]).length > 0, 'facets came back');
  t.ok((got['filteredAuthors'] as string[]).some((name) => name === 'KP Singh' || name === 'Andrii Nakryiko'));
  t.same(got['itemAuthors'], ['Paul Chaignon']);
  t.equal(got['pageTitle'], 'The Cost of BPF Tail Calls — eBPF Updates archive');
  t.type(got['relatedReasons'], 'object');
  t.same(got['issueNumbers'], [5, 4, 3, 2, 1]);
  t.ok((got['issueItems'] as number) > 10);
  t.ok((got['atomEntries'] as number) > 1 && (got['rssItems'] as number) > 1, 'feeds read as text');
  t.ok((got['jsonFeedUrls'] as string[]).length > 0);
  t.same(got['facetNames'], ['author', 'project', 'kernel', 'section', 'issue', 'year']);
  t.type(got['firstAuthor'], 'string');
  t.equal(got['suggestion'], 'tail');
  t.equal(got['healthy'], 'ok');
  t.equal(got['readiness'], 'ready');
  t.equal(got['reloaded'], 'unchanged');
  t.ok((got['widgetBytes'] as number) > 1000);
  t.equal(got['demoHasWidget'], true);
});

t.test('the generated types do catch a call the document does not allow', async (t) => {
  // Needs api.d.ts from the test above (tap runs a file's tests in order).
  const wrong = new URL('wrong.ts', WORK);
  writeFileSync(
    wrong,
    `import createClient from 'openapi-fetch';
import type { paths } from './api.js';
const client = createClient<paths>({ baseUrl: 'http://127.0.0.1' });
export const noQuery = client.GET('/suggest', { params: { query: {} } });
export const badLimit = client.GET('/search', { params: { query: { q: 'x', limit: 'ten' } } });
export const noSuchField = client.GET('/items/{id}', { params: { path: { id: 'x' } } }).then((r) => r.data?.nope);
`,
  );
  const errors = typeErrors([wrong.pathname]);
  t.equal(errors.length, 3, errors.join('\n'));
  t.match(errors.join('\n'), /wrong\.ts:4 .*\bq\b/, 'a missing required parameter');
  t.match(errors.join('\n'), /wrong\.ts:5 .*string.*number/s, 'a parameter of the wrong type');
  t.match(errors.join('\n'), /wrong\.ts:6 .*nope/, 'a field the item does not have');
});
