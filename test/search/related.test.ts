import t from 'tap';
import { relatedItems, salientTerms } from '../../src/search/index.js';
import { realIndex } from '../http/helpers.js';

const index = await realIndex();
const docOf = (id: string) => {
  const doc = index.docOf.get(id);
  if (doc === undefined) throw new Error(`no item ${id} in the real archive`);
  return doc;
};
const relatedIds = (id: string, limit = 10) => relatedItems(index, docOf(id), limit).hits.map((h) => h.item.id);

t.test('the AF_XDP selftests change relates to AF_XDP items of other issues: the FOSDEM talk and the kernel changes', async (t) => {
  const { hits, total } = relatedItems(index, docOf('5-improve-af-xdp-selftests-and-program-loading'), 10);
  const ids = hits.map((h) => h.item.id);
  t.ok(ids.includes('4-deploying-ebpf-xdp-af-xdp-for-cloud-native'), 'the FOSDEM talk on AF_XDP for cloud native');
  t.ok(ids.includes('4-clean-up-and-slightly-improve-the-performance-for-af-xdp'), 'the AF_XDP clean-up in the kernel');
  t.ok(ids.some((id) => id.startsWith('2-add-af-xdp-selftests-based-on-veth-devices')), 'the first AF_XDP selftests');
  for (const hit of hits.filter((h) => /af-xdp/.test(h.item.id))) t.ok(hit.reasons.sharedTerms?.includes('af_xdp'), `${hit.item.id} shares af_xdp`);
  t.ok(hits.some((h) => h.item.issue.number !== 5), 'other issues, not only its own');
  t.ok(total >= hits.length);
  const scores = hits.map((h) => h.score);
  t.same(scores, [...scores].sort((a, b) => b - a), 'best first');
});

t.test('related items leave out the item itself, its parent and its children', async (t) => {
  const parent = '5-devconf-cz-2021';
  const children = index.children(parent);
  t.ok(children.length > 1, 'DevConf has talks');
  const ofParent = relatedIds(parent, 200);
  t.notOk(ofParent.includes(parent));
  for (const child of children) t.notOk(ofParent.includes(child), `not its talk ${child}`);
  const child = children[0]!;
  const ofChild = relatedIds(child, 200);
  t.notOk(ofChild.includes(parent), 'a talk is not related to its own conference');
  t.notOk(ofChild.includes(child));
});

t.test('reasons name what is shared, and only kinds that apply', async (t) => {
  for (const hit of relatedItems(index, docOf('5-libbpf-the-road-to-v1-0'), 10).hits) {
    t.ok(Object.keys(hit.reasons).length > 0, `${hit.item.id} has a reason`);
    for (const values of Object.values(hit.reasons)) t.ok(values.length > 0);
    for (const project of hit.reasons.sharedProjects ?? []) t.ok(hit.item.projects.includes(project));
    for (const author of hit.reasons.sharedAuthors ?? []) t.ok(hit.item.authors.includes(author));
  }
  const withAuthor = relatedItems(index, docOf('5-libbpf-the-road-to-v1-0'), 10).hits.find((h) => h.reasons.sharedAuthors);
  t.same(withAuthor?.reasons.sharedAuthors, ['Andrii Nakryiko']);
});

t.test('salient terms: frequent in the item, rare in the archive, never its credited names or stop words', async (t) => {
  const terms = salientTerms(index, docOf('5-the-cost-of-bpf-tail-calls')).map((s) => s.term);
  t.ok(terms.includes('tail'));
  t.notOk(terms.includes('paul') || terms.includes('chaignon'), 'the author is evidence of its own');
  t.notOk(terms.some((term) => ['the', 'and', 'with'].includes(term)));
  t.notOk(terms.includes('ebpf'), 'a term most items hold says nothing');
});
