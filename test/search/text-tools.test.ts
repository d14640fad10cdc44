import t from 'tap';
import { compileSynonyms, loadSynonyms } from '../../src/search/index.js';
import { snippet, highlightAll, escapeHtml } from '../../src/search/snippets.js';
import { stemsOf } from '../../src/search/stems.js';
import { MINISEARCH_OPTIONS, TermIndex, TermIndexBuilder, type IndexedDoc } from '../../src/search/term-index.js';
import { indexTerms, termsOf, words } from '../../src/search/tokenizer.js';
import { allowedTypos, buildTypoDictionary, oneTypoAway, twoTyposAway } from '../../src/search/typos.js';

t.test('identifiers and versions are indexed whole and by their parts', async (t) => {
  t.same(indexTerms('bpf_map_lookup_elem()'), ['bpf_map_lookup_elem', 'bpf', 'map', 'lookup', 'elem']);
  t.same(indexTerms('AF_XDP sockets'), ['af_xdp', 'af', 'xdp', 'sockets']);
  t.same(indexTerms('BPF_PROG_TYPE_SK_LOOKUP'), ['bpf_prog_type_sk_lookup', 'bpf', 'prog', 'type', 'sk', 'lookup']);
  t.same(indexTerms('Linux 5.13.'), ['linux', '5.13'], 'a version is not split into 5 and 13; the final period is punctuation');
  t.same(indexTerms('cilium/ebpf v0.5.0'), ['cilium/ebpf', 'cilium', 'ebpf', 'v0.5.0', 'v0']);
  t.same(indexTerms('Vásquez CO-RE'), ['vasquez', 'co-re', 'co', 're'], 'folded: case and accents');
});

t.test('typo budget by length, none for numbers; swaps are one typo', async (t) => {
  t.equal(allowedTypos('bpf'), 0);
  t.equal(allowedTypos('tail'), 0);
  t.equal(allowedTypos('taill'), 1);
  t.equal(allowedTypos('programs'), 1);
  t.equal(allowedTypos('kubernetes'), 2);
  t.equal(allowedTypos('5.10'), 0);
  t.equal(allowedTypos('v0.5.0'), 0);
  const dictionary = buildTypoDictionary(['libbpf', 'kubernetes', 'observability', 'kernel', 'networking']);
  t.same(oneTypoAway(dictionary, 'libpbf'), ['libbpf'], 'a swap is one typo');
  t.same(twoTyposAway(dictionary, 'kuberntees'), ['kubernetes'], 'a swap and a dropped letter: two');
  t.same(twoTyposAway(dictionary, 'obsrvabilitty'), ['observability'], 'a dropped and a doubled letter');
  t.same(twoTyposAway(dictionary, 'networkingxyz'), [], 'three edits are too many');
  t.same(twoTyposAway(dictionary, 'netwrking'), ['networking'], 'a shorter word two edits away');
});

t.test('synonym groups map every expression to the others', async (t) => {
  const synonyms = loadSynonyms();
  t.ok(synonyms.alternatives.get('co-re')?.some((a) => a.join(' ') === 'compile once run everywhere'), 'punctuation folds: "compile once, run everywhere"');
  t.ok(synonyms.alternatives.get('tail calls')?.some((a) => a.join(' ') === 'bpf_tail_call'));
  t.ok(synonyms.alternatives.get('bpf')?.some((a) => a.join(' ') === 'ebpf'));
  t.ok(synonyms.longest >= 4);
  t.same(compileSynonyms([['a b', 'c']]).alternatives.get('a b'), [['c']]);
  t.same(compileSynonyms([['x-y', 'x, y', 'z']]).alternatives.get('z'), [['x-y'], ['x', 'y']], 'each expression to every other');
  const plural = compileSynonyms([['internship', 'summer of code'], ['windows', 'win32'], ['ring buffer', 'ringbuf'], ['bpf links', 'bpf_link']]).alternatives;
  t.same(plural.get('internships'), [['internship'], ['summer', 'of', 'code']], 'a head word typed in the plural finds its group');
  t.same(plural.get('ring buffers'), [['ring', 'buffer'], ['ringbuf']], 'the last word of an expression is its head');
  t.notOk(plural.has('window'), 'never the other way: a plural\'s singular can be another word');
  t.same(compileSynonyms([['map', 'table'], ['maps', 'collections']]).alternatives.get('maps'), [['collections']], 'a plural with a group of its own keeps it');
  t.same(compileSynonyms([], [['verify', 'verification']]).families.get('verif'), ['verif', 'verifi'], 'a word family joins the stems the stemmer left apart');
});

