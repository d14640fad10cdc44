import { words } from './tokenizer.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const UNESCAPES = new Map(Object.entries(ESCAPES).map(([c, entity]) => [entity, c]));

/** A snippet or highlight as plain text: the inverse of escapeHtml, `<mark>` dropped (for clients that render no HTML: agents, terminals). */
export function unmarked(html: string): string {
  return html.replace(/<\/?mark>/g, '').replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => UNESCAPES.get(entity)!);
}

/** The default length of a snippet, in characters of source text. */
export const SNIPPET_LENGTH = 220;

interface Marked {
  start: number;
  end: number;
}

/** Marks by tokenizing, as the index does: the reference, and the path for non-ASCII text (accents fold). */
function tokenMarks(text: string, terms: ReadonlySet<string>, from: number, to: number): Marked[] {
  const marks: Marked[] = [];
  for (const w of words(text.slice(from, to))) {
    if (terms.has(w.term) || (w.parts.length > 1 && w.parts.some((p) => terms.has(p)))) marks.push({ start: w.start + from, end: w.end + from });
  }
  return marks;
}

const ASCII = /^[\x00-\x7f]*$/;
// A letter or digit beyond ASCII (`é`, `ł`, `ド`): folding may change it, so such text is tokenized.
// Typographic quotes, dashes and emoji are not letters and keep the fast path.
const NON_ASCII_WORD_CHAR = /(?![\x00-\x7f])[\p{L}\p{N}]/u;
const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isConnector = (c: number) => c === 46 || c === 95 || c === 45 || c === 47; // . _ - /

/**
 * The same marks without tokenizing, for text whose letters and digits are all
 * ASCII: each term is looked up
 * with indexOf, kept where it stands as a whole compound or one of its parts,
 * and the mark spans the whole compound (a hit on `xdp` marks `AF_XDP`).
 */
function asciiMarks(text: string, terms: ReadonlySet<string>, from: number, to: number, lower = text.toLowerCase()): Marked[] {
  const code = (i: number) => lower.charCodeAt(i);
  const marks: Marked[] = [];
  for (const term of terms) {
    if (term === '' || !ASCII.test(term)) continue;
    const numeric = /^[0-9]+$/.test(term);
    for (let at = lower.indexOf(term, from); at >= 0 && at + term.length <= to; at = lower.indexOf(term, at + 1)) {
      const end = at + term.length;
      if ((at > 0 && isAlnum(code(at - 1))) || (end < lower.length && isAlnum(code(end)))) continue;
      let start = at;
      while (start > 0 && (isAlnum(code(start - 1)) || (isConnector(code(start - 1)) && start > 1 && isAlnum(code(start - 2))))) start--;
      let stop = end;
      while (stop < lower.length && (isAlnum(code(stop)) || (isConnector(code(stop)) && stop + 1 < lower.length && isAlnum(code(stop + 1))))) stop++;
      // The parts of a dotted number are not words: `13` does not match `5.13`.
      if (numeric && (start !== at || stop !== end) && lower.slice(start, stop).includes('.')) continue;
      if (start < from || stop > to) continue;
      marks.push({ start, end: stop });
    }
  }
  marks.sort((a, b) => a.start - b.start);
  return marks.filter((m, i) => i === 0 || m.start >= marks[i - 1]!.end);
}

/**
 * Text ready for marking, prepared once per item when the index is built:
 * line breaks flattened, lower-cased, and whether the fast ASCII path applies.
 */
export interface MarkableText {
  text: string;
  lower: string;
  ascii: boolean;
}

export function markable(text: string): MarkableText {
  // Item text is already squashed within paragraphs: only line breaks remain to flatten.
  const flat = (text.includes('\n') ? text.replace(/\n+/g, ' ') : text).trim();
  const lower = flat.toLowerCase();
  return { text: flat, lower: lower === flat ? flat : lower, ascii: !NON_ASCII_WORD_CHAR.test(flat) };
}

function marksIn(source: MarkableText, terms: ReadonlySet<string>, from = 0, to = source.text.length): Marked[] {
  if (terms.size === 0) return [];
  return source.ascii ? asciiMarks(source.text, terms, from, to, source.lower) : tokenMarks(source.text, terms, from, to);
}

/** Exposed for tests: both ways of marking must agree on text with ASCII letters and digits only. */
export const markers = { asciiMarks, tokenMarks };

/**
 * Where to look for the densest run of matches: around the first place a
 * matched term appears (found without tokenizing), a few snippet lengths
 * wide; the whole text when a term only matches once folded (accents).
 */
function region({ text, lower }: MarkableText, terms: ReadonlySet<string>, length: number): [number, number] {
  let first = -1;
  for (const term of terms) {
    const at = lower.indexOf(term);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  if (first < 0) return [0, text.length];
  const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, first - length)) + 1);
  const space = text.indexOf(' ', Math.min(text.length, first + 3 * length));
  return [from, space < 0 ? text.length : space];
}

/** `text[start, end)` HTML-escaped, with the marked words wrapped in `<mark>`. */
function render(text: string, marks: Marked[], start: number, end: number): string {
  let html = '';
  let at = start;
  for (const m of marks) {
    if (m.end <= start || m.start >= end) continue;
    html += escapeHtml(text.slice(at, m.start));
    html += `<mark>${escapeHtml(text.slice(m.start, m.end))}</mark>`;
    at = m.end;
  }
  return html + escapeHtml(text.slice(at, end));
}

/** The whole of `text`, escaped, matched words marked: for titles. */
export function highlightAll(text: string | MarkableText, terms: ReadonlySet<string>): string {
  const source = typeof text === 'string' ? markable(text) : text;
  return render(source.text, marksIn(source, terms), 0, source.text.length);
}

/**
 * A window of about `length` characters of `text` around its densest run of
 * matched words, cut on word boundaries, escaped, matched words marked. With
 * no match the window starts at the beginning.
 */
export function snippet(text: string | MarkableText, terms: ReadonlySet<string>, length = SNIPPET_LENGTH): string {
  const source = typeof text === 'string' ? markable(text) : text;
  const flat = source.text;
  const marks = terms.size === 0 ? [] : marksIn(source, terms, ...region(source, terms, length));
  let start = 0;
  if (marks.length > 0) {
    let best = 0;
    let bestCount = 0;
    for (let i = 0, j = 0; i < marks.length; i++) {
      while (j < marks.length && marks[j]!.end - marks[i]!.start <= length * 0.8) j++;
      if (j - i > bestCount) {
        bestCount = j - i;
        best = i;
      }
    }
    // Lead in with a little context before the first match.
    start = Math.max(0, marks[best]!.start - Math.round(length * 0.2));
    if (start > 0) {
      const space = flat.indexOf(' ', start);
      start = space >= 0 && space < marks[best]!.start ? space + 1 : marks[best]!.start;
    }
  }
  let end = Math.min(flat.length, start + length);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > start) end = space;
  }
  return `${start > 0 ? '…' : ''}${render(flat, marks, start, end)}${end < flat.length ? '…' : ''}`;
}
