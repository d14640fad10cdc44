import { readFileSync } from 'node:fs';
import t from 'tap';
import { search } from '../../src/search/index.js';
import { words } from '../../src/search/tokenizer.js';
import { realIndex } from '../http/helpers.js';

/** The curated vocabularies hold what they promise: every synonym group justified by the archive, no term in two groups. */
const index = await realIndex();
const synonyms = JSON.parse(readFileSync(new URL('../../data/synonyms.json', import.meta.url), 'utf8')) as { groups: { terms: string[]; why: string }[] };
const families = JSON.parse(readFileSync(new URL('../../data/derivations.json', import.meta.url), 'utf8')) as { families: string[][] };

// Headings count too ("Deep Dives", "Software Demos"): they are the archive's words for what is under them.
const headings = ` ${[...new Set(index.items.flatMap((i) => i.sectionPath))].map((h) => words(h).map((w) => w.term).join(' ')).join(' | ')} `;
const inArchive = (term: string) => {
  const folded = words(term).map((w) => w.term).join(' ');
  return folded !== '' && (headings.includes(` ${folded} `) || search(index, { q: `"${term.replace(/"/g, '')}"`, relax: false, collapse: false, limit: 1 }).total > 0);
};

t.test('every synonym group names the archive: one of its expressions is in an item or a heading, and it says why', async (t) => {
  t.ok(synonyms.groups.length >= 200, `${synonyms.groups.length} groups`);
  const unjustified = synonyms.groups.filter((g) => !g.why || g.terms.length < 2 || !g.terms.some(inArchive));
  t.same(unjustified.map((g) => g.terms.join(' / ')), [], 'groups found nowhere in the archive');
});

t.test('no expression stands in two synonym groups, and word families are lists of words', async (t) => {
  const seen = new Map<string, number>();
  const twice: string[] = [];
  synonyms.groups.forEach((g, i) => {
    for (const term of g.terms) {
      const key = words(term).map((w) => w.term).join(' ');
      if (seen.has(key) && seen.get(key) !== i) twice.push(term);
      seen.set(key, i);
    }
  });
  t.same(twice, []);
  t.ok(families.families.every((f) => f.length >= 2 && f.every((w) => /^[a-z]+$/.test(w))));
});
