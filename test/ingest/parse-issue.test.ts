import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { loadArchive, loadVocabulary, type Item } from '../../src/ingest/index.js';
import { parseIssue } from '../../src/ingest/parse-issue.js';

const SAMPLE = fileURLToPath(new URL('../../data/sample/', import.meta.url));
const vocabulary = loadVocabulary();
const sample = await loadArchive(SAMPLE, { vocabulary });
const byId = (id: string): Item => {
  const found = sample.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};

t.test('the sample archive (our own writing) parses in both layouts without problems', async (t) => {
  t.same(sample.problems, []);
  t.same(
    sample.issues.map((i) => [i.number, i.layout, i.itemCount]),
    [
      [3, 'current', 4],
      [2, 'legacy', 3],
      [1, 'current', 12],
    ],
  );
});

t.test('nested entries that open with a link are items with a parent and inherit its date', async (t) => {
  const parent = byId('1-sample-conference-2030');
  t.match(parent, { parent: null, date: '2030-01-11', dateText: '2030-01-11/13' });
  t.notMatch(parent.text, /toaster/, "children's text is theirs, not the parent's");
  t.notMatch(parent.markdown, /toaster/);
  t.match(byId('1-xdp-on-a-toaster'), { parent: parent.id, authors: ['Katherine Johnson'], date: '2030-01-11' });
  t.match(byId('1-btf-for-beginners'), { parent: parent.id, authors: ['Edsger Dijkstra'], projects: ['bpftool', 'pahole'] });
});

t.test('a date before a lead-in paragraph dates every entry of the list it introduces', async (t) => {
  t.equal(byId('3-searching-newsletters-with-minisearch').date, '2030-04-01');
  t.equal(byId('3-feeds-for-bots').date, '2030-04-01');
  t.notOk(sample.items.some((i) => i.issue.number === 3 && i.sectionPath.length === 1 && i.kind === 'prose' && i.sectionPath[0] === 'New Resources'), 'a lead-in alone makes no prose item');
});

t.test('partial dates are kept as written', async (t) => {
  t.match(byId('1-honeycomb-2-0-released'), { date: '2030-01', dateText: '2030-01', authors: ['Ada Lovelace', 'Grace Hopper'] });
});

t.test('kernel-side entries take the announced cycle plus versions in their own text', async (t) => {
  t.same(byId('1-add-a-pretend-helper-bpf-sample-honey-that-returns-a').kernelVersions, ['6.10']);
  t.same(byId('1-allow-imaginary-programs-to-sleep-in-more-places').authors, ['Donald Knuth', 'Leslie Lamport']);
  t.same(byId('2-teach-the-verifier-to-count-imaginary-bees').kernelVersions, ['6.11'], '"As for the 6.11 release" in the legacy layout');
  t.same(byId('1-measuring-tail-calls-on-tiny-machines').kernelVersions, ['6.6', '6.8'], 'outside the kernel section, only versions named in a kernel sentence');
  t.same(byId('1-honeycomb-2-0-released').kernelVersions, ['6.9'], '"Linux 6.9"');
});

t.test('the legacy layout: span credits, interview credits, repaired names, preview lede', async (t) => {
  t.same(byId('2-a-love-letter-to-ring-buffers').authors, ['José Durán']);
  t.same(byId('2-tracing-a-sample-service-with-bpftrace').authors, ['Margaret Hamilton']);
  t.same(byId('2-teach-the-verifier-to-count-imaginary-bees').authors, ['Björn Example']);
  t.match(sample.issues.find((i) => i.number === 2)?.lede, /^This invented issue uses the older layout/);
});

t.test('prose sections become one item titled by their heading, pointing at the section', async (t) => {
  const dyk = byId('1-did-you-know-sample-data');
  t.match(dyk, {
    kind: 'prose',
    title: 'Did You Know?: Sample Data',
    sectionUrl: 'https://ebpf.io/blog/ebpf-updates-sample-1#did-you-know-sample-data',
    url: 'https://ebpf.io/blog/ebpf-updates-sample-1#did-you-know-sample-data',
  });
  const community = byId('1-community');
  t.match(community.text, /Sample archives are the best archives\. — Sample Bee/, 'embedded HTML is read as text');
  t.notMatch(community.text, /<blockquote/);
  t.same(community.links, [{ text: 'January 2, 2030', url: 'https://example.org/status/1' }]);
});

