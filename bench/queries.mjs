/**
 * Realistic queries against the archive, by class: what people type into a
 * search box, what bots send. Shared by the in-process and HTTP benchmarks.
 */
export const QUERIES = {
  words: ['tail calls', 'xdp', 'ring buffer', 'libbpf', 'kubernetes networking', 'verifier', 'btf kernel modules', 'bpftrace', 'cilium', 'sleepable programs', 'socket options', 'static linking'],
  typos: ['taill calls', 'libpbf', 'kuberentes', 'verifer', 'bpftarce', 'obervability', 'congestoin control'],
  natural: ['who acquired Kinvolk', 'how do I write BPF programs in Zig', 'what is the cost of tail calls', 'how to trace system calls in production'],
  phrases: ['"tail calls"', '"ring buffer"', '"compile once"', '"program size"'],
  prefixes: ['tai', 'kube', 'ringb', 'sleepa', 'iter'],
  identifiers: ['AF_XDP', 'bpf_snprintf', 'BPF_PROG_TYPE_SK_LOOKUP', 'sk_lookup', 'CO-RE', '5.13'],
  fielded: ['author:"Andrii Nakryiko"', 'kernel:>=5.12 xdp', 'project:cilium -hubble', 'section:xdp', 'issue:2..4 libbpf', 'date:2021-03', 'kernel:5.10..5.13 verifier'],
  browse: [''],
};

export const ALL_QUERIES = Object.values(QUERIES).flat();
