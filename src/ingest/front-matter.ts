import matter from 'gray-matter';
import type { Problem } from './types.js';
import { isCalendarDate } from './calendar.js';
import { ISSUE_TITLE } from './issue-sniff.js';

/** What the front matter says about a newsletter issue. */
export interface IssueMeta {
  number: number;
  title: string;
  date: string;
  path: string;
  description: string;
  legacyTags: boolean;
}

export type FrontMatterResult =
  | { kind: 'issue'; meta: IssueMeta; body: string; problems: Problem[] }
  | { kind: 'not-an-issue' }
  | { kind: 'broken'; problems: Problem[] };


function isUpdateCategory(categories: unknown): boolean {
  const list = Array.isArray(categories) ? categories : [categories];
  return list.some((c) => typeof c === 'string' && c.trim().toLowerCase() === 'update');
}

function isoDay(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') {
    const m = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
    if (m?.[1] && isCalendarDate(m[1])) return m[1];
  }
  return null;
}

function yamlLine(error: unknown): number | undefined {
  const mark = (error as { mark?: { line?: number } }).mark;
  // js-yaml counts from 0 within the front matter, which starts on the file's second line.
  return typeof mark?.line === 'number' ? mark.line + 2 : undefined;
}

/**
 * Reads the front matter and decides whether `source` is a newsletter issue:
 * `categories` holds `Update`, or the title reads `eBPF Updates #N`. The body
 * comes back with the front matter blanked out, so that markdown line numbers
 * are the file's.
 */
export function readFrontMatter(source: string, file: string, folderName: string): FrontMatterResult {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Passing options turns off gray-matter's module-level cache, which would keep every file alive.
    parsed = matter(source, {});
  } catch (error) {
    const line = yamlLine(error);
    const reason = (error as Error).message.split('\n')[0] ?? 'unreadable';
    return { kind: 'broken', problems: [{ file, ...(line ? { line } : {}), message: `broken front matter: ${reason}` }] };
  }
  const data = parsed.data as Record<string, unknown>;
  const title = typeof data['title'] === 'string' ? data['title'].trim() : '';
  if (!isUpdateCategory(data['categories']) && !ISSUE_TITLE.test(title)) return { kind: 'not-an-issue' };

  if (title === '') return { kind: 'broken', problems: [{ file, line: 1, message: 'newsletter issue has no title: skipped' }] };
  const number = Number(ISSUE_TITLE.exec(title)?.[1] ?? NaN);
  if (!Number.isSafeInteger(number) || number < 1) {
    return { kind: 'broken', problems: [{ file, line: 1, message: `newsletter title has no issue number ("eBPF Updates #N"): ${JSON.stringify(title)}: skipped` }] };
  }

  const problems: Problem[] = [];
  let date = isoDay(data['date']);
  if (!date) {
    date = isoDay(folderName);
    if (!date) return { kind: 'broken', problems: [{ file, line: 1, message: 'newsletter issue has no valid date: skipped' }] };
    problems.push({ file, line: 1, message: `no valid date in front matter: using ${date} from the folder name` });
  }
  let path = typeof data['path'] === 'string' && data['path'].startsWith('/') ? data['path'].trim() : '';
  if (!path) {
    path = `/blog/${folderName.replace(/\s+/g, '-')}`;
    problems.push({ file, line: 1, message: `no path in front matter: using ${path}` });
  }

  const content = parsed.content;
  const head = source.endsWith(content) ? source.slice(0, source.length - content.length) : '';
  const body = '\n'.repeat((head.match(/\n/g) ?? []).length) + content;
  return {
    kind: 'issue',
    meta: {
      number,
      title,
      date,
      path,
      description: typeof data['description'] === 'string' ? data['description'].replace(/\s+/g, ' ').trim() : '',
      legacyTags: Array.isArray(data['tags']),
    },
    body,
    problems,
  };
}
