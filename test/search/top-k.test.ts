import t from 'tap';
import { topK } from '../../src/search/top-k.js';

t.test('topK gives the first k in order, as a full sort would', async (t) => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const list = Array.from({ length: 5000 }, (_, i) => ({ i, score: Math.floor(random() * 100) }));
  const compare = (a: { i: number; score: number }, b: { i: number; score: number }) => b.score - a.score || a.i - b.i;
  const sorted = [...list].sort(compare);
  for (const k of [0, 1, 10, 37, 1250, 5000, 6000]) t.same(topK(list, k, compare), sorted.slice(0, k), `k=${k}`);
  t.same(topK([], 10, compare), []);
});
