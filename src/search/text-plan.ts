import type { Query } from 'minisearch';
import type { QueryTree } from './query-language.js';
import { indexedStem, otherNumber, stemOf } from './stems.js';
import { allStopWords, STOP_WORDS } from './stop-words.js';
import type { Synonyms } from './synonyms.js';
import { STEMS_FIELD } from './term-index.js';
import { spelt, words, type Word } from './tokenizer.js';
import { allowedTypos, allowsPrefix, oneTypoAway, twoTyposAway, type TypoDictionary } from './typos.js';

/**
 * One thing the user asked for: a word, or a run of words that a synonym
 * group or a person's name covers whole ("tail calls", "brendan gregg").
 * Found exactly through `exact` (the word, its other number, its parts, its
 * synonyms, its stem and word family), or with a typo through `typo`.
 */
export interface Concept {
  label: string;
  /** Alternatives found exactly; a document scores by its best one. */
  exact: Alternative[];
  /** Typo variants (worked out only when asked: most words are found exactly), or null where no typo is allowed. */
  typo: (() => Alternative | null) | null;
  /** The folded terms that stand for it in an item's words, for proximity. */
  terms: string[];
  /** A tag the concept names (a person, a kernel version): items carrying it are what it is about. */
  tag: { column: 'author' | 'kernel'; id: number } | null;
}

/** A query, how many terms it requires (to bring multi-word alternatives to a per-term score), and what a match is worth. */
export interface Alternative {
  query: Query;
  terms: number;
  /** Multi-word expressions match as phrases (`bpf type format`, not those words anywhere): the forms each word may take, in order. */
  sequence?: string[][];
  /** What a match is worth beside an exact one (1): stems and word families less. */
  weight?: number;
  /** False: its terms are not marked in snippets (the parts of a multi-word synonym: `path` of "express data path"). */
  mark?: boolean;
}

export interface Phrase {
  text: string;
  /** All words present (in some form), ignoring order: the candidates a phrase check runs on. */
  candidates: Query;
  /** The phrase's forms, words adjacent and in order (each word's forms at its position): any may match. */
  sequences: string[][][];
  /** Folded terms of the phrase, for highlighting. */
  terms: string[];
}

export interface TextPlan {
  concepts: Concept[];
  phrases: Phrase[];
  excludedTerms: Query[];
  excludedPhrases: Phrase[];
  /** Folded terms the user typed (with synonyms), for highlighting hits that match them exactly. */
  highlightTerms: Set<string>;
  /** Every word typed (stop words included), folded, in order: a title holding them all in order is an exact match. */
  typed: string[];
}

/** What the index lends the plan: synonyms, typo dictionary, who its people are, its kernel versions. */
export interface PlanContext {
  synonyms: Synonyms;
  typoDictionary: TypoDictionary;
  /** Folded full names of credited people to their value ids (`brendan gregg`). */
  authorKeys?: ReadonlyMap<string, number>;
  /** Words of credited people's names, never stemmed (`gregg`, `chaignon`). */
  nameWords?: ReadonlyMap<string, unknown>;
  /** Kernel version to its value id (`5.13`). */
  kernelIds?: ReadonlyMap<string, number>;
  /** Compounds written both joined and apart: `userspace` -> [user, space], and `user space` -> `userspace`. */
  split?: ReadonlyMap<string, readonly [string, string]>;
  joined?: ReadonlyMap<string, string>;
  /** A stem to the index terms it comes from: a stem with no form beyond those asked for exactly costs no query. */
  surfaces?: ReadonlyMap<string, readonly string[]>;
}

/** A stemmed form or a word of the family is worth this much of an exact match. */
export const STEM_WEIGHT = 0.6;
/** Words in a person's name, longest first. */
const NAME_WORDS = [3, 2];

function leaf(term: string, options: { prefix?: boolean; fuzzy?: number } = {}): Query {
  return { queries: [term], combineWith: 'OR', prefix: options.prefix ?? false, fuzzy: options.fuzzy ?? false };
}

