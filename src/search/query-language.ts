import { QueryError } from './errors.js';
import { FILTER_FIELDS, parseFilterValue, type FilterField, type FilterValue } from './filters.js';
import { words, type Word } from './tokenizer.js';
import { allStopWords, STOP_WORDS } from './stop-words.js';

/**
 * The `q` language:
 *   words             every word must match (like a search box)
 *   "a phrase"        words adjacent, in order
 *   -word -"phrase"   exclude
 *   field:value       author:"Paul Chaignon" project:cilium kernel:>=5.12
 *                     kernel:5.10..5.13 section:xdp issue:5 date:2021-03
 *   -field:value      exclude items with that value
 * Parsed into a flat AND of clauses; unknown fields and malformed values are
 * errors that name the token.
 */
export type Clause =
  | { type: 'term'; text: string }
  | { type: 'phrase'; text: string }
  | { type: 'filter'; value: FilterValue }
  | { type: 'not'; clause: Clause };

export interface QueryTree {
  type: 'and';
  clauses: Clause[];
}

export const MAX_QUERY_LENGTH = 512;
/** Clauses (words, phrases, filters, exclusions) in one query. The tree is flat: an AND of clauses, each at most one `not` deep. */
export const MAX_CLAUSES = 32;
/** Words searched in one query (phrases and exclusions count theirs): each costs index lookups with typos. */
export const MAX_QUERY_WORDS = 16;
const FIELD = /^([A-Za-z]+):(.*)$/s;
const KNOWN = new Set<string>(FILTER_FIELDS);

interface RawToken {
  text: string;
  negated: boolean;
  /** A whole token in quotes (a phrase), as opposed to a bare word. */
  quoted: boolean;
  /** For `field:"quoted value"`: the unquoted value. */
  field?: { name: string; value: string };
  position: number;
}

function lex(q: string): RawToken[] {
  const tokens: RawToken[] = [];
  let i = 0;
  while (i < q.length) {
    while (i < q.length && /\s/.test(q[i]!)) i++;
    if (i >= q.length) break;
    const position = i;
    let negated = false;
    if (q[i] === '-' && i + 1 < q.length && !/\s/.test(q[i + 1]!)) {
      negated = true;
      i++;
    }
    if (q[i] === '"') {
      const close = q.indexOf('"', i + 1);
      if (close < 0) throw new QueryError(`unbalanced quote at position ${i + 1} of q`, 'q', q.slice(position));
      tokens.push({ text: q.slice(i + 1, close), negated, quoted: true, position });
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < q.length && !/\s/.test(q[j]!) && q[j] !== '"') j++;
    const bare = q.slice(i, j);
    const field = FIELD.exec(bare);
    if (field && q[j] === '"' && field[2] === '') {
      // field:"quoted value"
      const close = q.indexOf('"', j + 1);
      if (close < 0) throw new QueryError(`unbalanced quote at position ${j + 1} of q`, 'q', q.slice(position));
      tokens.push({ text: q.slice(position, close + 1), negated, quoted: false, field: { name: field[1]!, value: q.slice(j + 1, close) }, position });
      i = close + 1;
      continue;
    }
    if (q[j] === '"') throw new QueryError(`unexpected quote at position ${j + 1} of q`, 'q', q.slice(position, j + 1));
    if (field && !field[2]!.startsWith('//')) {
      tokens.push({ text: q.slice(position, j), negated, quoted: false, field: { name: field[1]!, value: field[2]! }, position });
    } else if (bare !== '') {
      tokens.push({ text: bare, negated, quoted: false, position });
    }
    i = j;
  }
  return tokens;
}

function toClause(token: RawToken): Clause | null {
  let clause: Clause;
  if (token.field) {
    const name = token.field.name.toLowerCase();
    if (!KNOWN.has(name)) {
      throw new QueryError(`unknown field "${token.field.name}" in "${token.text}": use one of ${FILTER_FIELDS.join(', ')}`, 'q', token.text);
    }
    if (token.field.value.trim() === '') throw new QueryError(`missing value after "${token.field.name}:" in q`, 'q', token.text);
    clause = { type: 'filter', value: parseFilterValue(name as FilterField, token.field.value, 'q', token.text.replace(/^-/, '')) };
  } else if (token.quoted) {
    if (token.text.trim() === '') return null;
    clause = { type: 'phrase', text: token.text.trim() };
  } else {
    clause = { type: 'term', text: token.text };
  }
  return token.negated ? { type: 'not', clause } : clause;
}

/** Parses `q`; throws QueryError (a 400) naming the offending token. */
export function parseQuery(q: string): QueryTree {
  if (q.length > MAX_QUERY_LENGTH) throw new QueryError(`q is ${q.length} characters long; the limit is ${MAX_QUERY_LENGTH}`, 'q');
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(q)) throw new QueryError('q contains control characters', 'q');
  const clauses = lex(q)
    .map(toClause)
    .filter((c): c is Clause => c !== null);
  if (clauses.length > MAX_CLAUSES) throw new QueryError(`q has ${clauses.length} clauses; the limit is ${MAX_CLAUSES}`, 'q');
  const searched = searchedWords(clauses);
  if (searched > MAX_QUERY_WORDS) throw new QueryError(`q has ${searched} words; at most ${MAX_QUERY_WORDS} are searched at once`, 'q');
  return { type: 'and', clauses };
}

/**
 * The words a query searches: all of a phrase's or an exclusion's, a bare word unless it is a stop
 * word (the search drops those, so a long natural question is not refused for
 * its "the" and "in"), every bare word when all are stop words (then they are kept).
 */
function searchedWords(clauses: readonly Clause[]): number {
  let whole = 0;
  const bare: Word[] = [];
  for (const c of clauses) {
    const inner = c.type === 'not' ? c.clause : c;
    // Phrases and exclusions keep every word they hold.
    if (inner.type === 'phrase' || (inner.type === 'term' && c.type === 'not')) whole += words(inner.text).length;
    else if (inner.type === 'term') bare.push(...words(inner.text));
  }
  return whole + (allStopWords(bare) ? bare.length : bare.filter((w) => !STOP_WORDS.has(w.term)).length);
}

function quote(text: string): string {
  return `"${text}"`;
}

function printClause(clause: Clause): string {
  switch (clause.type) {
    case 'term':
      return clause.text;
    case 'phrase':
      return quote(clause.text);
    case 'filter': {
      const value = 'name' in clause.value ? clause.value.name : clause.value.text;
      return `${clause.value.field}:${/[\s"]/.test(value) || value === '' ? quote(value) : value}`;
    }
    case 'not':
      return `-${printClause(clause.clause)}`;
  }
}

/** The canonical text of a query: parsing it again gives the same tree. */
export function printQuery(tree: QueryTree): string {
  return tree.clauses.map(printClause).join(' ');
}
