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

/** The value below which `p` % of `sorted` (ascending) lies: the nearest-rank percentile every benchmark reports. */
export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** A small deterministic PRNG (mulberry32), so runs draw the same queries. */
export function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words of item titles a person might type: letters only, 4 characters or more. */
export function titleWords(items) {
  const words = new Set();
  for (const item of items) for (const w of item.title.toLowerCase().match(/\p{L}{4,}/gu) ?? []) words.add(w);
  return [...words];
}

/** One typo where a person makes one: a swapped pair or a dropped letter, in words of 5 letters or more. */
export function typo(word, random) {
  if (word.length < 5) return word;
  const i = 1 + Math.floor(random() * (word.length - 2));
  return random() < 0.5 ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word.slice(0, i) + word.slice(i + 1);
}

/** `count` two-word queries drawn from titles, each word with a typo when long enough. */
export function typoPairs(items, count, seed) {
  const random = prng(seed);
  const words = titleWords(items);
  return Array.from({ length: count }, () => `${typo(words[Math.floor(random() * words.length)], random)} ${typo(words[Math.floor(random() * words.length)], random)}`);
}
