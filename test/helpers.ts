import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The real archive beside the repo (../shared/archive); CI has it too, so tests never skip it. */
export const SHARED_ARCHIVE = fileURLToPath(new URL('../../shared/archive/', import.meta.url));
export const BLOG_POSTS = `${SHARED_ARCHIVE}blog-posts`;
export const LEGACY = `${SHARED_ARCHIVE}legacy`;
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

if (!existsSync(BLOG_POSTS)) {
  throw new Error(`the real archive is missing: expected ${BLOG_POSTS} (see ../shared/archive/README.md)`);
}