t.test('the markdown of an entry is its own source, dedented, without the bullet', async (t) => {
  const item = byId('1-measuring-tail-calls-on-tiny-machines');
  t.match(item.markdown, /^\[_Measuring tail calls on tiny machines_\]\(https:\/\/example\.org\/posts\/tail-calls-tiny\),\nfrom Alan Turing\./);
  t.match(item.text, /^Measuring tail calls on tiny machines, from Alan Turing\. An invented benchmark of bpf_tail_call/);
  t.same(item.links, [{ text: 'Measuring tail calls on tiny machines', url: 'https://example.org/posts/tail-calls-tiny' }]);
  t.equal(item.line, 37, "1-based line of the entry in its file");
});

const ISSUE = (entries: string) => `---
path: "/blog/ids"
date: "2031-02-02"
title: "eBPF Updates #20: Ids"
categories: [Update]
---

## New Resources

${entries}
`;
const entry = (title: string, slug: string) => `- [${title}](https://example.org/${slug}), from Some Author.\n  About ${slug}.\n`;

t.test('ids stay the same when other items are added or reordered', async (t) => {
  const before = parseIssue(ISSUE([entry('Alpha', 'a'), entry('Beta', 'b')].join('\n')), { file: 'ids.md', vocabulary });
  const after = parseIssue(ISSUE([entry('Gamma', 'g'), entry('Beta', 'b'), entry('Delta', 'd'), entry('Alpha', 'a')].join('\n')), { file: 'ids.md', vocabulary });
  const ids = (items: Item[]) => Object.fromEntries(items.map((i) => [i.url, i.id]));
  t.same(ids(before.items), { 'https://example.org/a': '20-alpha', 'https://example.org/b': '20-beta' });
  t.match(ids(after.items), ids(before.items));
});

t.test('colliding titles get a suffix derived from the item itself', async (t) => {
  const parsed = parseIssue(ISSUE([entry('Same Title', 'one'), entry('Same Title', 'two')].join('\n')), { file: 'c.md', vocabulary });
  const [first, second] = parsed.items;
  t.equal(first?.id, '20-same-title');
  t.match(second?.id, /^20-same-title-[0-9a-f]{6}$/);
  const again = parseIssue(ISSUE([entry('Unrelated', 'u'), entry('Same Title', 'one'), entry('Same Title', 'two')].join('\n')), { file: 'c.md', vocabulary });
  t.same(again.items.slice(1).map((i) => i.id), [first?.id, second?.id], 'unchanged by an item added before them');
});

t.test('parseIssue is pure: not-an-issue files come back empty, the site url is an option', async (t) => {
  t.same(parseIssue('# Just notes\n', { file: 'n.md', vocabulary }), { issue: null, items: [], problems: [] });
  const parsed = parseIssue(ISSUE(entry('Alpha', 'a')), { file: 'x.md', vocabulary, siteUrl: 'https://mirror.example.org/' });
  t.equal(parsed.issue?.url, 'https://mirror.example.org/blog/ids');
  t.equal(parsed.items[0]?.sectionUrl, 'https://mirror.example.org/blog/ids#new-resources');
});

t.test('categories alone, or the title alone, make an issue', async (t) => {
  const byTitle = parseIssue('---\ntitle: "eBPF Updates #21: No Category"\ndate: 2031-03-03\npath: /blog/x\n---\n\n## Foreword\n\nHello.\n', { file: 't.md', vocabulary });
  t.match(byTitle.issue, { number: 21, date: '2031-03-03' }, 'unquoted YAML dates are read too');
  const byCategory = parseIssue('---\ntitle: "Monthly news"\ncategories: Update\n---\n\n## Foreword\n\nHello.\n', { file: 'u.md', vocabulary });
  t.same(byCategory.issue, null, 'an Update without a number cannot be placed');
  t.match(byCategory.problems, [{ message: /no issue number/ }]);
});

t.test('real issue files parse the same through parseIssue as through loadArchive', async (t) => {
  const file = fileURLToPath(new URL('../../data/sample/2030-03-02-ebpf-updates/index.md', import.meta.url));
  const parsed = parseIssue(readFileSync(file, 'utf8'), { file: '2030-03-02-ebpf-updates/index.md', vocabulary });
  t.same(parsed.items, sample.items.filter((i) => i.issue.number === 2));
});