function all(terms: string[]): Query {
  return terms.length === 1 ? leaf(terms[0]!) : { queries: terms.map((t) => leaf(t)), combineWith: 'AND' };
}

function any(queries: Query[]): Query {
  return queries.length === 1 ? queries[0]! : { queries, combineWith: 'OR' };
}

/** Any of `stems` in the stems field, where a word's inflected and derived forms meet. */
function inStems(stems: readonly string[]): Query {
  return { queries: stems.map((s) => leaf(indexedStem(s))), combineWith: 'OR', fields: [STEMS_FIELD] } as Query;
}

/** A word exactly: whole, or (for a compound typed partly, `bpf_map`) all its parts. */
function exactWord(word: Word): Query {
  return word.parts.length > 1 ? any([leaf(word.term), all(word.parts)]) : leaf(word.term);
}


/** An alternative of several terms must appear as a phrase. */
function expression(terms: string[], mark = true): Alternative {
  return terms.length === 1 ? { query: leaf(terms[0]!), terms: 1, mark } : { query: all(terms), terms: terms.length, sequence: terms.flatMap(spelt).map((t) => [t]), mark };
}

/** The forms one word of a phrase may take: itself, its other number, its one-word synonyms. */
function phraseForms(term: string, synonyms: Synonyms): string[] {
  const forms = new Set([term]);
  const other = otherNumber(term);
  if (other) forms.add(other);
  for (const alt of synonyms.alternatives.get(term) ?? []) if (alt.length === 1) forms.add(alt[0]!);
  return [...forms];
}

function phrase(text: string, synonyms: Synonyms): Phrase | null {
  const ws = words(text);
  if (ws.length === 0) return null;
  const content = ws.filter((w) => !STOP_WORDS.has(w.term));
  const retrieval = content.length > 0 ? content : ws;
  const positions = ws.flatMap((w) => (w.parts.length > 1 ? w.parts.map((p) => [p]) : [phraseForms(w.term, synonyms)]));
  // A phrase that a synonym group names whole ("tail call") also matches the group's other expressions.
  const whole = synonyms.alternatives.get(ws.map((w) => w.term).join(' ')) ?? [];
  const wordQuery = (w: Word) => any([exactWord(w), ...phraseForms(w.term, synonyms).filter((f) => f !== w.term).map((f) => leaf(f))]);
  const own: Query = retrieval.length === 1 ? wordQuery(retrieval[0]!) : { queries: retrieval.map(wordQuery), combineWith: 'AND' };
  return {
    text,
    candidates: whole.length === 0 ? own : any([own, ...whole.map((alt) => all(alt))]),
    sequences: [positions, ...whole.map((alt) => alt.flatMap(spelt).map((t) => [t]))],
    terms: [...new Set([...ws.flatMap((w) => [w.term, ...w.parts]), ...positions.flat()])],
  };
}

/** Longest synonym expression starting at `start`, as its length in words, or 0. */
function synonymAt(ws: Word[], start: number, synonyms: Synonyms): number {
  for (let length = Math.min(synonyms.longest, ws.length - start); length >= 1; length--) {
    const key = ws
      .slice(start, start + length)
      .map((w) => w.term)
      .join(' ');
    if (synonyms.alternatives.has(key)) return length;
  }
  return 0;
}

/** A credited person's full name starting at `start`, as its length in words and its value id. */
function nameAt(ws: Word[], start: number, authorKeys: ReadonlyMap<string, number> | undefined): { length: number; id: number } | null {
  if (!authorKeys) return null;
  for (const length of NAME_WORDS) {
    if (start + length > ws.length) continue;
    const id = authorKeys.get(
      ws
        .slice(start, start + length)
        .map((w) => w.term)
        .join(' '),
    );
    if (id !== undefined) return { length, id };
  }
  return null;
}

