import t from 'tap';
import { search, suggest, relatedItems, QueryError } from '../../src/search/index.js';
import { FIXTURES } from '../helpers.js';
import { indexOf, realIndex } from '../http/helpers.js';

/**
 * Readers' own words against the archive's: word forms, compounds, rare
 * words first, proximity and exactness, names, versions, typos, synonyms in
 * phrases, lead-in text, one hit per link. Behaviour on the real archive and
 * on a fixture issue of our own writing (test/fixtures/words).
 */
const index = await realIndex();
const words = await indexOf(`${FIXTURES}words`);
const ids = (q: string, on = index, limit = 10) => search(on, { q, limit }).hits.map((h) => h.item.id);
const rank = (q: string, id: string, on = index) => {
  const at = search(on, { q, limit: 100 }).hits.findIndex((h) => h.item.id === id || h.seenIn?.some((s) => s.id === id));
  return at < 0 ? null : at + 1;
};

t.test('word forms meet: -ing forms and derivations find the word, exact forms rank first', async (t) => {
  t.same(ids('filtering', words).slice(0, 2), ['40-notes-on-a-quokka', '40-packet-filter-basics'], 'the exact form first, then the stem');
  t.same(ids('filter', words).slice(0, 2), ['40-packet-filter-basics', '40-notes-on-a-quokka']);
  t.ok(ids('compilation', words).includes('40-the-gadget-compiler'), 'a derived form reaches "compiler"');
  t.ok(ids('compiling', words).includes('40-the-gadget-compiler'));
  t.ok(ids('verifying', words).includes('40-verification-of-gadget-programs'), 'a word family the stemmer does not join (data/derivations.json)');
  t.ok(ids('scheduling', words).includes('40-wombat-schedulers'));
  t.same(ids('bpf_map_lookup_elems'), [], 'identifiers are never stemmed');
  t.ok(ids('tracing syscalls').length > 0 && rank('tracing system calls', '3-how-to-trace-linux-system-calls-in-production-with-minimal') === 1, 'on the archive: "tracing" finds "trace"');
});

t.test('compounds written joined, apart and hyphenated meet', async (t) => {
  const found = (q: string) => ids(q, words).includes('40-moving-work-to-userspace');
  t.ok(found('userspace') && found('user space') && found('user-space'));
  t.same(ids('userspace'), ids('user space'), 'on the archive, one answer whatever the spelling');
  t.same(ids('filesystem'), ids('file system'));
});

t.test('a relaxed search is never empty while a word matched, even when no item holds a third of the query', async (t) => {
  // Four rare words, each in items of its own: no item holds a third of the query's information.
  const outcome = search(index, { q: 'vendors brazil zig memcached' });
  t.ok(outcome.total > 0 && outcome.relaxed, `${outcome.total} items, relaxed`);
  t.ok(outcome.total <= 10, 'only the items holding the most of it');
  t.ok(outcome.hits.every((h) => /vendors|brazil|zig|memcached/i.test(`${h.item.title} ${h.item.text}`)), 'each holds one of the words');
  t.same(search(index, { q: 'qqqzzx wwwvvk' }).total, 0, 'words found nowhere still find nothing');
});

t.test('a relaxed answer is not one long item holding many common words: the items holding the rarest follow it', async (t) => {
  // "3-community" is a long section holding low, overhead, cpu, production and services; the profilers hold only cpu and profiling.
  const outcome = search(index, { q: 'cpu profiling at low overhead for production services' });
  t.ok(outcome.relaxed && outcome.total >= 3, `${outcome.total} items`);
  t.ok(outcome.hits.some((h) => /profil/i.test(h.item.title + h.item.text) && h.item.id !== '3-community'), 'an item about profiling answers');
  t.ok(outcome.total <= 10, 'and no flood');
});

t.test('rare words first: common words do not outweigh the one that matters, and nothing floods', async (t) => {
  const windows = search(index, { q: 'ebpf for windows' });
  t.ok(windows.total <= 5, `ebpf for windows: ${windows.total} items`);
  t.equal(windows.hits[0]?.item.id, '3-microsoft-is-working-on-an-ebpf-based-monitoring-tool-for');
  t.equal(rank('how do i write new features with programs for linux kernel acquisitions kinvolk', '5-microsoft-acquires-kinvolk'), 1, 'the rare word wins among common ones');
  for (const q of ['ebpf for windows', 'what is ebpf', 'tail calls cost', 'who acquired kinvolk']) {
    const scores = search(index, { q, limit: 50 }).hits.map((h) => h.score);
    t.same(scores, [...scores].sort((a, b) => b - a), `${q}: scores follow the order of hits`);
  }
});

t.test('a word found in most items does not decide between items holding the rarer words', async (t) => {
  // "kernel" fills one item's title and sits in the text of most others; "atomic", "tallies" and "wallaby" are each in one item.
  t.equal(ids('atomic wallaby kernel', words)[0], '40-atomic-tallies', 'the rare word in a title beats the common word in one');
  t.equal(ids('tallies wallaby kernel', words)[0], '40-atomic-tallies');
});

t.test('a synonym typed whole still matches its own words apart', async (t) => {
  // "container security" is a thesaurus expression; the fixture says neither it nor its group's other expressions.
  t.same(ids('container security', words), ['40-securing-containerized-quokka-pens'], 'each word in any of its forms, anywhere');
  t.same(ids('"container security"', words), [], 'a phrase still wants the words side by side');
});

