import { createHash } from 'node:crypto';
import { idSlug } from './titles.js';

/**
 * Gives each item `<issue>-<title slug>`. A later item whose slug is taken gets
 * a suffix hashed from its own url and text, not a counter, so adding or
 * moving other items never changes an id.
 */
export function assignIds(issueNumber: number, drafts: { title: string; url: string | null; text: string }[]): string[] {
  const taken = new Set<string>();
  return drafts.map((draft) => {
    const base = `${issueNumber}-${idSlug(draft.title)}`;
    let id = base;
    for (let salt = 0; taken.has(id); salt++) {
      const hash = createHash('sha1').update(`${salt}\0${draft.url ?? ''}\0${draft.text}`).digest('hex').slice(0, 6);
      id = `${base}-${hash}`;
    }
    taken.add(id);
    return id;
  });
}