/** A word's typo variants: the index terms one typo away (two for long words), straight from the deletion dictionaries. */
function typoAlternative(term: string, dictionary: TypoDictionary): Alternative | null {
  const typos = allowedTypos(term);
  if (typos === 0) return null;
  const near = typos === 1 ? oneTypoAway(dictionary, term) : twoTyposAway(dictionary, term);
  return near.length === 0 ? null : { query: any(near.map((t) => leaf(t))), terms: 1 };
}

/**
 * The stems field asked for a word's stem and the stems of its family
 * (`verifying` -> verifi, verif); null when the index holds no form of them
 * beyond those `exact` already asks for.
 */
function stemmed(term: string, context: PlanContext, exact: ReadonlySet<string>): Alternative | null {
  if (context.nameWords?.has(term)) return null;
  const stem = stemOf(term);
  if (stem === null) return null;
  const family = context.synonyms.families.get(stem) ?? [stem];
  if (context.surfaces && family.every((s) => (context.surfaces!.get(s) ?? []).every((form) => exact.has(form)))) return null;
  return { query: inStems(family), terms: 1, weight: STEM_WEIGHT };
}

/**
 * A synonym group's expression typed whole (`container security`) still
 * matches its own words apart, each in any of its forms, anywhere in the
 * item, below the group's expressions: as in Meilisearch, a synonym adds
 * alternatives and never takes the typed words away (`securing
 * containerized environments` is about container security too).
 */
export const APART_WEIGHT = 0.35;

function wordsApart(span: Word[]): Alternative[] {
  const content = span.filter((w) => !STOP_WORDS.has(w.term));
  if (content.length < 2) return [];
  // One form per word in each alternative: MiniSearch multiplies a score by the query terms a document
  // holds, so a word asked in several forms at once would count several times (`container` and its stem).
  const exact: Alternative = { query: { queries: content.map(exactWord), combineWith: 'AND' }, terms: content.length, weight: APART_WEIGHT };
  const stems = content.map((w) => (w.parts.length === 1 ? stemOf(w.term) : null));
  if (stems.every((stem) => stem === null)) return [exact];
  const stemmedWord = (w: Word, i: number): Query => (stems[i] ? inStems([stems[i]!]) : exactWord(w));
  return [exact, { query: { queries: content.map(stemmedWord), combineWith: 'AND' }, terms: content.length, weight: APART_WEIGHT * STEM_WEIGHT }];
}

/** The other spellings of a compound the archive writes both ways: `userspace`, `user space`, `user-space`. */
function spellings(span: Word[], context: PlanContext): string[][] {
  if (span.length === 2) {
    const whole = context.joined?.get(`${span[0]!.term} ${span[1]!.term}`);
    return whole ? [[whole]] : [];
  }
  const word = span[0]!;
  if (word.parts.length === 2) {
    const whole = context.joined?.get(word.parts.join(' '));
    return whole ? [[whole], [...word.parts]] : [];
  }
  const apart = context.split?.get(word.term);
  return apart ? [[...apart]] : [];
}

