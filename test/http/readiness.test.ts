import t from 'tap';
import { buildApp } from '../../src/http/app.js';
import { IndexHolder } from '../../src/search/index.js';
import { realIndex } from './helpers.js';

t.test('before the index is built: alive, not ready, and other routes answer 503', async (t) => {
  const holder = new IndexHolder();
  const app = await buildApp({ holder });
  t.teardown(() => app.close());
  t.same((await app.inject({ url: '/healthz' })).json(), { status: 'ok', ready: false, issues: 0, items: 0, loadedAt: null, revision: null });
  const readyz = await app.inject({ url: '/readyz' });
  t.equal(readyz.statusCode, 503);
  t.match(readyz.json(), { status: 'loading', loadedAt: null, source: null });
  const search = await app.inject({ url: '/search?q=xdp' });
  t.equal(search.statusCode, 503);
  t.match(search.json(), { statusCode: 503, error: 'Service Unavailable', message: /still being indexed/ });
  t.equal(search.headers['retry-after'], '1');
  t.notOk(search.headers.etag, 'nothing cached while loading');

  holder.set(await realIndex(), { kind: 'configured', dir: '/srv/archive' });
  const ready = await app.inject({ url: '/readyz' });
  t.equal(ready.statusCode, 200);
  t.match(ready.json(), { status: 'ready', issues: 5, items: 203, problemCount: 0, problems: [], lastReloadError: null, revision: null, source: { kind: 'configured', dir: '/srv/archive' } });
  t.ok(Date.parse(ready.json().loadedAt) > 0);
  t.equal(ready.headers['cache-control'], 'no-store');
  t.equal((await app.inject({ url: '/search?q=xdp' })).statusCode, 200, 'served as soon as the index is in');
});
