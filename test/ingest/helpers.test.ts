import t from 'tap';
import { creditAfterLink, splitNames, trailingCredit } from '../../src/ingest/credits.js';
import { dateFromComments, parseDateText } from '../../src/ingest/date-comments.js';
import { compareVersions, cycleStatement, versionsInText } from '../../src/ingest/kernel-versions.js';
import { repairMojibake } from '../../src/ingest/mojibake.js';
import { firstSentence, idSlug } from '../../src/ingest/titles.js';
import { compileVocabulary, loadVocabulary, matchProjects } from '../../src/ingest/vocabulary.js';

const orgs = new Set(['cloudflare', 'isovalent']);

t.test('credits after the opening link', async (t) => {
  t.same(creditAfterLink(',\nfrom Ada Lovelace.\nMore text.', orgs), ['Ada Lovelace']);
  t.same(creditAfterLink(' (PDF),\nfrom Ada Lovelace and Alan Turing.\n', orgs), ['Ada Lovelace', 'Alan Turing']);
  t.same(creditAfterLink(',\n(video,\nslides),\nfrom Grace Hopper.\n', orgs), ['Grace Hopper'], 'a parenthetical across lines');
  t.same(creditAfterLink(', from A Person, B Person, and C Person.', orgs), ['A Person', 'B Person', 'C Person'], 'Oxford comma');
  t.same(creditAfterLink(',\nfrom Luke Example et al.\n', orgs), ['Luke Example'], '"et al." keeps the first name');
  t.same(creditAfterLink(',\ninterview from Jason Example.\n', orgs), ['Jason Example']);
  t.same(creditAfterLink(',\nfrom Pat H.\n', orgs), ['Pat H.'], "an initial keeps its period");
  t.same(creditAfterLink(',\nfrom Mauricio Vásquez de la Cruz.\n', orgs), ['Mauricio Vásquez de la Cruz'], 'accents and particles');
  t.equal(creditAfterLink(' from Cloudflare and Example for manipulating objects started tagging', orgs), null, 'prose is not a credit');
  t.equal(creditAfterLink(',\nfrom Isovalent.\n', orgs), null, 'organisations are not authors');
  t.equal(creditAfterLink(' is a note from Some One describing it', orgs), null, '"from" must follow the link');
  t.equal(creditAfterLink('.\nThe community has sent a proposal.', orgs), null);
});

t.test('trailing kernel-style credits', async (t) => {
  t.same(trailingCredit('Do a thing. (KP Example, link)', orgs), ['KP Example']);
  t.same(trailingCredit('Do a thing.\n(Alexei Example.\nlink)', orgs), ['Alexei Example'], 'a period instead of a comma');
  t.same(trailingCredit('Do (a) thing. (Ann Example and Bob Example, link (first), link (second))', orgs), ['Ann Example', 'Bob Example']);
  t.equal(trailingCredit('Do a thing (see link).', orgs), null);
  t.equal(splitNames('the verifier', orgs), null);
});

t.test('date comments in both syntaxes', async (t) => {
  t.same(dateFromComments('{/*2021-02-07*/}'), { date: '2021-02-07', dateText: '2021-02-07' });
  t.same(dateFromComments('<!--2021-04-12-->'), { date: '2021-04-12', dateText: '2021-04-12' });
  t.same(dateFromComments('{/*Keep below the other post*/}\n{/*2021-03-18*/}'), { date: '2021-03-18', dateText: '2021-03-18' });
  t.same(parseDateText('2021-03'), { date: '2021-03', dateText: '2021-03' }, 'partial');
  t.same(parseDateText('2021-02-18/20'), { date: '2021-02-18', dateText: '2021-02-18/20' }, 'range');
  t.equal(dateFromComments('{/*a note*/}'), null, 'a comment that is not a date');
  t.equal(dateFromComments('text {/*2021-01-01*/}'), null, 'only whole-comment blocks count');
  t.equal(parseDateText('2021-13-01'), null, 'month 13');
});

