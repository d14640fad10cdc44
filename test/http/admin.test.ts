import t, { type Test } from 'tap';
import { buildApp } from '../../src/http/app.js';
import { sameToken } from '../../src/http/routes/admin.js';
import { IndexHolder } from '../../src/search/index.js';
import { realIndex } from './helpers.js';
import type { ReloadOutcomeBody } from '../../src/http/schemas/index.js';

const index = await realIndex();
const TOKEN = 'test-admin-token-0123456789abcdef';
const outcome: ReloadOutcomeBody = { status: 'reloaded', reason: 'admin', issues: 5, items: 203, problems: 0, changed: [], revision: null, loadedAt: new Date(0).toISOString(), tookMs: 12 };

async function appWith(t: Test, options: { adminToken?: string; reload?: (reason: string) => Promise<ReloadOutcomeBody> }) {
  const app = await buildApp({ holder: new IndexHolder(index), ...options });
  t.teardown(() => app.close());
  return app;
}

t.test('POST /admin/reload is off without ADMIN_TOKEN', async (t) => {
  const app = await appWith(t, { reload: async () => outcome });
  const res = await app.inject({ method: 'POST', url: '/admin/reload', headers: { authorization: `Bearer ${TOKEN}` } });
  t.equal(res.statusCode, 404);
  t.match(res.json().message, /admin API is off.*ADMIN_TOKEN/);
});

t.test('POST /admin/reload: 401 without a bearer token, 403 with another one, 200 and the outcome with the right one', async (t) => {
  const reasons: string[] = [];
  const app = await appWith(t, { adminToken: TOKEN, reload: async (reason) => (reasons.push(reason), outcome) });
  const none = await app.inject({ method: 'POST', url: '/admin/reload' });
  t.equal(none.statusCode, 401);
  t.equal(none.headers['www-authenticate'], 'Bearer realm="admin"');
  const basic = await app.inject({ method: 'POST', url: '/admin/reload', headers: { authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` } });
  t.equal(basic.statusCode, 401, 'only bearer tokens');
  const wrong = await app.inject({ method: 'POST', url: '/admin/reload', headers: { authorization: `Bearer ${TOKEN}x` } });
  t.equal(wrong.statusCode, 403);
  t.same(reasons, [], 'nothing reloaded for them');
  const right = await app.inject({ method: 'POST', url: '/admin/reload', headers: { authorization: `Bearer ${TOKEN}` } });
  t.equal(right.statusCode, 200);
  t.same(right.json(), outcome);
  t.same(reasons, ['admin']);
  t.equal(right.headers['cache-control'], 'no-store');
  t.equal((await app.inject({ method: 'GET', url: '/admin/reload' })).statusCode, 404, 'POST only');
});

t.test('a failed reload answers 503 saying the previous index keeps serving', async (t) => {
  const app = await appWith(t, { adminToken: TOKEN, reload: async () => Promise.reject(new Error('archive folder not found: /gone')) });
  const res = await app.inject({ method: 'POST', url: '/admin/reload', headers: { authorization: `Bearer ${TOKEN}` } });
  t.equal(res.statusCode, 503);
  t.match(res.json().message, /reload failed: archive folder not found: \/gone; the previous index keeps serving/);
  t.equal((await app.inject({ url: '/search?q=xdp' })).statusCode, 200);
});

t.test('tokens are compared whole, whatever their lengths', async (t) => {
  t.ok(sameToken(TOKEN, TOKEN));
  t.notOk(sameToken(TOKEN.slice(0, -1), TOKEN));
  t.notOk(sameToken(`${TOKEN}0`, TOKEN));
  t.notOk(sameToken('', TOKEN));
});

t.test('/readyz lists problems and the last failed reload, and stays ready', async (t) => {
  const holder = new IndexHolder(index);
  const app = await buildApp({ holder });
  t.teardown(() => app.close());
  holder.failed('archive folder not found: /gone');
  const res = await app.inject({ url: '/readyz' });
  t.equal(res.statusCode, 200);
  t.match(res.json(), { status: 'ready', lastReloadError: { message: 'archive folder not found: /gone' } });
});
