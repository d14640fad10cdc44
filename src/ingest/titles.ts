import GithubSlugger from 'github-slugger';

/** Titles derived from prose stop at a readable length, on a word boundary. */
export const MAX_TITLE_LENGTH = 120;

/** The first sentence of `text`, without its final period, trimmed to MAX_TITLE_LENGTH. */
export function firstSentence(text: string, max = MAX_TITLE_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  // A sentence ends at . ! ? or : followed by a space; `v0.3.0`, `Optimyze.cloud` and `e.g.` do not end one.
  const m = /^(.+?(?<!\be\.g|\bi\.e|\bvs|\betc|\bSt|\bDr|\bMr|\bMs)[.!?:])(?:\s|$)/u.exec(flat);
  let sentence = (m?.[1] ?? flat).replace(/[.:]$/, '').trim();
  if (sentence.length > max) {
    const cut = sentence.slice(0, max - 1);
    const space = cut.lastIndexOf(' ');
    sentence = `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '')}…`;
  }
  return sentence;
}

/** The anchor the site gives a heading (github-slugger, as gatsby-remark-autolink-headers does). */
export function headingSlugger(): { slug(text: string): string } {
  const slugger = new GithubSlugger();
  return { slug: (text: string) => slugger.slug(text) };
}

const MAX_ID_SLUG = 60;

/** URL-safe slug of a title for item ids: ASCII, lower case, at most MAX_ID_SLUG characters on a word boundary. */
export function idSlug(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= MAX_ID_SLUG) return ascii || 'item';
  const cut = ascii.slice(0, MAX_ID_SLUG + 1);
  const dash = cut.lastIndexOf('-');
  return (dash > 20 ? cut.slice(0, dash) : ascii.slice(0, MAX_ID_SLUG)).replace(/-+$/, '');
}
