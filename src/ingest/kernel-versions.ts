/**
 * Kernel versions. A bare `5.10` is only a kernel version in a sentence about
 * the kernel ("version 5.5 of the Linux kernel ..., but 5.10 reintroduced");
 * elsewhere `1.10`, `v0.3.0` or `4.6.0` are releases of other software.
 */

// Linux 2.x to 9.x; not part of a longer dotted number or a `v`-prefixed tag.
const VERSION = /(?<![\w.])([2-9]\.\d{1,2})(?![\w]|\.\d)/g;
const ABOUT_KERNEL = /\b(?:linux|kernel)\b/i;
const CYCLE = /\b([2-9]\.\d{1,2})\s+(?:cycle|release|merge window)\b/gi;
// "for the 5.11 cycle", "As for the 5.13 release": the statement that places what follows in a cycle.
const CYCLE_STATEMENT = /\bfor the (?:linux |kernel )?([2-9]\.\d{1,2}) (?:cycle|release|merge window)\b/i;

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[\p{Lu}“"(])|\n{2,}/u);
}

/** Numeric order: 5.2 < 5.10. */
export function compareVersions(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
}

export function sortVersions(versions: Iterable<string>): string[] {
  return [...new Set(versions)].sort(compareVersions);
}

/** Every kernel version the text names. */
export function versionsInText(text: string): string[] {
  const found = new Set<string>();
  for (const sentence of sentences(text)) {
    for (const m of sentence.matchAll(CYCLE)) if (m[1]) found.add(m[1]);
    if (!ABOUT_KERNEL.test(sentence)) continue;
    for (const m of sentence.matchAll(VERSION)) if (m[1]) found.add(m[1]);
  }
  return sortVersions(found);
}

/** The cycle a paragraph of the kernel section announces, or null. */
export function cycleStatement(text: string): string | null {
  return CYCLE_STATEMENT.exec(text.replace(/\s+/g, ' '))?.[1] ?? null;
}
