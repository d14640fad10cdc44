import t from 'tap';
import { loadArchive, loadVocabulary } from '../../src/ingest/index.js';
import { buildSearchIndex, filtersFromParams, loadSynonyms, search, suggest, type SearchRequest } from '../../src/search/index.js';
import { BLOG_POSTS } from '../helpers.js';
import type { TermMatches } from '../../src/search/term-index.js';

const vocabulary = loadVocabulary();
const archive = await loadArchive(BLOG_POSTS, { vocabulary });
const index = buildSearchIndex(archive, { vocabulary, synonyms: loadSynonyms() });
const run = (q: string, extra: Partial<SearchRequest> = {}) => search(index, { q, limit: 100, ...extra });
const ids = (q: string, extra: Partial<SearchRequest> = {}) => run(q, extra).hits.map((h) => h.item.id);

t.test('relevance as a reader checks it', async (t) => {
  t.equal(ids('tail calls')[0], '5-the-cost-of-bpf-tail-calls', '"tail calls" has the tail calls post first');
  t.equal(ids('taill calls')[0], '5-the-cost-of-bpf-tail-calls', 'one typo in a 5-letter word');
  t.equal(ids('libpbf')[0]?.startsWith('1-libbpf'), true, 'a swap counts as one typo');
  t.ok(run('libpbf').hits.every((h) => /libbpf/i.test(`${h.item.title} ${h.item.text}`)));
  t.equal(ids('who acquired Kinvolk')[0], '5-microsoft-acquires-kinvolk', 'stop words ignored, acquired ~ acquires');
  const zig = run('how do I write BPF programs in Zig');
  t.ok(zig.relaxed, 'no item has every word: relaxed');
  const top = zig.hits.slice(0, 5).map((h) => h.item.id);
  t.ok(top.includes('2-making-bpf-easy-with-libbpf-and-zig'), `the Zig tutorial is near the top: ${top.join(', ')}`);
  t.ok(zig.hits.some((h) => h.item.id === '2-bpf-a-zig-bpf-library'), 'the Zig library is found');
});

t.test('every word must match: "tail calls" is not every item that says calls', async (t) => {
  const tail = run('tail calls');
  const calls = run('calls');
  t.ok(tail.total < calls.total, `${tail.total} < ${calls.total}`);
  t.equal(tail.relaxed, false);
  for (const hit of tail.hits) t.match(`${hit.item.title} ${hit.item.text}`.toLowerCase(), /tail/);
});

t.test('exact matches rank above fuzzy ones', async (t) => {
  const hits = run('verifier').hits;
  const firstFuzzy = hits.findIndex((h) => !/verifier/i.test(`${h.item.title} ${h.item.text}`));
  const lastExact = hits.map((h) => /verifier/i.test(`${h.item.title} ${h.item.text}`)).lastIndexOf(true);
  t.ok(firstFuzzy === -1 || firstFuzzy > lastExact, 'no fuzzy hit before an exact one');
});

t.test('no typo on short words and versions', async (t) => {
  const btf = run('btf').hits;
  t.ok(btf.length > 0);
  t.ok(btf.every((h) => /(?<![a-z0-9])btf(?![a-z0-9])|bpf type format/i.test(`${h.item.title} ${h.item.text}`)), '"btf" never finds an item only about "bpf"');
  t.same(
    run('5.10').hits.filter((h) => !/5\.10/.test(`${h.item.title} ${h.item.text} ${h.item.kernelVersions.join(' ')}`)).map((h) => h.item.id),
    [],
    '"5.10" does not find "5.15" or "5.1"',
  );
  t.equal(run('5.1').total, 0, 'no prefix match on versions');
});

