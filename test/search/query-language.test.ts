import t from 'tap';
import { parseQuery, printQuery, QueryError } from '../../src/search/index.js';

t.test('words, phrases, exclusions and fielded filters parse into a flat AND', async (t) => {
  const tree = parseQuery('tail calls "bpf iterators" -xdp -"ring buffer" author:"Paul Chaignon" kernel:>=5.12');
  t.same(
    tree.clauses.map((c) => c.type),
    ['term', 'term', 'phrase', 'not', 'not', 'filter', 'filter'],
  );
  t.match(tree.clauses[2], { type: 'phrase', text: 'bpf iterators' });
  t.match(tree.clauses[3], { type: 'not', clause: { type: 'term', text: 'xdp' } });
  t.match(tree.clauses[4], { type: 'not', clause: { type: 'phrase', text: 'ring buffer' } });
  t.match(tree.clauses[5], { type: 'filter', value: { field: 'author', name: 'Paul Chaignon' } });
  t.match(tree.clauses[6], { type: 'filter', value: { field: 'kernel', interval: { lo: 5012 } } });
});

t.test('filter values: versions, ranges, issues, dates', async (t) => {
  const value = (q: string) => (parseQuery(q).clauses[0] as { value: unknown }).value;
  t.match(value('kernel:5.13'), { interval: { lo: 5013, hi: 5013 } });
  t.match(value('kernel:5.10..5.13'), { interval: { lo: 5010, hi: 5013 } });
  t.match(value('kernel:..5.4'), { interval: { hi: 5004 } });
  t.match(value('kernel:<5.4'), { interval: { hi: 5004, hiOpen: true } });
  t.match(value('issue:2..4'), { interval: { lo: 2, hi: 4 } });
  t.match(value('issue:>3'), { interval: { lo: 3, loOpen: true } });
  t.match(value('date:2021-03'), { interval: { lo: '2021-03-00', hi: '2021-03-99' } });
  t.match(value('date:>=2021-01-01'), { interval: { lo: '2021-01-01' } });
  t.match(value('date:2021'), { interval: { lo: '2021-00-00', hi: '2021-99-99' } });
  t.match(value('PROJECT:Cilium'), { field: 'project', name: 'Cilium' }, 'field names are case-insensitive');
  t.match(value('section:deep-dives'), { field: 'section', name: 'deep-dives' });
});

t.test('errors name the token at fault', async (t) => {
  const fails = (q: string, message: RegExp, token?: string) => {
    try {
      parseQuery(q);
      t.fail(`no error for ${q}`);
    } catch (error) {
      t.type(error, QueryError, q);
      t.match((error as QueryError).message, message, q);
      t.equal((error as QueryError).parameter, 'q');
      if (token) t.equal((error as QueryError).token, token, `${q}: token`);
    }
  };
  fails('tail "calls', /unbalanced quote at position 6/, '"calls');
  fails('colour:blue xdp', /unknown field "colour" in "colour:blue": use one of author, project, kernel, section, issue, mid, date/, 'colour:blue');
  fails('kernel:banana', /invalid kernel "banana" in "kernel:banana": expected a version like 5\.13/, 'kernel:banana');
  fails('kernel:5', /invalid kernel "5"/);
  fails('issue:0', /invalid issue "0"/);
  fails('issue:five', /invalid issue "five"/);
  fails('date:2021-13', /invalid date "2021-13"/);
  fails('date:yesterday', /invalid date/);
  fails('author:', /missing value after "author:"/);
  fails('author:"Paul', /unbalanced quote/);
  fails('x'.repeat(513), /q is 513 characters long; the limit is 512/);
  fails('tail\u0000calls', /control characters/);
  fails('ab"cd"', /unexpected quote at position 3/);
});

t.test('text that only looks fielded stays text', async (t) => {
  t.match(parseQuery('https://ebpf.io/blog').clauses, [{ type: 'term', text: 'https://ebpf.io/blog' }]);
  t.match(parseQuery('Know?: CO-RE').clauses, [{ type: 'term', text: 'Know?:' }, { type: 'term', text: 'CO-RE' }]);
  t.same(parseQuery('   ').clauses, [], 'blank');
  t.same(parseQuery('""').clauses, [], 'empty phrase');
  t.match(parseQuery('- xdp').clauses, [{ type: 'term', text: '-' }, { type: 'term', text: 'xdp' }], 'a lone dash is not a negation');
});

t.test('print gives the canonical text, and parsing it again gives the same tree', async (t) => {
  for (const q of ['tail calls', '"bpf iterators" -xdp', 'author:"Paul Chaignon" project:cilium', 'kernel:>=5.12 -"ring buffer" issue:2..4', 'Date:2021-03 SECTION:xdp', '-author:Someone']) {
    const tree = parseQuery(q);
    const printed = printQuery(tree);
    t.same(parseQuery(printed), tree, `${q} -> ${printed}`);
  }
  t.equal(printQuery(parseQuery('AUTHOR:"Paul  Chaignon"   tail')), 'author:"Paul  Chaignon" tail');
});
