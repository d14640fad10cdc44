import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';

/**
 * What the built CLI loads before it serves: not Fastify, TypeBox and the
 * plugins (half a second, mostly synchronous). `serve` starts reading the
 * archive first and loads them while its files are listed, read and parsed;
 * `search` and `index` never load them.
 */
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
// CommonJS packages, the ones require's cache shows: Fastify and its plugins stand for the whole HTTP layer.
const HTTP_PACKAGES = /node_modules\/(?:fastify|@fastify\/[^/]+|helmet)\//;

const loadedAfter = (modules: string[]): string[] => {
  const script = `import { createRequire } from 'node:module';
${modules.map((m) => `await import(${JSON.stringify(DIST + m)});`).join('\n')}
const loaded = new Set(Object.keys(createRequire(import.meta.url).cache).map((f) => (f.match(${HTTP_PACKAGES}) ?? [])[0]).filter(Boolean));
console.log(JSON.stringify([...loaded].sort()));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as string[];
};

t.test('the CLI, its commands and the service load no HTTP framework until an app is built', async (t) => {
  t.same(loadedAfter(['cli/run.js', 'service/index.js', 'http/index.js']), []);
});

t.test('and building one loads it (the check above sees what it looks for)', async (t) => {
  t.ok(loadedAfter(['http/app.js']).includes('node_modules/fastify/'));
});