t.test('identifiers are searchable whole and by their parts', async (t) => {
  t.ok(ids('AF_XDP').includes('4-clean-up-and-slightly-improve-the-performance-for-af-xdp'));
  t.ok(ids('BPF_PROG_TYPE_SK_LOOKUP').includes('5-add-support-for-the-bpf-prog-test-run-subcommand-to-programs'));
  t.ok(ids('sk_lookup').includes('5-add-support-for-the-bpf-prog-test-run-subcommand-to-programs'), 'a part of an identifier');
  t.ok(ids('bpf_for_each_map_elem').includes('5-add-a-new-helper-function-bpf-for-each-map-elem-to-iterate'));
});

t.test('synonyms apply at query time', async (t) => {
  const core = ids('compile once run everywhere');
  t.ok(core.includes('2-did-you-know-co-re'));
  t.same(new Set(ids('CO-RE').slice(0, 3)), new Set(core.slice(0, 3)), 'CO-RE and its long form find the same top items');
  t.ok(ids('k8s').includes('1-ebpf-put-the-kubernetes-data-plane-in-the-kernel'), 'k8s finds Kubernetes');
});

t.test('phrases need their words adjacent and in order', async (t) => {
  const phrase = run('"program size"');
  t.ok(phrase.hits.every((h) => /program size/i.test(`${h.item.title}\n${h.item.text}`)));
  t.ok(phrase.total >= 1);
  t.equal(run('"calls tail"').total, 0);
  t.equal(run('"The Cost of BPF Tail Calls"').hits[0]?.item.id, '5-the-cost-of-bpf-tail-calls', 'stop words inside a phrase still count');
});

t.test('exclusions', async (t) => {
  const xdp = run('xdp');
  const noAfXdp = run('xdp -af_xdp');
  t.ok(noAfXdp.total < xdp.total);
  t.ok(noAfXdp.hits.every((h) => !/af_xdp/i.test(`${h.item.title} ${h.item.text}`)));
  t.ok(run('xdp -"eXpress Data Path"').hits.every((h) => !/express data path/i.test(h.item.text)));
  const notAndrii = run('libbpf -author:"Andrii Nakryiko"');
  t.ok(notAndrii.total > 0 && notAndrii.hits.every((h) => !h.item.authors.includes('Andrii Nakryiko')));
});

t.test('fielded filters in q and as parameters', async (t) => {
  const andrii = run('author:"Andrii Nakryiko"');
  t.equal(andrii.total, 8);
  t.ok(andrii.hits.every((h) => h.item.authors.includes('Andrii Nakryiko')), 'only his items');
  t.equal(run('author:"andrii nakryiko"').total, 8, 'case-insensitive');
  t.equal(run('author:"Mauricio Vasquez Bernal"').total, 2, 'accent-insensitive');
  t.equal(run('author:chaignon').total, 1, 'words of a name');

  const kernel513 = run('', { filters: filtersFromParams({ kernel: ['5.13'] }) });
  t.equal(kernel513.total, 17);
  t.ok(kernel513.hits.every((h) => h.item.issue.number === 5 && h.item.sectionPath[0] === 'The Kernel Side'), 'kernel=5.13 is the kernel side of #5');
  t.equal(run('kernel:>=5.12').total, run('kernel:5.12..5.99').total);
  t.ok(run('kernel:5.10..5.11').hits.every((h) => h.item.kernelVersions.some((v) => v === '5.10' || v === '5.11')));

  t.equal(run('project:cilium/ebpf').total, run('', { filters: filtersFromParams({ project: ['cilium/ebpf'] }) }).total);
  t.ok(run('project:cilium').hits.every((h) => h.item.projects.includes('Cilium')), 'cilium is Cilium, not cilium/ebpf');
  t.equal(run('project:golang').total, run('project:go').total, 'aliases');

  const xdp = run('section:xdp');
  t.same([...new Set(xdp.hits.map((h) => h.item.sectionPath.join(' > ')))], ['The Kernel Side > XDP'], 'a heading at any level');
  t.equal(run('section:deep-dives').total, run('section:"Deep Dives"').total, 'by slug or by name');
  t.equal(run('section:"New Resources"').total, 116, 'a top-level heading holds its subsections (117 items; the link of #1 and #5 counts once)');

  t.same([...new Set(run('issue:2..3').hits.map((h) => h.item.issue.number))].sort(), [2, 3]);
  t.ok(run('date:2021-03').hits.every((h) => (h.item.date ?? h.item.issue.date).startsWith('2021-03')));
  t.ok(run('date:>=2021-04-01').hits.every((h) => (h.item.date ?? h.item.issue.date) >= '2021-04'));
  t.ok(run('', { filters: filtersFromParams({ from: '2021-01', to: '2021-01' }) }).hits.every((h) => (h.item.date ?? h.item.issue.date).startsWith('2021-01')));
});

