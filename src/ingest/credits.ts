/**
 * Who an item credits. Two shapes occur upstream:
 *  - right after the opening link: `[Title](url),\n from Name and Name.` (also
 *    `interview from ...`, an optional `(PDF)` or `([slides](...))` in between);
 *  - at the end of kernel-side entries: `(Name, [link](...))`.
 * Anything that does not read as a list of people's names is not a credit.
 */

const AFTER_LINK = /^\s*,?\s*(?:\([^()]*\)\s*,?\s*)*(?:interview\s+)?from\s+([^\n]+)/i;
const TRAILING = /\(([^()]+?)\s*[,.]\s*link\b(?:[^()]|\([^()]*\))*\)\s*$/i;
const ET_AL = /\s+et\s+al\.?$/i;
const NAME_WORD = /^[\p{Lu}][\p{L}\p{M}'’.-]*$/u;
const PARTICLE = /^(?:de|da|das|di|do|dos|du|van|von|der|den|del|della|le|la|bin|al|y)$/;

function isPersonName(name: string, organisations: ReadonlySet<string>): boolean {
  if (organisations.has(name.toLowerCase())) return false;
  const words = name.split(/\s+/);
  if (words.length < 1 || words.length > 5) return false;
  return words.every((w) => NAME_WORD.test(w) || PARTICLE.test(w)) && NAME_WORD.test(words[0] ?? '');
}

/** Splits `A, B and C` into names; null when any part is not a person's name. */
export function splitNames(list: string, organisations: ReadonlySet<string>): string[] | null {
  let text = list.trim();
  // A sentence-ending period is not part of the name, but an initial's is (`Pat H.`).
  if (text.endsWith('.') && !/(?:^|\s)\p{Lu}\.$/u.test(text)) text = text.slice(0, -1);
  text = text.replace(ET_AL, '');
  const names = text
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/)
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  if (names.length === 0 || !names.every((n) => isPersonName(n, organisations))) return null;
  return names;
}

/** Names credited right after the opening link; `after` is the plain text following that link. */
export function creditAfterLink(after: string, organisations: ReadonlySet<string>): string[] | null {
  const m = AFTER_LINK.exec(after);
  return m?.[1] ? splitNames(m[1], organisations) : null;
}

/** Names in a trailing kernel-style credit, `(Name, link)`. */
export function trailingCredit(text: string, organisations: ReadonlySet<string>): string[] | null {
  const m = TRAILING.exec(text.trim());
  return m?.[1] ? splitNames(m[1].replace(/\s+/g, ' '), organisations) : null;
}
