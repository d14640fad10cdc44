import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { otherNumber, stemOf } from './stems.js';
import { words } from './tokenizer.js';

/**
 * Query-time synonyms from `data/synonyms.json`. An expression is a sequence
 * of folded terms; the table maps each expression to the others of its group.
 */
export interface Synonyms {
  /** Expression key (terms joined by a space) to the alternatives of its group, each a term list. */
  alternatives: ReadonlyMap<string, string[][]>;
  /** The longest expression, in terms: how far a query is scanned ahead. */
  longest: number;
  /** A stem to every stem of its word family (data/derivations.json), itself included; absent: only itself. */
  families: ReadonlyMap<string, readonly string[]>;
}

const DATA_FILE = fileURLToPath(new URL('../../data/synonyms.json', import.meta.url));
const FAMILIES_FILE = fileURLToPath(new URL('../../data/derivations.json', import.meta.url));

function compileFamilies(families: string[][]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const family of families) {
    const stems = [...new Set(family.map((w) => stemOf(w.toLowerCase()) ?? w.toLowerCase()))];
    if (stems.length < 2) continue;
    for (const s of stems) out.set(s, [...new Set([...(out.get(s) ?? [s]), ...stems])]);
  }
  return out;
}

export function compileSynonyms(groups: string[][], families: string[][] = []): Synonyms {
  const alternatives = new Map<string, string[][]>();
  let longest = 1;
  for (const group of groups) {
    const expressions = group.map((e) => words(e).map((w) => w.term)).filter((e) => e.length > 0);
    for (const expression of expressions) {
      longest = Math.max(longest, expression.length);
      const key = expression.join(' ');
      const others = expressions.filter((e) => e.join(' ') !== key);
      alternatives.set(key, [...(alternatives.get(key) ?? []), ...others]);
    }
  }
  // A reader may write the head word in the plural (`internships`, `ring buffers`): it finds the group too, unless
  // the thesaurus gives that spelling a group of its own. Not the other way: a plural's singular can be
  // another word (`windows`, `internals`, `basics`).
  const numbered = new Map<string, string[][]>();
  for (const [key, others] of alternatives) {
    const expression = key.split(' ');
    const last = expression[expression.length - 1]!;
    const other = last.endsWith('s') ? null : otherNumber(last);
    if (other === null) continue;
    const variant = [...expression.slice(0, -1), other].join(' ');
    if (alternatives.has(variant)) continue;
    numbered.set(variant, [...(numbered.get(variant) ?? []), expression, ...others]);
  }
  for (const [variant, others] of numbered) alternatives.set(variant, others);
  return { alternatives, longest, families: compileFamilies(families) };
}

const isTerms = (value: unknown): value is string[] => Array.isArray(value) && value.every((e) => typeof e === 'string');

/**
 * Reads and compiles the synonym groups (default: the repo's `data/synonyms.json`):
 * each `{ "terms": [...], "why": "..." }` (the reason the archive gives), or a bare
 * list; and the word families the stemmer does not join (`data/derivations.json`).
 */
export function loadSynonyms(file: string = DATA_FILE, familiesFile: string = FAMILIES_FILE): Synonyms {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { groups?: unknown };
  const groups = Array.isArray(parsed.groups) ? parsed.groups.map((g: unknown) => (isTerms(g) ? g : isTerms((g as { terms?: unknown })?.terms) ? (g as { terms: string[] }).terms : null)) : null;
  if (!groups || groups.some((g) => g === null)) throw new Error(`${file} must hold { "groups": [{ "terms": ["expression", ...], "why": "..." }, ...] }`);
  const families = (JSON.parse(readFileSync(familiesFile, 'utf8')) as { families?: unknown }).families;
  if (!Array.isArray(families) || !families.every(isTerms)) throw new Error(`${familiesFile} must hold { "families": [["word", ...], ...] }`);
  return compileSynonyms(groups as string[][], families);
}
