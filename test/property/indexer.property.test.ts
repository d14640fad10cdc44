import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import t from 'tap';
import { loadVocabulary } from '../../src/ingest/index.js';
import { parseIssue } from '../../src/ingest/parse-issue.js';
import { BLOG_POSTS } from '../helpers.js';
import { runs, SEED } from './seed.js';

/**
 * The indexer on damaged real issues: truncated, headings swapped, stray
 * HTML and MDX, deeply nested lists, lines of a megabyte, garbage bytes. It
 * never throws; whatever it cannot use is a problem naming the file.
 */
t.comment(`fast-check seed ${SEED} (FC_SEED to change)`);
const vocabulary = loadVocabulary();
const FILE = 'mutated-issue/index.md';
const issues = readdirSync(BLOG_POSTS)
  .filter((f) => f.endsWith('-ebpf-updates'))
  .map((f) => readFileSync(join(BLOG_POSTS, f, 'index.md'), 'utf8'));
t.equal(issues.length, 5, 'the five real issues to damage');

type Mutation = (source: string) => string;
const at = (source: string, fraction: number) => Math.floor(fraction * source.length);
const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const STRAY = ['<div>', '</ul>', '<script>alert(1)</script>', '<!--', '-->', '{/*', '*/}', '<details><summary>x', '<img src=x onerror=y>', '```', '---\n', '\n---\ntitle: again\n---\n', '&#0;', '\u0000', '\ufffd', '](', '[', '<!-- 2021-13-45 -->', '{/*2021-02-30*/}', '\n## \n', '\n### Deep\n#### Deeper\n'];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fraction.map((f): Mutation => (s) => s.slice(0, at(s, f))),
  fc.tuple(fraction, fraction).map(([a, b]): Mutation => (s) => {
    const lines = s.split('\n');
    const headings = lines.map((l, i) => (l.startsWith('#') ? i : -1)).filter((i) => i >= 0);
    if (headings.length < 2) return s;
    const i = headings[Math.floor(a * headings.length) % headings.length]!;
    const j = headings[Math.floor(b * headings.length) % headings.length]!;
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  }),
  fc.tuple(fraction, fc.constantFrom(...STRAY)).map(([f, html]): Mutation => (s) => s.slice(0, at(s, f)) + html + s.slice(at(s, f))),
  fc.tuple(fraction, fc.integer({ min: 20, max: 200 })).map(([f, depth]): Mutation => (s) => {
    const nested = Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- [level ${i}](https://example.org/${i}) from Someone`).join('\n');
    return `${s.slice(0, at(s, f))}\n${nested}\n${s.slice(at(s, f))}`;
  }),
  fc.tuple(fraction, fc.string({ unit: 'binary', maxLength: 200 })).map(([f, junk]): Mutation => (s) => s.slice(0, at(s, f)) + junk + s.slice(at(s, f))),
  fc.tuple(fraction, fraction).map(([a, b]): Mutation => (s) => s.slice(0, at(s, Math.min(a, b))) + s.slice(at(s, Math.max(a, b)))),
);

function check(source: string): void {
  const parsed = parseIssue(source, { file: FILE, vocabulary });
  for (const problem of parsed.problems) {
    if (problem.file !== FILE || !problem.message) throw new Error(`a problem without its path or message: ${JSON.stringify(problem)}`);
  }
  const ids = parsed.items.map((i) => i.id);
  if (new Set(ids).size !== ids.length) throw new Error(`duplicate item ids: ${ids.join(', ')}`);
  if (!parsed.issue && parsed.items.length > 0) throw new Error('items without an issue');
}

t.test('damaged issues never throw; problems carry the path', async () => {
  fc.assert(
    fc.property(fc.constantFrom(...issues), fc.array(mutation, { minLength: 1, maxLength: 3 }), (source, mutations) => check(mutations.reduce((s, m) => m(s), source))),
    runs(1200),
  );
});

t.test('a line of a megabyte, anywhere, is indexed or reported, never a crash', async () => {
  fc.assert(
    fc.property(fc.constantFrom(...issues), fraction, fc.constantFrom('x', 'ab ', '[', '*', '<'), (source, f, unit) => {
      const line = unit.repeat(Math.ceil(1_048_576 / unit.length));
      check(`${source.slice(0, at(source, f))}\n${line}\n${source.slice(at(source, f))}`);
    }),
    runs(6),
  );
});