t.test('repeating a parameter means OR, different parameters AND', async (t) => {
  const one = run('', { filters: filtersFromParams({ author: ['Andrii Nakryiko'] }) }).total;
  const two = run('', { filters: filtersFromParams({ author: ['KP Singh'] }) }).total;
  t.equal(run('', { filters: filtersFromParams({ author: ['Andrii Nakryiko', 'KP Singh'] }) }).total, one + two);
  const both = run('', { filters: filtersFromParams({ author: ['Andrii Nakryiko'], issue: ['5'] }) });
  t.ok(both.total > 0 && both.total < one);
  t.ok(both.hits.every((h) => h.item.issue.number === 5));
  t.throws(() => filtersFromParams({ kernel: ['banana'] }), { name: 'QueryError', parameter: 'kernel', message: /invalid kernel "banana" in parameter "kernel"/ });
  t.throws(() => filtersFromParams({ issue: ['-1'] }), { name: 'QueryError', parameter: 'issue' });
  t.throws(() => filtersFromParams({ from: '2021-13' }), { parameter: 'from', message: /invalid date "2021-13" in parameter "from"/ });
});

t.test('without q: every matching item, newest first; sort and paging', async (t) => {
  const all = run('', { limit: 100, offset: 0 });
  t.equal(all.total, 202, '203 items, of which one link featured in #1 and #5 is one hit');
  t.equal(all.sort, '-date');
  const dates = all.hits.map((h) => h.item.date ?? h.item.issue.date);
  t.same(dates, [...dates].sort().reverse(), 'newest first');
  const oldest = run('', { sort: 'date', limit: 1 });
  t.equal(oldest.hits[0]?.item.date, '2020-11-04', 'oldest first: an item of #5 dated before issue #1 came out');
  const page2 = run('', { limit: 10, offset: 10 });
  t.equal(page2.total, 202, 'total is the same whatever the page');
  t.same(page2.hits.map((h) => h.item.id), all.hits.slice(10, 20).map((h) => h.item.id));
  t.equal(run('xdp', { sort: '-date', limit: 100 }).hits[0]?.item.issue.number, 5);
  t.equal(run('', { offset: 10000 }).hits.length, 0);
});

t.test('facets count every matching item, not the page', async (t) => {
  const result = run('xdp', { limit: 1, facets: ['author', 'project', 'kernel', 'section', 'issue', 'year'], facetLimit: 200 });
  t.equal(result.hits.length, 1);
  const sum = (name: 'issue' | 'year' | 'section') => (result.facets[name] ?? []).reduce((s, f) => s + f.count, 0);
  t.equal(sum('issue'), result.total, 'issue counts add up to total');
  t.equal(sum('year'), result.total, 'year counts add up to total');
  t.equal(sum('section'), result.total, 'section (deepest heading) counts add up to total');
  const andrii = run('', { facets: ['author'], facetLimit: 1 }).facets.author;
  t.same(andrii, [{ value: 'Andrii Nakryiko', count: 8 }]);
  t.same(run('xdp', { facets: [] }).facets, {});
});

