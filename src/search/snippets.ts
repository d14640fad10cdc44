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

function marksIn(text: string, terms: ReadonlySet<string>): Marked[] {
  if (terms.size === 0) return [];
  return words(text).filter((w) => terms.has(w.term) || (w.parts.length > 1 && w.parts.some((p) => terms.has(p))));
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
  const marks = marksIn(flat, terms);
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
