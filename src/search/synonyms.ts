import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
}

const DATA_FILE = fileURLToPath(new URL('../../data/synonyms.json', import.meta.url));

export function compileSynonyms(groups: string[][]): Synonyms {
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
  return { alternatives, longest };
}

/** Reads and compiles the synonym groups (default: the repo's `data/synonyms.json`). */
export function loadSynonyms(file: string = DATA_FILE): Synonyms {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { groups?: unknown };
  if (!Array.isArray(parsed.groups) || !parsed.groups.every((g) => Array.isArray(g) && g.every((e) => typeof e === 'string'))) {
    throw new Error(`${file} must hold { "groups": [["expression", ...], ...] }`);
  }
  return compileSynonyms(parsed.groups as string[][]);
}
