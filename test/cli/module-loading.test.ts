import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { SMALL_ARCHIVE } from '../archive-copy.js';
import { CLI } from './process.js';

/**
 * What the built CLI loads: the HTTP layer (Fastify, its plugins, TypeBox:
 * half a second, mostly synchronous) only when it builds an app. `serve`
 * starts reading the archive before it loads them; `search` and `index` never
 * load them. Every module a run resolves is recorded by a module hook.
 */
const LOG_HOOKS = fileURLToPath(new URL('./module-log.mjs', import.meta.url));
const HTTP_PACKAGES = /\/node_modules\/(fastify|@fastify\/[^/]+|@sinclair\/typebox|helmet|@modelcontextprotocol\/[^/]+)\//;

const httpPackagesLoadedBy = (t: Test, args: string[]): string[] => {
  const log = join(t.testdir(), 'modules.log');
  const stdout = execFileSync(process.execPath, ['--import', LOG_HOOKS, CLI, ...args], { encoding: 'utf8', env: { ...process.env, MODULE_LOG: log } });
  t.ok(stdout.length > 0, `${args[0]} answered`);
  const urls = readFileSync(log, 'utf8').split('\n');
  t.ok(urls.some((url) => url.endsWith('/dist/cli/run.js')), 'the hook saw the CLI load');
  return [...new Set(urls.map((url) => url.match(HTTP_PACKAGES)?.[1]).filter((name): name is string => name !== undefined))].sort();
};

t.test('search and index load no HTTP framework', async (t) => {
  t.same(httpPackagesLoadedBy(t, ['search', 'ring buffers', '--archive', SMALL_ARCHIVE]), []);
  t.same(httpPackagesLoadedBy(t, ['index', '--archive', SMALL_ARCHIVE]), []);
});

t.test('openapi builds the app, and so loads it (the check above sees what it looks for)', async (t) => {
  t.same(httpPackagesLoadedBy(t, ['openapi']).filter((name) => name === 'fastify' || name === '@sinclair/typebox'), ['@sinclair/typebox', 'fastify']);
});
