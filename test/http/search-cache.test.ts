import t from 'tap';
import { hitBody } from '../../src/http/present.js';
import { search } from '../../src/search/index.js';
import { ENTRY_OVERHEAD_BYTES, LruCache, stringBytes } from '../../src/search/lru-cache.js';
import { appFor, realIndex } from './helpers.js';

const index = await realIndex();

t.test('a repeated search is answered from the cache, whatever the parameter order', async (t) => {
  const app = await appFor(t, index);
  const first = await app.inject({ url: '/search?q=xdp&limit=3&facets=author' });
  const again = await app.inject({ url: '/search?facets=author&limit=3&q=xdp' });
  t.equal(again.body, first.body, 'the very same answer, tookMs included');
  t.match(again.headers['content-type'], /^application\/json/);
  const other = await app.inject({ url: '/search?q=xdp&limit=4&facets=author' });
  t.not(other.body, first.body);
  t.equal(other.json().hits.length, 4);
});

t.test('permalinks in cached answers follow the public base', async (t) => {
  const app = await appFor(t, index);
  const a = (await app.inject({ url: '/search?q=xdp&limit=1', headers: { host: 'a.example' } })).json();
  const b = (await app.inject({ url: '/search?q=xdp&limit=1', headers: { host: 'b.example' } })).json();
  t.match(a.hits[0].permalink, /^http:\/\/a\.example\//);
  t.match(b.hits[0].permalink, /^http:\/\/b\.example\//);
});

t.test('hits spliced in from serialized item fields are the hits the schema describes, for any number of public bases', async (t) => {
  const app = await appFor(t, index, { answerCacheBytes: 0 });
  const expected = (host: string) => search(index, { q: 'xdp sockets', limit: 5 }).hits.map((hit) => hitBody(hit, `http://${host}`));
  for (const round of [1, 2]) {
    // Six hosts: more than an item keeps serialized, so both the kept and the made-each-time paths answer.
    for (const host of ['a.example', 'b.example', 'c.example', 'd.example', 'e.example', 'f.example']) {
      const answer = (await app.inject({ url: '/search?q=xdp+sockets&limit=5', headers: { host } })).json();
      t.same(answer.hits, expected(host), `round ${round}, ${host}`);
    }
  }
});

t.test('the cache can be turned off', async (t) => {
  const app = await appFor(t, index, { answerCacheBytes: 0 });
  const first = (await app.inject({ url: '/search?q=xdp' })).json();
  const again = (await app.inject({ url: '/search?q=xdp' })).json();
  t.same({ ...again, tookMs: 0 }, { ...first, tookMs: 0 });
});

t.test('LruCache keeps the most recently used entries within its bytes', async (t) => {
  // Each entry costs its value, its key and the fixed overhead; room for two.
  const entry = ENTRY_OVERHEAD_BYTES + stringBytes('a') + 100;
  const cache = new LruCache<number>(2 * entry, () => 100);
  cache.set('a', 1);
  cache.set('b', 2);
  t.equal(cache.bytes, 2 * entry, 'bytes are counted as the bound counts them');
  t.equal(cache.get('a'), 1, 'a is now the most recent');
  cache.set('c', 3);
  t.equal(cache.get('b'), undefined, 'b, the least recent, was evicted');
  t.equal(cache.get('a'), 1);
  t.equal(cache.get('c'), 3);
  t.equal(cache.size, 2);
  t.ok(cache.bytes <= cache.maxBytes);
  const none = new LruCache<number>(0, () => 1);
  none.set('x', 1);
  t.equal(none.get('x'), undefined, 'a budget of 0 keeps nothing');
  const small = new LruCache<string>(1000, (v) => stringBytes(v));
  small.set('big', 'x'.repeat(1000));
  t.equal(small.get('big'), undefined, 'a value bigger than the whole budget is not kept');
  t.equal(small.bytes, 0);
});

t.test('completions are kept per query and limit', async (t) => {
  const app = await appFor(t, index);
  const first = await app.inject({ url: '/suggest?q=ebpf+ri' });
  const again = await app.inject({ url: '/suggest?q=ebpf+ri' });
  t.equal(again.body, first.body);
  const one = (await app.inject({ url: '/suggest?q=ebpf+ri&limit=1' })).json();
  t.ok(one.suggestions.length <= 1, 'a different limit is a different answer');
});

t.test('LruCache.getOrSet makes a value once and keeps it', async (t) => {
  const cache = new LruCache<number>(10_000, () => 8);
  let made = 0;
  t.equal(cache.getOrSet('a', () => ++made), 1);
  t.equal(cache.getOrSet('a', () => ++made), 1, 'kept');
  t.equal(made, 1);
  t.throws(() => cache.getOrSet('b', () => { throw new Error('no'); }), /no/);
  t.equal(cache.get('b'), undefined, 'a failed make keeps nothing');
});
