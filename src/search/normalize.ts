/** Case- and accent-insensitive form used everywhere names and terms are compared: `Vásquez` -> `vasquez`. */
export function fold(text: string): string {
  // Most text is ASCII, where folding is lower-casing; NFD is the slow path.
  return ASCII.test(text) ? text.toLowerCase() : text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

const ASCII = /^[\x00-\x7f]*$/;

/** Folded, with runs of white space collapsed: the key for names, sections and projects. */
export function nameKey(text: string): string {
  return fold(text).replace(/\s+/g, ' ').trim();
}

/** The site's heading slug, also accepted wherever a section name is: `Deep Dives` -> `deep-dives`. */
export function slugKey(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}