t.test('snippets and highlights', async (t) => {
  const hit = run('tail calls').hits[0]!;
  t.equal(hit.highlight.title, 'The Cost of BPF <mark>Tail</mark> <mark>Calls</mark>');
  t.match(hit.snippet, /<mark>tail<\/mark> <mark>calls<\/mark>/);
  const browse = run('', { filters: filtersFromParams({ issue: ['1'] }), limit: 1 }).hits[0]!;
  t.notMatch(browse.snippet, /<mark>/);
  t.notMatch(browse.snippet, /^…/, 'without a match the snippet starts at the beginning');
});

t.test('suggest completes the last word', async (t) => {
  t.same(suggest(index, 'tai').map((s) => s.text), ['tail', 'tail calls'], 'the word, and the phrase the archive writes it in');
  t.ok(suggest(index, 'ebpf ring').some((s) => s.text === 'ebpf ring'));
  t.ok(suggest(index, 'k').length <= 10);
  t.same(suggest(index, '  '), []);
});

t.test('the first word long enough for two typos is not charged for building the two-typo dictionary', async (t) => {
  // A fresh index builds that dictionary on the first such word (about 0.15 s on the real archive): an index
  // cost, so it stays off the query's budget, which a typo search of one word spends a few milliseconds of.
  const fresh = buildSearchIndex(archive, { vocabulary, synonyms: loadSynonyms() });
  const outcome = search(fresh, { q: 'unprivilegd containers', budgetMs: 25 });
  t.ok(outcome.hits.some((h) => /unprivileged/i.test(h.item.text)), 'the typo is found, within the budget');
});

t.test('queries are scored from the postings exactly as MiniSearch scores them', async (t) => {
  const terms = [...index.minisearch.vocabulary()];
  const leaf = (term: string, prefix = false) => ({ queries: [term], combineWith: 'OR', prefix, fuzzy: false });
  const pick = (every: number) => terms.filter((_, i) => i % every === 0);
  const queries = [
    ...pick(23).map((term) => leaf(term)),
    ...pick(97).map((term, i) => ({ queries: [leaf(term), leaf(terms[(i * 31) % terms.length]!), leaf(term)], combineWith: 'OR' })),
    ...['\u0001\u0001\u0001program', '\u0001\u0001\u0001filter'].map((stem) => ({ queries: [leaf(stem)], combineWith: 'OR', fields: ['stems'] })),
    // The last word typed: the term and every longer one it starts (`xd` reaches xdp, xdp_redirect, ...).
    ...['xd', 'prog', 'bpf', 'lib', 'tail', 'k', 'ebpf', 'sock', 'zzz'].map((term) => leaf(term, true)),
    // Multi-word expressions and compounds: ANDs, within ORs, with a stems alternative inside.
    { queries: [leaf('kernel'), leaf('modules')], combineWith: 'AND' },
    { queries: [leaf('ring'), { queries: [leaf('buffer'), leaf('buffers'), { queries: [leaf('\u0001\u0001\u0001buffer')], combineWith: 'OR', fields: ['stems'] }], combineWith: 'OR' }], combineWith: 'AND' },
    { queries: [leaf('af_xdp'), { queries: [leaf('af'), leaf('xdp')], combineWith: 'AND' }], combineWith: 'OR' },
    { queries: [leaf('tail'), leaf('calls', true)], combineWith: 'AND' },
  ];
  // Without a term cache, then twice through one: filled, then read. A merge that changed a
  // remembered term's matches (the OR of a term with itself above) would show on the next pass.
  const cache = new Map<string, TermMatches>();
  let compared = 0;
  for (const pass of [undefined, cache, cache]) {
    for (const query of queries) {
      const fast = index.minisearch.scores(query as never, pass)!;
      const slow = index.minisearch.search(query as never);
      if (fast.size !== slow.length) t.fail(`${JSON.stringify(query)}: ${fast.size} documents, MiniSearch ${slow.length}`);
      for (const r of slow) {
        const mine = fast.get(r.id as number);
        if (mine?.score !== r.score || [...mine.terms].sort().join() !== [...r.terms].sort().join()) t.fail(`${JSON.stringify(query)}, document ${r.id}: ${JSON.stringify(mine)} against ${r.score} ${r.terms}`);
        compared++;
      }
    }
  }
  t.ok(cache.size > 100, `${cache.size} terms remembered`);
  t.ok(compared > 4500, `${compared} scores compared, all equal`);
  t.equal(index.minisearch.scores({ queries: ['xdp'], combineWith: 'OR', fuzzy: 1 }), null, 'a fuzzy query is left to MiniSearch');
});

