// Synthetic archives for scale benchmarks: node bench/synth.mjs ISSUES [OUT_DIR]
//
// Writes ISSUES newsletter issues in the real (current) layout by recombining
// the items of the real archive read from ../shared/archive: new issue
// numbers, dates and kernel cycles, each entry drawn at random from the real
// entries of the same section. Output goes outside the repository (default
// /tmp/ebpf-synth-ISSUES); nothing generated is committed.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadArchive, loadVocabulary } from '../dist/ingest/index.js';
import { prng } from './queries.mjs';

export const REAL_ARCHIVE = fileURLToPath(new URL('../../shared/archive/blog-posts', import.meta.url));

const bullet = (markdown) => `- ${markdown.split('\n').join('\n  ')}`;
const day = (base, offset) => new Date(base.getTime() + offset * 86400000).toISOString().slice(0, 10);

/** Generates `issues` issues into `out`; returns the number of items written. */
export async function synthesize(issues, out, seed = 42) {
  const real = await loadArchive(REAL_ARCHIVE, { vocabulary: loadVocabulary() });
  const pool = new Map();
  for (const item of real.items) {
    if (item.parent) continue;
    const key = `${item.sectionPath[0]}\u0000${item.kind}`;
    pool.set(key, [...(pool.get(key) ?? []), item]);
  }
  const templates = real.issues.map((issue) => real.items.filter((i) => i.issue.number === issue.number && !i.parent));
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const start = new Date('2021-06-01T10:00:00Z');
  let written = 0;
  for (let n = 1; n <= issues; n++) {
    const date = day(start, n * 7);
    const cycle = `${5 + (Math.floor(n / 20) % 2)}.${n % 20}`;
    const template = templates[n % templates.length];
    const lines = [
      '---',
      `path: "/blog/ebpf-updates-synthetic-${n}"`,
      `date: "${date}T10:00:00.000Z"`,
      `title: "eBPF Updates #${n}: Synthetic Issue ${n}, Recombined From The Real Archive"`,
      `description: "A synthetic issue for benchmarks, recombining real items (issue ${n})."`,
      'categories:',
      '  - Update',
      '---',
      '',
    ];
    let path = [];
    let announced = false;
    for (const model of template) {
      const headings = model.sectionPath;
      headings.forEach((heading, depth) => {
        if (path[depth] !== heading) {
          lines.push(`${'#'.repeat(depth + 2)} ${heading}`, '');
          path = [...headings.slice(0, depth + 1)];
          if (depth === 0) announced = false;
        }
      });
      const item = pick(pool.get(`${model.sectionPath[0]}\u0000${model.kind}`) ?? [model]);
      if (item.kind === 'prose') {
        lines.push(item.markdown, '');
        continue;
      }
      if (/kernel side/i.test(headings[0]) && !announced) {
        lines.push(`Here are some highlights from the pull requests for the ${cycle} cycle:`, '');
        announced = true;
      }
      // About one entry in four is followed by another of the same section: real issues run 21 to 63 entries, synthetic ones average about 50.
      for (const entry of random() < 0.25 ? [item, pick(pool.get(`${model.sectionPath[0]}\u0000entry`) ?? [item])] : [item]) {
        if (entry.date) lines.push(`{/*${day(new Date(`${date}T00:00:00Z`), -Math.floor(random() * 40))}*/}`, '');
        lines.push(bullet(entry.markdown), '');
        written++;
      }
    }
    const folder = join(out, `${date}-synthetic-${n}`);
    mkdirSync(folder);
    writeFileSync(join(folder, 'index.md'), `${lines.join('\n')}\n`);
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const issues = Number(process.argv[2] ?? 100);
  const out = process.argv[3] ?? `/tmp/ebpf-synth-${issues}`;
  const started = performance.now();
  const entries = await synthesize(issues, out);
  console.log(`wrote ${issues} issues (${entries} entries) to ${out} in ${Math.round(performance.now() - started)} ms`);
}