t.test('a thesaurus expression typed with its head word in the plural finds its group', async (t) => {
  // The thesaurus says "internship"; the archive says "Google Summer of Code" and neither word form.
  t.same(ids('internships').slice(0, 1), ['5-the-cilium-community-is-proud-to-take-part-in-this-year-s']);
  t.equal(rank('student internships on cilium', '5-the-cilium-community-is-proud-to-take-part-in-this-year-s'), 1, 'inside a sentence too');
});

t.test('proximity and exactness: a title holding the query whole comes first; a full name beats its parts', async (t) => {
  t.equal(ids('what is ebpf')[0], '1-what-is-ebpf-and-how-does-it-work');
  const gregg = search(index, { q: 'Brendan Gregg', limit: 20 }).hits;
  t.ok(gregg.length > 0 && gregg[0]!.item.authors.includes('Brendan Gregg'), 'an item he wrote first');
  const jackman = gregg.findIndex((h) => h.item.authors.includes('Brendan Jackman'));
  t.ok(jackman < 0, 'no Brendan Jackman item for Brendan Gregg');
  t.ok(rank('tail calls cost', '5-the-cost-of-bpf-tail-calls') === 1, 'words close together');
});

t.test('a kernel version inside a sentence prefers the items tagged with it', async (t) => {
  const hits = search(index, { q: 'what changed for xdp in 5.13', limit: 5 }).hits;
  t.ok(hits.length > 0);
  t.ok(hits.slice(0, 3).every((h) => h.item.kernelVersions.includes('5.13')), hits.map((h) => `${h.item.id} ${h.item.kernelVersions}`).join(', '));
});

t.test('a typo variant that is a word of its own does not beat exact matches of the other words', async (t) => {
  // "driver" is in the index; "drives" and "dives" are one edit away and fill a long item.
  t.equal(ids('marmot driver', words)[0], '40-the-marmot-driver');
  t.equal(ids('marmot drivr', words)[0], '40-the-marmot-driver', 'a real typo still finds it');
});

t.test('synonyms apply in phrases, and the parts of a multi-word synonym are never marked alone', async (t) => {
  t.ok(search(index, { q: '"bpf iterators"' }).total >= search(index, { q: '"ebpf iterators"' }).total);
  t.ok(search(index, { q: '"bpf iterators"' }).total > 0);
  t.ok(ids('"tail call"').includes('5-the-cost-of-bpf-tail-calls'), 'a phrase finds its plural');
  for (const hit of search(index, { q: 'xdp', limit: 30 }).hits) t.notMatch(hit.snippet, /<mark>path<\/mark>/i, `${hit.item.id}: "path" of "express data path" is not marked`);
});

t.test('text leading into a list is searchable with the list: FOSDEM finds its talks', async (t) => {
  const fosdem = search(index, { q: 'fosdem', limit: 50 }).hits.filter((h) => h.item.issue.number === 4 && h.item.sectionPath.join(' > ') === 'New Resources');
  t.ok(fosdem.length >= 6, `${fosdem.length} of #4's FOSDEM talks`);
  t.ok(search(index, { q: 'podcasts cilium community', limit: 20 }).hits.some((h) => h.item.sectionPath.includes('Podcasts')));
});

t.test('one link, one hit: a link featured twice comes back once, with every appearance', async (t) => {
  const result = search(index, { q: 'bpf binaries btf co-re' });
  const hits = result.hits.filter((h) => h.item.title.startsWith('BPF binaries'));
  t.equal(hits.length, 1);
  t.same(hits[0]!.seenIn?.map((s) => s.issue.number), [5, 1], 'every appearance, newest first');
  t.ok(hits[0]!.seenIn?.some((s) => s.id === hits[0]!.item.id), 'itself included');
  const feed = search(index, { q: 'bpf binaries', collapse: false, relax: false });
  t.equal(feed.hits.filter((h) => h.item.title.startsWith('BPF binaries')).length, 2, 'feeds keep each appearance');
});

t.test('a query of punctuation only is a QueryError naming q', async (t) => {
  for (const q of ['***', '%', '-***', '"!!"', '...']) t.throws(() => search(index, { q }), QueryError, q);
  t.doesNotThrow(() => search(index, { q: 'author:"Paul Chaignon"' }), 'filters alone are a query');
});

t.test('completions: the last word completed, or a phrase the archive writes; never unrelated words glued', async (t) => {
  const texts = (q: string) => suggest(index, q).map((s) => s.text);
  t.equal(texts('xd')[0], 'xdp');
  t.ok(texts('xd').includes('xdp_redirect'));
  t.ok(texts('xd').every((s) => !s.includes(' ') || s.startsWith('xdp ')), 'one word, or a phrase starting with it');
  t.equal(texts('libb')[0], 'libbpf');
  t.same(texts('tail ca'), ['tail calls']);
  t.equal(texts('ring b')[0], 'ring buffer');
  t.ok(texts('verifer').includes('verifier'), 'a typo completes to the word');
  t.ok(texts('5.1').includes('5.13'), 'versions complete too');
});

t.test('related items: salient terms only, and reasons a person would accept', async (t) => {
  const { hits } = relatedItems(index, index.docOf.get('5-improve-af-xdp-selftests-and-program-loading')!, 5);
  t.ok(hits.slice(0, 3).every((h) => h.item.kind === 'entry'), 'no long prose section among the first');
  for (const hit of hits) t.notOk(hit.reasons.sharedTerms?.some((term) => ['program', 'programs', 'improve', 'add', 'support'].includes(term)), `${hit.item.id}: ${hit.reasons.sharedTerms}`);
});