function concept(span: Word[], context: PlanContext, isLast: boolean, highlight: Set<string>, name: number | null): Concept {
  const { synonyms } = context;
  const key = span.map((w) => w.term).join(' ');
  const own = new Set(span.map((w) => w.term));
  // An alternative holding every word typed (`xdp programs` for `xdp`) finds nothing the words do not: left out.
  const compound = spellings(span, context);
  const alternatives = [...(synonyms.alternatives.get(key) ?? []), ...compound].filter((alt) => alt.length === 1 || ![...own].every((t) => alt.includes(t)));
  const single = span.length === 1 ? span[0]! : null;
  // The last word also matches as a prefix; for a plain word MiniSearch scores the word and its completions in one pass.
  const prefixed = single !== null && isLast && allowsPrefix(single.term);
  const exact: Alternative[] = [
    single === null
      ? expression(span.map((w) => w.term))
      : { query: prefixed && single.parts.length === 1 ? leaf(single.term, { prefix: true }) : exactWord(single), terms: 1 },
  ];
  for (const alt of alternatives) exact.push(expression(alt, alt.length === 1));
  // A compound's words apart (`user` ... `space`) are not the compound.
  if (single === null && name === null && compound.length === 0 && synonyms.alternatives.has(key)) exact.push(...wordsApart(span));
  for (const w of span) for (const t of [w.term, ...w.parts]) highlight.add(t);
  for (const alt of alternatives) if (alt.length === 1) highlight.add(alt[0]!);
  let typo: Concept['typo'] = null;
  let tag: Concept['tag'] = name === null ? null : { column: 'author', id: name };
  if (single !== null) {
    const other = otherNumber(single.term);
    if (other) {
      // `call` as a prefix already finds `calls`.
      if (!(prefixed && other.startsWith(single.term))) exact.push({ query: leaf(other), terms: 1 });
      highlight.add(other);
    }
    if (prefixed && single.parts.length > 1) exact.push({ query: leaf(single.term, { prefix: true }), terms: 1 });
    if (single.parts.length === 1) {
      const asked = new Set([single.term, ...(other ? [other] : []), ...alternatives.filter((a) => a.length === 1).map((a) => a[0]!)]);
      const stems = prefixed ? stemmed(single.term, context, new Set()) : stemmed(single.term, context, asked);
      if (stems) exact.push(stems);
    }
    if (allowedTypos(single.term) > 0) typo = () => typoAlternative(single.term, context.typoDictionary);
    const version = context.kernelIds?.get(single.term);
    if (version !== undefined) tag = { column: 'kernel', id: version };
  }
  const terms = [...new Set([...span.map((w) => w.term), ...alternatives.filter((a) => a.length === 1).map((a) => a[0]!)])];
  return { label: key, exact, typo, terms, tag };
}

/**
 * Turns the text part of a query into what the index is asked: stop words
 * dropped (unless nothing else is left), synonym runs and people's full
 * names grouped, prefix on the last word, stems and word families, typo
 * variants where the word is long enough.
 */
export function planText(tree: QueryTree, context: PlanContext): TextPlan {
  const typed: Word[] = [];
  const plan: TextPlan = { concepts: [], phrases: [], excludedTerms: [], excludedPhrases: [], highlightTerms: new Set(), typed: [] };
  for (const clause of tree.clauses) {
    if (clause.type === 'term') typed.push(...words(clause.text));
    else if (clause.type === 'phrase') {
      const p = phrase(clause.text, context.synonyms);
      if (p) {
        plan.phrases.push(p);
        for (const t of p.terms) plan.highlightTerms.add(t);
        plan.typed.push(...words(clause.text).map((w) => w.term));
      }
    } else if (clause.type === 'not') {
      const inner = clause.clause;
      if (inner.type === 'term') plan.excludedTerms.push(...words(inner.text).map(exactWord));
      else if (inner.type === 'phrase') {
        const p = phrase(inner.text, context.synonyms);
        if (p) plan.excludedPhrases.push(p);
      }
    }
  }
  plan.typed.push(...typed.map((w) => w.term));
  const onlyStopWords = allStopWords(typed);
  const spans: { words: Word[]; name: number | null }[] = [];
  for (let i = 0; i < typed.length; ) {
    const name = nameAt(typed, i, context.authorKeys);
    if (name) {
      spans.push({ words: typed.slice(i, i + name.length), name: name.id });
      i += name.length;
      continue;
    }
    const compound = i + 1 < typed.length && context.joined?.has(`${typed[i]!.term} ${typed[i + 1]!.term}`) ? 2 : 0;
    const length = Math.max(compound, synonymAt(typed, i, context.synonyms));
    if (length > 1 || (length === 1 && !STOP_WORDS.has(typed[i]!.term))) {
      spans.push({ words: typed.slice(i, i + length), name: null });
      i += length;
      continue;
    }
    if (onlyStopWords || !STOP_WORDS.has(typed[i]!.term)) spans.push({ words: [typed[i]!], name: null });
    i++;
  }
  plan.concepts = spans.map((span, i) => concept(span.words, context, i === spans.length - 1, plan.highlightTerms, span.name));
  return plan;
}
