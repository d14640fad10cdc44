import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BLOG_POSTS } from '../helpers.js';

const GIT_IDENTITY = ['-c', 'user.name=Archive Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false'];

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...GIT_IDENTITY, ...args], { cwd, env: { ...process.env, LC_ALL: 'C' } }).toString().trim();
}

/**
 * A local git repository laid out like the ebpf.io website, built by the test
 * from ../shared/archive: the five issues and a few ordinary posts under
 * content/blog-posts, plus a file outside it that a sparse checkout must skip.
 * With `from`, that folder's content (our small archive, SMALL_ARCHIVE) is
 * the posts instead, for tests where what the repository holds is not the
 * point and a start should not parse the real issues.
 * Reached as a file:// URL, never over the network.
 */
export function makeUpstreamRepo(root: string, { from }: { from?: string } = {}): { dir: string; url: string } {
  const dir = join(root, 'upstream');
  const posts = join(dir, 'content', 'blog-posts');
  mkdirSync(posts, { recursive: true });
  const source = from ?? BLOG_POSTS;
  const folders = from ? readdirSync(from) : readdirSync(BLOG_POSTS).filter((f) => f.endsWith('-ebpf-updates') || f.startsWith('2018-') || f.startsWith('2020-02-'));
  for (const folder of folders) cpSync(join(source, folder), join(posts, folder), { recursive: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  cpSync(join(source, folders[0]!, 'index.md'), join(dir, 'src', 'not-an-archive.md'));
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '.');
  git(dir, 'commit', '--quiet', '-m', 'posts');
  // Let shallow, filtered clones over file:// work as they do against GitHub.
  git(dir, 'config', 'uploadpack.allowFilter', 'true');
  return { dir, url: `file://${dir}` };
}
