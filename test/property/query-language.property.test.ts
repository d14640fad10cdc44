import fc from 'fast-check';
import t from 'tap';
import { QueryError, parseQuery, printQuery } from '../../src/search/index.js';
import { runs, SEED } from './seed.js';

t.comment(`fast-check seed ${SEED} (FC_SEED to change)`);

/** Pieces people and bots put in queries, valid and not, glued by arbitrary separators. */
const piece = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('"', '-', ':', '"tail calls"', '-xdp', 'author:', 'author:"Paul Chaignon"', 'kernel:>=5.12', 'kernel:5.10..5.13', 'kernel:banana', 'issue:2..4', 'date:2021-03', 'date:>=2021-01-01', 'section:xdp', 'colour:blue', 'project:cilium/ebpf', '-"ring buffer"', 'https://ebpf.io/x', 'AF_XDP', '5.13', '\u0000', '\u001b', '\u200b', '🐝', 'é'),
  fc.string({ unit: 'grapheme-ascii', minLength: 100, maxLength: 600 }),
);
const query = fc.array(fc.tuple(piece, fc.constantFrom(' ', '', '  ', '\t', '\n', '-', '"')), { maxLength: 12 }).map((parts) => parts.map(([p, s]) => p + s).join(''));

t.test('for any string, parseQuery returns a tree or throws a QueryError with a message, never anything else', async (t) => {
  let trees = 0;
  let errors = 0;
  fc.assert(
    fc.property(query, (q) => {
      try {
        parseQuery(q);
        trees++;
      } catch (error) {
        if (!(error instanceof QueryError)) throw error;
        if (error.message === '' || error.parameter !== 'q') throw new Error(`an unhelpful error: ${JSON.stringify(error.message)} (${error.parameter})`);
        errors++;
      }
    }),
    runs(10000),
  );
  t.ok(trees > 500 && errors > 500, `both outcomes exercised: ${trees} trees, ${errors} errors`);
});

t.test('parse -> print -> parse is stable: the printed form is canonical', async (t) => {
  let checked = 0;
  fc.assert(
    fc.property(query, (q) => {
      let tree;
      try {
        tree = parseQuery(q);
      } catch {
        return;
      }
      const printed = printQuery(tree);
      const again = parseQuery(printed);
      if (JSON.stringify(again) !== JSON.stringify(tree)) throw new Error(`reparsed differently: ${JSON.stringify(printed)}`);
      if (printQuery(again) !== printed) throw new Error(`printed differently the second time: ${JSON.stringify(printed)}`);
      checked++;
    }),
    runs(10000),
  );
  t.ok(checked > 1500, `${checked} valid queries round-tripped`);
});