t.test('kernel versions only where the sentence is about the kernel', async (t) => {
  t.same(versionsInText('Version 5.5 of the Linux kernel was faster, but 5.10 added overhead.'), ['5.5', '5.10']);
  t.same(versionsInText('Kernel 5.12 is out.'), ['5.12']);
  t.same(versionsInText('Cilium version 1.10 and osquery 4.6.0 and tool v5.3 shipped.'), []);
  t.same(versionsInText('Netdata 1.30.0 runs on the kernel.'), []);
  t.same(versionsInText('The pull request for the 5.11 cycle.'), ['5.11'], '"X.Y cycle" needs no kernel word');
  t.same(versionsInText('We passed 2.3K people on the Linux channel.'), []);
  t.equal(cycleStatement('Here are the highlights\nfor the 5.11 cycle:'), '5.11');
  t.equal(cycleStatement('As for the 5.13 release, the time frame...'), '5.13');
  t.equal(cycleStatement('for the same tree and cycle'), null);
  t.same(['5.10', '5.2', '4.14', '5.13'].sort(compareVersions), ['4.14', '5.2', '5.10', '5.13']);
});

t.test('Mac Roman mojibake is repaired, real typography is not touched', async (t) => {
  t.equal(repairMojibake('V√°squez'), 'Vásquez');
  t.equal(repairMojibake('Zi√≥≈Çkowski'), 'Ziółkowski');
  t.equal(repairMojibake('‚Äúenrich‚Äù'), '“enrich”');
  for (const fine of ['Vásquez', 'Ziółkowski', '“quoted”', '— dash', 'Björn', 'ヤナ ドガン', '🐝 bees', '«École»']) {
    t.equal(repairMojibake(fine), fine, fine);
  }
});

t.test('titles from prose and ids from titles', async (t) => {
  t.equal(firstSentence('Support pointers beyond the end. More text.'), 'Support pointers beyond the end');
  t.equal(firstSentence('Optimyze.cloud shipped v0.3.0 today. Next.'), 'Optimyze.cloud shipped v0.3.0 today');
  t.equal(firstSentence('A tool is working on Linux:'), 'A tool is working on Linux');
  const long = firstSentence(`${'word '.repeat(40)}end.`);
  t.ok(long.length <= 120 && long.endsWith('…'), 'long sentences are trimmed on a word');
  t.equal(idSlug('The Cost of BPF Tail Calls'), 'the-cost-of-bpf-tail-calls');
  t.equal(idSlug('Björn’s “AF_XDP” & io_uring!'), 'bjorn-s-af-xdp-io-uring');
  t.ok(idSlug('x'.repeat(100)).length <= 60);
  t.equal(idSlug('***'), 'item');
});

t.test('projects from text and from link urls', async (t) => {
  const vocabulary = loadVocabulary();
  t.same(matchProjects(vocabulary, 'The cilium/ebpf library', []), ['cilium/ebpf'], 'cilium/ebpf is not Cilium');
  t.same(matchProjects(vocabulary, 'a library', ['https://github.com/cilium/ebpf/releases/tag/v0.5.0']), ['cilium/ebpf'], 'the most specific url prefix wins');
  t.same(matchProjects(vocabulary, 'see the docs', ['https://docs.cilium.io/en/latest/']), ['Cilium'], 'subdomains belong to the host');
  t.same(matchProjects(vocabulary, 'libbpf-bootstrap templates', []), ['libbpf-bootstrap']);
  t.same(matchProjects(vocabulary, "libbpf's API and BCC tools", []), ['BCC', 'libbpf']);
  t.same(matchProjects(vocabulary, 'Go programs, Rust too', []), ['Go', 'Rust']);
  t.same(matchProjects(vocabulary, 'go and rust are verbs here, pixie dust', []), [], 'case-sensitive aliases');
  t.same(matchProjects(vocabulary, 'Clang/LLVM backend', []), ['LLVM']);
  t.same(matchProjects(vocabulary, 'editor.cilium.io hostnames', []), ['Network Policy Editor']);
  t.throws(() => compileVocabulary({ projects: [{ name: '' }], organisations: [] }), /without a name/);
});
