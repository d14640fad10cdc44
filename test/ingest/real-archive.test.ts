import t, { type Test } from 'tap';
import { loadArchive, type Archive, type Item } from '../../src/ingest/index.js';
import { BLOG_POSTS, LEGACY } from '../helpers.js';

/**
 * Hand-checked against ../shared/archive by reading each issue. Strings stay
 * short on purpose: the archive's text is read from ../shared, not copied here.
 */
const archive: Archive = await loadArchive(BLOG_POSTS);
const legacy: Archive = await loadArchive(LEGACY);

function item(id: string): Item {
  const found = archive.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

type Expected = Partial<Omit<Item, 'title'>> & { title: string | RegExp };

function check(t: Test, id: string, expected: Expected): void {
  t.test(id, async (t) => {
    const got = item(id);
    const { title, ...fields } = expected;
    if (typeof title === 'string') t.equal(got.title, title, 'title');
    else t.match(got.title, title, 'title');
    for (const [key, value] of Object.entries(fields)) t.same(got[key as keyof Item], value, key);
  });
}

t.test('finds exactly the five newsletter issues among 482 posts', async (t) => {
  t.same(
    archive.issues.map((i) => i.number),
    [5, 4, 3, 2, 1],
    'issues newest first',
  );
  t.same(archive.problems, [], 'the real archive parses without problems');
  const first = archive.issues.find((i) => i.number === 1);
  t.equal(first?.url, 'https://ebpf.io/blog/ebpf-updates-intro');
  t.equal(first?.date, '2020-11-20');
  t.equal(first?.layout, 'current');
  t.match(first?.title, /^eBPF Updates #1: eBPF Summit Coverage/);
  t.equal(archive.issues.find((i) => i.number === 2)?.date, '2020-12-18', 'date from front matter, not from the folder name');
  t.match(archive.issues.find((i) => i.number === 3)?.lede, /^With the festive season/);
});

t.test('item counts per issue, checked by reading', async (t) => {
  const counts = Object.fromEntries(archive.issues.map((i) => [i.number, i.itemCount]));
  t.same(counts, { 1: 37, 2: 43, 3: 21, 4: 39, 5: 63 });
  for (const issue of archive.issues) {
    t.equal(archive.items.filter((i) => i.issue.number === issue.number).length, issue.itemCount, `#${issue.number} itemCount matches its items`);
  }
});

t.test('ids are unique and URL-safe', async (t) => {
  const ids = archive.items.map((i) => i.id);
  t.equal(new Set(ids).size, ids.length);
  for (const id of ids) t.match(id, /^[1-9]\d*-[a-z0-9]+(?:-[a-z0-9]+)*$/);
});

t.test('credits sections are not items, and no item is titled by a credit', async (t) => {
  t.notOk(archive.items.some((i) => i.sectionPath[0] === 'Credits'));
  t.notOk(archive.items.some((i) => i.title === ''));
});

t.test('hand-checked items', async (t) => {
  check(t, '1-foreword', {
    kind: 'prose',
    sectionPath: ['Foreword'],
    sectionUrl: 'https://ebpf.io/blog/ebpf-updates-intro#foreword',
    title: 'Foreword',
    url: 'https://ebpf.io/blog/ebpf-updates-intro#foreword',
    authors: [],
    date: null,
    kernelVersions: [],
    parent: null,
  });
  check(t, '1-the-ebpf-io-website-hosting-this-post-launched-this-summer', {
    kind: 'entry',
    sectionPath: ['Important News'],
    title: 'The ebpf.io website, hosting this post, launched this summer',
    url: 'https://ebpf.io/',
    authors: [],
  });
  check(t, '1-isovalent', {
    title: 'Isovalent',
    url: 'https://www.isovalent.com/',
    projects: ['Cilium'],
    authors: [],
  });
  check(t, '1-bpf-ring-buffer', {
    sectionPath: ['New Resources', 'Blog Posts, Presentations'],
    sectionUrl: 'https://ebpf.io/blog/ebpf-updates-intro#blog-posts-presentations',
    title: 'BPF ring buffer',
    url: 'https://nakryiko.com/posts/bpf-ringbuf/',
    authors: ['Andrii Nakryiko'],
    date: null,
    dateText: null,
    kernelVersions: [],
  });
  check(t, '1-specification-and-verification-in-the-field-applying-formal', {
    sectionPath: ['New Resources', 'Academic Research'],
    title: /^Specification and verification in the field: Applying formal methods/,
    authors: ['Luke Nelson'],
    projects: ['Jitterbug'],
  });
  check(t, '1-the-kernel-side', {
    kind: 'prose',
    title: 'The Kernel Side',
    sectionPath: ['The Kernel Side'],
    kernelVersions: ['5.11'],
  });
  check(t, '1-extend-btf-infrastructure-in-the-kernel-to-support-loading', {
    sectionPath: ['The Kernel Side'],
    title: /^Extend BTF infrastructure in the kernel to support loading/,
    url: 'https://lore.kernel.org/bpf/20201105043402.2530976-1-andrii@kernel.org/t/#u',
    authors: ['Andrii Nakryiko'],
    kernelVersions: ['5.11'],
  });
  check(t, '1-support-pointers-beyond-packet-end-ctx-data-end-to-recognize', {
    authors: ['Alexei Starovoitov'],
    title: /^Support pointers beyond packet end \(ctx->data_end\).*…$/,
    kernelVersions: ['5.11'],
    projects: ['LLVM'],
  });
  check(t, '1-a-new-patchwork', {
    kind: 'prose',
    sectionPath: ['The Kernel Side', 'A New Patchwork'],
    sectionUrl: 'https://ebpf.io/blog/ebpf-updates-intro#a-new-patchwork',
    title: 'A New Patchwork',
    kernelVersions: [],
  });
  check(t, '2-beyond-the-buzzword-bpf-s-unexpected-role-in-kubernetes', {
    title: 'Beyond the Buzzword: BPF’s Unexpected Role in Kubernetes',
    authors: ['Andrew Randall', 'Alban Crequy'],
    projects: ['BCC', 'Hubble', 'Inspektor Gadget', 'Kubernetes'],
  });
  check(t, '2-express-data-path-kernel-objects-for-real-time-audio', {
    title: /^eXpress Data Path Kernel Objects for Real-Time Audio/,
    authors: ['Christoph Kuhr', 'Alexander Carôt'],
    url: 'https://lac2020.sciencesconf.org/data/proceedings.pdf#section*.12',
  });
  check(t, '2-support-for-libbpf-in-iproute2-landed', {
    title: 'Support for libbpf in iproute2 landed',
    authors: ['Hangbin Liu'],
    kernelVersions: [],
    projects: ['iproute2', 'libbpf'],
  });
  check(t, '2-add-af-xdp-selftests-based-on-veth-devices-for-both-skb-and', {
    title: /^Add AF_XDP selftests based on veth devices/,
    authors: ['Weqaar Janjua'],
    kernelVersions: ['5.11'],
  });
  check(t, '2-did-you-know-co-re', {
    kind: 'prose',
    title: 'Did You Know?: CO-RE',
    sectionPath: ['Did You Know?: CO-RE'],
    sectionUrl: 'https://ebpf.io/blog/ebpf-updates-2020-12#did-you-know-co-re',
  });
  check(t, '2-the-golang-library-from-cloudflare-and-cilium-for', {
    title: /^The Golang library from Cloudflare and Cilium .*…$/,
    sectionPath: ['New Resources', 'Software Projects'],
    url: 'https://github.com/cilium/ebpf',
    authors: [],
    projects: ['Cilium', 'cilium/ebpf', 'Go'],
  });
  check(t, '3-microsoft-is-working-on-an-ebpf-based-monitoring-tool-for', {
    sectionPath: ['New Resources', 'Impact on the Industry'],
    title: 'Microsoft is working on an eBPF-based monitoring tool for Linux',
    url: 'https://twitter.com/markrussinovich/status/1340737856201879552?ref_src=twsrc%5Etfw',
    date: '2020-12-20',
    dateText: '2020-12-20',
    projects: ['Sysmon for Linux'],
  });
  check(t, '3-kubernetes-podcast-episode-133-cilium-with-thomas-graf', {
    title: 'Kubernetes Podcast - Episode #133: Cilium, with Thomas Graf',
    authors: ['Craig Box', 'Adam Glick'],
    date: '2021-01-12',
    projects: ['Cilium', 'Envoy', 'Hubble', 'Kubernetes'],
  });
  check(t, '3-add-atomic-operations-to-ebpf', {
    title: 'Add atomic operations to eBPF',
    authors: ['Brendan Jackman'],
    kernelVersions: ['5.12'],
    parent: null,
  });
  check(t, '3-support-retrieval-of-more-sol-socket-level-options-from-sock', {
    title: /^Support retrieval of more SOL_SOCKET level options/,
    authors: ['Daniel Borkmann'],
    kernelVersions: ['5.12'],
  });
  check(t, '4-advanced-bpf-kernel-features-for-the-container-age', {
    title: 'Advanced BPF kernel features for the container age',
    sectionPath: ['New Resources'],
    sectionUrl: 'https://ebpf.io/blog/ebpf-updates-2021-02#new-resources',
    authors: ['Daniel Borkmann'],
    date: '2021-02-07',
    dateText: '2021-02-07',
  });
  check(t, '4-datadog-on-ebpf', {
    title: 'Datadog On eBPF',
    authors: ['Lee Avital', 'Guillaume Fournier', 'Ara Pulido'],
    url: 'https://www.youtube.com/watch?v=58KtGtpn0_g',
    date: '2021-02-03',
  });
  check(t, '4-using-ebpf-to-uncover-in-memory-loading', {
    title: 'Using eBPF to uncover in-memory loading', authors: ['Pat H.'], date: '2021-02-15' });
  check(t, '4-break-things-on-purpose-mikolaj-pawlikowski-engineering-lead', {
    title: /^Break Things on Purpose \| Mikolaj Pawlikowski/,
    sectionPath: ['New Resources', 'Podcasts'],
    authors: ['Jason Yee', 'Pat Higgins'],
    date: '2021-01-28',
  });
  check(t, '4-did-you-know-program-size-limit', {
    title: 'Did You Know? Program size limit',
    kind: 'prose',
    kernelVersions: ['3.18', '4.7', '4.12', '4.14', '5.2', '5.3', '5.8'],
  });
  check(t, '4-rework-mtu-handling-in-tc-and-xdp-programs', {
    title: 'Rework MTU handling in TC and XDP programs',
    authors: ['Jesper Dangaard Brouer'],
    kernelVersions: ['5.12'],
  });
  check(t, '5-ebpf-integration-for-pyroscope', {
    sectionPath: ['New Resources', 'In the Industry'],
    title: 'eBPF Integration for Pyroscope',
    date: '2021-03',
    dateText: '2021-03',
    authors: [],
    projects: ['Pyroscope'],
  });
  check(t, '5-devconf-cz-2021', {
    sectionPath: ['New Resources', 'Deep Dives'],
    title: 'DevConf.CZ 2021',
    url: 'https://www.devconf.info/cz/',
    date: '2021-02-18',
    dateText: '2021-02-18/20',
    parent: null,
  });
  check(t, '5-ebpf-iterators', {
    title: 'eBPF Iterators',
    parent: '5-devconf-cz-2021',
    authors: ['Jiri Olsa'],
    date: '2021-02-18',
    dateText: '2021-02-18/20',
    projects: ['BCC', 'bpftool', 'bpftrace'],
  });
  check(t, '5-always-present-type-information-thanks-to-bpf-btf', {
    title: 'Always present type information thanks to BPF: BTF',
    parent: '5-devconf-cz-2021',
    authors: ['Arnaldo Melo'],
    projects: ['pahole'],
  });
  check(t, '5-the-cost-of-bpf-tail-calls', {
    title: 'The Cost of BPF Tail Calls',
    url: 'https://pchaigno.github.io/ebpf/2021/03/22/cost-bpf-tail-calls.html',
    authors: ['Paul Chaignon'],
    date: '2021-03-22',
    kernelVersions: ['5.5', '5.10'],
  });
  check(t, '5-reverse-debugging-at-scale', {
    title: 'Reverse debugging at scale',
    authors: ['Walter Erquinigo', 'David Carrillo-Cisneros', 'Alston Tang'],
    projects: ['LLDB'],
  });
  check(t, '5-extending-systemd-security-features-with-ebpf', {
    title: 'Extending systemd Security Features with eBPF',
    authors: ['Mauricio Vásquez Bernal'],
    projects: ['systemd'],
    date: '2021-04-09',
  });
  check(t, '5-getting-started-with-ebpf-and-go', {
    title: 'Getting Started with eBPF and Go',
    authors: ['Michael Kashin'],
    projects: ['cilium/ebpf', 'Go', 'gobpf', 'goebpf', 'libbpfgo', 'xdp-xconnect'],
  });
  check(t, '5-microsoft-acquires-kinvolk', {
    title: 'Microsoft acquires Kinvolk',
    sectionPath: ['Important News'],
    projects: ['Flatcar', 'Inspektor Gadget', 'Kubernetes', 'Lokomotive'],
    date: '2021-04-29',
  });
  check(t, '5-the-kernel-side', {
    title: 'The Kernel Side', kind: 'prose', kernelVersions: ['5.12', '5.13'] });
  check(t, '5-support-calling-kernel-functions-from-ebpf-programs', {
    sectionPath: ['The Kernel Side', 'Core'],
    sectionUrl: 'https://ebpf.io/blog/ebpf-updates-2021-05#core',
    title: 'Support calling kernel functions from eBPF programs',
    url: 'https://lore.kernel.org/bpf/20210325015124.1543397-1-kafai@fb.com/t/#u',
    authors: ['Martin KaFai Lau'],
    kernelVersions: ['5.13'],
  });
  check(t, '5-update-libbpf-to-support-static-linking-of-multiple-elf', {
    title: /^Update libbpf to support static linking of multiple ELF files/,
    sectionPath: ['The Kernel Side', 'Tools'],
    authors: ['Andrii Nakryiko'],
    url: 'https://lore.kernel.org/bpf/20210318194036.3521577-1-andrii@kernel.org/t/#u',
    kernelVersions: ['5.13'],
    projects: ['bpftool', 'libbpf'],
  });
  check(t, '5-community', {
    title: 'Community', kind: 'prose', sectionPath: ['Community'], authors: [] });
});

t.test('every kernel-side entry of issue #5 is in the 5.13 cycle', async (t) => {
  const kernel = archive.items.filter((i) => i.issue.number === 5 && i.sectionPath[0] === 'The Kernel Side' && i.kind === 'entry');
  t.equal(kernel.length, 16);
  for (const i of kernel) t.ok(i.kernelVersions.includes('5.13'), i.id);
});

t.test('the legacy layout of #5 yields the same items as the current one', async (t) => {
  const current = archive.items.filter((i) => i.issue.number === 5);
  t.equal(legacy.issues.length, 1);
  t.equal(legacy.issues[0]?.layout, 'legacy');
  t.same(legacy.problems, []);
  t.equal(legacy.items.length, current.length, 'same count');
  const view = (i: Item) => ({
    id: i.id,
    title: i.title,
    url: i.url,
    sectionPath: i.sectionPath,
    authors: i.authors,
    date: i.date,
    dateText: i.dateText,
    parent: i.parent,
    kernelVersions: i.kernelVersions,
  });
  t.same(legacy.items.map(view), current.map(view));
  t.match(legacy.issues[0]?.lede, /^Spring is back in the Northern Hemisphere/, 'lede from {{preview}}');
  const kinvolk = legacy.items.find((i) => i.id === '5-microsoft-acquires-kinvolk');
  t.match(kinvolk?.text, /Mauricio Vásquez Bernal/, 'mis-encoded characters are repaired in text too');
  t.notMatch(kinvolk?.text, /√/);
});

t.test('pointed at the whole shared folder, the duplicate #5 is reported and one copy kept', async (t) => {
  const both = await loadArchive(`${BLOG_POSTS}/..`);
  t.same(
    both.issues.map((i) => i.number),
    [5, 4, 3, 2, 1],
  );
  t.equal(both.issues[0]?.layout, 'current', 'the current layout wins');
  t.equal(both.problems.length, 1);
  t.match(both.problems[0], { file: 'legacy/2021-05-04-ebpf-updates/index.md', message: /issue #5 is also in blog-posts\// });
});
