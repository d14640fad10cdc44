import { words } from './tokenizer.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** The default length of a snippet, in characters of source text. */
export const SNIPPET_LENGTH = 220;

interface Marked {
  start: number;
  end: number;
}

function marksIn(text: string, terms: ReadonlySet<string>, from = 0, to = text.length): Marked[] {
  if (terms.size === 0) return [];
  const marks: Marked[] = [];
  for (const w of words(text.slice(from, to))) {
    if (terms.has(w.term) || (w.parts.length > 1 && w.parts.some((p) => terms.has(p)))) marks.push({ start: w.start + from, end: w.end + from });
  }
  return marks;
}

/**
 * Where to look for the densest run of matches: around the first place a
 * matched term appears (found without tokenizing), a few snippet lengths
 * wide; the whole text when a term only matches once folded (accents).
 */
function region(text: string, terms: ReadonlySet<string>, length: number): [number, number] {
  const lower = text.toLowerCase();
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
export function highlightAll(text: string, terms: ReadonlySet<string>): string {
  return render(text, marksIn(text, terms), 0, text.length);
}

/**
 * A window of about `length` characters of `text` around its densest run of
 * matched words, cut on word boundaries, escaped, matched words marked. With
 * no match the window starts at the beginning.
 */
export function snippet(text: string, terms: ReadonlySet<string>, length = SNIPPET_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const marks = terms.size === 0 ? [] : marksIn(flat, terms, ...region(flat, terms, length));
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