t.test('each thesaurus expression holds, as found at build time, in exactly the items the phrase check finds it in', async (t) => {
  t.ok(index.phraseDocs.size > 500, `${index.phraseDocs.size} expressions`);
  let held = 0;
  for (const [phrase, docs] of index.phraseDocs) {
    const sequence = index.streams.sequenceOf(phrase.split(' ').map((w) => [w]));
    const checked = index.items.map((_, doc) => doc).filter((doc) => index.streams.holds(doc, sequence));
    if (checked.join() !== [...docs].join()) t.fail(`"${phrase}": built ${[...docs].join()}, checked ${checked.join()}`);
    held += docs.length;
  }
  t.ok(held > 200, `${held} (expression, item) pairs, all agreeing`);
  // An AND narrowed to those items combines the same matches, in the same order, as one over every item.
  const query = { queries: [{ queries: ['bpf'], combineWith: 'OR', prefix: false, fuzzy: false }, { queries: ['programs'], combineWith: 'OR', prefix: false, fuzzy: false }], combineWith: 'AND' };
  const within = new Uint8Array(index.size);
  for (const doc of index.phraseDocs.get('bpf programs')!) within[doc] = 1;
  const all = [...index.minisearch.matchesOf(query as never)!].filter(([doc]) => within[doc] === 1);
  const narrowed = [...index.minisearch.matchesOf(query as never, undefined, within)!].filter(([doc]) => within[doc] === 1);
  t.ok(all.length > 1, `${all.length} items say "bpf programs"`);
  t.same(narrowed, all);
});

t.test('phrase postings: documents holding each sequence, side by side, in order, in title or text', async (t) => {
  const { WordStreams } = await import('../../src/search/word-stream.js');
  const { words } = await import('../../src/search/tokenizer.js');
  const streams = new WordStreams();
  streams.add(words('Kernel modules'), words('and bpf_tail_call'));
  streams.add(words('modules kernel'), words('the kernel, modules; tail call'));
  streams.add(words('kernel'), words('modules across the gap'));
  const ids = (text: string) => streams.sequence(text.split(' '))!;
  const found = streams.documentsHolding([ids('kernel modules'), ids('tail call'), ids('modules kernel'), []]).map((d) => [...d]);
  t.same(found, [[0, 1], [0, 1], [1], []], 'punctuation between is no gap; a compound holds its parts; the title does not run into the text');
});

t.test('filters compose as sets, whatever their order: a negated clause first, a positive one after', async (t) => {
  const docsOf = (q: string) => search(index, { q, limit: 1, collapse: false }).total;
  const withCilium = index.items.filter((i) => i.projects.includes('Cilium'));
  const byIssue = (n: number) => index.items.filter((i) => i.issue.number === n);
  t.ok(withCilium.length > 3);
  t.equal(docsOf('-project:cilium'), index.items.length - withCilium.length, 'a negated clause alone');
  const expected = byIssue(3).filter((i) => !i.projects.includes('Cilium')).length;
  t.ok(expected > 0 && expected < byIssue(3).length);
  t.equal(docsOf('-project:cilium issue:3'), expected, 'negated, then positive');
  t.equal(docsOf('issue:3 -project:cilium'), expected, 'positive, then negated');
  t.equal(docsOf('issue:3 project:cilium'), byIssue(3).length - expected, 'two positive clauses');
});
