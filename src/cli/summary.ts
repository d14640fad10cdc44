import type { Archive } from '../ingest/index.js';

/** A human-readable summary of an indexed archive: issues, items per issue and per top-level section, problems. */
export function formatSummary(archive: Archive, root: string): string {
  const lines: string[] = [];
  lines.push(`Indexed ${archive.issues.length} issues, ${archive.items.length} items from ${root}`);
  lines.push('');
  lines.push('Issues:');
  for (const issue of archive.issues) {
    lines.push(`  #${String(issue.number).padEnd(3)} ${issue.date}  ${String(issue.itemCount).padStart(4)} items  ${issue.file}`);
  }
  const perSection = new Map<string, number>();
  for (const item of archive.items) {
    const top = item.sectionPath[0] ?? '(no section)';
    perSection.set(top, (perSection.get(top) ?? 0) + 1);
  }
  lines.push('');
  lines.push('Items per top-level section:');
  for (const [section, count] of [...perSection].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    lines.push(`  ${String(count).padStart(4)}  ${section}`);
  }
  lines.push('');
  lines.push(archive.problems.length === 0 ? 'Problems: none' : `Problems (${archive.problems.length}):`);
  for (const p of archive.problems) lines.push(`  ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
  return `${lines.join('\n')}\n`;
}