t.test('snippets: a window around the densest matches, escaped, matches marked', async (t) => {
  const text = `${'filler words here. '.repeat(20)}The <b>tail</b> calls cost & more. ${'after text. '.repeat(20)}`;
  const s = snippet(text, new Set(['tail', 'calls']));
  t.match(s, /^…/, 'starts mid-text with an ellipsis');
  t.match(s, /&lt;b&gt;<mark>tail<\/mark>&lt;\/b&gt; <mark>calls<\/mark> cost &amp; more/);
  t.notMatch(s, /<b>/, 'archive text never reaches HTML unescaped');
  t.ok(s.length < 400);
  t.match(snippet('No match at all in this text.', new Set(['xdp'])), /^No match at all/, 'no match: from the beginning');
  t.equal(highlightAll('AF_XDP & <script>', new Set(['xdp'])), '<mark>AF_XDP</mark> &amp; &lt;script&gt;', 'a part marks its whole identifier');
  t.equal(escapeHtml(`<img src=x onerror="alert('1')">`), '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;');
  t.same(words('a-b').map((w) => w.term), ['a-b']);
});

t.test('marking text without tokenizing agrees with tokenizing, on every real item whose letters are ASCII', async (t) => {
  const { loadArchive, loadVocabulary } = await import('../../src/ingest/index.js');
  const { BLOG_POSTS } = await import('../helpers.js');
  const { markers } = await import('../../src/search/snippets.js');
  const archive = await loadArchive(BLOG_POSTS, { vocabulary: loadVocabulary() });
  const termSets = [
    ['xdp', 'af_xdp', 'bpf'],
    ['map', 'lookup', 'kernel', '5.13', '13', '5'],
    ['co-re', 'co', 're', 'btf', 'libbpf'],
    ['the', 'a', 'of', 'ebpf', 'programs', 'program'],
    ['cilium/ebpf', 'cilium', 'v0.5.0', 'x86-64', 'io_uring'],
  ].map((list) => new Set(list));
  let compared = 0;
  for (const item of archive.items) {
    for (const text of [item.title, item.text]) {
      if (/(?![\x00-\x7f])[\p{L}\p{N}]/u.test(text)) continue;
      for (const terms of termSets) {
        const fast = markers.asciiMarks(text, terms, 0, text.length);
        const slow = markers.tokenMarks(text, terms, 0, text.length);
        if (JSON.stringify(fast) !== JSON.stringify(slow)) t.same(fast, slow, `${item.id}: ${[...terms].join(' ')}`);
        compared++;
      }
    }
  }
  t.ok(compared > 1500, `${compared} texts compared`);
  const curly = 'The “AF_XDP” sockets — and xdp…';
  t.same(markers.asciiMarks(curly, new Set(['xdp']), 0, curly.length), markers.tokenMarks(curly, new Set(['xdp']), 0, curly.length), 'typographic quotes and dashes are boundaries both ways');
});

t.test('the typo dictionary finds index terms one typo away, swaps included', async (t) => {
  const { buildTypoDictionary, editDistance, oneTypoAway } = await import('../../src/search/typos.js');
  const dictionary = buildTypoDictionary(['libbpf', 'verifier', 'kubernetes', 'tail', 'calls', 'cells', 'call', '5.10', 'bpf']);
  t.same(oneTypoAway(dictionary, 'libpbf'), ['libbpf'], 'adjacent swap');
  t.same(oneTypoAway(dictionary, 'verifer'), ['verifier'], 'missing letter');
  t.same(oneTypoAway(dictionary, 'verifiier'), ['verifier'], 'extra letter');
  t.same(oneTypoAway(dictionary, 'callz').sort(), ['call', 'calls'], 'substitution, and a deletion');
  t.same(oneTypoAway(dictionary, 'calls').sort(), ['call', 'cells'], 'the word itself excluded');
  t.same(oneTypoAway(dictionary, 'zzzzz'), []);
  t.notOk(dictionary.terms.has('5.10'), 'numbers take no typo');
  t.notOk(dictionary.terms.has('bpf'), 'nor words under 4 letters');
  t.equal(editDistance('libpbf', 'libbpf', 2), 1);
  t.equal(editDistance('kitten', 'sitting', 5), 3);
  t.equal(editDistance('abcdef', 'uvwxyz', 1), 2, 'stops early past the bound');
});

t.test('the build hands MiniSearch the very terms its own tokenizer gives (a snapshot made either way loads the same)', async (t) => {
  const doc = (n: number, title: string, text: string, intro: string): IndexedDoc => ({ n, title, text, intro, authors: 'Ada Lovelace ; Grace Hopper', projects: 'Cilium', sections: 'The Kernel Side ; XDP', kernel: '5.13', stems: `${title}\n${text}\n${intro}` });
  const docs = [doc(0, 'BPF_MAP_TYPE_RINGBUF for tracing', 'Filtering packets with AF_XDP in Linux 5.13, user-space.', ''), doc(1, 'Vásquez on CO-RE', 'cilium/ebpf v0.5.0 compiles, compiled', 'A talk list.')];
  const plain = new TermIndex(MINISEARCH_OPTIONS);
  for (const d of docs) plain.add(d);
  const builder = new TermIndexBuilder();
  for (const d of docs) {
    const [title, text, intro] = [words(d.title), words(d.text), words(d.intro)];
    builder.add({ ...d, stems: '' }, { title: termsOf(title), text: termsOf(text), intro: termsOf(intro), stems: [...stemsOf(title), ...stemsOf(text), ...stemsOf(intro)] });
  }
  t.same(JSON.parse(JSON.stringify(builder.index)), JSON.parse(JSON.stringify(plain)));
});
