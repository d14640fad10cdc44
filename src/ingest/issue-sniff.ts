/** An eBPF Updates issue's title: `eBPF Updates #12: ...`. */
export const ISSUE_TITLE = /\beBPF Updates\s*#\s*(\d+)/i;
const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---/;

/**
 * A cheap look before any parsing: a file whose front matter names neither
 * the `Update` category nor an `eBPF Updates #N` title cannot be an issue.
 * Most of the blog is articles; this keeps them from costing a YAML parse,
 * and the process that only reads files from loading the parser at all.
 */
export function mayBeIssue(source: string): boolean {
  const block = FRONT_MATTER.exec(source.slice(0, 16_384))?.[1];
  return block !== undefined && (/\bupdate\b/i.test(block) || ISSUE_TITLE.test(block));
}
