/**
 * Date comments sit right before an item: `{/*2021-02-07*\/}` (MDX, current
 * layout) or `<!--2021-04-12-->` (HTML, legacy layout). Other comments
 * (`{/*Keep below the other eBPF/GO*\/}`) are editorial notes and carry no date.
 */

import { isCalendarDate } from './calendar.js';

export interface ItemDate {
  /** The start, as written: `2021`, `2021-03` or `2021-03-22`. */
  date: string;
  /** The whole comment text, e.g. `2021-02-18/20`. */
  dateText: string;
}

const MDX_COMMENT = /\{\/\*([\s\S]*?)\*\/\}/g;
const HTML_COMMENT = /<!--([\s\S]*?)-->/g;
const ONLY_MDX_COMMENTS = /^(?:\s*\{\/\*[\s\S]*?\*\/\}\s*)+$/;
const ONLY_HTML_COMMENTS = /^(?:\s*<!--[\s\S]*?-->\s*)+$/;
// A date, partial date, or range whose end repeats only what changes: 2021-02-18/20, 2021-02-18/2021-03-02.
const DATE = /^(\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?)(?:\s*(?:\/|–|--|\.\.)\s*[\d-]+)?$/;

/** The texts of the comments when `source` consists of comments only, else null. */
export function commentTexts(source: string): string[] | null {
  const pattern = ONLY_MDX_COMMENTS.test(source) ? MDX_COMMENT : ONLY_HTML_COMMENTS.test(source) ? HTML_COMMENT : null;
  if (!pattern) return null;
  return [...source.matchAll(pattern)].map((m) => (m[1] ?? '').trim());
}

/** Reads a date comment's text; null when it is not a date, `impossible` when it is written as one but names no real day (`2021-02-31`). */
export function parseDateText(text: string): ItemDate | 'impossible' | null {
  const m = DATE.exec(text.trim());
  if (!m || !m[1]) return null;
  if (!isCalendarDate(m[1])) return 'impossible';
  return { date: m[1], dateText: text.trim() };
}

/**
 * The last date among comments that make up `source`, null when there is
 * none; `onImpossible` hears of each comment written as a date that names no
 * real day (it is dropped, never served as another day).
 */
export function dateFromComments(source: string, onImpossible: (text: string) => void = () => undefined): ItemDate | null {
  const texts = commentTexts(source);
  if (!texts) return null;
  let found: ItemDate | null = null;
  for (const text of texts) {
    const date = parseDateText(text);
    if (date === 'impossible') onImpossible(text);
    else found = date ?? found;
  }
  return found;
}
